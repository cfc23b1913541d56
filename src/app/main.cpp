// The executable only chooses: the headless command line or the window.
#include "cli.h"
#include "gui.h"

int main(int argc, char **argv)
{
    if (Sluice::Cli::wantsCli(argc, argv))
        return Sluice::Cli::cliMain(argc, argv);
    return Sluice::Gui::guiMain(argc, argv);
}
