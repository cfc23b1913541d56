#include "cli/clicommon.h"

#include "cli/settingoptions.h"
#include "cli/stdoutwriter.h"
#include "core/config/configstore.h"
#include "core/config/keychainsecretstore.h"
#include "core/mcp/mcpserverconfig.h"
#include "core/net/endpoint.h"
#include "core/net/redaction.h"
#include "core/util/logfile.h"
#include "core/util/logging.h"
#include "core/util/terminaltext.h"

#include <QFileInfo>

#include <QCoreApplication>
#include <QPointer>

#include <cstdio>

namespace Sluice::Cli {

int exitCodeFor(ChatError::Kind kind)
{
    switch (kind) {
    case ChatError::Kind::Stalled:
    case ChatError::Kind::Timeout:
        return ExitStalled;
    case ChatError::Kind::Http:
    case ChatError::Kind::Protocol:
        return ExitServer;
    case ChatError::Kind::Connection:
        return ExitConnect;
    case ChatError::Kind::Cancelled:
        return ExitInterrupted;
    case ChatError::Kind::Config:
        return ExitUsage;
    }
    return ExitServer;
}

static void writeTo(FILE *f, QStringView text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), f);
    std::fflush(f);
}

namespace {

// One standard stream: whether it is a terminal, and the sanitiser's state between writes.
// Standard output goes through the checked writer (stdoutwriter.h), standard error to stdio.
struct Output
{
    FILE *file;
    bool terminal;
    TerminalTextState state;

    void put(QStringView text) const
    {
        if (file == stdout)
            writeStdoutBytes(text.toUtf8());
        else
            writeTo(file, text);
    }
    void write(QStringView text)
    {
        if (terminal)
            put(sanitizeForTerminal(text, state));
        else
            put(text);
    }
    void writeExact(QStringView text)
    {
        if (terminal) { // what the sanitiser still holds goes first, in order
            if (const QString held = finishForTerminal(state); !held.isEmpty())
                put(held);
        }
        put(text);
    }
};

Output &out()
{
    static Output o{stdout, stdoutIsTerminal(), {}};
    return o;
}

Output &err()
{
    static Output o{stderr, stderrIsTerminal(), {}};
    return o;
}

} // namespace

void writeStdout(QStringView text)
{
    out().write(text);
}

void writeStderr(QStringView text)
{
    err().write(text);
}

void writeStdoutExact(QStringView text)
{
    out().writeExact(text);
}

void writeStderrExact(QStringView text)
{
    err().writeExact(text);
}

void printError(const QString &message)
{
    QString line = message;
    line.replace(u'\n', u' ');
    writeStderr(QString(u"sluice: " + line + u'\n'));
}

bool stderrIsTerminal()
{
    return isTerminal(stderr);
}

bool stdoutIsTerminal()
{
    return isTerminal(stdout);
}

void addProviderOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("provider"), QStringLiteral("Use the provider NAME from the config file."),
         QStringLiteral("NAME")},
        {QStringLiteral("base-url"),
         QStringLiteral("Server address, e.g. http://localhost:11434 or https://host/v1."),
         QStringLiteral("URL")},
        {QStringLiteral("type"),
         QStringLiteral("Protocol: ollama, openai or anthropic (default: detected)."),
         QStringLiteral("TYPE")},
        {QStringLiteral("api-key-env"),
         QStringLiteral("Read the API key from the environment variable VAR."),
         QStringLiteral("VAR")},
        {QStringLiteral("config"), QStringLiteral("Use this config file."), QStringLiteral("FILE")},
    });
    addSettingOptions(parser); // --connect-timeout … --http1
    parser.addOptions({
        {QStringLiteral("verbose"), QStringLiteral("Log requests and phases to stderr.")},
    });
}

void applyVerbose(const QCommandLineParser &parser)
{
    if (parser.isSet(QStringLiteral("verbose"))) {
        qSetMessagePattern(QStringLiteral("%{category}: %{message}"));
        enableVerboseLogging();
    }
}

