#include "core/net/requestutil.h"

#include "core/net/endpoint.h"
#include "core/net/headercheck.h"
#include "core/protocol/protocol.h"
#include "core/net/redaction.h"
#include "sluice_version.h"

#include <QDateTime>

namespace Sluice {

QNetworkRequest buildRequest(const QUrl &url, const ProviderConfig &config,
                             const Protocol &protocol, const QByteArray &accept)
{
    rememberSecrets(config); // for the log file
    QNetworkRequest req(url);
    req.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("Sluice/" SLUICE_VERSION));
    if (!accept.isEmpty())
        req.setRawHeader("Accept", accept);
    // The last guard against header injection: a value that would end its line is never set
    // (every request checks headerProblem() first and fails with a sentence).
    for (const auto &h : config.headers) {
        if (!breaksHeaderLine(h.first) && !breaksHeaderLine(h.second))
            req.setRawHeader(h.first, h.second);
    }
    if (!breaksHeaderLine(QStringView(config.apiKey)))
        protocol.applyAuth(req, config.apiKey);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, config.http2);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::UserVerifiedRedirectPolicy);
    req.setTransferTimeout(0); // the watchdog owns every limit
    return req;
}

QString checkRedirect(QNetworkReply *reply, const QUrl &from, const QUrl &to,
                      const ProviderConfig &config)
{
    const bool sameOrigin = originOf(from) == originOf(to);
    const bool hasCredentials = !config.apiKey.isEmpty() || !config.headers.isEmpty();
    if (sameOrigin || !hasCredentials) {
        Q_EMIT reply->redirectAllowed();
        return {};
    }
    return QStringLiteral("%1 redirected the request to another origin (%2); Sluice does not "
                          "send your API key there: use that address as the base URL if you "
                          "trust it")
        .arg(displayBase(from.adjusted(QUrl::RemovePath | QUrl::RemoveQuery)),
             to.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery));
}

ChatError connectionError(QNetworkReply::NetworkError code, const QString &qtMessage,
                          const QUrl &url, ProviderType type, const QList<QSslError> &sslErrors)
{
    ChatError e;
    e.kind = ChatError::Kind::Connection;
    const QString where = hostPort(url);
    switch (code) {
    case QNetworkReply::ConnectionRefusedError:
        e.retryable = true;
        e.message = QStringLiteral("could not connect to %1: connection refused").arg(where);
        if (type == ProviderType::Ollama || url.port() == OllamaDefaultPort)
            e.message += QStringLiteral("; Ollama does not seem to be running (start it with: "
                                        "ollama serve)");
        break;
    case QNetworkReply::HostNotFoundError:
        e.message = QStringLiteral("could not resolve the host name \"%1\"; check the base URL")
                        .arg(url.host());
        break;
    case QNetworkReply::RemoteHostClosedError:
        e.retryable = true;
        e.message = QStringLiteral("%1 closed the connection without answering").arg(where);
        break;
    case QNetworkReply::TimeoutError:
        e.retryable = true;
        e.message = QStringLiteral("the connection to %1 timed out").arg(where);
        break;
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::UnknownNetworkError: {
        if (!sslErrors.isEmpty()) {
            QStringList reasons;
            for (const QSslError &err : sslErrors)
                reasons.append(err.errorString());
            reasons.removeDuplicates();
            e.message = QStringLiteral("the TLS certificate of %1 was not accepted: %2")
                            .arg(url.host(), reasons.join(u"; "));
        } else if (code == QNetworkReply::SslHandshakeFailedError) {
            e.message = QStringLiteral("the TLS handshake with %1 failed: %2")
                            .arg(where, qtMessage);
        } else {
            e.retryable = true;
            e.message = QStringLiteral("network error talking to %1: %2").arg(where, qtMessage);
        }
        break;
    }
    case QNetworkReply::TooManyRedirectsError:
    case QNetworkReply::InsecureRedirectError:
        e.kind = ChatError::Kind::Http;
        e.message = QStringLiteral("%1 redirected the request in a way Sluice will not follow: %2")
                        .arg(where, qtMessage);
        break;
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
        e.retryable = true;
        e.message = QStringLiteral("network error talking to %1: %2").arg(where, qtMessage);
        break;
    default:
        e.kind = ChatError::Kind::Protocol;
        e.message = QStringLiteral("the request to %1 failed: %2").arg(where, qtMessage);
        break;
    }
    return e;
}

qint64 parseRetryAfterMs(const QByteArray &value)
{
    const QByteArray v = value.trimmed();
    if (v.isEmpty())
        return -1;
    bool ok = false;
    const double seconds = v.toDouble(&ok);
    if (ok)
        return seconds >= 0 ? qint64(seconds * 1000) : -1;
    // HTTP dates end in "GMT", which Qt's RFC 2822 parser (6.4) does not accept.
    QString text = QString::fromLatin1(v);
    if (text.endsWith(u" GMT", Qt::CaseInsensitive))
        text = text.chopped(3) + u"+0000";
    const QDateTime when = QDateTime::fromString(text, Qt::RFC2822Date);
    if (!when.isValid())
        return -1;
    return qMax<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(when));
}

void discardReply(QNetworkReply *reply)
{
    if (!reply)
        return;
    if (reply->isRunning())
        QMetaObject::invokeMethod(reply, &QNetworkReply::abort, Qt::QueuedConnection);
    reply->deleteLater();
}

QString formatSeconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', 1) + QStringLiteral(" s");
}

void detachReply(QPointer<QNetworkReply> &reply, QObject *receiver)
{
    if (!reply)
        return;
    QNetworkReply *net = reply;
    reply = nullptr;
    QObject::disconnect(net, nullptr, receiver, nullptr);
    discardReply(net);
}

} // namespace Sluice
