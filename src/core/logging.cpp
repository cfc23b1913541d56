#include "logging.h"

#include <QUrlQuery>

Q_LOGGING_CATEGORY(lcNet, "sluice.net", QtWarningMsg)
Q_LOGGING_CATEGORY(lcProvider, "sluice.provider", QtWarningMsg)
Q_LOGGING_CATEGORY(lcWatchdog, "sluice.watchdog", QtWarningMsg)

namespace Sluice {

void enableVerboseLogging()
{
    QLoggingCategory::setFilterRules(QStringLiteral("sluice.*.debug=true"));
}

QString redactedUrl(const QUrl &url)
{
    QUrl u = url;
    u.setUserInfo({});
    if (u.hasQuery()) {
        QUrlQuery q(u);
        const auto items = q.queryItems();
        for (const auto &item : items) {
            const QString k = item.first.toLower();
            if (k.contains(u"key") || k.contains(u"token") || k.contains(u"secret") ||
                k.contains(u"auth"))
                q.removeAllQueryItems(item.first), q.addQueryItem(item.first, QStringLiteral("REDACTED"));
        }
        u.setQuery(q);
    }
    return u.toString();
}

QString redact(QString text, const QString &secret)
{
    if (secret.size() >= 4)
        text.replace(secret, QStringLiteral("[REDACTED]"));
    return text;
}

} // namespace Sluice
