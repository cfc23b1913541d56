#include "core/util/logging.h"

#include "core/util/logfile.h"

#include <QUrlQuery>

Q_LOGGING_CATEGORY(lcNet, "sluice.net", QtWarningMsg)
Q_LOGGING_CATEGORY(lcProvider, "sluice.provider", QtWarningMsg)
Q_LOGGING_CATEGORY(lcWatchdog, "sluice.watchdog", QtWarningMsg)

namespace Sluice {

namespace {
bool g_verbose = false;
} // namespace

void enableVerboseLogging()
{
    g_verbose = true;
    applyLogging(LogLevel::Debug, currentLogFile());
}

bool verboseLoggingEnabled()
{
    return g_verbose;
}

QString redactedUrl(const QUrl &url)
{
    QUrl u = url;
    u.setUserInfo({});
    if (u.hasQuery()) {
        QUrlQuery q(u);
        auto items = q.queryItems(QUrl::FullyEncoded);
        for (auto &item : items) {
            if (isSecretName(item.first))
                item.second = QStringLiteral("REDACTED");
        }
        q.setQueryItems(items); // in their order
        u.setQuery(q);
    }
    return u.toString();
}

QString redactedUrlText(const QString &text)
{
    const QString t = text.trimmed();
    const bool schemeGiven = t.contains(u"://");
    const QUrl url(schemeGiven ? t : u"http://" + t, QUrl::TolerantMode);
    if (!url.isValid() || (url.userInfo().isEmpty() && !url.hasQuery()))
        return t;
    const QString shown = redactedUrl(url);
    return schemeGiven ? shown : shown.mid(qsizetype(sizeof("http://") - 1));
}

} // namespace Sluice
