#include "core/storage/historydatabase.h"

#include "core/storage/historyfiles.h"
#include "core/storage/schema.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUrl>

namespace Sluice::HistoryDatabase {

namespace {

enum class Outcome { Ready, Damaged, Newer, Older, Failed };

struct Attempt
{
    Outcome outcome = Outcome::Failed;
    QString detail;
    int foundVersion = -1;
    bool busy = false; // failed only because another connection held the lock
};

// SQLite's primary result codes that mean "this file is not a usable database". Not
// SQLITE_CANTOPEN or SQLITE_READONLY: a healthy file in a read-only folder, or with another
// user's -wal/-shm beside it, is not damaged and must never be moved aside.
bool isDamage(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok) & 0xff;
    if (!ok)
        return false;
    constexpr int kCorrupt = 11, kNotADatabase = 26;
    return code == kCorrupt || code == kNotADatabase;
}

// SQLITE_BUSY / SQLITE_LOCKED: another process holds the file for a moment (two first starts
// at once both setting up a new database: parts of that do not wait on the busy timeout).
bool isBusy(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok) & 0xff;
    constexpr int kBusy = 5, kLocked = 6;
    return ok && (code == kBusy || code == kLocked);
}

void setError(Attempt &attempt, const QSqlError &error)
{
    attempt.outcome = isDamage(error) ? Outcome::Damaged : Outcome::Failed;
    attempt.detail = error.text();
    attempt.busy = isBusy(error);
}

bool exec(QSqlDatabase &db, const QString &statement, QSqlError *error)
{
    QSqlQuery query(db);
    if (query.exec(statement))
        return true;
    *error = query.lastError();
    return false;
}

Attempt prepare(QSqlDatabase &db, Mode mode)
{
    Attempt attempt;
    if (!db.open()) {
        setError(attempt, db.lastError());
        return attempt;
    }
    // Read the version before anything writes: a newer database is left exactly as it is.
    QSqlError error;
    {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next()) {
            error = query.lastError();
            setError(attempt, error);
            return attempt;
        }
        attempt.foundVersion = query.value(0).toInt();
    }
    if (attempt.foundVersion > Schema::kCurrentVersion) {
        attempt.outcome = Outcome::Newer;
        return attempt;
    }
    if (mode == Mode::ReadOnly && attempt.foundVersion > 0 &&
        attempt.foundVersion < Schema::kCurrentVersion) {
        attempt.outcome = Outcome::Older; // updating it is a write
        return attempt;
    }
    const bool pragmasOk =
        (mode == Mode::ReadOnly || exec(db, QStringLiteral("PRAGMA journal_mode=WAL"), &error)) &&
        exec(db, QStringLiteral("PRAGMA synchronous=NORMAL"), &error) &&
        exec(db, QStringLiteral("PRAGMA foreign_keys=ON"), &error) &&
        // Touch both tables' pages so a damaged file shows itself now, not mid-session.
        (attempt.foundVersion < 1 ||
         (exec(db, QStringLiteral("SELECT max(id), count(*) FROM conversations"), &error) &&
          exec(db, QStringLiteral("SELECT max(id) FROM messages"), &error)));
    if (!pragmasOk) {
        setError(attempt, error);
        return attempt;
    }
    // SQLite opens a file it may not write (a read-only folder or disk, another user's
    // files) read-only without a word; taking the write lock finds out before a reply does.
    if (mode == Mode::ReadWrite) {
        const bool writable =
            exec(db, QStringLiteral("BEGIN IMMEDIATE"), &error) &&
            exec(db, QStringLiteral("PRAGMA user_version = %1").arg(attempt.foundVersion), &error);
        QSqlError ignored;
        exec(db, QStringLiteral("ROLLBACK"), &ignored);
        if (!writable) {
            setError(attempt, error);
            return attempt;
        }
    }
    QString migrationError;
    if (mode == Mode::ReadWrite && !Schema::migrate(db, &migrationError)) {
        attempt.outcome = Outcome::Failed;
        attempt.detail = migrationError;
        return attempt;
    }
    attempt.outcome = Outcome::Ready;
    return attempt;
}

