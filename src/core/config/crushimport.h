// Importing the providers of a crush.json (charmbracelet/crush) into Sluice's configuration.
#pragma once

#include "core/config/config.h"

#include <QString>
#include <QStringList>

namespace Sluice {

struct CrushImport
{
    bool ok = false; // false: the file could not be read at all, see error
    QString error;   // one sentence naming the file (and line:column)
    QList<ProviderEntry> providers;
    QString defaultProvider; // from crush's "models": {"large": {"provider", "model"}}
    QString defaultModel;
    QStringList notes; // what was changed or could not be mapped, one sentence each
    QList<McpServerConfig> mcpServers; // crush's "mcp" section
};

// Maps crush's provider types onto Sluice's three protocols: openai, openai-compat, openrouter,
// lmstudio, llamacpp, litellm, vllm, deepseek, groq … → openai; anthropic → anthropic; ollama →
// ollama (its /v1 suffix dropped for the native API). Providers of other types (gemini, azure,
// bedrock, vertexai …) are not imported and each gets a note. Keys stay references ($VAR).
CrushImport importCrushConfig(const QString &path);
CrushImport importCrushJson(const QByteArray &json, const QString &file);

// Adds the imported providers to `config`, renaming ids that are taken ("openai" → "openai-2");
// each rename is appended to `notes`. Sets the default provider when `config` has none.
// `implicitIds` are providers the user never saved (the built-in defaults of a first run): an
// imported provider of the same id takes their place instead of being renamed, and crush's
// default model wins over an implicit default provider.
void mergeImport(Config &config, const CrushImport &import, QStringList *notes = nullptr,
                 const QStringList &implicitIds = {});

} // namespace Sluice
