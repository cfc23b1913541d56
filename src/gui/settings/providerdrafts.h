// The providers the settings dialog edits, as drafts (each with what was last saved), and
// what adding, duplicating and importing do to the list.
#pragma once

#include "core/config/config.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>

namespace Sluice {

class ConfigStore;
struct CrushImport;

// A provider as the dialog edits it, and as it was last saved.
struct ProviderDraft
{
    ProviderEntry entry;
    QString keyText;      // what the key field shows
    QString savedKeyText; // … as last saved / loaded
    QString savedApiKey;  // the file's api_key as last saved
    QString savedId;      // the id as last saved; empty for a provider not saved yet
};

class ProviderDrafts final
{
    Q_DECLARE_TR_FUNCTIONS(Sluice::ProviderDrafts)
public:
    static QList<ProviderEntry> entries(const QList<ProviderDraft> &drafts);
    // The configured providers; keys in the keychain are read later (their field is empty).
    static QList<ProviderDraft> fromConfig(const Config &config);
    // A copy of `drafts[row]`: a new id and name, its key to be saved afresh under its id.
    static ProviderDraft duplicate(const QList<ProviderDraft> &drafts, int row);
    // "Ollama" → "Ollama (copy)"; a copy of that → "Ollama (copy 2)", not "… (copy) (copy)".
    static QString copyName(const QList<ProviderDraft> &drafts, const QString &name);

    struct Imported
    {
        int first = -1; // the first draft added or replaced; -1: none
        QString defaultProvider;
        QString defaultModel;
        QStringList notes;
    };
    // Merges a crush.json import into the drafts. Providers of a first run the user never
    // touched give way to imported ones of the same id; the default may change.
    static Imported importCrush(QList<ProviderDraft> &drafts, const CrushImport &import,
                                const ConfigStore &store, const QString &defaultProvider,
                                const QString &defaultModel);
};

} // namespace Sluice