void drop(const QString &connectionName)
{
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
}

Attempt attemptOnce(const QString &connectionName, const QString &filePath, Mode mode,
                    bool immutable)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
    // Writers wait for each other (other windows, `sluice run --save`) instead of failing.
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs);
    if (mode == Mode::ReadOnly)
        options += QStringLiteral(";QSQLITE_OPEN_READONLY");
    if (immutable) {
        // A WAL database in a folder nobody may write to: no -wal file can exist, so the
        // file alone is the whole database.
        options += QStringLiteral(";QSQLITE_OPEN_URI");
        db.setDatabaseName(QUrl::fromLocalFile(filePath).toString(QUrl::FullyEncoded) +
                           QStringLiteral("?immutable=1"));
    } else {
        db.setDatabaseName(filePath);
    }
    db.setConnectOptions(options);
    return prepare(db, mode);
}

// Opens, and tries again while another process holds a lock that SQLite's busy timeout does
// not wait for, up to that same timeout.
Attempt attemptOpen(const QString &connectionName, const QString &filePath,
                    Mode mode = Mode::ReadWrite, bool immutable = false)
{
    QElapsedTimer waited;
    waited.start();
    for (;;) {
        Attempt attempt = attemptOnce(connectionName, filePath, mode, immutable);
        if (!attempt.busy || attempt.outcome == Outcome::Ready || waited.elapsed() > kBusyTimeoutMs)
            return attempt;
        drop(connectionName);
        QThread::msleep(20);
    }
}

bool moveAside(const QString &filePath, QString *asidePath)
{
    *asidePath = asideName(filePath);
    if (!QFile::rename(filePath, *asidePath))
        return false;
    // The journal files belong to the damaged copy; keep them with it.
    for (const QLatin1StringView suffix : {QLatin1StringView("-wal"), QLatin1StringView("-shm")}) {
        if (QFileInfo::exists(filePath + suffix))
            QFile::rename(filePath + suffix, *asidePath + suffix);
    }
    return true;
}

} // namespace

OpenResult openInMemory(const QString &connectionName)
{
    OpenResult result;
    const Attempt attempt = attemptOpen(connectionName, QStringLiteral(":memory:"));
    result.ok = attempt.outcome == Outcome::Ready;
    result.persistent = false;
    if (!result.ok) {
        result.error = attempt.detail;
        drop(connectionName);
    }
    return result;
}

