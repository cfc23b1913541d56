// app.logging: the level of Sluice's log categories and a log file a user can attach to a bug
// report. Every line, to the file and to standard error, passes through redaction
// (redactKnownSecrets: the keys and auth headers of every provider a request was built for,
// and anything that looks like a credential); on a terminal, control characters are shown.
#pragma once

#include "core/config/config.h"

#include <QString>

namespace Sluice {

struct LogFileLimits
{
    qint64 maxBytes = 1024 * 1024; // a file is rotated when the next line would pass this
    int generations = 3;           // older files kept: FILE.1 (newest) … FILE.3
};

// Sets the level of the sluice.* categories (debug when --verbose asked for it) and sends
// every log line to `file` as well, rotating it as `limits` say. The file is created owner-
// only (0600). An empty `file` means standard error only. Returns an error sentence when the
// file cannot be opened (logging then goes to standard error only); later write failures are
// said once on standard error and stop the file.
QString applyLogging(LogLevel level, const QString &file, LogFileLimits limits = {});

// The file lines go to now; empty when none.
QString currentLogFile();

} // namespace Sluice
