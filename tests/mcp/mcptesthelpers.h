// What the MCP tests share: a client for the fake stdio server (sluice-fakemcp) and a way to
// wait for a callback without a sleep.
#pragma once

#include "core/mcp/mcpclient.h"
#include "core/mcp/mcpmessages.h"
#include "core/mcp/mcpstdiotransport.h"
#include "core/mcp/mcptoolbox.h"

#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QTest>

#include <csignal>
#include <optional>

namespace Sluice::Test {

inline McpServerConfig fakeServer(const QString &name, const QStringList &args)
{
    McpServerConfig c;
    c.name = name;
    c.command = QStringLiteral(SLUICE_FAKEMCP_BIN);
    c.args = args;
    return c;
}

inline McpClient *fakeClient(const McpServerConfig &config, QObject *parent)
{
    return new McpClient(
        config,
        [config](QObject *p) {
            return new McpStdioTransport(config.name, config.command, config.args,
                                         QProcessEnvironment::systemEnvironment(), QString(), p);
        },
        parent);
}

// Whether a process is alive (or a zombie not yet reaped: then it is dead for our purposes
// once its group was killed, so check the group too).
inline bool processAlive(qint64 pid)
{
    return pid > 0 && ::kill(pid_t(pid), 0) == 0;
}

// Starts `client` and waits (on the real clock: process start) until it is ready.
inline QString startAndWait(McpClient *client, int ms = 20000)
{
    std::optional<QString> problem;
    QObject context;
    client->whenReady(&context, [&](const QString &p) { problem = p; });
    if (!QTest::qWaitFor([&] { return problem.has_value(); }, ms))
        return QStringLiteral("no answer in time");
    return problem.value_or(QStringLiteral("no answer"));
}

} // namespace Sluice::Test
