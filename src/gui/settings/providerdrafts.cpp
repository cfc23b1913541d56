#include "gui/settings/providerdrafts.h"

#include "core/config/configstore.h"
#include "core/config/crushimport.h"
#include "core/config/resolve.h"

#include <QRegularExpression>

namespace Sluice {

QList<ProviderEntry> ProviderDrafts::entries(const QList<ProviderDraft> &drafts)
{
    QList<ProviderEntry> list;
    for (const ProviderDraft &d : drafts)
        list.append(d.entry);
    return list;
}

QList<ProviderDraft> ProviderDrafts::fromConfig(const Config &config)
{
    QList<ProviderDraft> drafts;
    for (const ProviderEntry &p : config.providers) {
        const bool inKeychain = !keychainAccount(p).isEmpty();
        const QString shown = inKeychain ? QString() : p.apiKey;
        drafts.append({p, shown, shown, p.apiKey, p.id});
    }
    return drafts;
}

ProviderDraft ProviderDrafts::duplicate(const QList<ProviderDraft> &drafts, int row)
{
    ProviderDraft copy = drafts.at(row);
    Config ids;
    for (const ProviderDraft &d : drafts)
        ids.providers.append(d.entry);
    copy.entry.id = ids.uniqueProviderId(copy.entry.id);
    copy.entry.name = copyName(drafts, copy.entry.displayName());
    copy.entry.apiKey.clear();
    copy.savedKeyText.clear(); // a new provider: its key is saved afresh under its own id
    copy.savedApiKey.clear();
    copy.savedId.clear();
    return copy;
}

QString ProviderDrafts::copyName(const QList<ProviderDraft> &drafts, const QString &name)
{
    static const QRegularExpression copied(QStringLiteral("^(.*) \\(copy(?: \\d+)?\\)$"));
    // The suffix as the dialog writes it, in whatever language it is shown.
    const QString marker = tr("%1 (copy)");
    QString base = name;
    if (const QRegularExpressionMatch m = copied.match(name); m.hasMatch())
        base = m.captured(1);
    QStringList names;
    for (const ProviderDraft &d : drafts)
        names.append(d.entry.displayName());
    QString candidate = marker.arg(base);
    for (int n = 2; names.contains(candidate); ++n)
        candidate = tr("%1 (copy %2)").arg(base).arg(n);
    return candidate;
}

ProviderDrafts::Imported ProviderDrafts::importCrush(QList<ProviderDraft> &drafts,
                                                     const CrushImport &import,
                                                     const ConfigStore &store,
                                                     const QString &defaultProvider,
                                                     const QString &defaultModel)
{
    Config merged;
    QStringList implicitIds; // never saved and untouched: the built-in defaults of a first run
    for (const ProviderDraft &d : std::as_const(drafts)) {
        merged.providers.append(d.entry);
        const ProviderEntry *stored = store.config().provider(d.entry.id);
        if (store.lastLoad() == ConfigStore::LoadResult::FirstRun && stored && *stored == d.entry &&
            d.keyText == d.savedKeyText)
            implicitIds.append(d.entry.id);
    }
    merged.defaultProvider = defaultProvider;
    merged.defaultModel = defaultModel;
    const qsizetype before = merged.providers.size();
    QStringList notes = import.notes;
    mergeImport(merged, import, &notes, implicitIds);
    int first = -1;
    for (qsizetype i = 0; i < merged.providers.size(); ++i) {
        const ProviderEntry &p = merged.providers.at(i);
        const bool replaced =
            i < before && implicitIds.contains(p.id) && !(p == drafts.at(i).entry);
        if (i < before && !replaced)
            continue;
        const QString keyText = keychainAccount(p).isEmpty() ? p.apiKey : QString();
        ProviderEntry entry = p;
        entry.apiKey.clear();
        const ProviderDraft draft{entry, keyText, QString(), QString(), QString()};
        if (replaced)
            drafts[i] = draft;
        else
            drafts.append(draft);
        if (first < 0)
            first = int(i);
    }
    return {first, merged.defaultProvider, merged.defaultModel, notes};
}

} // namespace Sluice
