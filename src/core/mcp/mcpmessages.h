// The shapes of MCP messages Sluice sends and reads, for the revisions it speaks. Checked
// against the specification text (modelcontextprotocol/modelcontextprotocol, docs/specification/):
//   2026-07-28 "modern": basic/index.mdx (_meta, resultType), basic/versioning.mdx (no
//     handshake; server/discover; UnsupportedProtocolVersionError -32022), server/tools.mdx;
//   2025-11-25, 2025-06-18, 2025-03-26 "legacy": basic/lifecycle.mdx (initialize →
//     notifications/initialized), basic/utilities/cancellation.mdx, basic/utilities/ping.mdx,
//     server/tools.mdx (tools/list with cursor/nextCursor, tools/call with content,
//     structuredContent, isError).
#pragma once

#include "core/tools/toolbox.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace Sluice::Mcp {

inline const QString ModernVersion = QStringLiteral("2026-07-28");
// Legacy revisions, newest first: the first is what initialize asks for.
QStringList legacyVersions();
bool isModern(const QString &version);

// JSON-RPC 2.0 error codes (basic/index.mdx "Error Codes").
enum ErrorCode {
    ParseError = -32700,
    InvalidRequest = -32600,
    MethodNotFound = -32601,
    InvalidParams = -32602,
    InternalError = -32603,
    HeaderMismatch = -32020,
    MissingRequiredClientCapability = -32021,
    UnsupportedProtocolVersion = -32022,
};
// -32020 … -32022: an error only a modern server sends (versioning.mdx "Backward
// Compatibility": a recognised modern error identifies a modern server).
bool isModernError(int code);

QJsonObject clientInfo();

// A request; in the modern era its params carry _meta with the protocol version, the
// client's capabilities and info (basic/index.mdx "_meta", reserved keys).
QJsonObject request(const QJsonValue &id, const QString &method, QJsonObject params,
                    const QString &modernVersion);
QJsonObject notification(const QString &method, const QJsonObject &params = {});
QJsonObject resultResponse(const QJsonValue &id, const QJsonObject &result);
QJsonObject errorResponse(const QJsonValue &id, int code, const QString &message);

// initialize params for a legacy revision (2025-11-25 lifecycle.mdx "Initialization").
QJsonObject initializeParams(const QString &version);
// notifications/cancelled params (cancellation.mdx: requestId, optional reason).
QJsonObject cancelledParams(const QJsonValue &requestId, const QString &reason);

enum class Kind { Response, Request, Notification, Invalid };
Kind kindOf(const QJsonObject &message);

// The tools of one tools/list page; each must have a name and an object inputSchema
// (server/tools.mdx "Tool"). Tools without them are named in `rejected`.
QList<ToolSpec> toolsFromList(const QString &server, const QJsonObject &result,
                              QStringList *rejected);

// A tools/call result as the chat sees it: text for the model from the content blocks (text,
// a note for image/audio/resource links, embedded text resources), or structuredContent as
// JSON when there is no content; isError makes it a tool error.
ToolOutcome outcomeFromCallResult(const QJsonObject &result);

// The text of a JSON-RPC error object for a sentence: "-32602 Unknown tool: x".
QString describeError(const QJsonObject &error);

// Header value after the modern Streamable HTTP "Value Encoding" rule: plain visible ASCII as
// is, otherwise (or when it looks like the sentinel) "=?base64?…?=".
QByteArray headerValue(const QString &value);
// The Mcp-Param-NAME headers a tools/call must carry for `arguments`, from x-mcp-header
// annotations in `inputSchema` reachable through "properties" alone (streamable-http.mdx
// "Custom Headers from Tool Parameters"). Returns false when an annotation breaks the rules
// (the tool is then not offered over HTTP), with the reason.
bool paramHeaders(const QJsonObject &inputSchema, const QJsonObject &arguments,
                  QList<QPair<QByteArray, QByteArray>> *headers, QString *why);

} // namespace Sluice::Mcp
