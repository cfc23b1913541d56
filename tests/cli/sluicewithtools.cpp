// `sluice` with a scripted Toolbox in place of the configured MCP servers: the command line's
// own code (sluice_cli), its Toolbox taken from $SLUICE_TEST_TOOLS (scriptedtoolbox.h's JSON)
// through the one seam the real client plugs into (core/tools/toolboxfactory.h).
#include "cli/cli.h"
#include "core/tools/toolboxfactory.h"
#include "scriptedtoolbox.h"

int main(int argc, char **argv)
{
    Sluice::setToolboxFactory([](const Sluice::Config &, QObject *parent) -> Sluice::Toolbox * {
        const QByteArray json = qgetenv("SLUICE_TEST_TOOLS");
        if (json.isEmpty())
            return nullptr;
        return Sluice::Test::ScriptedToolbox::fromJson(json, parent);
    });
    return Sluice::Cli::cliMain(argc, argv);
}
