// An MCP server at a streamable HTTP endpoint. Every message is its own POST with
// "Accept: application/json, text/event-stream"; an answer is one JSON object or an SSE
// stream of messages ending with the response (2025-11-25 and 2026-07-28
// basic/transports/streamable-http.mdx "Sending Messages"). Legacy revisions: the
// Mcp-Session-Id the server gave at initialize is echoed on every later POST and
// MCP-Protocol-Version is sent after initialize ("Session Management", "Protocol Version
// Header"). Modern: MCP-Protocol-Version, Mcp-Method and Mcp-Name on every POST ("Request
// Metadata"), no session. A legacy server may close an SSE answer before the response
// after an event id: Sluice waits its "retry" time and resumes with a GET carrying
// Last-Event-ID (2025-11-25 "Sending Messages" 6, "Resumability and Redelivery"). An answer
// is capped in size; time limits belong to McpClient. Stopping a transport with a legacy
// session ends it with DELETE ("Session Management"), without waiting for the answer;
// whoever quits next waits for the answers with whenSessionsEnded() (or in aboutToQuit).
#pragma once

#include "core/mcp/mcptransport.h"
#include "core/net/sseparser.h"

#include <QHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <memory>

namespace Sluice {

class McpHttpTransport final : public McpTransport
{
    Q_OBJECT
public:
    static constexpr qsizetype MaxAnswerBytes = 32 * 1024 * 1024;
    static constexpr int DefaultRetryMs = 1000; // when a server closes without "retry"
    static constexpr int MaxResumes = 100;      // in a row without a new event
    static constexpr int DeleteLimitMs = 5000;  // ending a session: given up after this

    McpHttpTransport(QString serverName, QUrl url, QList<QPair<QByteArray, QByteArray>> headers,
                     QObject *parent = nullptr);
    ~McpHttpTransport() override;

    void start() override;
    bool isRunning() const override { return m_running; }
    void send(const QJsonObject &message, const McpSendInfo &info) override;
    void abandon(const QJsonValue &id) override;
    void stop() override;
    void resetSession() override { m_sessionId.clear(); }

    // Calls `done` (in `context`'s thread, never before returning) once every session end
    // sent so far has its answer, or after `limitMs`, when those still in flight are aborted.
    // Whoever quits with its event loop still running (`sluice run`) waits here; quitting
    // without it waits in aboutToQuit instead.
    static void whenSessionsEnded(int limitMs, QObject *context, std::function<void()> done);
    // Whether a session end sent is still waiting for its answer.
    static bool sessionEndsPending();
    QByteArray sessionId() const { return m_sessionId; }

private:
    struct Pending
    {
        QJsonValue id; // undefined for a notification
        SseParser sse;
        QByteArray body;
        bool isSse = false;
        bool answered = false;
        qsizetype received = 0;
        QByteArray lastEventId;
        int resumes = 0;
        bool abandoned = false;
    };
    void endSession();
    void onReadyRead(QNetworkReply *reply);
    void onFinished(QNetworkReply *reply);
    void deliver(Pending &p, const QByteArray &json);
    bool resume(const std::shared_ptr<Pending> &p);
    QNetworkRequest request() const;
    void watch(QNetworkReply *reply, const std::shared_ptr<Pending> &p);
    void fail(QNetworkReply *reply, Pending &p, int status, const QJsonObject &rpcError,
              const QString &sentence);

    QString m_name;
    QUrl m_url;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QNetworkAccessManager m_nam;
    QHash<QNetworkReply *, std::shared_ptr<Pending>> m_pending; // held while in use
    QList<std::shared_ptr<Pending>> m_resuming; // waiting for their retry time
    QByteArray m_sessionId;
    QByteArray m_protocolVersion; // of the last legacy request, for a resuming GET
    bool m_running = false;
};

} // namespace Sluice
