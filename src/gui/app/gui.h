#pragma once

namespace Sluice::Gui {

// Creates the QApplication and the main window, runs the event loop.
int guiMain(int argc, char **argv);

} // namespace Sluice::Gui
