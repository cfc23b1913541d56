#include "cli/stdoutwriter.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#ifdef Q_OS_WIN
#include <io.h>
#else
#include <csignal>
#include <unistd.h>
#endif

namespace Sluice::Cli {

namespace {

StdoutState g_state = StdoutState::Ok;
int g_errno = 0;

StdoutState failWith(int error)
{
    g_errno = error;
    g_state = error == EPIPE ? StdoutState::Closed : StdoutState::Failed;
    return g_state;
}

} // namespace

StdoutState writeStdoutBytes(QByteArrayView bytes)
{
    if (g_state != StdoutState::Ok)
        return g_state;
    // Anything written through stdio before (a library, Qt's messages) goes first.
    if (std::fflush(stdout) != 0)
        return failWith(errno);
#ifdef Q_OS_WIN
    const int fd = _fileno(stdout);
#else
    const int fd = STDOUT_FILENO;
#endif
    const char *data = bytes.data();
    qsizetype left = bytes.size();
    while (left > 0) {
#ifdef Q_OS_WIN
        const int n = _write(fd, data, unsigned(qMin<qsizetype>(left, 1 << 30)));
#else
        const ssize_t n = ::write(fd, data, size_t(left));
#endif
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return failWith(errno);
        }
        if (n == 0)
            return failWith(EIO);
        data += n;
        left -= n;
    }
    return StdoutState::Ok;
}

StdoutState stdoutState()
{
    return g_state;
}

QString stdoutError()
{
    return g_errno ? QString::fromLocal8Bit(std::strerror(g_errno)) : QString();
}

void ignoreBrokenPipeSignal()
{
#ifndef Q_OS_WIN
    std::signal(SIGPIPE, SIG_IGN);
#endif
}

} // namespace Sluice::Cli
