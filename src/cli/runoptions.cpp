#include "cli/runoptions.h"

#include "cli/clicommon.h"
#include "cli/runinput.h"
#include "cli/runtools.h"
#include "core/chat/samplingsupport.h"
#include "core/config/configstore.h"
#include "core/conversation/contextbudget.h"


#include <cmath>
#include <limits>

namespace Sluice::Cli {

namespace {

QCommandLineOption valued(const char *name, const char *help, const char *valueName)
{
    return {QString::fromLatin1(name), QString::fromLatin1(help), QString::fromLatin1(valueName)};
}

bool readDouble(const QCommandLineParser &parser, const QString &name, double min, double max,
                std::optional<double> *out, QString *error)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const double v = parser.value(name).toDouble(&ok);
    if (!ok || !std::isfinite(v) || v < min || v > max) {
        *error = QStringLiteral("--%1 must be a number from %2 to %3, not \"%4\"")
                     .arg(name)
                     .arg(min)
                     .arg(max)
                     .arg(parser.value(name));
        return false;
    }
    *out = v;
    return true;
}

bool readInt(const QCommandLineParser &parser, const QString &name, qint64 min, qint64 max,
             qint64 *out, QString *error)
{
    bool ok = false;
    const qint64 v = parser.value(name).toLongLong(&ok);
    if (!ok || v < min || v > max) {
        *error = QStringLiteral("--%1 must be a whole number from %2 to %3, not \"%4\"")
                     .arg(name)
                     .arg(min)
                     .arg(max)
                     .arg(parser.value(name));
        return false;
    }
    *out = v;
    return true;
}

} // namespace

void addRunOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("model"), QStringLiteral("Model to ask."), QStringLiteral("ID")},
        {QStringLiteral("system"), QStringLiteral("System prompt."), QStringLiteral("TEXT")},
        {QStringLiteral("no-stream"), QStringLiteral("Ask for the whole reply at once.")},
        {QStringLiteral("show-thinking"), QStringLiteral("Print the model's thinking to stderr.")},
        {QStringLiteral("think"),
         QStringLiteral("Ask for thinking: true, false, low, medium or high."),
         QStringLiteral("LEVEL")},
        {QStringLiteral("json"), QStringLiteral("Print one JSON object per line.")},
        {QStringLiteral("raw"),
         QStringLiteral("Write the reply exactly as sent, control characters included, even "
                        "to a terminal (only for servers you trust).")},
        {QStringLiteral("save"), QStringLiteral("Keep the exchange in the history the window "
                                                "shows.")},
        {QStringLiteral("data-dir"), QStringLiteral("Where the history lives (with --save)."),
         QStringLiteral("DIR")},
        valued("temperature", "Sampling temperature (0 to 2).", "T"),
        valued("top-p", "Nucleus sampling: keep the tokens within this probability mass (0 to 1).",
               "P"),
        valued("top-k", "Sample from the K most likely tokens (Ollama, Anthropic).", "K"),
        valued("min-p", "Drop tokens less likely than P times the likeliest (Ollama).", "P"),
        valued("repeat-penalty", "Penalty for repeated tokens, 1 = none (Ollama).", "X"),
        valued("frequency-penalty", "Penalty by how often a token appeared (-2 to 2).", "X"),
        valued("presence-penalty", "Penalty for any token that appeared (-2 to 2).", "X"),
        valued("seed", "Random seed, for repeatable replies.", "N"),
        valued("stop", "Stop at this text (repeatable).", "TEXT"),
        valued("max-tokens", "Longest reply, in tokens.", "N"),
        valued("num-ctx", "Context window to load the model with, in tokens (Ollama).", "N"),
        valued("keep-alive", "How long Ollama keeps the model loaded: 5m, 1h, 0, -1 …", "TIME"),
        valued("preset", "Start from this preset of the config file (its server, system "
                         "prompt, model and parameters); the options above override it.",
               "NAME"),
    });
}

bool samplingFromParser(const QCommandLineParser &parser, ChatOptions *o, QString *error)
{
    QString ignored;
    QString &err = error ? *error : ignored;
    if (!readDouble(parser, QStringLiteral("temperature"), 0, 2, &o->temperature, &err) ||
        !readDouble(parser, QStringLiteral("top-p"), 0, 1, &o->topP, &err) ||
        !readDouble(parser, QStringLiteral("min-p"), 0, 1, &o->minP, &err) ||
        !readDouble(parser, QStringLiteral("repeat-penalty"), 0, 10, &o->repeatPenalty, &err) ||
        !readDouble(parser, QStringLiteral("frequency-penalty"), -2, 2, &o->frequencyPenalty,
                    &err) ||
        !readDouble(parser, QStringLiteral("presence-penalty"), -2, 2, &o->presencePenalty, &err))
        return false;
    qint64 v = 0;
    if (parser.isSet(QStringLiteral("top-k"))) {
        if (!readInt(parser, QStringLiteral("top-k"), 1, 1'000'000, &v, &err))
            return false;
        o->topK = int(v);
    }
    if (parser.isSet(QStringLiteral("seed"))) {
        if (!readInt(parser, QStringLiteral("seed"), std::numeric_limits<qint64>::min(),
                     std::numeric_limits<qint64>::max(), &v, &err))
            return false;
        o->seed = v;
    }
    if (parser.isSet(QStringLiteral("max-tokens"))) {
        if (!readInt(parser, QStringLiteral("max-tokens"), 1, 10'000'000, &v, &err))
            return false;
        o->maxTokens = int(v);
    }
    if (parser.isSet(QStringLiteral("num-ctx"))) {
        if (!readInt(parser, QStringLiteral("num-ctx"), 1, 100'000'000, &v, &err))
            return false;
        o->contextSize = int(v);
    }
    const QStringList stops = parser.values(QStringLiteral("stop"));
    for (const QString &s : stops) {
        if (s.isEmpty()) {
            err = QStringLiteral("--stop needs a text to stop at");
            return false;
        }
    }
    if (!stops.isEmpty())
        o->stop = stops;
    if (parser.isSet(QStringLiteral("keep-alive"))) {
        // Ollama's api/types.go Duration: a Go duration ("5m", "1h30m") or a number of
        // seconds; negative keeps the model loaded, 0 unloads it after the reply.
        const QString text = parser.value(QStringLiteral("keep-alive")).trimmed();
        if (!isOllamaDuration(text)) {
            err = QStringLiteral("--keep-alive must be a duration such as 5m, 1h, 30s, 0 or -1, "
                                 "not \"%1\"")
                      .arg(text);
            return false;
        }
        o->keepAlive = text;
    }
    return true;
}

