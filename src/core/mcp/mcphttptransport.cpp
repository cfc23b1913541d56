#include "core/mcp/mcphttptransport.h"

#include "core/mcp/mcpmessages.h"
#include "core/net/redaction.h"
#include "core/util/clock.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QThread>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>

Q_DECLARE_LOGGING_CATEGORY(lcMcpStdio) // "sluice.mcp"

namespace Sluice {

namespace {

class Words final
{
    Q_DECLARE_TR_FUNCTIONS(Sluice::McpHttpTransport)
};

// Requests that end sessions (DELETE) still waiting for their answer. Whoever quits the
// application (the window closing, `sluice run` finishing, the conformance client) does so
// right after the toolbox shut down; the answers are then read once the event loop has
// returned, in aboutToQuit, instead of being torn down in flight at exit.
QList<QPointer<QNetworkReply>> &sessionEndsInFlight()
{
    static QList<QPointer<QNetworkReply>> replies;
    return replies;
}

bool allSessionEndsAnswered()
{
    auto &replies = sessionEndsInFlight();
    replies.removeIf([](const QPointer<QNetworkReply> &r) { return !r || r->isFinished(); });
    return replies.isEmpty();
}

void waitForSessionEnds()
{
    if (allSessionEndsAnswered())
        return;
    // Each request is aborted at DeleteLimitMs at the latest, so this wait ends.
    QEventLoop wait;
    for (const QPointer<QNetworkReply> &reply : std::as_const(sessionEndsInFlight()))
        QObject::connect(reply, &QNetworkReply::finished, &wait, [&wait] {
            if (allSessionEndsAnswered())
                wait.quit();
        });
    wait.exec(QEventLoop::ExcludeUserInputEvents);
}

// Aborts every session end still in flight (its finished() follows at once).
void abortSessionEnds()
{
    const auto replies = sessionEndsInFlight();
    for (const QPointer<QNetworkReply> &reply : replies)
        if (reply && !reply->isFinished())
            reply->abort();
}

void trackSessionEnd(QNetworkReply *reply)
{
    static bool hooked = false;
    if (!hooked) {
        hooked = true;
        QObject::connect(QCoreApplication::instance(), &QCoreApplication::aboutToQuit,
                         &waitForSessionEnds);
    }
    sessionEndsInFlight().append(reply);
}

} // namespace

void McpHttpTransport::whenSessionsEnded(int limitMs, QObject *context,
                                         std::function<void()> done)
{
    // Called once: when the last answer is in, or at the limit (what is still in flight is
    // then aborted, so quitting afterwards does not wait for it again).
    auto called = std::make_shared<bool>(false);
    auto once = [called, done = std::move(done)] {
        if (!std::exchange(*called, true))
            done();
    };
    if (allSessionEndsAnswered()) {
        QMetaObject::invokeMethod(context, once, Qt::QueuedConnection);
        return;
    }
    for (const QPointer<QNetworkReply> &reply : std::as_const(sessionEndsInFlight()))
        connect(reply, &QNetworkReply::finished, context, [once] {
            if (allSessionEndsAnswered())
                once();
        }, Qt::QueuedConnection);
    auto atLimit = [once, called] {
        if (*called)
            return;
        abortSessionEnds();
        once();
    };
    // The limit on the Clock seam: a test's ManualClock passes it without waiting.
    Clock *clock = Clock::current();
    if (clock->runsByItself()) {
        QTimer::singleShot(qMax(0, limitMs), Qt::PreciseTimer, context, atLimit);
        return;
    }
    const qint64 deadline = clock->nowMs() + limitMs;
    connect(clock, &Clock::moved, context, [clock, deadline, atLimit] {
        if (clock->nowMs() >= deadline)
            atLimit();
    });
}

bool McpHttpTransport::sessionEndsPending()
{
    return !allSessionEndsAnswered();
}

McpHttpTransport::McpHttpTransport(QString serverName, QUrl url,
                                   QList<QPair<QByteArray, QByteArray>> headers, QObject *parent)
    : McpTransport(parent), m_name(std::move(serverName)), m_url(std::move(url)),
      m_headers(std::move(headers))
{
    m_nam.setRedirectPolicy(QNetworkRequest::SameOriginRedirectPolicy);
}

McpHttpTransport::~McpHttpTransport()
{
    stop();
}

void McpHttpTransport::start()
{
    m_running = true;
    QTimer::singleShot(0, this, [this] {
        if (m_running)
            Q_EMIT started();
    });
}

QNetworkRequest McpHttpTransport::request() const
{
    QNetworkRequest request(m_url);
    for (const auto &[name, value] : m_headers)
        request.setRawHeader(name, value);
    if (!m_sessionId.isEmpty())
        request.setRawHeader("Mcp-Session-Id", m_sessionId);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    return request;
}

void McpHttpTransport::watch(QNetworkReply *reply, const std::shared_ptr<Pending> &p)
{
    m_pending.insert(reply, p);
    connect(reply, &QNetworkReply::readyRead, this, [this, reply] { onReadyRead(reply); });
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
}

void McpHttpTransport::send(const QJsonObject &message, const McpSendInfo &info)
{
    if (!m_running)
        return;
    QNetworkRequest request = this->request();
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Accept", "application/json, text/event-stream");
    if (!info.protocolVersion.isEmpty())
        request.setRawHeader("MCP-Protocol-Version", info.protocolVersion.toLatin1());
    if (info.modern) {
        request.setRawHeader("Mcp-Session-Id", QByteArray()); // a null value removes it: no sessions in 2026-07-28
        request.setRawHeader("Mcp-Method", info.method.toLatin1());
        if (!info.name.isEmpty())
            request.setRawHeader("Mcp-Name", Mcp::headerValue(info.name));
        for (const auto &[name, value] : info.extraHeaders)
            request.setRawHeader(name, value);
    } else {
        m_protocolVersion = info.protocolVersion.toLatin1();
    }
    QNetworkReply *reply =
        m_nam.post(request, QJsonDocument(message).toJson(QJsonDocument::Compact));
    auto pending = std::make_shared<Pending>();
    // A request waits for its response; a notification or an answer to the server waits
    // for nothing (202).
    if (message.contains(u"method"))
        pending->id = message.value(u"id");
    pending->sse = SseParser(MaxAnswerBytes);
    watch(reply, pending);
}

bool McpHttpTransport::resume(const std::shared_ptr<Pending> &p)
{
    if (p->lastEventId.isEmpty() || p->id.isUndefined() || ++p->resumes > MaxResumes)
        return false;
    const qint64 retry = p->sse.retryMs() >= 0 ? p->sse.retryMs() : DefaultRetryMs;
    m_resuming.append(p);
    QTimer::singleShot(int(qMin<qint64>(retry, 60'000)), this, [this, p] {
        if (!m_resuming.removeOne(p) || !m_running || p->abandoned)
            return;
        QNetworkRequest request = this->request();
        request.setRawHeader("Accept", "text/event-stream");
        request.setRawHeader("Last-Event-ID", p->lastEventId);
        if (!m_protocolVersion.isEmpty())
            request.setRawHeader("MCP-Protocol-Version", m_protocolVersion);
        p->sse = SseParser(MaxAnswerBytes);
        p->isSse = false;
        p->body.clear();
        p->received = 0;
        watch(m_nam.get(request), p);
    });
    return true;
}

void McpHttpTransport::onReadyRead(QNetworkReply *reply)
{
    const std::shared_ptr<Pending> held = m_pending.value(reply);
    if (!held)
        return;
    Pending &p = *held;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // The session of initialize's answer, before the answer is handed on: the client sends
    // notifications/initialized the moment it reads it.
    if (const QByteArray session = reply->rawHeader("Mcp-Session-Id");
        !session.isEmpty() && status >= 200 && status < 300)
        m_sessionId = session;
    const QByteArray data = reply->readAll();
    p.received += data.size();
    if (p.received > MaxAnswerBytes) {
        //: %1 is a server's name, %2 a size in MB
        fail(reply, p, status, {},
             Words::tr("The MCP server \"%1\" sent an answer larger than %2 MB.")
                 .arg(m_name)
                 .arg(MaxAnswerBytes / (1024 * 1024)));
        return;
    }
    if (!p.isSse && status < 300 &&
        reply->header(QNetworkRequest::ContentTypeHeader).toString().startsWith(
            u"text/event-stream"))
        p.isSse = true;
    if (!p.isSse) {
        p.body.append(data);
        return;
    }
    QList<SseEvent> events;
    const bool ok = p.sse.feed(data, events);
    if (const QByteArray id = p.sse.lastEventId(); !id.isEmpty() && id != p.lastEventId) {
        p.lastEventId = id;
        p.resumes = 0;
    }
    for (const SseEvent &e : std::as_const(events)) {
        if ((e.type.isEmpty() || e.type == "message") && !e.data.trimmed().isEmpty())
            deliver(p, e.data);
        if (!m_pending.contains(reply))
            return; // the client abandoned it in answer to a message
    }
    if (!ok)
        fail(reply, p, status, {},
             Words::tr("The MCP server \"%1\" sent an event larger than %2 MB.")
                 .arg(m_name)
                 .arg(MaxAnswerBytes / (1024 * 1024)));
}

void McpHttpTransport::deliver(Pending &p, const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    QList<QJsonObject> messages;
    if (doc.isObject())
        messages.append(doc.object());
    for (const QJsonValue &v : doc.array())
        messages.append(v.toObject());
    for (const QJsonObject &m : std::as_const(messages)) {
        if (m.contains(u"id") && m.value(u"id") == p.id &&
            (m.contains(u"result") || m.contains(u"error")))
            p.answered = true;
        Q_EMIT message(m);
    }
}

void McpHttpTransport::onFinished(QNetworkReply *reply)
{
    if (!m_pending.contains(reply))
        return;
    onReadyRead(reply);
    const std::shared_ptr<Pending> held = m_pending.value(reply);
    if (!held)
        return;
    Pending &p = *held;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (const QByteArray session = reply->rawHeader("Mcp-Session-Id"); !session.isEmpty())
        m_sessionId = session;
    if (status >= 200 && status < 300) {
        if (p.isSse) {
            QList<SseEvent> events;
            p.sse.finish(events);
            for (const SseEvent &e : std::as_const(events))
                if (!e.data.trimmed().isEmpty())
                    deliver(p, e.data);
        } else if (!p.body.trimmed().isEmpty()) {
            deliver(p, p.body);
        }
        if (!m_pending.contains(reply))
            return;
        if (p.id.isUndefined() || p.answered) {
            m_pending.remove(reply);
            reply->deleteLater();
            return;
        }
        // Closed before the response, after an event id: poll the stream again.
        if (p.isSse && resume(held)) {
            m_pending.remove(reply);
            reply->deleteLater();
            return;
        }
        //: %1 is a server's name
        fail(reply, p, status, {},
             Words::tr("The MCP server \"%1\" ended its answer without a response.").arg(m_name));
        return;
    }
    const QJsonObject rpcError =
        QJsonDocument::fromJson(p.body).object().value(u"error").toObject();
    QString sentence;
    if (status == 0)
        //: %1 is a server's name, %2 the network's reason
        sentence = Words::tr("The MCP server \"%1\" could not be reached: %2.")
                       .arg(m_name, reply->errorString());
    else
        //: %1 is a server's name, %2 an HTTP status such as 401, %3 the server's reason
        sentence = Words::tr("The MCP server \"%1\" answered HTTP %2%3.")
                       .arg(m_name)
                       .arg(status)
                       .arg(rpcError.isEmpty()
                                ? QString()
                                : QStringLiteral(": ") + rpcError.value(u"message")
                                                             .toString()
                                                             .left(300));
    if (status == 404 && !m_sessionId.isEmpty())
        m_sessionId.clear(); // the session ended; the next initialize starts a new one
    fail(reply, p, status, rpcError, redactKnownSecrets(sentence));
}

void McpHttpTransport::fail(QNetworkReply *reply, Pending &p, int status,
                            const QJsonObject &rpcError, const QString &sentence)
{
    const QJsonValue id = p.id;
    m_pending.remove(reply);
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
    if (!id.isUndefined())
        Q_EMIT requestFailed(id, status, rpcError, sentence);
}

void McpHttpTransport::abandon(const QJsonValue &id)
{
    for (const std::shared_ptr<Pending> &p : std::as_const(m_resuming))
        if (p->id == id)
            p->abandoned = true;
    for (auto it = m_pending.begin(); it != m_pending.end(); ++it) {
        if ((*it)->id != id)
            continue;
        QNetworkReply *reply = it.key();
        m_pending.erase(it);
        reply->disconnect(this);
        reply->abort(); // closing the stream is the cancellation (2026-07-28)
        reply->deleteLater();
        return;
    }
}

void McpHttpTransport::endSession()
{
    // 2025-11-25 basic/transports.mdx "Session Management" 5: a client that no longer needs a
    // session SHOULD send DELETE with its MCP-Session-Id; the server MAY answer 405 (it does
    // not let clients end sessions). The request has its own manager, which outlives this
    // transport and goes when the answer is in or after DeleteLimitMs; only quitting the
    // application waits for it.
    const QByteArray session = std::exchange(m_sessionId, QByteArray());
    if (session.isEmpty() || !QCoreApplication::instance() ||
        QCoreApplication::closingDown())
        return;
    QNetworkRequest request(m_url);
    for (const auto &[name, value] : m_headers)
        request.setRawHeader(name, value);
    request.setRawHeader("Mcp-Session-Id", session);
    if (!m_protocolVersion.isEmpty())
        request.setRawHeader("MCP-Protocol-Version", m_protocolVersion);
    auto *nam = new QNetworkAccessManager(QCoreApplication::instance());
    QNetworkReply *reply = nam->deleteResource(request);
    connect(reply, &QNetworkReply::finished, nam, [nam, reply, name = m_name] {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        qCDebug(lcMcpStdio).noquote() << "MCP server" << name << "answered the end of its session:"
                                     << status << (status == 405 ? "(it keeps sessions)" : "");
        reply->deleteLater();
        nam->deleteLater();
    });
    QTimer::singleShot(DeleteLimitMs, reply, &QNetworkReply::abort);
    trackSessionEnd(reply);
    // With no event loop left to run (after the application's loop returned) nobody would read
    // the answer, and the request would be torn down in flight: wait for it here.
    if (QThread::currentThread()->loopLevel() == 0)
        waitForSessionEnds();
}

void McpHttpTransport::stop()
{
    if (m_running)
        endSession();
    m_running = false;
    m_resuming.clear();
    const auto replies = m_pending.keys();
    m_pending.clear();
    for (QNetworkReply *reply : replies) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

} // namespace Sluice
