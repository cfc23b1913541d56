// A streamable HTTP MCP server in the test process, imitating the official TypeScript SDK's
// server transport (modelcontextprotocol/typescript-sdk src/server/streamableHttp.ts): a
// legacy session is minted at initialize and sent as mcp-session-id; a later POST without it
// is answered 400 (-32000 "Bad Request: Mcp-Session-Id header is required"), one with an
// unknown id 404; a notification is answered 202; answers are SSE ("event: message"). In
// modern mode it answers server/discover and every request as JSON, with no session. The tool
// "stall" opens its SSE stream, sends one progress notification and then nothing. The tool
// "poll" sends a priming event (an id, "retry: 20", no data) and closes the connection; the
// GET that resumes with Last-Event-ID gets the response (the conformance suite's sse-retry
// scenario, @modelcontextprotocol/conformance, does the same). DELETE ends the session as the
// SDK's handleDeleteRequest does (400 without the session header, 404 for another, else 200,
// and the session is gone: later requests with it get 404); with refuseDelete it answers 405,
// as the SDK's stateless example servers (examples/server/*Stateless*.ts) do; with
// stallDelete it never answers it.
#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QTcpServer>
#include <QTcpSocket>

namespace Sluice::Test {

struct SeenRequest
{
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QJsonObject body;
};

class FakeHttpMcp final : public QObject
{
public:
    explicit FakeHttpMcp(bool modern) : m_modern(modern)
    {
        m_server.listen(QHostAddress::LocalHost);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection())
                QObject::connect(s, &QTcpSocket::readyRead, this, [this, s] { onRead(s); });
        });
    }
    QString url() const
    {
        return QStringLiteral("http://127.0.0.1:%1/mcp").arg(m_server.serverPort());
    }
    QList<SeenRequest> seen;
    bool refuseDelete = false;
    bool stallDelete = false; // DELETE is read and never answered