namespace {

QString cannotOpen(const QString &filePath, const QString &detail)
{
    const QString why = HistoryFiles::whyNotWritable(filePath);
    if (!why.isEmpty())
        return QCoreApplication::translate("Sluice::HistoryDatabase",
                                           "the history database %1 cannot be written: %2.")
            .arg(QDir::toNativeSeparators(filePath), why);
    return QCoreApplication::translate("Sluice::HistoryDatabase",
                                       "the history database %1 could not be opened (%2).")
        .arg(QDir::toNativeSeparators(filePath), detail);
}

// For reading commands: nothing is created, migrated, repaired or moved.
OpenResult openReadOnly(const QString &connectionName, const QString &filePath)
{
    OpenResult result;
    const QString native = QDir::toNativeSeparators(filePath);
    auto say = [](const char *text) {
        return QCoreApplication::translate("Sluice::HistoryDatabase", text);
    };
    if (!QFileInfo::exists(filePath)) {
        result.error = say("The history database %1 does not exist.").arg(native);
        return result;
    }
    Attempt attempt = attemptOpen(connectionName, filePath, Mode::ReadOnly);
    if (attempt.outcome == Outcome::Failed && !QFileInfo::exists(filePath + u"-wal") &&
        !HistoryFiles::whyNotWritable(filePath).isEmpty()) {
        // SQLite cannot make the -shm of a WAL database in a read-only folder.
        drop(connectionName);
        attempt = attemptOpen(connectionName, filePath, Mode::ReadOnly, true);
    }
    switch (attempt.outcome) {
    case Outcome::Ready:
        result.ok = true;
        return result;
    case Outcome::Newer:
        result.error = say("The history database %1 was written by a newer version of Sluice "
                           "(schema %2; this version knows up to %3).")
                           .arg(native)
                           .arg(attempt.foundVersion)
                           .arg(Schema::kCurrentVersion);
        break;
    case Outcome::Older:
        result.error = say("The history database %1 is from an older version of Sluice; open "
                           "the Sluice window once to update it.")
                           .arg(native);
        break;
    case Outcome::Damaged:
        result.error = say("The history database %1 looks damaged (%2); open the Sluice window "
                           "to keep it aside and start a new one.")
                           .arg(native, attempt.detail);
        break;
    case Outcome::Failed:
        result.error = say("The history database %1 could not be opened for reading (%2).")
                           .arg(native, attempt.detail);
        break;
    }
    drop(connectionName);
    return result;
}

OpenResult inMemory(const QString &connectionName, const QString &why)
{
    OpenResult result = openInMemory(connectionName);
    result.why = why;
    if (!result.ok) {
        result.error = why;
        return result;
    }
    result.notice = QCoreApplication::translate("Sluice::HistoryDatabase",
                                                "History will not be saved in this session: %1")
                        .arg(why);
    return result;
}

} // namespace

QString asideName(const QString &filePath)
{
    const QString base = filePath + QStringLiteral(".corrupt-") +
                         QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString candidate = base;
    for (int n = 2; QFileInfo::exists(candidate) || QFileInfo::exists(candidate + u"-wal"); ++n)
        candidate = base + u'-' + QString::number(n);
    return candidate;
}

OpenResult open(const QString &connectionName, const QString &filePath, Mode mode)
{
    if (mode == Mode::ReadOnly)
        return openReadOnly(connectionName, filePath);
    OpenResult result;
    QString why;
    if (!HistoryFiles::prepare(filePath, &why))
        return inMemory(connectionName, why + u'.');

    Attempt attempt = attemptOpen(connectionName, filePath);
    if (attempt.outcome == Outcome::Damaged && QFileInfo::exists(filePath)) {
        drop(connectionName);
        if (!moveAside(filePath, &result.keptAsidePath))
            return inMemory(connectionName,
                            QCoreApplication::translate(
                                "Sluice::HistoryDatabase",
                                "the history database %1 is damaged and could not be moved aside.")
                                .arg(QDir::toNativeSeparators(filePath)));
        result.notice =
            QCoreApplication::translate(
                "Sluice::HistoryDatabase",
                "The history database could not be read (%1); it was kept as %2 and a new, "
                "empty history was started.")
                .arg(attempt.detail, QDir::toNativeSeparators(result.keptAsidePath));
        attempt = attemptOpen(connectionName, filePath);
    }

    switch (attempt.outcome) {
    case Outcome::Ready:
        HistoryFiles::makePrivate(filePath);
        result.ok = true;
        if (attempt.foundVersion > 0 && attempt.foundVersion < Schema::kCurrentVersion)
            result.migratedFrom = attempt.foundVersion;
        return result;
    case Outcome::Newer:
        drop(connectionName);
        result.error = QCoreApplication::translate(
                           "Sluice::HistoryDatabase",
                           "The history database %1 was written by a newer version of Sluice "
                           "(schema %2; this version knows up to %3), so it was left untouched.")
                           .arg(QDir::toNativeSeparators(filePath))
                           .arg(attempt.foundVersion)
                           .arg(Schema::kCurrentVersion);
        return result;
    case Outcome::Older:
    case Outcome::Damaged:
    case Outcome::Failed:
        break;
    }
    drop(connectionName);
    return inMemory(connectionName, cannotOpen(filePath, attempt.detail));
}

} // namespace Sluice::HistoryDatabase
