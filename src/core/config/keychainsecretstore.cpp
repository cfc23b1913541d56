#include "core/config/keychainsecretstore.h"

#include <QCoreApplication>

#include <qt6keychain/keychain.h>

namespace Sluice {

namespace {

class KeychainText final
{
    Q_DECLARE_TR_FUNCTIONS(Sluice::KeychainSecretStore)
};

SecretResult resultOf(const QKeychain::Job &job, const QString &account)
{
    SecretResult r;
    switch (job.error()) {
    case QKeychain::NoError:
        r.status = SecretResult::Status::Ok;
        return r;
    case QKeychain::EntryNotFound:
        r.status = SecretResult::Status::NotFound;
        r.message = KeychainText::tr("The keychain has no key for \"%1\".").arg(account);
        return r;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        r.status = SecretResult::Status::Unavailable;
        r.message = KeychainText::tr("No keychain is available on this system (%1).")
                        .arg(job.errorString());
        return r;
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        r.status = SecretResult::Status::Failed;
        r.message =
            KeychainText::tr("The keychain refused access to the key for \"%1\".").arg(account);
        return r;
    case QKeychain::CouldNotDeleteEntry:
        r.status = SecretResult::Status::Failed;
        r.message = KeychainText::tr("The keychain could not delete the key for \"%1\": %2")
                        .arg(account, job.errorString());
        return r;
    case QKeychain::OtherError:
        break;
    }
    // On Linux a missing session bus, Secret Service or KWallet comes back as OtherError with
    // a D-Bus or libsecret message. Access problems have their own codes above, so anything
    // else means the keychain cannot be used here: the caller may offer the file instead.
    r.status = SecretResult::Status::Unavailable;
    r.message = KeychainText::tr("The keychain could not be used: %1").arg(job.errorString());
    return r;
}

template <typename JobT>
void run(JobT *job, const QString &account, QObject *context, SecretStore::Callback done)
{
    job->setAutoDelete(true);
    job->setKey(account);
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [job, account, done = std::move(done)] {
                         SecretResult r = resultOf(*job, account);
                         if constexpr (std::is_same_v<JobT, QKeychain::ReadPasswordJob>) {
                             if (r.ok())
                                 r.secret = job->textData();
                         }
                         done(r);
                     });
    job->start();
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service) : m_service(std::move(service)) {}

void KeychainSecretStore::read(const QString &account, QObject *context, Callback done)
{
    run(new QKeychain::ReadPasswordJob(m_service), account, context, std::move(done));
}

void KeychainSecretStore::write(const QString &account, const QString &secret, QObject *context,
                                Callback done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setTextData(secret);
    run(job, account, context, std::move(done));
}

void KeychainSecretStore::remove(const QString &account, QObject *context, Callback done)
{
    run(new QKeychain::DeletePasswordJob(m_service), account, context, std::move(done));
}

} // namespace Sluice
