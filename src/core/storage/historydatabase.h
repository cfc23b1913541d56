// Opening the history database file: WAL mode, schema migration, refusal of a newer
// schema, and recovery from a damaged file (kept aside, never overwritten).
#pragma once

#include <QString>
#include <QVariant>

namespace Sluice::HistoryDatabase {

struct OpenResult
{
    bool ok = false;
    bool persistent = true; // false: fell back to a database in memory (nothing is saved)
    QString notice;         // one sentence for the user when something had to be repaired
    QString why;            // when not persistent: why the file could not be used
    QString error;          // one sentence when ok is false
    QString keptAsidePath;  // where a damaged file was moved
    int migratedFrom = -1;  // schema version found, when a migration ran
};

enum class Mode { ReadWrite, ReadOnly };

// How long a writer waits for another one (a window, `sluice run --save`) to finish.
constexpr int kBusyTimeoutMs = 10000;

// Adds a QSqlDatabase under connectionName and opens filePath (creating it, owner-only, and
// its folder if needed). A damaged file is moved aside and a fresh one started; when no file
// can be used at all (a read-only folder, another user's files), the history lives in memory
// for this session (persistent = false, with a notice saying why). Only a newer schema fails
// (ok = false): that file must not be touched. On failure the connection is removed again.
// ReadOnly (reading commands) creates, migrates and moves nothing: every problem is ok = false
// with a sentence, and a damaged file stays where it is.
OpenResult open(const QString &connectionName, const QString &filePath,
                Mode mode = Mode::ReadWrite);

// A fresh database that lives in memory only (tests, or after a refusal).
OpenResult openInMemory(const QString &connectionName);

// A string for a NOT NULL text column: a null QString would bind as SQL NULL.
inline QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

// A free name beside filePath for a damaged copy: "<file>.corrupt-YYYYMMDD-HHMMSS[-N]".
QString asideName(const QString &filePath);

} // namespace Sluice::HistoryDatabase
