// The history's files on disk: private modes (0600 files in a 0700 folder, as the config
// file) and a plain sentence for why a database cannot be opened, so that "cannot open" and
// "read-only" are said as such and never taken for damage.
#pragma once

#include <QString>

namespace Sluice::HistoryFiles {

// Creates the folder (0700 when created here) and an empty database file with mode 0600,
// so SQLite's -wal and -shm files, which copy the database's mode, are private too.
// False with a sentence when the folder or the file cannot be made.
bool prepare(const QString &filePath, QString *error);

// Makes the database and its -wal/-shm files owner-only when they belong to this user,
// and the folder too when it is the platform's own data folder for Sluice (an explicit
// --data-dir may be shared with other things and is left alone).
void makePrivate(const QString &filePath);

// Why filePath cannot be opened for writing, in one clause ("the folder … is read-only"),
// or an empty string when no such reason is visible.
QString whyNotWritable(const QString &filePath);

} // namespace Sluice::HistoryFiles
