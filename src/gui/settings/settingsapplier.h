// Saving the settings dialog: API keys to the system keychain (or, when the user allows it,
// into sluice.json), then sluice.json itself; keys nobody refers to any more leave the
// keychain. The dialog keeps the form; this keeps what saving needs between its steps.
#pragma once

#include "core/config/config.h"
#include "gui/settings/providerdrafts.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>

namespace Sluice {

class ConfigStore;
class SecretStore;

class SettingsApplier final : public QObject
{
    Q_OBJECT
public:
    // Asked when the keychain cannot store a key: true writes the key into sluice.json.
    using KeepKeyInFile = std::function<bool(const QString &question)>;

    SettingsApplier(ConfigStore *store, SecretStore *secrets, KeepKeyInFile keepKeyInFile,
                    QObject *parent = nullptr);

    // A draft that cannot be saved: which, why, and whether its id (else its base URL) is wrong.
    struct Problem
    {
        int row = -1;
        bool inId = true;
        QString message;
    };
    // The first problem of the drafts; of two with one id, the one being edited is to fix.
    static std::optional<Problem> check(const QList<ProviderDraft> &drafts, int editing);

    // A keychain account that the next save removes, unless a provider still uses it.
    void forgetAccount(const QString &account) { m_removedAccounts.append(account); }

    // Stores the keys that changed. Asynchronous (the keychain is): ends with keysStored()
    // (the drafts' api_key fields as they go into the file) or failed().
    void storeKeys(QList<ProviderDraft> drafts);
    // Writes `config` with the drafts as its providers. On success the drafts are marked
    // saved, `renamed` holds the ids that changed (old → new) and unused keys leave the
    // keychain; on failure `error` says why.
    bool save(QList<ProviderDraft> &drafts, Config config, QHash<QString, QString> *renamed,
              QString *error);

Q_SIGNALS:
    void keysStored(const QList<Sluice::ProviderDraft> &drafts);
    // The keychain could not store a key (whatever the user then chose).
    void keychainUnavailable();
    // The user would not write a key into the file: nothing was saved.
    void failed(const QString &message);

private:
    ConfigStore *m_store;
    SecretStore *m_secrets;
    KeepKeyInFile m_keepKeyInFile;
    QStringList m_removedAccounts;
};

} // namespace Sluice
