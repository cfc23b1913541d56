#include "core/mcp/mcpclient.h"

#include "core/mcp/mcpmessages.h"
#include "core/net/redaction.h"
#include "core/util/clock.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLoggingCategory>

#include <limits>

Q_DECLARE_LOGGING_CATEGORY(lcMcpStdio)

namespace Sluice {

namespace {

class Words final
{
    Q_DECLARE_TR_FUNCTIONS(Sluice::McpClient)
};

QString seconds(int ms)
{
    return ms % 1000 == 0 ? QString::number(ms / 1000) : QString::number(ms / 1000.0, 'g', 3);
}

} // namespace

McpClient::McpClient(McpServerConfig config, TransportFactory makeTransport, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_makeTransport(std::move(makeTransport)),
      m_clock(Clock::current())
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &McpClient::checkDeadlines);
    if (!m_clock->runsByItself())
        connect(m_clock, &Clock::moved, this, &McpClient::checkDeadlines);
}

McpClient::~McpClient()
{
    m_waiters.clear();
    m_pending.clear();
    if (m_transport) {
        m_transport->disconnect(this);
        m_transport->stop();
    }
}

qint64 McpClient::now() const
{
    return m_clock ? m_clock->nowMs() : Clock::current()->nowMs();
}

QString McpClient::with(const QString &sentence) const
{
    const QString tail =
        m_transport ? m_transport->logTail().section(u'\n', -1).trimmed() : QString();
    if (tail.isEmpty() || sentence.contains(tail))
        return sentence;
    //: %1 is a sentence, %2 the last line an MCP server logged
    return Words::tr("%1 Its last words: %2").arg(sentence, tail.left(300));
}

void McpClient::startFailed(const QString &sentence)
{
    stop(sentence);
}

void McpClient::stop(const QString &sentence, bool problem)
{
    const QString why = sentence.isEmpty()
                            //: %1 is a server's name
                            ? Words::tr("The MCP server \"%1\" was stopped.").arg(m_config.name)
                            : with(sentence);
    if (!sentence.isEmpty() && problem) {
        m_lastError = why;
        // Info: whoever waits says the sentence to the user.
        qCInfo(lcMcpStdio).noquote() << redactKnownSecrets(why);
    }
    if (m_transport) {
        m_transport->disconnect(this);
        m_transport->stop();
        m_transport->deleteLater();
        m_transport = nullptr;
    }
    const bool changed = m_state != State::Stopped;
    m_state = State::Stopped;
    m_startDeadline = -1;
    m_timer.stop();
    const auto pending = std::exchange(m_pending, {});
    const auto waiters = std::exchange(m_waiters, {});
    for (auto it = pending.constBegin(); it != pending.constEnd(); ++it) {
        if (it->hasContext && !it->context)
            continue;
        McpResult r;
        r.sentence = why;
        it->done(r);
    }
    for (const auto &[context, done] : waiters)
        if (context)
            done(why);
    if (changed)
        Q_EMIT stateChanged(m_state);
}

McpSendInfo McpClient::infoFor(const QString &method) const
{
    McpSendInfo info;
    info.method = method;
    info.modern = m_era == Era::Modern;
    // Legacy HTTP: MCP-Protocol-Version on every request after initialize (2025-06-18 on).
    if (info.modern || m_version != QStringLiteral("2025-03-26"))
        info.protocolVersion = m_version;
    return info;
}

qint64 McpClient::request(const QString &method, const QJsonObject &params, int timeoutMs,
                          QObject *context, Callback done, const McpSendInfo &extra)
{
    McpSendInfo info = infoFor(method);
    info.name = extra.name;
    info.extraHeaders = extra.extraHeaders;
    return send(method, params, timeoutMs, context, std::move(done), info);
}

qint64 McpClient::callTool(const QString &tool, const QJsonObject &arguments, QObject *context,
                           Callback done)
{
    McpSendInfo extra;
    extra.name = tool;
    for (const ToolSpec &t : std::as_const(m_tools)) {
        QString why;
        if (t.name == tool && m_era == Era::Modern)
            Mcp::paramHeaders(t.inputSchema, arguments, &extra.extraHeaders, &why);
    }
    return request(QStringLiteral("tools/call"),
                   {{QStringLiteral("name"), tool}, {QStringLiteral("arguments"), arguments}},
                   m_config.callTimeoutMs, context, std::move(done), extra);
}