static ChatError configError(const QString &message)
{
    ChatError e;
    e.kind = ChatError::Kind::Config;
    e.message = message;
    return e;
}

QString usageError(const QString &what, const QString &command)
{
    return QStringLiteral("%1; see: sluice %2 --help").arg(what, command);
}

bool parseOrExit(QCommandLineParser &parser, const QStringList &args, const QString &command,
                 int *exitCode)
{
    if (!parser.parse(args)) {
        printError(usageError(parser.errorText(), command));
        *exitCode = ExitUsage;
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        writeStdout(parser.helpText());
        *exitCode = ExitOk;
        return false;
    }
    applyVerbose(parser);
    return true;
}

namespace {

// The command line's own settings on top of whatever the provider came from.
bool applyOverrides(const QCommandLineParser &parser, ProviderConfig &c, ChatError *error)
{
    if (parser.isSet(QStringLiteral("api-key-env"))) {
        const QString var = parser.value(QStringLiteral("api-key-env"));
        if (!qEnvironmentVariableIsSet(var.toLocal8Bit().constData())) {
            *error = configError(QStringLiteral("the environment variable %1 (from "
                                                "--api-key-env) is not set")
                                     .arg(var));
            return false;
        }
        c.apiKey = qEnvironmentVariable(var.toLocal8Bit().constData());
    }
    if (QString message; !applySettingOptions(parser, c, &message)) {
        *error = configError(message);
        return false;
    }
    const ParsedBaseUrl parsed = parseBaseUrl(c.baseUrl);
    if (!parsed.ok()) {
        *error = configError(parsed.error);
        return false;
    }
    return true;
}

// A provider from the config file (or the first-run defaults when there is no file).
void providerFromConfig(const QCommandLineParser &parser, std::optional<ProviderType> type,
                        std::function<void(const ChosenProvider &)> done,
                        std::function<void(const ChatError &)> failed)
{
    const QString explicitPath = parser.value(QStringLiteral("config"));
    const QString path = ConfigStore::choosePath(explicitPath);
    if (!explicitPath.isEmpty() && !QFileInfo::exists(path)) {
        failed(configError(QStringLiteral("the config file %1 does not exist").arg(path)));
        return;
    }
    auto store = std::make_shared<ConfigStore>(path);
    if (store->load() == ConfigStore::LoadResult::Broken) {
        QString message = store->error().message;
        while (message.endsWith(u'.'))
            message.chop(1);
        failed(configError(message +
                           QStringLiteral("; fix the file, or pass --base-url to bypass it")));
        return;
    }
    const Config &config = store->config();
    if (const QString error = applyLogging(config.app.logLevel, config.app.logFile);
        !error.isEmpty())
        printError(error);
    const QString id = parser.isSet(QStringLiteral("provider"))
                           ? parser.value(QStringLiteral("provider"))
                           : store->defaultProviderId();
    const ProviderEntry *entry = config.provider(id);
    if (!entry && !parser.isSet(QStringLiteral("provider")))
        entry = config.effectiveDefaultProvider();
    if (!entry) {
        QStringList ids;
        for (const ProviderEntry &p : config.providers)
            ids.append(p.id);
        failed(configError(ids.isEmpty()
                               ? QStringLiteral("no providers are configured in %1").arg(path)
                               : QStringLiteral("no provider \"%1\" in %2 (configured: %3)")
                                     .arg(id, path, ids.join(u", "))));
        return;
    }
    const ProviderEntry provider = *entry;
    const QString defaultModel =
        provider.id == store->defaultProviderId() && !store->defaultModel().isEmpty()
            ? store->defaultModel()
            : (provider.models.isEmpty() ? QString() : provider.models.first().id);

    const QCommandLineParser *options = &parser;
    auto resolve = [=](const QHash<QString, SecretResult> &secrets) {
        const ResolvedProvider r =
            resolveProvider(provider, QProcessEnvironment::systemEnvironment(), secrets);
        if (!r.config) {
            failed(configError(r.error));
            return;
        }
        ChosenProvider rp;
        rp.config = *r.config;
        if (type)
            rp.config.type = *type;
        rp.defaultModel = defaultModel;
        ChatError error;
        if (!applyOverrides(*options, rp.config, &error)) {
            failed(error);
            return;
        }
        done(rp);
    };
    const QString account = keychainAccount(provider);
    if (account.isEmpty() || parser.isSet(QStringLiteral("api-key-env"))) {
        resolve({});
        return;
    }
    auto keychain = std::make_shared<KeychainSecretStore>();
    readSecrets(
        *keychain, {account}, QCoreApplication::instance(),
        [keychain, resolve](const QHash<QString, SecretResult> &secrets) { resolve(secrets); });
}

} // namespace

