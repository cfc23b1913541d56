// From the file's ProviderEntry (with references) to the ProviderConfig the network layer
// uses (with the key and header values expanded).
#pragma once

#include "core/chat/chattypes.h"
#include "core/config/config.h"
#include "core/config/secretstore.h"

#include <QHash>
#include <QProcessEnvironment>

#include <optional>

namespace Sluice {

// api_key values that mean "the key is in the keychain": "keychain:" (account = provider id)
// or "keychain:ACCOUNT".
QString keychainReference(const QString &account = QString());
// The keychain account an api_key refers to, or an empty string when it is not a keychain
// reference. `providerId` fills in the short form "keychain:".
QString keychainAccount(const ProviderEntry &provider);
// Every keychain account the providers refer to (what readSecrets() should fetch).
QStringList keychainAccounts(const Config &config);

struct ResolvedProvider
{
    std::optional<ProviderConfig> config;
    QString error; // one sentence naming the provider (and the variable), never the key
};

// Expands the key ($VAR, ${VAR}, keychain:) and the header values; keychain references are
// looked up in `secrets` (from readSecrets()).
ResolvedProvider resolveProvider(const ProviderEntry &provider, const QProcessEnvironment &env,
                                 const QHash<QString, SecretResult> &secrets = {});

} // namespace Sluice
