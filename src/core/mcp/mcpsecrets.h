// An MCP server's env and header values as the server gets them: "$VAR" and "${VAR}" from
// Sluice's environment, "keychain:ACCOUNT" from the keychain (the same references provider
// API keys use, docs/config.md). The resolved secrets are remembered for redaction, so they
// never reach the log or an error sentence.
#pragma once

#include "core/mcp/mcpserverconfig.h"

#include <QObject>
#include <QProcessEnvironment>

#include <functional>

namespace Sluice {

class SecretStore;

struct McpResolved
{
    QList<QPair<QString, QString>> env;
    QList<QPair<QByteArray, QByteArray>> headers;
    QString problem; // one sentence when a reference could not be resolved
};

// Calls `done` once (from the event loop when the keychain is read, else at once).
void resolveMcpSecrets(const McpServerConfig &server, SecretStore *store,
                       const QProcessEnvironment &environment, QObject *context,
                       std::function<void(const McpResolved &)> done);

// The keychain account a value names ("keychain:ACCOUNT"), or empty.
QString mcpKeychainAccount(const QString &value);
// The account Sluice uses for a secret it moves into the keychain.
QString mcpKeychainAccountFor(const QString &server, const QString &name);

} // namespace Sluice
