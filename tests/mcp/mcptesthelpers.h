// What the MCP tests share: a client for the fake stdio server (sluice-fakemcp) and a way to
// wait for a callback without a sleep.
#pragma once

#include "core/mcp/mcpclient.h"
#include "core/mcp/mcpmessages.h"
#include "core/mcp/mcpstdiotransport.h"
#include "core/mcp/mcptoolbox.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <csignal>
#include <ctime>
#include <functional>
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

// Whether a process is alive: it exists and is not a zombie (a killed grandchild whose
// parent died waits for whoever adopted it to reap it, which may take a moment or, under a
// container's init, forever).
inline bool processAlive(qint64 pid)
{
    if (pid <= 0 || ::kill(pid_t(pid), 0) != 0)
        return false;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')'); // "pid (comm) S ..."
    return close < 0 || line.mid(close + 2, 1) != "Z";
}

// The pid sluice-fakemcp --grandchild FILE wrote (0 if none yet).
inline qint64 grandchildPid(const QString &file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().toLongLong() : 0;
}

// Runs the event loop until `done` is true (checked every millisecond) or `ms` passed;
// whether it is. Unlike QTest::qWaitFor and QTRY_*, which sleep 10 ms between turns, it
// never blocks the loop, so a LoopGap measures the code under test, not the wait.
inline bool spinUntil(const std::function<bool()> &done, int ms = 20000)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer check;
    check.setInterval(1);
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    check.start();
    loop.exec();
    return done();
}

// The longest gap between two turns of the event loop while it lives (a 1 ms timer, read on
// the real clock: a ManualClock moves limits, not this; wait with spinUntil meanwhile, not
// with QTRY_* or qWaitFor, which sleep), said on destruction as
// "longest event-loop gap while WHAT: N ms" for docs/benchmarks.md. Measured, not asserted.
class LoopGap
{
public:
    explicit LoopGap(QString what) : m_what(std::move(what))
    {
        m_tick.setInterval(1);
        QObject::connect(&m_tick, &QTimer::timeout, [this] { turn(m_gap.restart()); });
        m_gap.start();
        m_cpuAt = cpuMs();
        m_tick.start();
    }
    ~LoopGap()
    {
        m_tick.stop();
        turn(m_gap.elapsed()); // since the last turn: a gap too
        qInfo("longest event-loop gap while %s: %lld ms (%lld ms of it on the CPU)",
              qPrintable(m_what), m_longest, m_longestCpu);
    }
    LoopGap(const LoopGap &) = delete;
    LoopGap &operator=(const LoopGap &) = delete;

private:
    // This thread's CPU time: a gap on the wall clock with little of it on the CPU was the
    // system running something else (a loaded machine), not Sluice's work.
    static qint64 cpuMs()
    {
        timespec t{};
        ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        return qint64(t.tv_sec) * 1000 + t.tv_nsec / 1'000'000;
    }
    void turn(qint64 gap)
    {
        const qint64 cpu = cpuMs();
        if (gap > m_longest) {
            m_longest = gap;
            m_longestCpu = cpu - m_cpuAt;
        }
        m_cpuAt = cpu;
    }

    QString m_what;
    QTimer m_tick;
    QElapsedTimer m_gap;
    qint64 m_cpuAt = 0;
    qint64 m_longest = 0;
    qint64 m_longestCpu = 0;
};

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
