#include "gui.h"

#include "appshell.h"
#include "chatclient.h"
#include "config.h"
#include "configstore.h"
#include "mainwindow.h"
#include "sluiceresources.h"
#include "theme.h"
#include "windowarguments.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <cstdio>

namespace Sluice::Gui {

namespace {

// `--quit-after-first-paint` (benchmarks): once the window has painted for the first time,
// prints the milliseconds since guiMain() began on stderr and quits.
class FirstPaintProbe final : public QObject
{
public:
    explicit FirstPaintProbe(const QElapsedTimer &clock) : m_clock(clock) {}

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_seen) {
            m_seen = true;
            // Queued: the paint this event starts has finished when the timer fires.
            QTimer::singleShot(0, qApp, [this] {
                std::fprintf(stderr, "first_paint_ms=%.2f\n",
                             double(m_clock.nsecsElapsed()) / 1e6);
                QCoreApplication::quit();
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    const QElapsedTimer &m_clock;
    bool m_seen = false;
};

} // namespace

// `sluice [--config FILE] [--data-dir DIR]`. The application name is the CLI's and there is
// no organisation name, so both find the same config file and history.
// SLUICE_THEME (system | light | dark) overrides the configured theme (screenshots use it).
int guiMain(int argc, char **argv)
{
    QElapsedTimer clock;
    clock.start();
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("sluice"));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Sluice"));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.sluice.Sluice"));
    QGuiApplication::setWindowIcon(Resources::appIcon());
    Resources::installTranslators(app);

    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    const WindowArguments arguments = parseWindowArguments(args);

    ChatClient client;
    AppShell::Options options;
    options.configPath = arguments.configPath;
    options.dataDir = arguments.dataDir;
    AppShell shell(&client, options);
    if (!shell.start())
        return 1;
    const std::optional<Theme> forced = themeFromName(qEnvironmentVariable("SLUICE_THEME"));
    applyTheme(forced.value_or(shell.config()->config().app.theme));
    FirstPaintProbe probe(clock);
    if (arguments.quitAfterFirstPaint)
        shell.window()->installEventFilter(&probe);
    shell.window()->show();
    QTimer::singleShot(0, &shell, &AppShell::showNotices);
    return app.exec();
}

} // namespace Sluice::Gui
