#include "cli.h"

#include "sluice_version.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstring>

namespace Sluice::Cli {

bool wantsCli(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const char *a = argv[i];
        if (std::strcmp(a, "--version") == 0 || std::strcmp(a, "-v") == 0 ||
            std::strcmp(a, "--help") == 0 || std::strcmp(a, "-h") == 0)
            return true;
        if (a[0] != '-')
            return true;
    }
    return false;
}

int cliMain(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    out << "sluice " << SLUICE_VERSION << Qt::endl;
    return 0;
}

} // namespace Sluice::Cli
