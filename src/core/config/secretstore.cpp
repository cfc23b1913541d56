#include "core/config/secretstore.h"

#include <QCoreApplication>
#include <QTimer>

#include <memory>

namespace Sluice {

namespace {

class SecretText final
{
    Q_DECLARE_TR_FUNCTIONS(Sluice::SecretStore)
};

SecretResult unavailable()
{
    return {SecretResult::Status::Unavailable,
            {},
            SecretText::tr("No keychain is available on this system.")};
}

} // namespace

void MemorySecretStore::finishLater(QObject *context, Callback done, SecretResult result)
{
    QTimer::singleShot(0, context, [done = std::move(done), result] { done(result); });
}

void MemorySecretStore::read(const QString &account, QObject *context, Callback done)
{
    if (!m_available)
        return finishLater(context, std::move(done), unavailable());
    const auto it = secrets.constFind(account);
    if (it == secrets.constEnd()) {
        return finishLater(context, std::move(done),
                           {SecretResult::Status::NotFound,
                            {},
                            SecretText::tr("The keychain has no key for \"%1\".").arg(account)});
    }
    finishLater(context, std::move(done), {SecretResult::Status::Ok, *it, {}});
}

void MemorySecretStore::write(const QString &account, const QString &secret, QObject *context,
                              Callback done)
{
    if (!m_available)
        return finishLater(context, std::move(done), unavailable());
    secrets.insert(account, secret);
    finishLater(context, std::move(done), {SecretResult::Status::Ok, {}, {}});
}

void MemorySecretStore::remove(const QString &account, QObject *context, Callback done)
{
    if (!m_available)
        return finishLater(context, std::move(done), unavailable());
    secrets.remove(account);
    finishLater(context, std::move(done), {SecretResult::Status::Ok, {}, {}});
}

void readSecrets(SecretStore &store, const QStringList &accounts, QObject *context,
                 std::function<void(const QHash<QString, SecretResult> &)> done)
{
    struct Pending
    {
        QHash<QString, SecretResult> results;
        qsizetype remaining = 0;
        std::function<void(const QHash<QString, SecretResult> &)> done;
    };
    auto pending = std::make_shared<Pending>();
    pending->done = std::move(done);
    QStringList unique = accounts;
    unique.removeDuplicates();
    pending->remaining = unique.size();
    if (unique.isEmpty()) {
        QTimer::singleShot(0, context, [pending] { pending->done({}); });
        return;
    }
    for (const QString &account : unique) {
        store.read(account, context, [pending, account](const SecretResult &r) {
            pending->results.insert(account, r);
            if (--pending->remaining == 0)
                pending->done(pending->results);
        });
    }
}

} // namespace Sluice
