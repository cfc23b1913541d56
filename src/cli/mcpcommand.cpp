// `sluice mcp`: the MCP servers of sluice.json. `list` shows them; `test NAME` starts one as a
// chat would (within its start-up limit) and lists its tools, or says in one sentence why
// not (exit 1; Ctrl-C stops it, 130); `import FILE` adds the mcpServers of another client's
// settings file (Claude Desktop, Cursor, VS Code).
#include "cli/mcpcommand.h"

#include "cli/clicommon.h"
#include "cli/interrupt.h"
#include "core/config/configstore.h"
#include "core/config/keychainsecretstore.h"
#include "core/mcp/mcptoolbox.h"
#include "core/util/logging.h"
#include "core/util/terminaltext.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace Sluice::Cli {

namespace {

int list(const Config &config)
{
    if (config.mcpServers.isEmpty())
        writeStdout(QStringLiteral("no MCP servers (add them in Settings → MCP servers, or with "
                                   "sluice mcp import FILE)\n"));
    for (const McpServerConfig &s : config.mcpServers) {
        const bool http = s.transport == McpServerConfig::Transport::Http;
        writeStdout(QStringLiteral("%1  %2  %3  %4%5\n")
                        .arg(s.name, s.enabled ? QStringLiteral("enabled ") : QStringLiteral("disabled"),
                             http ? QStringLiteral("http ") : QStringLiteral("stdio"),
                             redactKnownSecrets(http ? redactedUrlText(s.url) : s.summary()),
                             s.allowedTools.isEmpty()
                                 ? QString()
                                 : QStringLiteral("  tools: ") + s.allowedTools.join(u',')));
    }
    return ExitOk;
}

int test(const Config &config, const QString &name)
{
    const auto it = std::find_if(config.mcpServers.cbegin(), config.mcpServers.cend(),
                                 [&name](const McpServerConfig &s) { return s.name == name; });
    if (it == config.mcpServers.cend()) {
        printError(usageError(QStringLiteral("there is no MCP server named \"%1\"").arg(name),
                              QStringLiteral("mcp")));
        return ExitUsage;
    }
    McpServerConfig server = *it;
    server.enabled = true;
    KeychainSecretStore keychain;
    McpToolbox box({server}, &keychain);
    InterruptNotifier interrupt;
    int code = ExitServer;
    QObject::connect(&interrupt, &InterruptNotifier::interrupted, &box, [&] {
        box.shutdown();
        code = ExitInterrupted;
        QCoreApplication::exit(code);
    });
    QObject::connect(&box, &Toolbox::ready, &box, [&](const QStringList &problems) {
        if (!problems.isEmpty()) {
            printError(problems.join(u' '));
            code = ExitServer;
        } else {
            const McpClient *client = box.client(name);
            writeStdout(QStringLiteral("%1 works (MCP %2)\n").arg(name, client->protocolVersion()));
            for (const ToolSpec &t : client->tools())
                writeStdout(sanitizeForTerminal(
                    QStringLiteral("%1 %2  %3\n")
                        .arg(server.allows(t.name) ? QStringLiteral("*") : QStringLiteral(" "),
                             t.name, t.description.section(u'\n', 0, 0).left(120))));
            code = ExitOk;
        }
        box.shutdown();
        QCoreApplication::exit(code);
    });
    box.prepare();
    QCoreApplication::exec();
    return code;
}

int import(ConfigStore &store, const QString &file, bool dryRun)
{
    QList<McpServerConfig> imported;
    QStringList notes;
    QString error;
    if (!readMcpServersFile(file, &imported, &notes, &error)) {
        printError(error);
        return ExitUsage;
    }
    Config config = store.config();
    mergeMcpServers(config.mcpServers, imported, &notes);
    sayImportedMcpServers(imported, notes);
    return saveImportUnlessDryRun(store, config, dryRun);
}

} // namespace

int mcpCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("The MCP servers whose tools chats may call.\n"
                       "  sluice mcp list          the servers in sluice.json\n"
                       "  sluice mcp test NAME     start one and list its tools\n"
                       "  sluice mcp import FILE   add the mcpServers of another client's file"));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("config"), QStringLiteral("Use this config file."), QStringLiteral("FILE")},
        {QStringLiteral("dry-run"),
         QStringLiteral("With import: show what would change, write nothing.")},
    });
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("list, test or import"));
    if (!parser.parse(args)) {
        printError(usageError(parser.errorText(), QStringLiteral("mcp")));
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        writeStdout(parser.helpText());
        return ExitOk;
    }
    const QStringList words = parser.positionalArguments();
    const QString action = words.value(0);
    const bool needsArg = action == u"test" || action == u"import";
    if ((action != u"list" && !needsArg) || words.size() != (needsArg ? 2 : 1)) {
        printError(usageError(action.isEmpty() || action == u"list" || needsArg
                                  ? QStringLiteral("say list, test NAME or import FILE")
                                  : QStringLiteral("unknown action \"%1\"").arg(action),
                              QStringLiteral("mcp")));
        return ExitUsage;
    }
    ConfigStore store(ConfigStore::choosePath(parser.value(QStringLiteral("config"))));
    if (store.load() == ConfigStore::LoadResult::Broken) {
        printError(store.error().message);
        return ExitUsage;
    }
    if (action == u"list")
        return list(store.config());
    if (action == u"test")
        return test(store.config(), words.at(1));
    return import(store, words.at(1), parser.isSet(QStringLiteral("dry-run")));
}

} // namespace Sluice::Cli
