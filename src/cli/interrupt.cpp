#include "cli/interrupt.h"

#include <QPointer>
#include <QSocketNotifier>

#ifdef Q_OS_WIN
#include <qt_windows.h>
#else
#include <csignal>
#include <fcntl.h>
#include <unistd.h>
#endif

namespace Sluice::Cli {

namespace {
QPointer<InterruptNotifier> g_notifier;
#ifndef Q_OS_WIN
int g_pipe[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    const ssize_t n = ::write(g_pipe[1], &c, 1); // async-signal-safe
    (void)n;
}
#else
BOOL WINAPI onConsoleCtrl(DWORD type)
{
    if (type != CTRL_C_EVENT && type != CTRL_BREAK_EVENT)
        return FALSE;
    if (g_notifier)
        QMetaObject::invokeMethod(g_notifier.data(), &InterruptNotifier::interrupted,
                                  Qt::QueuedConnection);
    return TRUE;
}
#endif
} // namespace

InterruptNotifier::InterruptNotifier(QObject *parent) : QObject(parent)
{
    g_notifier = this;
    install();
}

InterruptNotifier::~InterruptNotifier()
{
#ifndef Q_OS_WIN
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    std::signal(SIGHUP, SIG_DFL);
#else
    SetConsoleCtrlHandler(onConsoleCtrl, FALSE);
#endif
}

void InterruptNotifier::install()
{
#ifndef Q_OS_WIN
    if (g_pipe[0] < 0) {
        if (::pipe(g_pipe) != 0)
            return;
        ::fcntl(g_pipe[0], F_SETFL, O_NONBLOCK);
        ::fcntl(g_pipe[1], F_SETFL, O_NONBLOCK);
    }
    auto *notifier = new QSocketNotifier(g_pipe[0], QSocketNotifier::Read, this);
    connect(notifier, &QSocketNotifier::activated, this, [this] {
        char buf[16];
        while (::read(g_pipe[0], buf, sizeof buf) > 0) {
        }
        Q_EMIT interrupted();
    });
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGHUP, &sa, nullptr); // the terminal was closed: cancel as Ctrl-C does
#else
    SetConsoleCtrlHandler(onConsoleCtrl, TRUE);
#endif
}

} // namespace Sluice::Cli