private:
    void onRead(QTcpSocket *s)
    {
        QByteArray &buf = m_buffers[s];
        buf += s->readAll();
        const qsizetype end = buf.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        SeenRequest r;
        const QList<QByteArray> lines = buf.left(end).split('\n');
        r.headers.insert("method", lines.value(0).split(' ').value(0));
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                r.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                 lines[i].mid(colon + 1).trimmed());
        }
        const qsizetype length = r.headers.value("content-length").toLongLong(); // 0 for a GET
        if (buf.size() < end + 4 + length)
            return;
        r.body = QJsonDocument::fromJson(buf.mid(end + 4, length)).object();
        buf.remove(0, end + 4 + length);
        seen.append(r);
        answer(s, r);
    }

    static void reply(QTcpSocket *s, int status, const QByteArray &type, const QByteArray &body,
                      const QByteArray &extra = {})
    {
        QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + " X\r\n";
        if (!type.isEmpty())
            head += "Content-Type: " + type + "\r\n";
        s->write(head + extra + "Content-Length: " + QByteArray::number(body.size()) +
                 "\r\n\r\n" + body);
    }
    static QByteArray json(const QJsonObject &o)
    {
        return QJsonDocument(o).toJson(QJsonDocument::Compact);
    }
    static QByteArray sse(const QJsonObject &o) { return "event: message\ndata: " + json(o) + "\n\n"; }

    void answer(QTcpSocket *s, const SeenRequest &r)
    {
        const QString method = r.body.value("method").toString();
        const QJsonValue id = r.body.value("id");
        auto result = [&id](const QJsonObject &res) {
            return QJsonObject{{"jsonrpc", "2.0"}, {"id", id}, {"result", res}};
        };
        const QJsonObject region{{"type", "string"}, {"x-mcp-header", "Region"}};
        const QJsonObject echoSchema{{"type", "object"},
                                     {"properties", QJsonObject{{"region", region}}}};
        QJsonArray toolList;
        toolList.append(QJsonObject{{"name", "echo"}, {"inputSchema", echoSchema}});
        toolList.append(QJsonObject{{"name", "stall"}, {"inputSchema", QJsonObject{{"type", "object"}}}});
        toolList.append(QJsonObject{{"name", "poll"}, {"inputSchema", QJsonObject{{"type", "object"}}}});
        const QJsonObject tools{{"tools", toolList}};
        if (r.headers.value("method") == "GET") {
            if (r.headers.value("last-event-id") != "ev-1" || m_pollId.isUndefined())
                return reply(s, 405, {}, {});
            const QJsonObject res{{"content", QJsonArray{QJsonObject{{"type", "text"}, {"text", "polled"}}}}};
            return reply(s, 200, "text/event-stream",
                         "id: ev-2\nevent: message\ndata: " +
                             json({{"jsonrpc", "2.0"}, {"id", m_pollId}, {"result", res}}) + "\n\n");
        }
        if (r.headers.value("method") == "DELETE") {
            if (stallDelete)
                return;
            if (refuseDelete)
                return reply(s, 405, "application/json",
                             R"({"jsonrpc":"2.0","error":{"code":-32000,"message":"Method not allowed."},"id":null})");
            if (!r.headers.contains("mcp-session-id"))
                return reply(s, 400, "application/json",
                             R"({"jsonrpc":"2.0","error":{"code":-32000,"message":"Bad Request: Mcp-Session-Id header is required"},"id":null})");
            if (r.headers.value("mcp-session-id") != "session-42" || m_sessionEnded)
                return reply(s, 404, "application/json",
                             R"({"jsonrpc":"2.0","error":{"code":-32001,"message":"Session not found"},"id":null})");
            m_sessionEnded = true;
            return reply(s, 200, {}, {});
        }
        if (m_modern) {
            if (method == "server/discover")
                return reply(s, 200, "application/json",
                             json(result({{"resultType", "complete"},
                                          {"supportedVersions", QJsonArray{"2026-07-28"}},
                                          {"capabilities", QJsonObject{{"tools", QJsonObject()}}}})));
        } else if (method == "initialize") {
            m_sessionEnded = false;
            const QJsonObject info{{"name", "fake-http"}, {"version", "1"}};
            const QJsonObject caps{{"tools", QJsonObject()}};
            return reply(s, 200, "text/event-stream",
                         sse(result(QJsonObject{{"protocolVersion", "2025-11-25"},
                                                {"capabilities", caps},
                                                {"serverInfo", info}})),
                         "mcp-session-id: session-42\r\n");
        } else if (!r.headers.contains("mcp-session-id")) {
            return reply(s, 400, "application/json",
                         R"({"jsonrpc":"2.0","error":{"code":-32000,"message":"Bad Request: Mcp-Session-Id header is required"},"id":null})");
        } else if (r.headers.value("mcp-session-id") != "session-42" || m_sessionEnded) {
            return reply(s, 404, "application/json",
                         R"({"jsonrpc":"2.0","error":{"code":-32001,"message":"Session not found"},"id":null})");
        }
        if (id.isUndefined())
            return reply(s, 202, {}, {});
        if (method == "tools/list")
            return reply(s, 200, m_modern ? "application/json" : "text/event-stream",
                         m_modern ? json(result(tools)) : sse(result(tools)));
        if (method == "tools/call" && r.body["params"]["name"] == "poll") {
            m_pollId = id;
            return reply(s, 200, "text/event-stream", "id: ev-1\nretry: 20\ndata: \n\n");
        }
        if (method == "tools/call" && r.body["params"]["name"] == "stall") {
            s->write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n" +
                     sse({{"jsonrpc", "2.0"}, {"method", "notifications/progress"},
                          {"params", QJsonObject{{"progressToken", 1}, {"progress", 1}}}}));
            return; // and nothing more
        }
        if (method == "tools/call") {
            QJsonArray content;
            content.append(QJsonObject{{"type", "text"}, {"text", "echoed"}});
            const QJsonObject res{{"content", content}};
            return reply(s, 200, m_modern ? "application/json" : "text/event-stream",
                         m_modern ? json(result(res)) : sse(result(res)));
        }
        reply(s, 404, "application/json",
              json({{"jsonrpc", "2.0"}, {"id", id},
                    {"error", QJsonObject{{"code", -32601}, {"message", "Method not found"}}}}));
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    bool m_modern;
    QJsonValue m_pollId;
    bool m_sessionEnded = false;
};

} // namespace Sluice::Test
