#include "core/net/serverrequest.h"

#include "core/net/endpoint.h"
#include "core/net/redaction.h"
#include "core/net/requestutil.h"
#include "core/protocol/protocol.h"

#include <QNetworkAccessManager>

namespace Sluice {

namespace {
constexpr qsizetype MaxErrorBody = 64 * 1024;
}

ServerRequest::ServerRequest(QNetworkAccessManager *nam, const ProviderConfig &config,
                             const Timeouts &limits, ProviderType server, QObject *parent)
    : QObject(parent), m_nam(nam), m_config(config), m_server(server),
      m_watchdog(new StallWatchdog(limits, this))
{
    connect(m_watchdog, &StallWatchdog::expired, this,
            [this](StallWatchdog::Limit limit, qint64 elapsedMs) {
                if (!m_over)
                    onExpired(limit, elapsedMs);
            });
}

ServerRequest::~ServerRequest()
{
    m_over = true;
    detachReply(m_net, this);
}

void ServerRequest::send(Verb verb, const QNetworkRequest &request, const QByteArray &body)
{
    if (m_over)
        return;
    m_url = request.url();
    m_status = 0;
    m_answered = false;
    m_errorAnswer = false;
    m_errorBody.clear();
    m_sslErrors.clear();
    switch (verb) {
    case Verb::Get:
        m_net = m_nam->get(request);
        break;
    case Verb::Post:
        m_net = m_nam->post(request, body);
        break;
    case Verb::Delete:
        m_net = m_nam->sendCustomRequest(request, "DELETE", body);
        break;
    }
    QNetworkReply *net = m_net;
    connect(net, &QNetworkReply::requestSent, this, &ServerRequest::onSent);
    connect(net, &QNetworkReply::uploadProgress, this, [this](qint64 sent, qint64) {
        if (sent > 0)
            onSent();
    });
    connect(net, &QNetworkReply::metaDataChanged, this, &ServerRequest::readStatus);
    connect(net, &QNetworkReply::readyRead, this, &ServerRequest::onReadyRead);
    connect(net, &QNetworkReply::finished, this, &ServerRequest::onNetworkFinished);
    connect(net, &QNetworkReply::redirected, this, &ServerRequest::onRedirected);
    connect(net, &QNetworkReply::sslErrors, this,
            [this](const QList<QSslError> &errors) { m_sslErrors = errors; });
    m_watchdog->start();
}

void ServerRequest::onSent()
{
    if (!m_over && m_watchdog->phase() == StallWatchdog::Phase::Connecting)
        m_watchdog->enterPhase(StallWatchdog::Phase::Waiting);
}

void ServerRequest::readStatus()
{
    if (m_over || !m_net || m_answered)
        return;
    onSent(); // an answer means the request was sent
    const QVariant status = m_net->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (m_over || !status.isValid())
        return;
    const int code = status.toInt();
    // A redirect that is about to be followed is not the answer; wait for the next one.
    if (code >= 300 && code < 400 && m_net->hasRawHeader("Location") && m_net->isRunning())
        return;
    m_answered = true;
    m_status = code;
    m_errorAnswer = code < 200 || code >= 300;
    if (!m_errorAnswer)
        onAnswer();
}

void ServerRequest::keepErrorBody()
{
    const QByteArray data = m_net->readAll();
    if (m_errorBody.size() < MaxErrorBody)
        m_errorBody.append(data.left(MaxErrorBody - m_errorBody.size()));
}

void ServerRequest::onReadyRead()
{
    readStatus();
    if (m_over || !m_net || !m_answered)
        return;
    if (m_errorAnswer)
        keepErrorBody();
    else
        onBody();
}

void ServerRequest::onNetworkFinished()
{
    readStatus();
    if (m_over || !m_net)
        return;
    if (!m_answered) {
        onConnectionFailed(connectionFailure());
        return;
    }
    if (m_errorAnswer) {
        keepErrorBody();
        onErrorAnswer();
        return;
    }
    onComplete();
}

void ServerRequest::onRedirected(const QUrl &to)
{
    if (m_over || !m_net)
        return;
    // Only a user-verified redirect waits for us; Qt applies the other policies itself.
    if (m_net->request().attribute(QNetworkRequest::RedirectPolicyAttribute).toInt() !=
        QNetworkRequest::UserVerifiedRedirectPolicy)
        return;
    const QString refused = checkRedirect(m_net, m_url, to, m_config);
    if (refused.isEmpty())
        return;
    ChatError e;
    e.kind = ChatError::Kind::Http;
    e.message = refused;
    fail(e);
}

ChatError ServerRequest::connectionFailure() const
{
    return connectionError(m_net->error(), m_net->errorString(), m_url, m_server, m_sslErrors);
}

ChatError ServerRequest::answerError(const Protocol &protocol, const QUrl &root,
                                     const QString &model) const
{
    ChatError e = protocol.httpError(
        m_status, m_errorBody, m_net->header(QNetworkRequest::ContentTypeHeader).toByteArray(),
        root, model, !m_config.apiKey.isEmpty());
    e.retryAfterMs = parseRetryAfterMs(m_net->rawHeader("Retry-After"));
    return e;
}

ChatError ServerRequest::stallError(StallWatchdog::Limit limit, qint64 elapsedMs) const
{
    ChatError e;
    e.kind = ChatError::Kind::Stalled;
    const QString secs = formatSeconds(elapsedMs);
    if (limit == StallWatchdog::Limit::Connect) {
        e.message = QStringLiteral("stalled: could not connect to %1 within %2 (connect limit)")
                        .arg(hostPort(m_url), secs);
    } else if (limit == StallWatchdog::Limit::Total) {
        e.kind = ChatError::Kind::Timeout;
        e.message = QStringLiteral("timed out: no answer from %1 after %2 (total limit)")
                        .arg(originOf(m_url), secs);
    } else {
        e.message = QStringLiteral("stalled: no answer from %1 after %2 (%3)")
                        .arg(originOf(m_url), secs, limitName(limit));
    }
    return e;
}

void ServerRequest::onExpired(StallWatchdog::Limit limit, qint64 elapsedMs)
{
    fail(stallError(limit, elapsedMs));
}

QString ServerRequest::cancelMessage() const
{
    return QStringLiteral("cancelled");
}

void ServerRequest::cancel()
{
    if (m_over)
        return;
    ChatError e;
    e.kind = ChatError::Kind::Cancelled;
    e.message = cancelMessage();
    fail(e);
}

void ServerRequest::failLater(ChatError::Kind kind, const QString &message)
{
    ChatError error;
    error.kind = kind;
    error.message = message;
    QMetaObject::invokeMethod(
        this, [this, error] { fail(error); }, Qt::QueuedConnection);
}

void ServerRequest::fail(ChatError error)
{
    if (m_over)
        return;
    m_over = true;
    m_watchdog->stop();
    closeNetwork();
    error.message = redact(error.message, m_config);
    m_error = error;
    onFailing(m_error);
    Q_EMIT failed(m_error);
}

bool ServerRequest::settle()
{
    if (m_over)
        return false;
    m_over = true;
    m_watchdog->stop();
    closeNetwork();
    return true;
}

void ServerRequest::closeNetwork()
{
    detachReply(m_net, this);
    onClosed();
}

} // namespace Sluice