qint64 McpClient::send(const QString &method, const QJsonObject &params, int timeoutMs,
                       QObject *context, Callback done, McpSendInfo info)
{
    const qint64 id = m_nextId++;
    Pending p;
    p.method = method;
    p.limitMs = timeoutMs;
    p.deadline = now() + timeoutMs;
    p.context = context;
    p.hasContext = context != nullptr;
    p.done = std::move(done);
    if (!m_transport || (!m_transport->isRunning() && m_state != State::Starting)) {
        McpResult r;
        //: %1 is a server's name
        r.sentence = Words::tr("The MCP server \"%1\" is not running.").arg(m_config.name);
        QMetaObject::invokeMethod(
            this, [r, d = p.done] { d(r); }, Qt::QueuedConnection);
        return id;
    }
    m_pending.insert(id, p);
    m_transport->send(Mcp::request(id, method, params, info.modern ? Mcp::ModernVersion : QString()),
                      info);
    armTimer();
    return id;
}

void McpClient::cancel(qint64 id, const QString &reason)
{
    if (!m_pending.remove(id) || !m_transport)
        return;
    m_transport->abandon(id);
    // 2026-07-28 sends notifications/cancelled on stdio only (closing the stream is the
    // cancellation on HTTP); the legacy revisions send it on both.
    if (m_config.transport == McpServerConfig::Transport::Stdio || m_era == Era::Legacy) {
        const McpSendInfo info = infoFor(QStringLiteral("notifications/cancelled"));
        m_transport->send(Mcp::notification(info.method, Mcp::cancelledParams(id, reason)), info);
    }
    armTimer();
}

void McpClient::onMessage(const QJsonObject &m)
{
    switch (Mcp::kindOf(m)) {
    case Mcp::Kind::Response: {
        const QJsonValue idValue = m.value(u"id");
        const qint64 id = idValue.isDouble() ? qint64(idValue.toDouble()) : -1;
        McpResult r;
        r.ok = m.contains(u"result") && m.value(u"result").isObject();
        r.result = m.value(u"result").toObject();
        r.error = m.value(u"error").toObject();
        const Pending *p = m_pending.contains(id) ? &m_pending[id] : nullptr;
        const QString method = p ? p->method : QString();
        // basic/index.mdx "ResultType": absent means complete; anything else Sluice does not
        // handle (input_required asks for sampling or elicitation, which it does not offer).
        const QString type = r.result.value(u"resultType").toString(QStringLiteral("complete"));
        if (r.ok && type != u"complete") {
            r.ok = false;
            //: %1 is a server's name, %2 a method such as tools/call, %3 the result's type
            r.sentence = Words::tr("The MCP server \"%1\" answered %2 with a \"%3\" result, "
                                   "which Sluice cannot complete.")
                             .arg(m_config.name, method, type);
        } else if (!r.ok) {
            //: %1 is a server's name, %2 a method such as tools/call, %3 the server's error
            r.sentence = Words::tr("The MCP server \"%1\" refused %2: %3.")
                             .arg(m_config.name, method,
                                  r.error.isEmpty() ? Words::tr("an answer without a result")
                                                    : Mcp::describeError(r.error));
        }
        finish(id, r);
        return;
    }
    case Mcp::Kind::Request: {
        const QString method = m.value(u"method").toString();
        const McpSendInfo info = infoFor(QString());
        // ping.mdx: answer promptly with an empty result. Sluice offers no client features
        // (sampling, roots, elicitation), so anything else is a method it does not have.
        if (method == u"ping")
            m_transport->send(Mcp::resultResponse(m.value(u"id"), {}), info);
        else
            m_transport->send(Mcp::errorResponse(m.value(u"id"), Mcp::MethodNotFound,
                                                 QStringLiteral("Method not found: ") + method),
                              info);
        return;
    }
    case Mcp::Kind::Notification: {
        const QString method = m.value(u"method").toString();
        if (method == u"notifications/tools/list_changed") {
            m_toolsStale = true;
        } else if (method == u"notifications/message") {
            const QJsonObject params = m.value(u"params").toObject();
            qCInfo(lcMcpStdio).noquote()
                << m_config.name + QStringLiteral(": ") +
                       redactKnownSecrets(params.value(u"data").toVariant().toString().left(1000));
        }
        return;
    }
    case Mcp::Kind::Invalid:
        qCWarning(lcMcpStdio) << "MCP server" << m_config.name << "sent an invalid message";
        return;
    }
}

