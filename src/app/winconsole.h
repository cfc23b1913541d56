// Windows: lets the GUI-subsystem sluice.exe print to the console it was started from.
#pragma once

namespace Sluice {

// On Windows, attaches to the parent process's console (cmd.exe, PowerShell, Windows
// Terminal) and points stdout/stderr at it, unless they were already redirected
// to a file or pipe. Sets the console to UTF-8 output while Sluice runs and restores it at
// exit. Call it first thing in main() when a subcommand is given. A no-op on other systems
// and when there is no parent console (started from Explorer or the Start menu).
void attachParentConsole();

} // namespace Sluice
