// The contents of sluice.json as values: providers (as written, with $VAR and keychain
// references unexpanded), the default provider and model, and the application settings.
#pragma once

#include "core/chat/chattypes.h"
#include "core/chat/toolloop.h"
#include "core/mcp/mcpserverconfig.h"
#include "core/config/presets.h"

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace Sluice {

// A model the user listed under a provider, with per-model request defaults.
struct ModelEntry
{
    QString id;                        // as the server names it, e.g. "llama3.2:3b"
    QString name;                      // shown to people; empty = id
    int contextWindow = 0;             // tokens; 0 = unknown / server default
    int maxTokens = 0;                 // tokens; 0 = server default
    std::optional<double> temperature; // unset = server default

    QString displayName() const { return name.isEmpty() ? id : name; }
    friend bool operator==(const ModelEntry &a, const ModelEntry &b);
};

// One entry of "providers", exactly as the file has it. apiKey and header values keep their
// references ("$VAR", "${VAR}", "keychain:"); resolveProvider() expands them.
struct ProviderEntry
{
    QString id;
    QString name;
    ProviderType type = ProviderType::Ollama;
    QString baseUrl;
    QString apiKey;
    QList<QPair<QString, QString>> headers; // name, value (may hold $VAR references)
    QList<ModelEntry> models;
    bool stream = true;
    bool http2 = true;
    Timeouts timeouts;
    int maxRetries = 2;
    int retryBaseDelayMs = 500;

    QString displayName() const { return name.isEmpty() ? id : name; }
    const ModelEntry *model(const QString &modelId) const;
    friend bool operator==(const ProviderEntry &a, const ProviderEntry &b);
};

enum class Theme { System, Light, Dark };
enum class SendKey { Enter, CtrlEnter };
enum class LogLevel { Off, Error, Warning, Info, Debug };

QString themeName(Theme theme);
std::optional<Theme> themeFromName(const QString &name);
QString sendKeyName(SendKey key);
QString logLevelName(LogLevel level);

struct AppSettings
{
    Theme theme = Theme::System;
    int fontSize = 0; // points; 0 = the system font size
    SendKey sendKey = SendKey::Enter;
    QString dataDir; // empty = QStandardPaths::AppDataLocation
    LogLevel logLevel = LogLevel::Warning;
    QString logFile; // empty = standard error only
    int maxToolRounds = ToolLoop::DefaultMaxRounds; // rounds of tool calls per question

    friend bool operator==(const AppSettings &a, const AppSettings &b);
};

struct Config
{
    static constexpr int CurrentVersion = 1;

    QString defaultProvider;        // provider id; empty = the first provider
    QString defaultModel;           // empty = whatever the provider lists first
    QList<ProviderEntry> providers; // in the order the user chose
    QList<Preset> presets;          // in the order the user chose (core/config/presets.h)
    QString defaultPreset;          // the preset new chats start from; empty = none
    AppSettings app;
    QList<McpServerConfig> mcpServers; // "mcp": the MCP servers whose tools a chat may call

    // The object the file was read from. save() writes the known fields into a copy of it,
    // so fields this version does not know survive a round trip.
    QJsonObject original;

    const ProviderEntry *provider(const QString &id) const;
    ProviderEntry *provider(const QString &id);
    // The default provider, or the first one when none (or an unknown one) is named.
    const ProviderEntry *effectiveDefaultProvider() const;
    // An id based on `base` that no provider uses yet: "openai", "openai-2", … ("openai-2"
    // taken gives "openai-3").
    QString uniqueProviderId(const QString &base) const;

    // Equality of everything the user can edit (the original object is ignored).
    friend bool operator==(const Config &a, const Config &b);
    friend bool operator!=(const Config &a, const Config &b) { return !(a == b); }
};

// Provider ids are used as keychain accounts and in URLs of the CLI: letters, digits, '-',
// '_' and '.', starting with a letter or digit.
bool isValidProviderId(const QString &id);

} // namespace Sluice