void McpClient::onRequestFailed(const QJsonValue &idValue, int status, const QJsonObject &rpcError,
                                const QString &sentence)
{
    McpResult r;
    r.error = rpcError;
    if (status != 0)
        r.error.insert(QStringLiteral("httpStatus"), status);
    r.sentence = sentence;
    finish(qint64(idValue.toDouble()), r);
}

void McpClient::onTransportFailed(const QString &sentence)
{
    stop(sentence);
}

void McpClient::finish(qint64 id, const McpResult &r)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    const Pending p = *it;
    m_pending.erase(it);
    armTimer();
    if (!p.hasContext || p.context)
        p.done(r);
}

void McpClient::checkDeadlines()
{
    const qint64 t = now();
    if (m_state == State::Starting && m_startDeadline >= 0 && t >= m_startDeadline &&
        m_pending.isEmpty()) {
        //: %1 is a server's name, %2 a number of seconds
        stop(Words::tr("The MCP server \"%1\" did not start within %2 s; Sluice stopped it.")
                 .arg(m_config.name, seconds(m_config.startupTimeoutMs)));
        return;
    }
    for (auto it = m_pending.begin(); it != m_pending.end(); ++it) {
        if (t < it->deadline)
            continue;
        const qint64 id = it.key();
        const QString method = it->method;
        const int limit = it->limitMs;
        if (m_state == State::Starting && method == u"server/discover" &&
            m_config.transport == McpServerConfig::Transport::Stdio && t < m_startDeadline) {
            McpResult r;
            r.timedOut = true;
            finish(id, r); // silence on the probe: a legacy server
            return;
        }
        const Pending p = *it;
        m_pending.erase(it);
        const QString why =
            m_state == State::Starting
                //: %1 is a server's name, %2 seconds, %3 a method such as initialize
                ? Words::tr("The MCP server \"%1\" did not start within %2 s (no answer to %3); "
                            "Sluice stopped it.")
                      .arg(m_config.name, seconds(m_config.startupTimeoutMs), method)
                : m_config.transport == McpServerConfig::Transport::Stdio
                //: %1 is a server's name, %2 a method such as tools/call, %3 seconds
                ? Words::tr("The MCP server \"%1\" did not answer %2 within %3 s; Sluice "
                            "stopped it.")
                      .arg(m_config.name, method, seconds(limit))
                //: %1 is a server's name, %2 a method such as tools/call, %3 seconds
                : Words::tr("The MCP server \"%1\" did not answer %2 within %3 s; Sluice "
                            "gave up on it.")
                      .arg(m_config.name, method, seconds(limit));
        if (m_transport && (m_config.transport == McpServerConfig::Transport::Stdio ||
                            m_era == Era::Legacy)) {
            const McpSendInfo info = infoFor(QStringLiteral("notifications/cancelled"));
            m_transport->send(Mcp::notification(info.method, Mcp::cancelledParams(id, why)), info);
        }
        if (m_transport)
            m_transport->abandon(id);
        McpResult r;
        r.timedOut = true;
        r.sentence = why;
        if (!p.hasContext || p.context)
            p.done(r);
        // A stdio server that hangs is stopped (and started again on the next use); an HTTP
        // server is someone else's: only the request is given up.
        if (m_config.transport == McpServerConfig::Transport::Stdio || m_state == State::Starting)
            stop(why);
        else
            armTimer();
        return;
    }
    armTimer();
}

void McpClient::armTimer()
{
    qint64 next = std::numeric_limits<qint64>::max();
    for (const Pending &p : std::as_const(m_pending))
        next = qMin(next, p.deadline);
    if (m_startDeadline >= 0)
        next = qMin(next, m_startDeadline);
    if (next == std::numeric_limits<qint64>::max() || !m_clock || !m_clock->runsByItself()) {
        m_timer.stop();
        return;
    }
    m_timer.start(int(qBound<qint64>(0, next - now(), qint64(std::numeric_limits<int>::max()))));
}

} // namespace Sluice
