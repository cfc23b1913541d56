// One MCP server as Sluice uses it: started lazily, the protocol revision negotiated (and
// remembered for the next start), its tools listed, requests answered or failed within their
// limits, server requests it does not support refused, and restarted on the next use after it
// died. Every limit is read from the Clock seam (core/util/clock.h), so tests move a
// ManualClock instead of waiting, and nothing here ever waits: every answer is a callback
// from the event loop.
#pragma once

#include "core/mcp/mcpserverconfig.h"
#include "core/mcp/mcptransport.h"
#include "core/tools/toolbox.h"

#include <QHash>
#include <QJsonObject>
#include <QPointer>
#include <QTimer>

#include <functional>

namespace Sluice {

class Clock;

struct McpResult
{
    bool ok = false;
    QJsonObject result;   // when ok
    QJsonObject error;    // the server's JSON-RPC error, if it sent one
    QString sentence;     // why not, one sentence naming the server
    bool timedOut = false;
};

class McpClient final : public QObject
{
    Q_OBJECT
public:
    enum class State { Stopped, Starting, Ready };
    enum class Era { Unknown, Modern, Legacy };
    using TransportFactory = std::function<McpTransport *(QObject *parent)>;
    using Callback = std::function<void(const McpResult &)>;

    // How long the stdio probe (server/discover) may take before the server counts as legacy.
    static constexpr int ProbeLimitMs = 5'000;
    static constexpr int MaxToolPages = 100;

    McpClient(McpServerConfig config, TransportFactory makeTransport, QObject *parent = nullptr);
    ~McpClient() override;

    const McpServerConfig &config() const { return m_config; }
    QString name() const { return m_config.name; }
    State state() const { return m_state; }
    Era era() const { return m_era; }
    QString protocolVersion() const { return m_version; }
    QString serverTitle() const { return m_serverInfo.value(u"name").toString(); }
    QString lastError() const { return m_lastError; }
    // The tools of the last successful listing, allow list not applied.
    const QList<ToolSpec> &tools() const { return m_tools; }
    McpTransport *transport() const { return m_transport; }

    // Starts the server if it is not running (lazily, or again after a crash), negotiates,
    // lists the tools; `done` gets an empty sentence when ready, or why not. Never calls
    // back before returning.
    void whenReady(QObject *context, std::function<void(const QString &problem)> done);
    // A request to a ready server; the answer, an error or the limit comes to `done` (not
    // once `context` is gone). Returns the request id for cancel().
    qint64 request(const QString &method, const QJsonObject &params, int timeoutMs,
                   QObject *context, Callback done, const McpSendInfo &extra = {});
    // tools/call with the Mcp-Name and Mcp-Param-* headers HTTP wants.
    qint64 callTool(const QString &tool, const QJsonObject &arguments, QObject *context,
                    Callback done);
    // Gives up on a request: notifications/cancelled (cancellation.mdx), the HTTP stream
    // closed. Its callback is not called.
    void cancel(qint64 id, const QString &reason);
    // Stops the server (and its process group) and fails what is waiting with `sentence`
    // (logged as a warning when it is a problem, not when Sluice closes).
    void stop(const QString &sentence = QString(), bool problem = true);

Q_SIGNALS:
    void stateChanged(Sluice::McpClient::State state);
    void toolsChanged();

private:
    struct Pending
    {
        QString method;
        qint64 deadline = 0; // on m_clock
        int limitMs = 0;
        QPointer<QObject> context;
        bool hasContext = false;
        Callback done;
    };
    void begin();
    void probe();
    void initialize(const QString &version);
    void listTools(const QString &cursor, int page);
    void becomeReady();
    void startFailed(const QString &sentence);
    qint64 send(const QString &method, const QJsonObject &params, int timeoutMs,
                QObject *context, Callback done, McpSendInfo info);
    void onMessage(const QJsonObject &message);
    void onRequestFailed(const QJsonValue &id, int status, const QJsonObject &rpcError,
                         const QString &sentence);
    void onTransportFailed(const QString &sentence);
    void finish(qint64 id, const McpResult &result);
    void checkDeadlines();
    void armTimer();
    qint64 now() const;
    McpSendInfo infoFor(const QString &method) const;
    QString with(const QString &sentence) const; // + the server's last log line

    McpServerConfig m_config;
    TransportFactory m_makeTransport;
    QPointer<Clock> m_clock;
    QTimer m_timer;
    McpTransport *m_transport = nullptr;
    State m_state = State::Stopped;
    Era m_era = Era::Unknown; // remembered across restarts of this server
    QString m_version;
    QJsonObject m_serverInfo;
    QList<ToolSpec> m_tools;
    QString m_lastError;
    qint64 m_startDeadline = -1;
    qint64 m_nextId = 1;
    QHash<qint64, Pending> m_pending;
    QList<QPair<QPointer<QObject>, std::function<void(const QString &)>>> m_waiters;
    bool m_toolsStale = false;
};

} // namespace Sluice
