// Where API keys live when they are not in the config file: the OS keychain (see
// KeychainSecretStore) or, in tests, memory. Every call is asynchronous, like the keychains
// themselves: the callback runs later from the event loop, and never once `context` is gone.
#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <functional>

namespace Sluice {

struct SecretResult
{
    enum class Status {
        Ok,
        NotFound,    // the keychain works but holds no such entry
        Unavailable, // no keychain is reachable (no Secret Service, no KWallet …)
        Failed,      // access denied or another error; see message
    };
    Status status = Status::Failed;
    QString secret;  // for a successful read
    QString message; // why it failed, safe to show (never contains the secret)

    bool ok() const { return status == Status::Ok; }
};

class SecretStore
{
public:
    using Callback = std::function<void(const SecretResult &)>;

    virtual ~SecretStore() = default;
    // `account` is the provider id.
    virtual void read(const QString &account, QObject *context, Callback done) = 0;
    virtual void write(const QString &account, const QString &secret, QObject *context,
                       Callback done) = 0;
    virtual void remove(const QString &account, QObject *context, Callback done) = 0;
};

// Keeps secrets in a hash. `setAvailable(false)` makes it behave like a machine without a
// keychain, which is how tests reach the plaintext fallback.
class MemorySecretStore final : public SecretStore
{
public:
    void read(const QString &account, QObject *context, Callback done) override;
    void write(const QString &account, const QString &secret, QObject *context,
               Callback done) override;
    void remove(const QString &account, QObject *context, Callback done) override;

    void setAvailable(bool available) { m_available = available; }
    QHash<QString, QString> secrets; // account → secret

private:
    void finishLater(QObject *context, Callback done, SecretResult result);
    bool m_available = true;
};

// Reads every account, then calls `done` once with all the results (account → result).
void readSecrets(SecretStore &store, const QStringList &accounts, QObject *context,
                 std::function<void(const QHash<QString, SecretResult> &)> done);

} // namespace Sluice
