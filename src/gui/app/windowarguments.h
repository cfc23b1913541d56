// The window's own command line: `sluice [--config FILE] [--data-dir DIR]` (also as
// --config=FILE, --data-dir=DIR), and `--quit-after-first-paint` for start-up benchmarks.
// Everything else on a command line means the CLI.
#pragma once

#include <QString>
#include <QStringList>

namespace Sluice::Gui {

struct WindowArguments
{
    QString configPath; // empty: $SLUICE_CONFIG, else the standard location
    QString dataDir;    // empty: $SLUICE_DATA_DIR, else the config's, else the standard one
    bool quitAfterFirstPaint = false; // benchmarks: print first_paint_ms=… on stderr and quit
};

WindowArguments parseWindowArguments(const QStringList &arguments); // without argv[0]

// True when every argument is one of the window's options (or one of Qt's own, such as
// -platform NAME), so `sluice --config FILE` opens the window instead of the CLI.
bool isWindowCommandLine(int argc, char **argv);

} // namespace Sluice::Gui
