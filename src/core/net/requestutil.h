// Pieces every request to a server shares: headers, redirect rules, error sentences.
#pragma once

#include "core/chat/chattypes.h"

#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslError>

namespace Sluice {

class Protocol;

// A request with our user agent, the provider's extra headers and authentication,
// HTTP/2 as configured, redirects verified by us, and Qt's own transfer timeout off.
QNetworkRequest buildRequest(const QUrl &url, const ProviderConfig &config,
                             const Protocol &protocol, const QByteArray &accept);

// Lets a redirect through only when it stays on the same origin, or when there are no
// credentials to leak. Returns an error sentence when it refused.
QString checkRedirect(QNetworkReply *reply, const QUrl &from, const QUrl &to,
                      const ProviderConfig &config);

// A network-level failure (no HTTP answer) as one sentence.
ChatError connectionError(QNetworkReply::NetworkError code, const QString &qtMessage,
                          const QUrl &url, ProviderType type, const QList<QSslError> &sslErrors);

// Seconds or an HTTP date; -1 when absent or unreadable.
qint64 parseRetryAfterMs(const QByteArray &value);

QString formatSeconds(qint64 ms); // "60.0 s"

// Ends a reply we no longer listen to (disconnect first): aborted on the next event-loop turn,
// never from inside one of its own signals (Qt warns then), and deleted.
void discardReply(QNetworkReply *reply);
// The same for the reply `receiver` holds: disconnected from `receiver`, discarded, cleared.
void detachReply(QPointer<QNetworkReply> &reply, QObject *receiver);

} // namespace Sluice
