// What the commands share: exit codes, output, and choosing the provider from the options.
#pragma once

#include "core/chat/chatclient.h"
#include "core/chat/chattypes.h"
#include "core/config/config.h"

#include <QCommandLineParser>
#include <QObject>

#include <functional>

namespace Sluice {
class ConfigStore;
}

namespace Sluice::Cli {

enum ExitCode {
    ExitOk = 0,
    ExitServer = 1,      // HTTP error, error object, malformed or truncated stream
    ExitUsage = 2,       // usage or configuration
    ExitStalled = 3,     // a watchdog limit fired
    ExitConnect = 4,     // refused, DNS, TLS
    ExitWriteFailed = 5, // the history (--save), a file or standard output could not be written
    ExitInterrupted = 130,
    ExitBrokenPipe = 141, // the reader of standard output went away (128 + SIGPIPE)
};

int exitCodeFor(ChatError::Kind kind);

// Output that reaches the terminal at once: flushed on every call. Text from servers and
// models is untrusted: on a terminal its control characters are shown as visible text
// (terminaltext.h), with the state carried from call to call so that a stream may be cut
// anywhere; to a pipe or a file the text is written exactly. Standard output is
// checked (stdoutwriter.h): after a failed write, stdoutState() says why.
void writeStdout(QStringView text);
void writeStderr(QStringView text);
// Exactly as given, even on a terminal: Sluice's own control sequences (the status line),
// `--json` lines (escapeUnsafeInJson) and `run --raw`.
void writeStdoutExact(QStringView text);
void writeStderrExact(QStringView text);
// "sluice: <message>" on stderr, one line.
void printError(const QString &message);
// Writes `config` through `store` and says "saved PATH" on stdout: ExitOk, or ExitWriteFailed
// after saying why it could not be written.
int saveConfigAndSay(ConfigStore &store, const Config &config);
// The end of an import: "imported MCP server NAME (…)" for each server (secrets hidden) and a
// "note: …" line per note; then, unless `dryRun`, saveConfigAndSay().
void sayImportedMcpServers(const QList<McpServerConfig> &servers, const QStringList &notes);
int saveImportUnlessDryRun(ConfigStore &store, const Config &config, bool dryRun);
bool stderrIsTerminal();
bool stdoutIsTerminal();

// --provider, --base-url, --type, --api-key-env, --config, --verbose and the timeouts.
void addProviderOptions(QCommandLineParser &parser);
// Applies --verbose. Call right after parsing.
void applyVerbose(const QCommandLineParser &parser);

// The server a command talks to, as its options chose it: from the config file (resolved by
// core's resolveProvider(), per-model defaults included) or an ad-hoc --base-url, with the
// command line's own settings on top.
struct ChosenProvider
{
    ProviderConfig config;
    QString defaultModel; // the config file's default for this provider; may be empty
};

// Works out the provider from the options (probing the server's type when needed), then
// calls `done`, or `failed` with a Config/Usage error.
void chooseProvider(const QCommandLineParser &parser, ChatClient *client,
                    std::function<void(const ChosenProvider &)> done,
                    std::function<void(const ChatError &)> failed);

// Parses the arguments; false (with *exitCode set) after a usage error or --help.
// Applies --verbose.
bool parseOrExit(QCommandLineParser &parser, const QStringList &args, const QString &command,
                 int *exitCode);

QString usageError(const QString &what, const QString &command);

} // namespace Sluice::Cli
