// The executable only chooses: the headless command line or the window.
#include "cli/cli.h"
#include "gui/app/gui.h"
#include "app/winconsole.h"
#include "gui/app/windowarguments.h"

int main(int argc, char **argv)
{
    // `sluice --config FILE` and `--data-dir DIR` open the window; other arguments are the CLI's.
    if (!Sluice::Gui::isWindowCommandLine(argc, argv) && Sluice::Cli::wantsCli(argc, argv)) {
        Sluice::attachParentConsole(); // Windows: print to the console we were started from
        return Sluice::Cli::cliMain(argc, argv);
    }
    return Sluice::Gui::guiMain(argc, argv);
}
