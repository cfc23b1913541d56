// The "Add provider" menu: the servers people usually have, with their usual addresses.
#pragma once

#include "core/config/config.h"

#include <QList>
#include <QString>

namespace Sluice {

struct ProviderPreset
{
    QString id;   // preferred provider id, made unique when added
    QString name; // menu text and initial provider name
    ProviderType type = ProviderType::OpenAI;
    QString baseUrl; // empty for "Custom"
    QString keyHint; // e.g. "$OPENROUTER_API_KEY"; empty when servers need no key

    ProviderEntry toEntry(const QString &uniqueId) const;
};

// Ollama, OpenAI, Anthropic, OpenRouter, LM Studio, llama.cpp, vLLM, Custom — in that order.
const QList<ProviderPreset> &providerPresets();

} // namespace Sluice
