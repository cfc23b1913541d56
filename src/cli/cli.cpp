#include "cli/cli.h"

#include "cli/clicommon.h"
#include "cli/configcommand.h"
#include "cli/doctorcommand.h"
#include "cli/historycommand.h"
#include "cli/mcpcommand.h"
#include "core/util/logfile.h"
#include "cli/modelcommands.h"
#include "cli/runcommand.h"
#include "sluice_version.h"

#include <QCoreApplication>

#include <cstring>
#include <functional>

namespace Sluice::Cli {

namespace {

struct Command
{
    const char *name;
    const char *summary;
    std::function<int(const QStringList &)> run;
};

const QList<Command> &commands()
{
    static const QList<Command> list = {
        {"run", "Stream one reply to stdout: sluice run --model llama3.2 \"Hello\"", runCommand},
        {"models", "List the models a server offers", modelsCommand},
        {"doctor", "Check a server step by step and say what to fix", doctorCommand},
        {"pull", "Download a model to an Ollama server: sluice pull llama3.2:3b", pullCommand},
        {"ps", "List the models an Ollama server has loaded", psCommand},
        {"rm", "Delete a model from an Ollama server", rmCommand},
        {"config", "Show the config file, or import a crush.json: sluice config import FILE",
         configCommand},
        {"mcp", "The MCP servers: sluice mcp list | test NAME | import FILE", mcpCommand},
        {"history", "List the stored conversations",
         [](const QStringList &a) { return historyCommand(a.mid(1)); }},
        {"export", "Export a conversation: sluice export ID --format md|json",
         [](const QStringList &a) { return exportCommand(a.mid(1)); }},
    };
    return list;
}

QString helpText()
{
    QString text = QStringLiteral(
        "Usage: sluice [COMMAND] [options]\n"
        "\n"
        "Sluice is a chat client for LLM servers: Ollama, OpenAI-compatible servers and\n"
        "Anthropic. Without a command it opens the window.\n"
        "\n"
        "Commands:\n");
    for (const Command &c : commands())
        text += QStringLiteral("  %1%2\n")
                    .arg(QLatin1String(c.name), -10)
                    .arg(QLatin1String(c.summary));
    text += QStringLiteral(
        "\n"
        "Options:\n"
        "  -h, --help     Show this help; `sluice COMMAND --help` shows a command's options.\n"
        "  -v, --version  Show the version.\n"
        "\n"
        "Exit codes: 0 complete; 1 the server answered with an error or broke the protocol;\n"
        "2 usage or configuration error; 3 stalled or timed out; 4 could not connect;\n"
        "130 interrupted.\n"
        "\n"
        "Environment: OLLAMA_HOST (default server), SLUICE_CONFIG (config file),\n"
        "SLUICE_DATA_DIR (history), QT_LOGGING_RULES=\"sluice.*.debug=true\" (logging).\n");
    return text;
}

} // namespace

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
    QCoreApplication::setApplicationName(QStringLiteral("sluice"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SLUICE_VERSION));
    // Log lines are redacted and terminal-safe from the start; the config's app.logging and
    // --verbose refine this once they are read.
    applyLogging(LogLevel::Warning, {});

    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    // Global flags before the command.
    while (!args.isEmpty() && args.first().startsWith(u'-')) {
        const QString flag = args.takeFirst();
        if (flag == u"--version" || flag == u"-v") {
            writeStdout(QStringLiteral("sluice " SLUICE_VERSION "\n"));
            return ExitOk;
        }
        if (flag == u"--help" || flag == u"-h") {
            writeStdout(helpText());
            return ExitOk;
        }
        printError(QStringLiteral("unknown option %1 before the command; see: sluice --help")
                       .arg(flag));
        return ExitUsage;
    }
    if (args.isEmpty()) {
        writeStdout(helpText());
        return ExitUsage;
    }
    const QString name = args.first();
    if (name == u"help") {
        writeStdout(helpText());
        return ExitOk;
    }
    for (const Command &c : commands()) {
        if (name == QLatin1String(c.name)) {
            args[0] = QStringLiteral("sluice ") + name;
            return c.run(args);
        }
    }
    printError(QStringLiteral("unknown command \"%1\"; see: sluice --help").arg(name));
    return ExitUsage;
}

} // namespace Sluice::Cli
