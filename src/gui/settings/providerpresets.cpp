#include "gui/settings/providerpresets.h"

#include "core/net/endpoint.h"

#include <QCoreApplication>

namespace Sluice {

namespace {

class PresetText final
{
    Q_DECLARE_TR_FUNCTIONS(Sluice::ProviderPresets)
};

} // namespace

ProviderEntry ProviderPreset::toEntry(const QString &uniqueId) const
{
    ProviderEntry p;
    p.id = uniqueId;
    p.name = name;
    p.type = type;
    p.baseUrl = baseUrl;
    return p;
}

const QList<ProviderPreset> &providerPresets()
{
    static const QList<ProviderPreset> presets = {
        {QStringLiteral("ollama"), QStringLiteral("Ollama"), ProviderType::Ollama,
         ollamaDefaultUrl(), QString()},
        {QStringLiteral("openai"), QStringLiteral("OpenAI"), ProviderType::OpenAI,
         QStringLiteral("https://api.openai.com/v1"), QStringLiteral("$OPENAI_API_KEY")},
        {QStringLiteral("anthropic"), QStringLiteral("Anthropic"), ProviderType::Anthropic,
         QStringLiteral("https://api.anthropic.com"), QStringLiteral("$ANTHROPIC_API_KEY")},
        {QStringLiteral("openrouter"), QStringLiteral("OpenRouter"), ProviderType::OpenAI,
         QStringLiteral("https://openrouter.ai/api/v1"), QStringLiteral("$OPENROUTER_API_KEY")},
        {QStringLiteral("lmstudio"), QStringLiteral("LM Studio"), ProviderType::OpenAI,
         QStringLiteral("http://localhost:1234/v1"), QString()},
        {QStringLiteral("llamacpp"), QStringLiteral("llama.cpp"), ProviderType::OpenAI,
         QStringLiteral("http://localhost:8080/v1"), QString()},
        {QStringLiteral("vllm"), QStringLiteral("vLLM"), ProviderType::OpenAI,
         QStringLiteral("http://localhost:8000/v1"), QString()},
        {QStringLiteral("custom"), PresetText::tr("Custom"), ProviderType::OpenAI, QString(),
         QString()},
    };
    return presets;
}

} // namespace Sluice
