// Logging categories. Warnings by default; app.logging.level (logfile.h), `--verbose` or
// QT_LOGGING_RULES change that.
#pragma once

#include "core/net/redaction.h" // redact(text, config): every secret of a provider

#include <QLoggingCategory>
#include <QString>
#include <QUrl>

Q_DECLARE_LOGGING_CATEGORY(lcNet)      // sluice.net
Q_DECLARE_LOGGING_CATEGORY(lcProvider) // sluice.provider
Q_DECLARE_LOGGING_CATEGORY(lcWatchdog) // sluice.watchdog

namespace Sluice {

// Turns every sluice.* category on at debug level (for --verbose), whatever app.logging says.
void enableVerboseLogging();
bool verboseLoggingEnabled();

// A URL safe to log: user info (which may hold credentials) and key-like query items removed.
QString redactedUrl(const QUrl &url);
// The same for a URL as the user wrote it ("u:pw@host:1/v1?api_key=k" → "host:1/v1?api_key=
// REDACTED"); text that is not a URL comes back trimmed.
QString redactedUrlText(const QString &text);

} // namespace Sluice
