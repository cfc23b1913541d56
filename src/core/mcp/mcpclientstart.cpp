// McpClient's start: lazily on first use, the era probe, the legacy handshake and the
// paginated tool list, all within the server's start-up limit.
#include "core/mcp/mcpclient.h"

#include "core/mcp/mcpmessages.h"
#include "core/util/clock.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcMcpStdio)

namespace Sluice {

namespace {

class Words final
{
    Q_DECLARE_TR_FUNCTIONS(Sluice::McpClient)
};

} // namespace

void McpClient::whenReady(QObject *context, std::function<void(const QString &)> done)
{
    if (m_state == State::Ready && !m_toolsStale && m_transport && m_transport->isRunning()) {
        QMetaObject::invokeMethod(
            context, [done = std::move(done)] { done(QString()); }, Qt::QueuedConnection);
        return;
    }
    m_waiters.append({QPointer<QObject>(context), std::move(done)});
    if (m_state == State::Ready && m_toolsStale) {
        m_state = State::Starting;
        m_startDeadline = now() + m_config.startupTimeoutMs;
        listTools(QString(), 0);
    } else if (m_state != State::Starting) {
        // Queued: a caller's whenReady never answers before it returns.
        QMetaObject::invokeMethod(this, &McpClient::begin, Qt::QueuedConnection);
        m_state = State::Starting;
    }
}

void McpClient::begin()
{
    if (m_transport) {
        m_transport->disconnect(this);
        m_transport->stop();
        m_transport->deleteLater();
    }
    m_state = State::Starting;
    Q_EMIT stateChanged(m_state);
    m_lastError.clear();
    m_version.clear();
    m_startDeadline = now() + m_config.startupTimeoutMs;
    m_transport = m_makeTransport(this);
    connect(m_transport, &McpTransport::message, this, &McpClient::onMessage);
    connect(m_transport, &McpTransport::requestFailed, this, &McpClient::onRequestFailed);
    connect(m_transport, &McpTransport::failed, this, &McpClient::onTransportFailed);
    connect(m_transport, &McpTransport::started, this, [this] {
        // Versioning (2026-07-28 basic/versioning.mdx "Backward Compatibility"): the era is a
        // property of the server, cached for its configuration; a legacy server is not probed
        // again.
        if (m_era == Era::Legacy)
            initialize(Mcp::legacyVersions().first());
        else
            probe();
    });
    armTimer();
    m_transport->start();
}

void McpClient::probe()
{
    const qint64 left = m_startDeadline - now();
    // stdio: a legacy server may stay silent on an unknown method, so the probe has its own
    // short limit and silence means legacy (versioning.mdx compatibility matrix, dual-era
    // client against a legacy server: "the probe returns a non-modern error or times out").
    const int limit = int(qBound<qint64>(1, qMin<qint64>(ProbeLimitMs, left), left));
    McpSendInfo info;
    info.method = QStringLiteral("server/discover");
    info.modern = true;
    info.protocolVersion = Mcp::ModernVersion;
    send(info.method, {}, limit, this, [this](const McpResult &r) {
        if (m_state != State::Starting)
            return;
        if (r.ok) {
            const QStringList supported =
                r.result.value(u"supportedVersions").toVariant().toStringList();
            if (supported.isEmpty()) {
                // Not a DiscoverResult (a legacy server answering any method with {}).
                m_era = Era::Legacy;
                initialize(Mcp::legacyVersions().first());
                return;
            }
            if (supported.contains(Mcp::ModernVersion)) {
                m_era = Era::Modern;
                m_version = Mcp::ModernVersion;
                m_serverInfo = r.result.value(u"_meta")
                                   .toObject()
                                   .value(u"io.modelcontextprotocol/serverInfo")
                                   .toObject();
                listTools(QString(), 0);
                return;
            }
            for (const QString &v : Mcp::legacyVersions())
                if (supported.contains(v))
                    return initialize(v);
            //: %1 is a server's name, %2 the protocol versions it named
            startFailed(Words::tr("The MCP server \"%1\" speaks MCP %2, which Sluice does not.")
                            .arg(m_config.name, supported.join(QStringLiteral(", "))));
            return;
        }
        const int code = r.error.value(u"code").toInt();
        if (code == Mcp::UnsupportedProtocolVersion) {
            const QStringList supported =
                r.error.value(u"data").toObject().value(u"supported").toVariant().toStringList();
            for (const QString &v : Mcp::legacyVersions())
                if (supported.contains(v))
                    return initialize(v);
            startFailed(Words::tr("The MCP server \"%1\" speaks MCP %2, which Sluice does not.")
                            .arg(m_config.name, supported.join(QStringLiteral(", "))));
            return;
        }
        if (!r.error.isEmpty() && Mcp::isModernError(code)) {
            //: %1 is a server's name, %2 the server's error
            startFailed(Words::tr("The MCP server \"%1\" refused Sluice's request: %2.")
                            .arg(m_config.name, Mcp::describeError(r.error)));
            return;
        }
        if (!r.ok && !r.timedOut && r.error.isEmpty() && !m_transport->isRunning())
            return; // the transport failed; onTransportFailed said why
        const int status = r.error.value(u"httpStatus").toInt();
        if (status != 0 && status != 400 && status != 404 && status != 405) {
            startFailed(r.sentence);
            return;
        }
        if (r.error.isEmpty() && !r.timedOut && status == 0) {
            startFailed(r.sentence); // could not reach the server at all
            return;
        }
        // Anything else identifies a legacy server: initialize.
        m_era = Era::Legacy;
        initialize(Mcp::legacyVersions().first());
    }, info);
}

void McpClient::initialize(const QString &version)
{
    m_era = Era::Legacy;
    const int left = int(qMax<qint64>(1, m_startDeadline - now()));
    McpSendInfo info;
    info.method = QStringLiteral("initialize");
    send(info.method, Mcp::initializeParams(version), left, this,
         [this](const McpResult &r) {
             if (m_state != State::Starting)
                 return;
             if (!r.ok) {
                 startFailed(r.sentence);
                 return;
             }
             // lifecycle.mdx "Version Negotiation": the server answers the version it
             // chose; a client that does not support it SHOULD disconnect.
             const QString chosen = r.result.value(u"protocolVersion").toString();
             if (!Mcp::legacyVersions().contains(chosen)) {
                 //: %1 is a server's name, %2 a version such as 2024-11-05, %3 a list of them
                 startFailed(Words::tr("The MCP server \"%1\" speaks MCP %2; Sluice speaks %3.")
                                 .arg(m_config.name, chosen,
                                      (QStringList{Mcp::ModernVersion} + Mcp::legacyVersions())
                                          .join(QStringLiteral(", "))));
                 return;
             }
             m_version = chosen;
             m_serverInfo = r.result.value(u"serverInfo").toObject();
             McpSendInfo note = infoFor(QStringLiteral("notifications/initialized"));
             m_transport->send(Mcp::notification(note.method), note);
             listTools(QString(), 0);
         },
         info);
}

void McpClient::listTools(const QString &cursor, int page)
{
    if (page == 0)
        m_tools.clear();
    QJsonObject params;
    if (!cursor.isEmpty())
        params.insert(QStringLiteral("cursor"), cursor);
    const int left = int(qMax<qint64>(1, m_startDeadline - now()));
    send(QStringLiteral("tools/list"), params, left, this,
         [this, page, cursor](const McpResult &r) {
             if (m_state != State::Starting)
                 return;
             if (!r.ok) {
                 startFailed(r.sentence);
                 return;
             }
             QStringList rejected;
             QList<ToolSpec> tools = Mcp::toolsFromList(m_config.name, r.result, &rejected);
             for (const ToolSpec &t : std::as_const(tools)) {
                 QList<QPair<QByteArray, QByteArray>> headers;
                 QString why;
                 if (m_config.transport == McpServerConfig::Transport::Http &&
                     m_era == Era::Modern && !Mcp::paramHeaders(t.inputSchema, {}, &headers, &why)) {
                     rejected.append(t.name + QStringLiteral(": ") + why);
                     continue;
                 }
                 m_tools.append(t);
             }
             for (const QString &r2 : std::as_const(rejected))
                 qCWarning(lcMcpStdio).noquote()
                     << "MCP server" << m_config.name << "offers an unusable tool:" << r2;
             // server/tools.mdx "Pagination": nextCursor until there is none.
             const QString next = r.result.value(u"nextCursor").toString();
             if (!next.isEmpty() && next != cursor && page + 1 < MaxToolPages) {
                 listTools(next, page + 1);
                 return;
             }
             becomeReady();
         },
         infoFor(QStringLiteral("tools/list")));
}

void McpClient::becomeReady()
{
    m_state = State::Ready;
    m_toolsStale = false;
    m_startDeadline = -1;
    Q_EMIT stateChanged(m_state);
    Q_EMIT toolsChanged();
    const auto waiters = std::exchange(m_waiters, {});
    for (const auto &[context, done] : waiters)
        if (context)
            done(QString());
}

} // namespace Sluice
