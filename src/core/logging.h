// Logging categories. Silent by default; `--verbose` or QT_LOGGING_RULES turns them on.
#pragma once

#include <QLoggingCategory>
#include <QString>
#include <QUrl>

Q_DECLARE_LOGGING_CATEGORY(lcNet)      // sluice.net
Q_DECLARE_LOGGING_CATEGORY(lcProvider) // sluice.provider
Q_DECLARE_LOGGING_CATEGORY(lcWatchdog) // sluice.watchdog

namespace Sluice {

// Turns every sluice.* category on at debug level (for --verbose).
void enableVerboseLogging();

// A URL safe to log: user info (which may hold credentials) and key-like query items removed.
QString redactedUrl(const QUrl &url);
// Replaces every occurrence of `secret` (when non-empty) in `text` by a redacted form.
QString redact(QString text, const QString &secret);

} // namespace Sluice
