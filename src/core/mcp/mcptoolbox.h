// The tools of the configured MCP servers, as a chat sees them (core/tools/toolbox.h). Each
// enabled server is an McpClient: started on first use (prepare() or a call), started again
// on the next use after it died, stopped with shutdown(). One whose start failed is left out
// of later prepare() calls (its sentence was said once) until the toolbox is made anew or its
// settings change (reconfigure()). Only
// the tools a server's allow list names are offered; every call finishes exactly once within
// the server's call limit.
#pragma once

#include "core/config/secretstore.h"
#include "core/mcp/mcpclient.h"
#include "core/mcp/mcpsecrets.h"
#include "core/tools/toolbox.h"

#include <QHash>
#include <QSet>
#include <QProcessEnvironment>

#include <memory>

namespace Sluice {

class SecretStore;

class McpToolbox final : public Toolbox
{
    Q_OBJECT
public:
    // `secrets` resolves "keychain:" values (may be null: such a server fails with a
    // sentence). Disabled servers are left out.
    McpToolbox(const QList<McpServerConfig> &servers, SecretStore *secrets,
               QObject *parent = nullptr);
    ~McpToolbox() override;

    void prepare() override;
    bool needsPrepare() const override;
    QList<ToolSpec> tools() const override;
    ToolRun *call(const QString &server, const QString &tool, const QJsonObject &arguments,
                  QObject *parent) override;
    void shutdown() override;
    // shutdown(), then `ended` once the servers have answered the ends of their sessions
    // (HTTP DELETE), or after `limitMs` (see McpHttpTransport::whenSessionsEnded). For who
    // quits right after: the answers are read while its event loop still runs.
    void shutdown(int limitMs, QObject *context, std::function<void()> ended);
    // The settings changed (Settings saved): a server whose entry is the same keeps running
    // (and its tools); one whose entry changed is stopped and starts anew, with its new
    // settings, on its next use; one removed or disabled is stopped and left out; a new one
    // starts on its next use. A server whose start failed gets another chance once its entry
    // changed. Calls under way on a server that is stopped end as failed: the window applies
    // new settings only while no conversation is busy (WindowTools).
    void reconfigure(const QList<McpServerConfig> &servers);

    // Resolves "keychain:" values with `store`, which the toolbox then owns (the app's own
    // toolbox, made by createToolbox(), has nobody else to keep its keychain).
    void ownSecretStore(std::unique_ptr<SecretStore> store);

    McpClient *client(const QString &server) const;
    QStringList serverNames() const;
    // The environment stdio servers start from (tests add to it); the process's by default.
    void setEnvironment(const QProcessEnvironment &env) { m_environment = env; }

private:
    // Resolves the server's secrets, then makes sure it is ready; `done` gets the problem.
    void ensureReady(McpClient *client, QObject *context,
                     std::function<void(const QString &)> done);
    McpTransport *makeTransport(const QString &server, QObject *parent);
    McpClient *makeClient(const McpServerConfig &config);

    QList<McpClient *> m_clients;
    SecretStore *m_secrets = nullptr;
    std::unique_ptr<SecretStore> m_ownedSecrets;
    QProcessEnvironment m_environment;
    QHash<QString, McpResolved> m_resolved; // by server; filled before each start
    int m_preparing = 0;
    int m_round = 0; // of prepare() calls; shutdown() starts a new one
    QStringList m_problems;
    QSet<QString> m_failed; // servers whose start failed in prepare(): said once, left out
};

} // namespace Sluice
