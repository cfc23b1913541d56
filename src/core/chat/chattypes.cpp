#include "core/chat/chattypes.h"

namespace Sluice {

QString providerTypeName(ProviderType type)
{
    switch (type) {
    case ProviderType::Ollama:
        return QStringLiteral("ollama");
    case ProviderType::OpenAI:
        return QStringLiteral("openai");
    case ProviderType::Anthropic:
        return QStringLiteral("anthropic");
    }
    return {};
}

std::optional<ProviderType> providerTypeFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == u"ollama")
        return ProviderType::Ollama;
    if (n == u"openai" || n == u"openai-compat" || n == u"openai-compatible")
        return ProviderType::OpenAI;
    if (n == u"anthropic")
        return ProviderType::Anthropic;
    return std::nullopt;
}

ChatOptions requestOptions(const ChatOptions &own, const ProviderConfig &provider,
                           const QString &model)
{
    ChatOptions options = own;
    const auto it = provider.modelDefaults.constFind(model);
    if (it == provider.modelDefaults.constEnd())
        return options;
    if (!options.contextSize)
        options.contextSize = it->contextSize;
    if (!options.maxTokens)
        options.maxTokens = it->maxTokens;
    if (!options.temperature)
        options.temperature = it->temperature;
    return options;
}

QString errorKindName(ChatError::Kind kind)
{
    switch (kind) {
    case ChatError::Kind::Stalled:
        return QStringLiteral("stalled");
    case ChatError::Kind::Timeout:
        return QStringLiteral("timeout");
    case ChatError::Kind::Http:
        return QStringLiteral("http");
    case ChatError::Kind::Protocol:
        return QStringLiteral("protocol");
    case ChatError::Kind::Connection:
        return QStringLiteral("connection");
    case ChatError::Kind::Cancelled:
        return QStringLiteral("cancelled");
    case ChatError::Kind::Config:
        return QStringLiteral("config");
    }
    return {};
}

} // namespace Sluice
