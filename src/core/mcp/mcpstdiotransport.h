// An MCP server as a child process speaking newline-delimited JSON-RPC on stdin/stdout
// (specification 2025-11-25 basic/transports.mdx "stdio"; unchanged in 2026-07-28): one
// message per line, no embedded newlines; stderr is the server's log, kept as a bounded tail.
// The process runs in its own process group, so stop() ends everything it started (an npx
// wrapper and the node process under it). A line longer than the cap, or too much output
// that is not a message, stops the server as flooding.
#pragma once

#include "core/mcp/mcptransport.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

namespace Sluice {

class McpStdioTransport final : public McpTransport
{
    Q_OBJECT
public:
    static constexpr qsizetype DefaultMaxLineBytes = 16 * 1024 * 1024;
    static constexpr qsizetype MaxJunkBytes = 256 * 1024; // stdout that is not JSON-RPC
    static constexpr qsizetype MaxLogTailBytes = 8 * 1024;

    McpStdioTransport(QString serverName, QString program, QStringList args,
                      QProcessEnvironment env, QString workingDirectory,
                      QObject *parent = nullptr);
    ~McpStdioTransport() override;

    void setMaxLineBytes(qsizetype bytes) { m_maxLine = bytes; }

    void start() override;
    bool isRunning() const override;
    void send(const QJsonObject &message, const McpSendInfo &info) override;
    void stop() override;
    QString logTail() const override;
    qint64 processId() const;

private:
    void readOut();
    void readErr();
    void handleLine(QByteArrayView line);
    void fail(const QString &sentence);
    void killGroup(bool leaderRunning);

    QString m_name;
    QString m_program;
    QStringList m_args;
    QProcessEnvironment m_env;
    QString m_cwd;
    QProcess *m_process = nullptr;
    QByteArray m_out;        // stdout not yet framed
    qsizetype m_scanned = 0; // bytes of m_out known to hold no '\n'
    QByteArray m_errTail;
    qsizetype m_maxLine = DefaultMaxLineBytes;
    qsizetype m_junk = 0;
    qint64 m_pid = 0;
    bool m_stopping = false;
};

} // namespace Sluice
