#include "core/config/settingstable.h"

namespace Sluice {

namespace {

constexpr double MaxTimeoutSeconds = 7 * 24 * 3600;
constexpr double MaxTokens = 100'000'000;

// One row of the table, built up by name so that the table reads like one.
struct Row
{
    Setting s;

    Row(SettingScope scope, const char *key, SettingKind kind, const char *description)
    {
        s.scope = scope;
        s.key = QString::fromLatin1(key);
        s.kind = kind;
        s.description = QString::fromUtf8(description);
    }
    Row &&range(double minimum, double maximum) &&
    {
        s.minimum = minimum;
        s.maximum = maximum;
        return std::move(*this);
    }
    Row &&choices(QStringList names) &&
    {
        s.choices = std::move(names);
        return std::move(*this);
    }
    Row &&required() &&
    {
        s.required = true;
        return std::move(*this);
    }
    Row &&omitAtDefault() &&
    {
        s.omitAtDefault = true;
        return std::move(*this);
    }
    Row &&option(const char *name, const char *help, const char *valueName) &&
    {
        s.option = QString::fromLatin1(name);
        s.optionHelp = QString::fromUtf8(help);
        s.optionValueName = QString::fromLatin1(valueName);
        return std::move(*this);
    }
    Row &&flag(const char *name, const char *help, bool value) &&
    {
        s.option = QString::fromLatin1(name);
        s.optionHelp = QString::fromUtf8(help);
        s.flagValue = value;
        return std::move(*this);
    }
    Row &&in(SettingField (*field)(Config &)) &&
    {
        s.inConfig = field;
        return std::move(*this);
    }
    Row &&in(SettingField (*field)(ProviderEntry &)) &&
    {
        s.inProvider = field;
        return std::move(*this);
    }
    Row &&in(SettingField (*field)(ModelEntry &)) &&
    {
        s.inModel = field;
        return std::move(*this);
    }
    Row &&in(SettingField (*field)(AppSettings &)) &&
    {
        s.inApp = field;
        return std::move(*this);
    }
    // A provider setting resolveProvider() carries over: `field` is a generic lambda that
    // names the member both ProviderEntry and ProviderConfig have.
    template <class Field> Row &&carried(Field field) &&
    {
        s.inProvider = field;
        s.inResolved = field;
        return std::move(*this);
    }
};

QList<Setting> buildTable()
{
    using K = SettingKind;
    using F = SettingField;
    const auto Root = SettingScope::Root;
    const auto Provider = SettingScope::Provider;
    const auto Model = SettingScope::Model;
    const auto App = SettingScope::App;

    const Row rows[] = {
        // The top level.
        Row(Root, "$schema", K::Text,
            "The JSON Schema the file follows, for editors; Sluice does not read it."),
        Row(Root, "version", K::Integer,
            "Format version. Absent means 1. Older versions are upgraded when read.")
            .range(0, Config::CurrentVersion),
        Row(Root, "default.provider", K::Text, "Id of a provider below. Empty: the first provider.")
            .in([](Config &c) -> F { return &c.defaultProvider; }),
        Row(Root, "default.model", K::Text, "Model id. Empty: the provider's first model.")
            .in([](Config &c) -> F { return &c.defaultModel; }),
        Row(Root, "default.preset", K::Text,
            "Name of a preset below that new chats start from. Empty: none.")
            .in([](Config &c) -> F { return &c.defaultPreset; }),
        Row(Root, "presets", K::List,
            "Named presets: a system prompt, a model and sampling parameters, in the order "
            "menus list them."),
        Row(Root, "provider_order", K::List,
            "The order providers are listed in (JSON objects have none). Ids not listed follow "
            "alphabetically."),
        Row(Root, "providers", K::Object,
            "One entry per provider; the key is its id: letters, digits, '-', '_' and '.'."),
        Row(Root, "app", K::Object, "Application settings."),

        // One provider.
        Row(Provider, "type", K::Choice,
            "The wire protocol: Ollama's native /api, any OpenAI-compatible /v1 server, or "
            "Anthropic's Messages API.")
            .choices({QStringLiteral("ollama"), QStringLiteral("openai"),
                      QStringLiteral("openai-compat"), QStringLiteral("openai-compatible"),
                      QStringLiteral("anthropic")})
            .required(),
        Row(Provider, "base_url", K::Text,
            "http or https. Ollama: http://host:11434; OpenAI-compatible: up to and including "
            "/v1; Anthropic: https://api.anthropic.com.")
            .required(),
        Row(Provider, "name", K::Text, "Shown to people. Default: the id.")
            .omitAtDefault()
            .in([](ProviderEntry &p) -> F { return &p.name; }),
        Row(Provider, "api_key", K::Text,
            "The key itself, an environment reference ($VAR or ${VAR}; $$ is a literal $), or "
            "keychain: / keychain:ACCOUNT for the OS keychain (service \"Sluice\", account = "
            "provider id).")
            .omitAtDefault()
            .in([](ProviderEntry &p) -> F { return &p.apiKey; }),
        Row(Provider, "headers", K::Object, "Extra HTTP headers; values may use $VAR and ${VAR}."),
        Row(Provider, "models", K::List,
            "Models listed before the server is asked, with their own request defaults."),
        Row(Provider, "stream", K::Flag, "Stream answers token by token.")
            .carried([](auto &p) -> F { return &p.stream; }),
        Row(Provider, "timeouts.connect", K::Seconds,
            "Seconds the connection (DNS, TCP, TLS) may take; 0 = no limit.")
            .range(0, MaxTimeoutSeconds)
            .option("connect-timeout", "Seconds to establish the connection", "S")
            .carried([](auto &p) -> F { return &p.timeouts.connectMs; }),
        Row(Provider, "timeouts.first_token", K::Seconds,
            "Seconds from sending to the first byte of the answer (on Ollama, after the model "
            "has loaded); 0 = no limit.")
            .range(0, MaxTimeoutSeconds)
            .option("first-token-timeout", "Seconds to wait for the first token", "S")
            .carried([](auto &p) -> F { return &p.timeouts.firstTokenMs; }),
        Row(Provider, "timeouts.load", K::Seconds,
            "Seconds an Ollama model may take to load; 0 = no limit.")
            .range(0, MaxTimeoutSeconds)
            .option("load-timeout", "Seconds an Ollama model may take to load", "S")
            .carried([](auto &p) -> F { return &p.timeouts.loadMs; }),
        Row(Provider, "timeouts.idle", K::Seconds,
            "Seconds the stream may stay silent in the middle of an answer; 0 = no limit.")
            .range(0, MaxTimeoutSeconds)
            .option("idle-timeout", "Seconds allowed between tokens", "S")
            .carried([](auto &p) -> F { return &p.timeouts.idleMs; }),
        Row(Provider, "timeouts.total", K::Seconds,
            "Seconds the whole answer may take; 0 = no limit.")
            .range(0, MaxTimeoutSeconds)
            .option("timeout", "Seconds for the whole reply", "S")
            .carried([](auto &p) -> F { return &p.timeouts.totalMs; }),
        Row(Provider, "max_retries", K::Integer, "Retries before any content arrived.")
            .range(0, 10)
            .option("retries", "Retries before anything arrived, on retryable errors", "N")
            .carried([](auto &p) -> F { return &p.maxRetries; }),
        Row(Provider, "retry_delay", K::Seconds,
            "First back-off delay in seconds; doubles per retry.")
            .range(0, 600)
            .carried([](auto &p) -> F { return &p.retryBaseDelayMs; }),
        Row(Provider, "http2", K::Flag,
            "Allow HTTP/2 for https (switch off if replies never finish).")
            .flag("http1", "Use HTTP/1.1 even where HTTP/2 is offered", false)
            .carried([](auto &p) -> F { return &p.http2; }),

        // One model of a provider.
        Row(Model, "id", K::Text, "The id the server knows the model by, e.g. llama3.2:3b.")
            .required(),
        Row(Model, "name", K::Text, "Shown instead of the id.")
            .omitAtDefault()
            .in([](ModelEntry &m) -> F { return &m.name; }),
        Row(Model, "context_window", K::Integer,
            "Tokens; sent to Ollama as num_ctx. 0 = server default.")
            .range(0, MaxTokens)
            .omitAtDefault()
            .in([](ModelEntry &m) -> F { return &m.contextWindow; }),
        Row(Model, "max_tokens", K::Integer, "Tokens per answer. 0 = server default.")
            .range(0, MaxTokens)
            .omitAtDefault()
            .in([](ModelEntry &m) -> F { return &m.maxTokens; }),
        Row(Model, "temperature", K::Number, "Sampling temperature. Absent = server default.")
            .range(0, 2)
            .omitAtDefault()
            .in([](ModelEntry &m) -> F { return &m.temperature; }),

        // "app".
        Row(App, "theme", K::Choice, "Light or dark colours; system follows the desktop.")
            .choices({themeName(Theme::System), themeName(Theme::Light), themeName(Theme::Dark)})
            .in([](AppSettings &a) -> F { return &a.theme; }),
        Row(App, "font_size", K::Integer, "Points; 0 = the system font size.")
            .range(0, 72)
            .in([](AppSettings &a) -> F { return &a.fontSize; }),
        Row(App, "send_key", K::Choice,
            "The key that sends: enter (Shift+Enter starts a new line) or ctrl-enter.")
            .choices({sendKeyName(SendKey::Enter), sendKeyName(SendKey::CtrlEnter)})
            .in([](AppSettings &a) -> F { return &a.sendKey; }),
        Row(App, "data_dir", K::Text,
            "Where conversations are stored. Empty = the platform's data folder.")
            .in([](AppSettings &a) -> F { return &a.dataDir; }),
        Row(App, "logging.level", K::Choice, "How much is logged.")
            .choices({logLevelName(LogLevel::Off), logLevelName(LogLevel::Error),
                      logLevelName(LogLevel::Warning), logLevelName(LogLevel::Info),
                      logLevelName(LogLevel::Debug)})
            .in([](AppSettings &a) -> F { return &a.logLevel; }),
        Row(App, "logging.file", K::Text, "Log file; empty = standard error only.")
            .in([](AppSettings &a) -> F { return &a.logFile; }),
        Row(App, "max_tool_rounds", K::Integer,
            "Rounds of tool calls a reply may make before Sluice stops it and says so.")
            .range(1, 1000)
            .in([](AppSettings &a) -> F { return &a.maxToolRounds; }),
    };
    QList<Setting> table;
    for (const Row &row : rows)
        table.append(row.s);
    return table;
}

} // namespace

const QList<Setting> &settings()
{
    static const QList<Setting> table = buildTable();
    return table;
}

} // namespace Sluice
