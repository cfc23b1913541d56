// API keys in the OS keychain through QtKeychain: Secret Service or KWallet on Linux, the
// Keychain on macOS, the Credential Manager on Windows. Service "Sluice", account = provider id.
#pragma once

#include "core/config/secretstore.h"

namespace Sluice {

class KeychainSecretStore final : public SecretStore
{
public:
    explicit KeychainSecretStore(QString service = QStringLiteral("Sluice"));

    void read(const QString &account, QObject *context, Callback done) override;
    void write(const QString &account, const QString &secret, QObject *context,
               Callback done) override;
    void remove(const QString &account, QObject *context, Callback done) override;

private:
    QString m_service;
};

} // namespace Sluice
