#include "gui/settings/settingsapplier.h"

#include "core/config/configstore.h"
#include "core/config/envexpand.h"
#include "core/config/resolve.h"
#include "core/config/secretstore.h"
#include "core/config/urls.h"

#include <memory>

namespace Sluice {

namespace {

// The environment variable to suggest for a provider's key: "openai" → OPENAI_API_KEY.
QString suggestedKeyVariable(const QString &providerId)
{
    QString name;
    for (QChar c : providerId.toUpper())
        name.append(c.isLetterOrNumber() && c.unicode() < 128 ? c : u'_');
    return name + QStringLiteral("_API_KEY");
}

} // namespace

SettingsApplier::SettingsApplier(ConfigStore *store, SecretStore *secrets,
                                 KeepKeyInFile keepKeyInFile, QObject *parent)
    : QObject(parent), m_store(store), m_secrets(secrets), m_keepKeyInFile(std::move(keepKeyInFile))
{}

std::optional<SettingsApplier::Problem> SettingsApplier::check(const QList<ProviderDraft> &drafts,
                                                               int editing)
{
    QStringList ids;
    for (int i = 0; i < drafts.size(); ++i) {
        const ProviderEntry &e = drafts.at(i).entry;
        QString message;
        bool idProblem = true;
        if (!isValidProviderId(e.id)) {
            message = tr("Not saved: the identifier of \"%1\" may hold only letters, digits, "
                         "\"-\", \"_\" and \".\", starting with a letter or digit.")
                          .arg(e.displayName());
        } else if (ids.contains(e.id)) {
            message = tr("Not saved: two providers have the identifier \"%1\".").arg(e.id);
        } else if (const QString problem = baseUrlProblem(e.baseUrl); !problem.isEmpty()) {
            message = tr("Not saved: the base URL of \"%1\" %2.").arg(e.displayName(), problem);
            idProblem = false;
        }
        ids.append(e.id);
        if (message.isEmpty())
            continue;
        // Two with one id: the one being edited is the one to fix.
        const bool isEditing = editing >= 0 && drafts.at(editing).entry.id == e.id;
        return Problem{idProblem && isEditing ? editing : i, idProblem, message};
    }
    return std::nullopt;
}

void SettingsApplier::storeKeys(QList<ProviderDraft> allDrafts)
{
    struct Pending
    {
        QList<ProviderDraft> drafts;
        int remaining = 1; // released after the loop
        QList<int> toKeychain;
        QStringList failures;
        int firstFailed = -1; // the draft whose key the keychain refused first
    };
    auto pending = std::make_shared<Pending>();
    pending->drafts = std::move(allDrafts);
    QList<ProviderDraft> &drafts = pending->drafts;
    auto finishKeys = [this, pending] {
        QList<ProviderDraft> &pendingDrafts = pending->drafts;
        if (--pending->remaining > 0)
            return;
        bool keepInFile = false;
        if (!pending->failures.isEmpty()) {
            Q_EMIT keychainUnavailable();
            const ProviderEntry &failed = pendingDrafts.at(pending->firstFailed).entry;
            const QString variable = suggestedKeyVariable(failed.id);
            //: %1 a provider's name, %2 why the keychain failed, %3 an environment variable
            keepInFile = m_keepKeyInFile(
                tr("The API key of \"%1\" cannot be stored in the system keychain: "
                   "%2\n\nWrite it into sluice.json in plain text? Only your user "
                   "account can read that file.\n\nOr put the key in an environment "
                   "variable and enter $%3 as the key instead.")
                    .arg(failed.displayName(), pending->failures.first(), variable));
            if (!keepInFile) {
                Q_EMIT this->failed(
                    tr("Not saved: no keychain can store the API key of \"%1\". Enter $%2 as "
                       "the key (and set that environment variable), or allow sluice.json.")
                        .arg(failed.displayName(), variable));
                return;
            }
        }
        for (int i : std::as_const(pending->toKeychain)) {
            pendingDrafts[i].entry.apiKey =
                keepInFile ? pendingDrafts.at(i).keyText : keychainReference();
        }
        Q_EMIT keysStored(pendingDrafts);
    };

    for (int i = 0; i < drafts.size(); ++i) {
        ProviderDraft &d = drafts[i];
        ProviderEntry before = d.entry; // as saved: its key's keychain account
        before.apiKey = d.savedApiKey;
        if (!d.savedId.isEmpty())
            before.id = d.savedId;
        const QString savedAccount = keychainAccount(before);
        if (d.keyText == d.savedKeyText) {
            d.entry.apiKey = d.savedApiKey;
            // "keychain:" means the account named like the provider: a new id names the old
            // account explicitly, so the key is still found.
            if (d.savedApiKey == keychainReference() && before.id != d.entry.id)
                d.entry.apiKey = keychainReference(before.id);
        } else if (d.keyText.isEmpty() || isVariableReference(d.keyText)) {
            d.entry.apiKey = d.keyText;
            if (!savedAccount.isEmpty())
                m_removedAccounts.append(savedAccount);
        } else if (!m_secrets) {
            pending->failures.append(tr("No keychain is available."));
            pending->toKeychain.append(i);
            if (pending->firstFailed < 0)
                pending->firstFailed = i;
        } else {
            if (!savedAccount.isEmpty() && savedAccount != d.entry.id)
                m_removedAccounts.append(savedAccount); // unless another uses it
            ++pending->remaining;
            pending->toKeychain.append(i);
            m_secrets->write(d.entry.id, d.keyText, this,
                             [pending, finishKeys, i](const SecretResult &r) {
                                 if (!r.ok()) {
                                     pending->failures.append(r.message);
                                     if (pending->firstFailed < 0)
                                         pending->firstFailed = i;
                                 }
                                 finishKeys();
                             });
        }
    }
    finishKeys();
}

bool SettingsApplier::save(QList<ProviderDraft> &drafts, Config config,
                           QHash<QString, QString> *renamed, QString *error)
{
    config.providers.clear();
    for (const ProviderDraft &d : std::as_const(drafts))
        config.providers.append(d.entry);
    if (!config.provider(config.defaultProvider)) {
        config.defaultProvider.clear();
        config.defaultModel.clear();
    }
    m_store->setConfig(config);
    if (!m_store->save(error))
        return false;
    for (ProviderDraft &d : drafts) {
        d.savedKeyText = d.keyText;
        d.savedApiKey = d.entry.apiKey;
        if (!d.savedId.isEmpty() && d.savedId != d.entry.id)
            renamed->insert(d.savedId, d.entry.id);
        d.savedId = d.entry.id;
    }
    // Keys nobody refers to any more leave the keychain too.
    const QStringList stillUsed = keychainAccounts(config);
    for (const QString &account : std::as_const(m_removedAccounts)) {
        if (m_secrets && !stillUsed.contains(account))
            m_secrets->remove(account, this, [](const SecretResult &) {});
    }
    m_removedAccounts.clear();
    return true;
}

} // namespace Sluice
