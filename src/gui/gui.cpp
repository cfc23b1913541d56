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
#include <QTimer>

namespace Sluice::Gui {

// `sluice [--config FILE] [--data-dir DIR]`. The application name is the CLI's and there is
// no organisation name, so both find the same config file and history.
// SLUICE_THEME (system | light | dark) overrides the configured theme (screenshots use it).
int guiMain(int argc, char **argv)
{
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
    shell.window()->show();
    QTimer::singleShot(0, &shell, &AppShell::showNotices);
    return app.exec();
}

} // namespace Sluice::Gui