void chooseProvider(const QCommandLineParser &parser, ChatClient *client,
                    std::function<void(const ChosenProvider &)> done,
                    std::function<void(const ChatError &)> failed)
{
    std::optional<ProviderType> explicitType;
    if (parser.isSet(QStringLiteral("type"))) {
        explicitType = providerTypeFromName(parser.value(QStringLiteral("type")));
        if (!explicitType) {
            failed(configError(QStringLiteral("unknown --type \"%1\"; use ollama, openai or "
                                              "anthropic")
                                   .arg(parser.value(QStringLiteral("type")))));
            return;
        }
    }
    if (!parser.isSet(QStringLiteral("base-url"))) {
        providerFromConfig(parser, explicitType, std::move(done), std::move(failed));
        return;
    }

    // An ad-hoc server given on the command line.
    ChosenProvider rp;
    ProviderConfig &c = rp.config;
    c.baseUrl = parser.value(QStringLiteral("base-url"));
    c.id = QStringLiteral("command-line");
    c.name = redactedUrlText(c.baseUrl);
    ChatError error;
    if (!applyOverrides(parser, c, &error)) {
        failed(error);
        return;
    }
    if (explicitType) {
        c.type = *explicitType;
        done(rp);
        return;
    }
    const qint64 probeMs = c.timeouts.connectMs > 0 ? c.timeouts.connectMs : 10'000;
    ServerProbe *probe = client->detectType(c.baseUrl, probeMs);
    QObject::connect(probe, &ServerProbe::detected, probe,
                     [probe, rp, done](const ProbeResult &found) mutable {
                         // Unanswered, the port's guess stands: the request will say why.
                         rp.config.type = found.type;
                         probe->deleteLater();
                         done(rp);
                     });
    QObject::connect(probe, &ServerProbe::failed, probe, [probe, failed](const ChatError &e) {
        probe->deleteLater();
        failed(e);
    });
}

int saveConfigAndSay(ConfigStore &store, const Config &config)
{
    store.setConfig(config);
    QString error;
    if (!store.save(&error)) {
        printError(error);
        return ExitWriteFailed;
    }
    writeStdout(QStringLiteral("saved %1\n").arg(store.path()));
    return ExitOk;
}

void sayImportedMcpServers(const QList<McpServerConfig> &servers, const QStringList &notes)
{
    for (const McpServerConfig &m : servers)
        writeStdout(QStringLiteral("imported MCP server %1 (%2)\n")
                        .arg(m.name, redactKnownSecrets(m.summary())));
    for (const QString &note : notes)
        writeStdout(QStringLiteral("note: %1\n").arg(note));
}

int saveImportUnlessDryRun(ConfigStore &store, const Config &config, bool dryRun)
{
    if (dryRun) {
        writeStdout(QStringLiteral("dry run: %1 was not changed\n").arg(store.path()));
        return ExitOk;
    }
    return saveConfigAndSay(store, config);
}

} // namespace Sluice::Cli