bool runOptionsValid(const QCommandLineParser &parser, Preset *preset, int *exitCode)
{
    *exitCode = ExitUsage;
    ChatOptions options;
    QString error;
    if (!samplingFromParser(parser, &options, &error)) {
        printError(usageError(error, QStringLiteral("run")));
        return false;
    }
    if (!parser.isSet(QStringLiteral("preset")))
        return true;
    const QString name = parser.value(QStringLiteral("preset"));
    ConfigStore store(ConfigStore::choosePath(parser.value(QStringLiteral("config"))));
    if (store.load() == ConfigStore::LoadResult::Broken) {
        QString message = store.error().message;
        while (message.endsWith(u'.'))
            message.chop(1);
        printError(message + QStringLiteral("; --preset needs the presets of the config file"));
        return false;
    }
    const QList<Preset> &presets = store.config().presets;
    if (const Preset *p = findPreset(presets, name)) {
        *preset = *p;
        return true;
    }
    QStringList names;
    for (const Preset &p : presets)
        names.append(p.name);
    printError(names.isEmpty()
                   ? QStringLiteral("no preset \"%1\": %2 has no presets").arg(name, store.path())
                   : QStringLiteral("no preset \"%1\" in %2 (presets: %3)")
                         .arg(name, store.path(), names.join(u", ")));
    return false;
}

RunRequest runRequest(const QCommandLineParser &parser, const QString &prompt,
                      const Preset &preset, const ProviderConfig &provider,
                      const QString &defaultModel)
{
    RunRequest run;
    ChatRequest &req = run.request;
    req.model = parser.value(QStringLiteral("model"));
    if (req.model.isEmpty())
        req.model = preset.model.isEmpty() ? defaultModel : preset.model;
    if (req.model.isEmpty())
        return run;
    req.stream = provider.stream && !parser.isSet(QStringLiteral("no-stream"));
    run.system = parser.isSet(QStringLiteral("system")) ? parser.value(QStringLiteral("system"))
                                                         : preset.systemPrompt;
    if (!run.system.isEmpty())
        req.messages.append({QStringLiteral("system"), run.system, {}, {}});
    req.messages.append({QStringLiteral("user"), prompt, {}, {}});
    req.options = preset.options;
    if (parser.isSet(QStringLiteral("think")))
        req.options.think = parser.value(QStringLiteral("think"));
    samplingFromParser(parser, &req.options, nullptr); // checked before the start
    run.warnings = unsentParameterWarnings(provider.type, req.options);
    req.options = requestOptions(req.options, provider, req.model);
    run.promptEstimate = estimateContext(run.system, {}, prompt).tokens;
    return run;
}

QStringList unsentParameterWarnings(ProviderType type, const ChatOptions &options)
{
    QStringList out;
    for (SamplingParam p : unsupportedSetParams(type, options))
        out.append(QStringLiteral("--%1 is not sent: %2")
                       .arg(samplingOptionName(p), samplingUnsupportedReason(type, p)));
    return out;
}

QJsonObject contextCutJson(const ReplyStats &stats)
{
    const ContextCut cut = contextCut(stats);
    if (!cut.cut)
        return {};
    return {{QStringLiteral("seen"), cut.seen}, {QStringLiteral("sent"), cut.sent}};
}

void setUpRunParser(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        QStringLiteral("Stream one reply to stdout. Exit codes: 0 complete, 1 server error or "
                       "broken stream, 2 usage or configuration, 3 stalled or timed out, 4 could "
                       "not connect, 5 the history (--save) or standard output could not be "
                       "written, 130 interrupted (Ctrl-C, SIGTERM, SIGHUP), 141 standard output "
                       "was closed (the reply is kept, cancelled)."));
    parser.addHelpOption();
    addProviderOptions(parser);
    addRunOptions(parser);
    addImageOption(parser);
    RunTools::addOptions(parser);
    parser.addPositionalArgument(QStringLiteral("prompt"),
                                 QStringLiteral("The prompt; none or - reads it from stdin."),
                                 QStringLiteral("[PROMPT…]"));
}

} // namespace Sluice::Cli
