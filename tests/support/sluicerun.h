// Runs the built `sluice` binary as a user would, for the command-line tests (tst_cli,
// tst_clifaults, tst_cliterminal, tst_coldload, tst_modelcli). The test's event loop runs
// meanwhile, so the in-process test server answers; the wait ends the moment the process
// exits. Each test target defines SLUICE_BIN as the path of the binary.
#pragma once

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QTimer>

#include <functional>
#include <memory>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#endif

#ifndef SLUICE_BIN
#error "define SLUICE_BIN as the path of the sluice binary"
#endif

namespace Sluice::Test {

#ifdef Q_OS_UNIX
// One pseudo-terminal: the child writes to the slave (isatty() is true there, as in a
// user's shell), the test reads the master.
class Pty
{
public:
    Pty()
    {
        m_master = posix_openpt(O_RDWR | O_NOCTTY);
        if (m_master < 0 || grantpt(m_master) != 0 || unlockpt(m_master) != 0)
            return;
        m_path = QString::fromLocal8Bit(ptsname(m_master));
        m_slave = ::open(ptsname(m_master), O_RDWR | O_NOCTTY);
        termios t{};
        if (m_slave < 0 || tcgetattr(m_slave, &t) != 0)
            return;
        cfmakeraw(&t); // no LF → CRLF: the bytes as the program wrote them
        tcsetattr(m_slave, TCSANOW, &t);
        fcntl(m_master, F_SETFL, fcntl(m_master, F_GETFL) | O_NONBLOCK);
    }
    ~Pty()
    {
        if (m_slave >= 0)
            ::close(m_slave);
        if (m_master >= 0)
            ::close(m_master);
    }
    Pty(const Pty &) = delete;
    Pty &operator=(const Pty &) = delete;

    bool ok() const { return m_slave >= 0; }
    QString path() const { return m_path; }
    // Everything written so far (a pty holds only a few KiB: read while the child runs).
    void drain()
    {
        char buf[4096];
        for (;;) {
            const ssize_t n = ::read(m_master, buf, sizeof buf);
            if (n <= 0)
                break;
            m_bytes.append(buf, qsizetype(n));
        }
    }
    QByteArray bytes() const { return m_bytes; }

private:
    int m_master = -1;
    int m_slave = -1;
    QString m_path;
    QByteArray m_bytes;
};
#endif

enum Tty { NoTty = 0, StdoutTty = 1, StderrTty = 2 };

struct SluiceOptions
{
    QByteArray stdinData; // then stdin is closed
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    int timeoutMs = 30000; // then the process is killed and exitCode stays -1
    int ttys = NoTty;      // which of stdout and stderr are a pseudo-terminal (Unix)
    std::function<void(QProcess &)> setup; // last word on the process before it starts
};

struct SluiceRun
{
    int exitCode = -1; // -1: did not start or did not end in time; -2: crashed
    qint64 ms = -1;    // from the start of the process to its exit
    QByteArray rawOut; // as written (from the terminal, with StdoutTty)
    QByteArray rawErr;
    QString out; // the same, as UTF-8 text
    QString err;

    // The --json lines of stdout.
    QList<QJsonObject> events() const
    {
        QList<QJsonObject> list;
        for (const QByteArray &line : rawOut.split('\n'))
            if (!line.isEmpty())
                list.append(QJsonDocument::fromJson(line).object());
        return list;
    }
};

// Runs the event loop until `p` has exited (true) or timeoutMs passed; `meanwhile` runs
// every 5 ms when given.
inline bool waitForExit(QProcess &p, int timeoutMs, const std::function<void()> &meanwhile = {})
{
    if (p.state() != QProcess::NotRunning) {
        QEventLoop loop;
        QObject::connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        QTimer ticker;
        if (meanwhile) {
            QObject::connect(&ticker, &QTimer::timeout, &loop, meanwhile);
            ticker.start(5);
        }
        loop.exec();
    }
    return p.state() == QProcess::NotRunning;
}

inline SluiceRun sluice(const QStringList &args, const SluiceOptions &options = {})
{
    SluiceRun r;
#ifdef Q_OS_UNIX
    std::unique_ptr<Pty> outPty(options.ttys & StdoutTty ? new Pty : nullptr);
    std::unique_ptr<Pty> errPty(options.ttys & StderrTty ? new Pty : nullptr);
    auto drain = [&] {
        if (outPty)
            outPty->drain();
        if (errPty)
            errPty->drain();
    };
#else
    auto drain = [] {};
#endif
    QProcess p;
    p.setProcessEnvironment(options.env);
#ifdef Q_OS_UNIX
    if (outPty)
        p.setStandardOutputFile(outPty->path());
    if (errPty)
        p.setStandardErrorFile(errPty->path());
#endif
    if (options.setup)
        options.setup(p);
    QElapsedTimer t;
    t.start();
    p.start(QStringLiteral(SLUICE_BIN), args);
    if (!p.waitForStarted(5000))
        return r;
    p.write(options.stdinData);
    p.closeWriteChannel();
    // A pty holds only a few KiB: read it while the child writes.
    const bool ended = waitForExit(p, options.timeoutMs,
                                   options.ttys != NoTty ? std::function<void()>(drain) : nullptr);
    r.ms = t.elapsed();
    if (!ended) {
        p.kill();
        p.waitForFinished();
    }
    drain();
    r.rawOut = p.readAllStandardOutput();
    r.rawErr = p.readAllStandardError();
#ifdef Q_OS_UNIX
    if (outPty)
        r.rawOut = outPty->bytes();
    if (errPty)
        r.rawErr = errPty->bytes();
#endif
    r.out = QString::fromUtf8(r.rawOut);
    r.err = QString::fromUtf8(r.rawErr);
    if (ended)
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    return r;
}

} // namespace Sluice::Test
