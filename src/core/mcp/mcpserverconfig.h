// One MCP server as sluice.json's "mcp" section describes it (docs/config.md "mcp"), and the
// same entry read from another client's "mcpServers" file (Claude Desktop, Cursor, VS Code
// style). Values of env and headers stay as written: "$VAR", "${VAR}" and "keychain:ACCOUNT"
// are resolved only when the server starts (mcpsecrets.h), so secrets never reach the file
// when the user chose the environment or the keychain.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace Sluice {

struct McpServerConfig
{
    enum class Transport { Stdio, Http };

    static constexpr int DefaultStartupTimeoutMs = 30'000;
    static constexpr int DefaultCallTimeoutMs = 60'000;

    QString name; // the key in "mcp"; shown to people and to the model's tool list
    Transport transport = Transport::Stdio;
    bool enabled = true;
    // stdio
    QString command;
    QStringList args;
    QList<QPair<QString, QString>> env; // name, value (may be "$VAR" or "keychain:ACCOUNT")
    QString cwd;                        // empty: the user's home folder
    // http (streamable HTTP)
    QString url;
    QList<QPair<QString, QString>> headers; // name, value (same references as env)
    // which of the server's tools the model may see; empty: all of them
    QStringList allowedTools;
    int startupTimeoutMs = DefaultStartupTimeoutMs; // start + handshake + first tools/list
    int callTimeoutMs = DefaultCallTimeoutMs;       // any one request after that

    bool allows(const QString &tool) const
    {
        return allowedTools.isEmpty() || allowedTools.contains(tool);
    }
    // "npx -y @modelcontextprotocol/server-everything" or the URL: what the server is.
    QString summary() const;
    friend bool operator==(const McpServerConfig &a, const McpServerConfig &b);
    friend bool operator!=(const McpServerConfig &a, const McpServerConfig &b)
    {
        return !(a == b);
    }
};

// Server names are keychain account parts and command-line arguments: letters, digits, '-',
// '_' and '.', starting with a letter or digit.
bool isValidMcpServerName(const QString &name);

// Reads one entry of sluice.json's "mcp" object. On a problem returns false and sets
// `field` (dotted, under "mcp.NAME") and `problem` (what is wrong, one phrase).
bool mcpServerFromJson(const QString &name, const QJsonObject &o, McpServerConfig &out,
                       QString *field, QString *problem);
// The entry as sluice.json keeps it, written onto `original` so unknown fields survive.
QJsonObject mcpServerToJson(const McpServerConfig &server, QJsonObject original = {});

// sluice.json's "mcp" object: every server, sorted by name. False with field and problem
// when an entry is wrong; an absent section is no servers.
bool mcpSectionFromJson(const QJsonObject &root, QList<McpServerConfig> &out, QString *field,
                        QString *problem);
// Writes "mcp" into `root` (kept entries keep their unknown fields; absent when empty and the
// file had none).
void mcpSectionToJson(QJsonObject &root, const QList<McpServerConfig> &servers);

// Reads an "mcpServers" object as other clients write it: {"name": {"command", "args", "env",
// "cwd"}} for stdio, {"url", "headers"} (with "type": "http"/"streamable-http"/"sse", or
// "serverUrl") for HTTP, "disabled": true, "timeout" in seconds (crush). Each entry Sluice
// cannot use gets a sentence in `skipped` saying why.
QList<McpServerConfig> mcpServersFromClientJson(const QJsonObject &mcpServers,
                                                QStringList *skipped);
// Reads another client's MCP settings file (an object with "mcpServers", or VS Code's
// "servers"). False with one sentence in `error` when the file cannot be used.
bool readMcpServersFile(const QString &path, QList<McpServerConfig> *servers,
                        QStringList *notes, QString *error);
// Adds `imported` to `servers`, renaming a name that is taken ("files" → "files-2"), each
// rename noted.
void mergeMcpServers(QList<McpServerConfig> &servers, const QList<McpServerConfig> &imported,
                     QStringList *notes);

} // namespace Sluice
