#include "core/mcp/mcpstdiotransport.h"

#include "core/net/redaction.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QLoggingCategory>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/types.h>
#include <unistd.h>
#endif

Q_LOGGING_CATEGORY(lcMcpStdio, "sluice.mcp", QtWarningMsg)

namespace Sluice {

namespace {

class Words final
{
    Q_DECLARE_TR_FUNCTIONS(Sluice::McpStdioTransport)
};

QString megabytes(qsizetype bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'g', 3);
}

} // namespace

McpStdioTransport::McpStdioTransport(QString serverName, QString program, QStringList args,
                                     QProcessEnvironment env, QString workingDirectory,
                                     QObject *parent)
    : McpTransport(parent), m_name(std::move(serverName)), m_program(std::move(program)),
      m_args(std::move(args)), m_env(std::move(env)), m_cwd(std::move(workingDirectory))
{
    // Servers end with the app, whoever owns this when it quits.
    if (QCoreApplication *app = QCoreApplication::instance())
        connect(app, &QCoreApplication::aboutToQuit, this, &McpStdioTransport::stop);
}

McpStdioTransport::~McpStdioTransport()
{
    stop();
    // Killed already, but the kernel takes a moment to tear a process down (a large node
    // server, tens of milliseconds), and a QProcess must not be destroyed unreaped: the
    // application keeps it until it has exited (stop() deletes it then), so the event loop
    // never waits here. Without a running application, it is waited for.
    QCoreApplication *app = QCoreApplication::instance();
    for (QProcess *p : findChildren<QProcess *>(Qt::FindDirectChildrenOnly)) {
        if (p->state() == QProcess::NotRunning)
            continue;
        if (app && !QCoreApplication::closingDown() && p->thread() == app->thread())
            p->setParent(app);
        else
            p->waitForFinished(500);
    }
}

void McpStdioTransport::start()
{
    stop();
    m_stopping = false;
    m_out.clear();
    m_scanned = 0;
    m_junk = 0;
    m_errTail.clear();
    m_process = new QProcess(this);
    m_process->setProcessEnvironment(m_env);
    m_process->setWorkingDirectory(m_cwd.isEmpty() ? QDir::homePath() : m_cwd);
#ifdef Q_OS_UNIX
    // Its own process group: stop() signals the group, which reaches what the server started.
    m_process->setChildProcessModifier([] { ::setpgid(0, 0); });
#endif
    QProcess *p = m_process;
    connect(p, &QProcess::started, this, [this, p] {
        m_pid = p->processId();
        Q_EMIT started();
    });
    connect(p, &QProcess::readyReadStandardOutput, this, &McpStdioTransport::readOut);
    connect(p, &QProcess::readyReadStandardError, this, &McpStdioTransport::readErr);
    connect(p, &QProcess::errorOccurred, this, [this, p](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart || p != m_process)
            return;
        //: %1 is a server's name, %2 the program, %3 the system's reason
        fail(Words::tr("The MCP server \"%1\" could not start \"%2\": %3.")
                 .arg(m_name, m_program, p->errorString()));
    });
    connect(p, &QProcess::finished, this, [this, p](int code, QProcess::ExitStatus status) {
        if (p != m_process || m_stopping)
            return;
        readOut();
        readErr();
        if (p != m_process || m_stopping)
            return;
        const QString tail = logTail().section(u'\n', -1).trimmed();
        QString sentence =
            status == QProcess::CrashExit
                //: %1 is a server's name
                ? Words::tr("The MCP server \"%1\" crashed.").arg(m_name)
                //: %1 is a server's name, %2 the process's exit code
                : Words::tr("The MCP server \"%1\" exited with code %2.").arg(m_name).arg(code);
        if (!tail.isEmpty())
            //: %1 is the sentence before, %2 the last line the server logged
            sentence = Words::tr("%1 Its last words: %2").arg(sentence, tail.left(300));
        fail(sentence);
    });
    qCInfo(lcMcpStdio) << "starting MCP server" << m_name << m_program;
    m_process->start(m_program, m_args, QIODevice::ReadWrite);
}

bool McpStdioTransport::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running && !m_stopping;
}

qint64 McpStdioTransport::processId() const
{
    return m_pid;
}

void McpStdioTransport::send(const QJsonObject &message, const McpSendInfo &info)
{
    Q_UNUSED(info)
    if (!isRunning())
        return;
    // Compact JSON has no raw newline: strings escape theirs.
    QByteArray line = QJsonDocument(message).toJson(QJsonDocument::Compact);
    line.append('\n');
    m_process->write(line);
}

