#include "gui.h"

#include <QApplication>
#include <QMainWindow>

namespace Sluice::Gui {

int guiMain(int argc, char **argv)
{
    QApplication app(argc, argv);
    QMainWindow window;
    window.setWindowTitle(QStringLiteral("Sluice"));
    window.show();
    return app.exec();
}

} // namespace Sluice::Gui
