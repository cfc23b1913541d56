// The executable only chooses: the headless command line or the window.
#include "cli.h"
#include "gui.h"
#include "winconsole.h"

int main(int argc, char **argv)
{
    if (Sluice::Cli::wantsCli(argc, argv)) {
        Sluice::attachParentConsole(); // Windows: print to the console we were started from
        return Sluice::Cli::cliMain(argc, argv);
    }
    return Sluice::Gui::guiMain(argc, argv);
}
