// The headless command line: `sluice run|models|doctor …`. Same core as the window.
#pragma once

namespace Sluice::Cli {

// True when the arguments name a subcommand (or --help/--version) rather than the window.
bool wantsCli(int argc, char **argv);
// Runs the command line; returns the process exit code.
int cliMain(int argc, char **argv);

} // namespace Sluice::Cli
