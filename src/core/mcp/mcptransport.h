// How JSON-RPC messages reach one MCP server and come back: a child process on stdio
// (McpStdioTransport) or an HTTP endpoint (McpHttpTransport). McpClient speaks the protocol
// on top and owns every limit; a transport only moves messages and says when it broke.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>

namespace Sluice {

// What the client knows about a message that HTTP mirrors into headers.
struct McpSendInfo
{
    QString method;
    QString name;               // params.name of tools/call: the Mcp-Name header (modern)
    QString protocolVersion;    // the MCP-Protocol-Version header; empty before negotiation
    bool modern = false;        // sends Mcp-Method/Mcp-Name; no session id
    QList<QPair<QByteArray, QByteArray>> extraHeaders; // Mcp-Param-* (modern tools/call)
};

class McpTransport : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~McpTransport() override = default;

    // Starts the process (stdio) or nothing (HTTP); started() or failed() follows.
    virtual void start() = 0;
    virtual bool isRunning() const = 0;
    // Sends one message. A request's answer comes as message(); an HTTP request that ends
    // without one comes as requestFailed().
    virtual void send(const QJsonObject &message, const McpSendInfo &info) = 0;
    // The client gave up on request `id` (cancel, limit): HTTP closes its stream.
    virtual void abandon(const QJsonValue &id) { Q_UNUSED(id) }
    // Stops at once: the whole process group (stdio), every open request (HTTP).
    virtual void stop() = 0;
    // The last lines the server wrote to its log (stdio stderr), for a failure sentence.
    virtual QString logTail() const { return {}; }
    // Forgets a legacy HTTP session (the next initialize starts a new one).
    virtual void resetSession() {}

Q_SIGNALS:
    void started();
    void message(const QJsonObject &message);
    // HTTP: a POST answered without a JSON-RPC response (status, the JSON-RPC error in the
    // body if there was one, and a sentence).
    void requestFailed(const QJsonValue &id, int httpStatus, const QJsonObject &rpcError,
                       const QString &sentence);
    // The transport is gone (the process exited or flooded, …); one sentence.
    void failed(const QString &sentence);
};

} // namespace Sluice
