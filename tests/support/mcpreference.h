// The official MCP reference servers from npm (tests/mcp/npm/package.json) as the tests start
// them: where their scripts are, why they cannot run here, and server-everything over
// streamable HTTP on a free port. A target including this defines SLUICE_MCP_NPM_DIR.
#pragma once

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>

namespace Sluice::Test {

inline QString mcpNpmDir()
{
    return QStringLiteral(SLUICE_MCP_NPM_DIR);
}

inline QString nodeExecutable()
{
    return QStandardPaths::findExecutable(QStringLiteral("node"));
}

// "server-everything" → its entry script under tests/mcp/npm/node_modules.
inline QString referenceServerScript(const QString &package)
{
    return QDir(mcpNpmDir()).filePath(QStringLiteral("node_modules/@modelcontextprotocol/") +
                                      package + QStringLiteral("/dist/index.js"));
}

// Why `packages` cannot run here (no Node.js, or no `npm ci` in tests/mcp/npm); empty when
// they can.
inline QString referenceServersMissing(const QStringList &packages)
{
    if (nodeExecutable().isEmpty())
        return QStringLiteral("Node.js (node) is not installed; the MCP reference servers need it.");
    for (const QString &p : packages) {
        if (!QFileInfo::exists(referenceServerScript(p)))
            return QStringLiteral("%1/node_modules is missing; run `npm ci` there first.")
                .arg(QDir::toNativeSeparators(mcpNpmDir()));
    }
    return {};
}

// @modelcontextprotocol/server-everything serving streamable HTTP at url() until destroyed;
// log() is everything it printed (it says on stdout when a session starts and ends, see its
// dist/transports/streamableHttp.js).
class EverythingOverHttp
{
public:
    EverythingOverHttp() = default;
    EverythingOverHttp(const EverythingOverHttp &) = delete;
    EverythingOverHttp &operator=(const EverythingOverHttp &) = delete;
    ~EverythingOverHttp()
    {
        m_process.kill();
        m_process.waitForFinished();
    }

    // Starts it on a free port; false when it did not say it listens within `ms`.
    bool start(int ms = 30000)
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost))
            return false;
        m_port = probe.serverPort();
        probe.close();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PORT"), QString::number(m_port));
        m_process.setProcessEnvironment(env);
        m_process.start(nodeExecutable(), {referenceServerScript(QStringLiteral("server-everything")),
                                           QStringLiteral("streamableHttp")});
        if (!m_process.waitForStarted())
            return false;
        return QTest::qWaitFor([this] { return log().contains("listening on port"); }, ms);
    }

    QString url() const { return QStringLiteral("http://127.0.0.1:%1/mcp").arg(m_port); }

    QByteArray log()
    {
        m_log += m_process.readAllStandardError() + m_process.readAllStandardOutput();
        return m_log;
    }

private:
    QProcess m_process;
    QByteArray m_log;
    quint16 m_port = 0;
};

} // namespace Sluice::Test