void McpStdioTransport::readOut()
{
    if (!m_process)
        return;
    QProcess *p = m_process;
    // Reads what is there in slices, so 100 MB of output never becomes one allocation and
    // each slice ends in the event loop quickly.
    while (p == m_process && !m_stopping && p->bytesAvailable() > 0) {
        m_out.append(p->read(qMin<qint64>(p->bytesAvailable(), 1024 * 1024)));
        qsizetype start = 0;
        while (true) {
            const qsizetype nl = m_out.indexOf('\n', qMax(start, m_scanned));
            if (nl < 0)
                break;
            handleLine(QByteArrayView(m_out).sliced(start, nl - start));
            if (p != m_process || m_stopping)
                return;
            start = nl + 1;
            m_scanned = start;
        }
        m_out.remove(0, start);
        m_scanned = m_out.size();
        if (m_out.size() > m_maxLine) {
            //: %1 is a server's name, %2 a size in MB
            fail(Words::tr("The MCP server \"%1\" wrote a message longer than %2 MB; Sluice "
                           "stopped it.")
                     .arg(m_name, megabytes(m_maxLine)));
            return;
        }
    }
}

void McpStdioTransport::handleLine(QByteArrayView line)
{
    QByteArrayView trimmed = line.trimmed();
    if (trimmed.isEmpty())
        return;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(trimmed.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        if (m_junk == 0) // the first such line only: a flood must not flood the log
            qCWarning(lcMcpStdio).noquote()
                << "MCP server" << m_name << "wrote a line that is not a message:"
                << redactKnownSecrets(
                       QString::fromUtf8(trimmed.first(qMin<qsizetype>(200, trimmed.size()))));
        m_junk += line.size() + 1;
        if (m_junk > MaxJunkBytes)
            //: %1 is a server's name, %2 a size in KB
            fail(Words::tr("The MCP server \"%1\" wrote more than %2 KB to its output that is "
                           "not MCP messages; Sluice stopped it.")
                     .arg(m_name)
                     .arg(MaxJunkBytes / 1024));
        return;
    }
    Q_EMIT message(doc.object());
}

void McpStdioTransport::readErr()
{
    if (!m_process)
        return;
    const QByteArray err = m_process->readAllStandardError();
    if (err.isEmpty())
        return;
    m_errTail.append(err.right(MaxLogTailBytes));
    if (m_errTail.size() > MaxLogTailBytes)
        m_errTail.remove(0, m_errTail.size() - MaxLogTailBytes);
    for (const QByteArray &l : err.right(MaxLogTailBytes).split('\n'))
        if (!l.trimmed().isEmpty())
            qCDebug(lcMcpStdio).noquote()
                << m_name + QStringLiteral(": ") +
                       redactKnownSecrets(QString::fromUtf8(l.left(1000)));
}

QString McpStdioTransport::logTail() const
{
    return redactKnownSecrets(QString::fromUtf8(m_errTail).trimmed());
}

void McpStdioTransport::fail(const QString &sentence)
{
    stop(); // McpClient logs the sentence
    Q_EMIT failed(sentence);
}

void McpStdioTransport::killGroup(bool leaderRunning)
{
#ifdef Q_OS_UNIX
    // The group outlives a leader that exited by itself while what it started runs on (its
    // id is not given to a new process while the group has members): signalled all the same.
    if (m_pid > 0) {
        ::kill(-pid_t(m_pid), SIGKILL);
        if (leaderRunning) // a reaped leader's id may belong to someone else by now
            ::kill(pid_t(m_pid), SIGKILL);
    }
#else
    Q_UNUSED(leaderRunning)
#endif
}

void McpStdioTransport::stop()
{
    if (!m_process)
        return;
    m_stopping = true;
    QProcess *p = m_process;
    m_process = nullptr;
    p->disconnect(this);
    if (p->state() != QProcess::NotRunning) {
        // The specification's shutdown is: close stdin, wait, SIGTERM, SIGKILL. Sluice stops
        // a server only when it has to (a limit, a flood, quitting), so it ends the group at
        // once rather than block the window on a wait.
        p->closeWriteChannel();
        killGroup(true);
        // Reaped when it has exited (the destructor hands it to the application meanwhile).
        connect(p, &QProcess::finished, p, &QObject::deleteLater);
    } else {
        killGroup(false); // it exited (or crashed): what it started goes too
        p->deleteLater();
    }
    m_pid = 0;
}

} // namespace Sluice
