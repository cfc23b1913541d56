#include "clicommon.h"

#include "endpoint.h"
#include "logging.h"

#include <QCoreApplication>
#include <QPointer>

#include <cstdio>

#ifdef Q_OS_WIN
#include <io.h>
#define SLUICE_ISATTY _isatty
#define SLUICE_FILENO _fileno
#else
#include <unistd.h>
#define SLUICE_ISATTY isatty
#define SLUICE_FILENO fileno
#endif

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

void writeStdout(QStringView text)
{
    writeTo(stdout, text);
}

void writeStderr(QStringView text)
{
    writeTo(stderr, text);
}

void printError(const QString &message)
{
    QString line = message;
    line.replace(u'\n', u' ');
    writeStderr(QString(u"sluice: " + line + u'\n'));
}

bool stderrIsTerminal()
{
    return SLUICE_ISATTY(SLUICE_FILENO(stderr)) != 0;
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
        {QStringLiteral("config"), QStringLiteral("Use this config file."),
         QStringLiteral("FILE")},
        {QStringLiteral("connect-timeout"),
         QStringLiteral("Seconds to establish the connection (default 10, 0 = off)."),
         QStringLiteral("S")},
        {QStringLiteral("first-token-timeout"),
         QStringLiteral("Seconds to wait for the first token (default 120, 0 = off)."),
         QStringLiteral("S")},
        {QStringLiteral("load-timeout"),
         QStringLiteral("Seconds an Ollama model may take to load (default 300, 0 = off)."),
         QStringLiteral("S")},
        {QStringLiteral("idle-timeout"),
         QStringLiteral("Seconds allowed between tokens (default 60, 0 = off)."),
         QStringLiteral("S")},
        {QStringLiteral("timeout"),
         QStringLiteral("Seconds for the whole reply (default 0 = off)."), QStringLiteral("S")},
        {QStringLiteral("retries"),
         QStringLiteral("Retries before anything arrived, on retryable errors (default 2)."),
         QStringLiteral("N")},
        {QStringLiteral("http1"), QStringLiteral("Use HTTP/1.1 even where HTTP/2 is offered.")},
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

bool parseSecondsOption(const QCommandLineParser &parser, const QString &name, qint64 *ms,
                        QString *error)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const double seconds = parser.value(name).toDouble(&ok);
    if (!ok || seconds < 0 || seconds > 1e7) {
        *error = QStringLiteral("--%1 takes a number of seconds (0 = off), not \"%2\"")
                     .arg(name, parser.value(name));
        return false;
    }
    *ms = qint64(seconds * 1000.0 + 0.5);
    return true;
}

QString usageError(const QString &what, const QString &command)
{
    return QStringLiteral("%1; see: sluice %2 --help").arg(what, command);
}

static ChatError configError(const QString &message)
{
    ChatError e;
    e.kind = ChatError::Kind::Config;
    e.message = message;
    return e;
}

void resolveProvider(const QCommandLineParser &parser, ChatClient *client,
                     std::function<void(const ResolvedProvider &)> done,
                     std::function<void(const ChatError &)> failed)
{
    ResolvedProvider rp;
    ProviderConfig &c = rp.config;

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

    if (parser.isSet(QStringLiteral("provider")) || parser.isSet(QStringLiteral("config"))) {
        failed(configError(QStringLiteral("config files are not supported by this build yet; "
                                          "use --base-url")));
        return;
    }

    if (parser.isSet(QStringLiteral("base-url"))) {
        c.baseUrl = parser.value(QStringLiteral("base-url"));
        c.id = QStringLiteral("command-line");
    } else if (explicitType == ProviderType::OpenAI) {
        c.baseUrl = qEnvironmentVariable("OPENAI_BASE_URL",
                                         QStringLiteral("https://api.openai.com/v1"));
        c.apiKey = qEnvironmentVariable("OPENAI_API_KEY");
        c.id = QStringLiteral("openai");
    } else if (explicitType == ProviderType::Anthropic) {
        c.baseUrl = QStringLiteral("https://api.anthropic.com");
        c.apiKey = qEnvironmentVariable("ANTHROPIC_API_KEY");
        c.id = QStringLiteral("anthropic");
    } else {
        c.baseUrl = ollamaHostFromEnv();
        c.id = QStringLiteral("ollama");
        explicitType = ProviderType::Ollama;
    }
    c.name = c.baseUrl;

    const ParsedBaseUrl parsed = parseBaseUrl(c.baseUrl);
    if (!parsed.ok()) {
        failed(configError(parsed.error));
        return;
    }

    if (parser.isSet(QStringLiteral("api-key-env"))) {
        const QString var = parser.value(QStringLiteral("api-key-env"));
        if (!qEnvironmentVariableIsSet(var.toLocal8Bit().constData())) {
            failed(configError(QStringLiteral("the environment variable %1 (from --api-key-env) "
                                              "is not set")
                                   .arg(var)));
            return;
        }
        c.apiKey = qEnvironmentVariable(var.toLocal8Bit().constData());
    }

    QString error;
    Timeouts &t = c.timeouts;
    if (!parseSecondsOption(parser, QStringLiteral("connect-timeout"), &t.connectMs, &error) ||
        !parseSecondsOption(parser, QStringLiteral("first-token-timeout"), &t.firstTokenMs,
                            &error) ||
        !parseSecondsOption(parser, QStringLiteral("load-timeout"), &t.loadMs, &error) ||
        !parseSecondsOption(parser, QStringLiteral("idle-timeout"), &t.idleMs, &error) ||
        !parseSecondsOption(parser, QStringLiteral("timeout"), &t.totalMs, &error)) {
        failed(configError(error));
        return;
    }
    if (parser.isSet(QStringLiteral("retries"))) {
        bool ok = false;
        const int n = parser.value(QStringLiteral("retries")).toInt(&ok);
        if (!ok || n < 0 || n > 10) {
            failed(configError(QStringLiteral("--retries takes a whole number from 0 to 10")));
            return;
        }
        c.maxRetries = n;
    }
    if (parser.isSet(QStringLiteral("http1")))
        c.http2 = false;

    if (explicitType) {
        c.type = *explicitType;
        done(rp);
        return;
    }
    const qint64 probeMs = t.connectMs > 0 ? t.connectMs : 10'000;
    ServerProbe *probe = client->detectType(c.baseUrl, probeMs);
    QObject::connect(probe, &ServerProbe::detected, probe,
                     [probe, rp, done](ProviderType type, const QString &) mutable {
                         rp.config.type = type;
                         probe->deleteLater();
                         done(rp);
                     });
    QObject::connect(probe, &ServerProbe::failed, probe, [probe, failed](const ChatError &e) {
        probe->deleteLater();
        failed(e);
    });
}

} // namespace Sluice::Cli
