#include "core/config/defaults.h"

#include "core/config/urls.h"

namespace Sluice {

Config defaultConfig(const QProcessEnvironment &env)
{
    Config config;

    ProviderEntry ollama;
    ollama.id = QStringLiteral("ollama");
    ollama.name = QStringLiteral("Ollama");
    ollama.type = ProviderType::Ollama;
    const QString host = env.value(QStringLiteral("OLLAMA_HOST")).trimmed();
    ollama.baseUrl =
        host.isEmpty() ? defaultBaseUrl(ProviderType::Ollama) : ollamaBaseUrlFromHost(host);
    if (!baseUrlProblem(ollama.baseUrl).isEmpty()) // an OLLAMA_HOST we cannot make sense of
        ollama.baseUrl = defaultBaseUrl(ProviderType::Ollama);
    config.providers.append(ollama);

    const QString openAiBase = env.value(QStringLiteral("OPENAI_BASE_URL")).trimmed();
    if (env.contains(QStringLiteral("OPENAI_API_KEY")) || !openAiBase.isEmpty()) {
        ProviderEntry openai;
        openai.id = QStringLiteral("openai");
        openai.name = QStringLiteral("OpenAI");
        openai.type = ProviderType::OpenAI;
        openai.baseUrl = openAiBase.isEmpty() || !baseUrlProblem(openAiBase).isEmpty()
                             ? defaultBaseUrl(ProviderType::OpenAI)
                             : openAiBase;
        if (env.contains(QStringLiteral("OPENAI_API_KEY")))
            openai.apiKey = QStringLiteral("$OPENAI_API_KEY");
        if (!openAiBase.isEmpty() && openai.baseUrl == openAiBase)
            openai.name = QStringLiteral("OpenAI-compatible");
        config.providers.append(openai);
    }

    if (env.contains(QStringLiteral("ANTHROPIC_API_KEY"))) {
        ProviderEntry anthropic;
        anthropic.id = QStringLiteral("anthropic");
        anthropic.name = QStringLiteral("Anthropic");
        anthropic.type = ProviderType::Anthropic;
        anthropic.baseUrl = defaultBaseUrl(ProviderType::Anthropic);
        anthropic.apiKey = QStringLiteral("$ANTHROPIC_API_KEY");
        config.providers.append(anthropic);
    }

    config.defaultProvider = ollama.id;
    return config;
}

} // namespace Sluice
