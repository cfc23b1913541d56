#include "gui/app/gui.h"

#include "gui/app/appshell.h"
#include "core/chat/chatclient.h"
#include "core/config/config.h"
#include "core/config/configstore.h"
#include "gui/window/mainwindow.h"
#include "resources/sluiceresources.h"
#include "gui/window/theme.h"
#include "gui/app/windowarguments.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <cstdio>
#include <functional>
#include <utility>

namespace Sluice::Gui {

namespace {

// Runs `then` once, right after the watched widget's first paint has finished.
class AfterFirstPaint final : public QObject
{
public:
    AfterFirstPaint(QWidget *widget, std::function<void()> then)
        : QObject(widget), m_then(std::move(then))
    {
        widget->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && m_then) {
            // Queued: the paint this event starts has finished when the timer fires.
            QTimer::singleShot(0, this, std::exchange(m_then, {}));
        }
        return QObject::eventFilter(watched, event);
    }

private:
    std::function<void()> m_then;
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
    Resources::installTranslators(app);

    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    const WindowArguments arguments = parseWindowArguments(args);

    ChatClient client;
    AppShell::Options options;
    options.configPath = arguments.configPath;
    options.dataDir = arguments.dataDir;
    options.configLoaded = [](const Config &config) {
        const std::optional<Theme> forced = themeFromName(qEnvironmentVariable("SLUICE_THEME"));
        applyTheme(forced.value_or(config.app.theme));
    };
    AppShell shell(&client, options);
    if (!shell.start())
        return 1;
    // The window icon (eight PNG sizes, decoded when added: ~8 ms) waits until the window
    // has painted once; the desktop file and the platform show the icon until then.
    // `--quit-after-first-paint` (benchmarks) prints main() → first paint on stderr and quits.
    new AfterFirstPaint(shell.window(), [&clock, quit = arguments.quitAfterFirstPaint] {
        if (quit) {
            std::fprintf(stderr, "first_paint_ms=%.2f\n", double(clock.nsecsElapsed()) / 1e6);
            QCoreApplication::quit();
            return;
        }
        QGuiApplication::setWindowIcon(Resources::appIcon());
    });
    shell.window()->show();
    QTimer::singleShot(0, &shell, &AppShell::showNotices);
    return app.exec();
}

} // namespace Sluice::Gui
