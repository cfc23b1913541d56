#include "core/chat/samplingsupport.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace Sluice {

// What each protocol accepts, from its own definition:
//  - Ollama: api/types.go Options (temperature, top_p, top_k, min_p, repeat_penalty,
//    frequency_penalty, presence_penalty, seed, stop, num_predict, num_ctx) and the request's
//    keep_alive; the `ollama` npm package's Options interface names the same fields but
//    min_p, which the runner hands to its sampler all the same (runner/llamarunner/
//    runner.go, completion: MinP: req.Options.MinP).
//  - OpenAI Chat Completions: ChatCompletionCreateParams of the `openai` npm package
//    (temperature, top_p, frequency_penalty, presence_penalty, seed, stop, max_tokens).
//    top_k, min_p and repeat_penalty are not part of it: servers that accept them as
//    extensions (llama.cpp, vLLM) are reached the same way as those that reject them.
//  - Anthropic Messages: MessageCreateParams of `@anthropic-ai/sdk` (temperature, top_p,
//    top_k, stop_sequences, max_tokens); no penalties, no seed, no min_p.

QList<SamplingParam> allSamplingParams()
{
    return {SamplingParam::Temperature,   SamplingParam::TopP,
            SamplingParam::TopK,          SamplingParam::MinP,
            SamplingParam::RepeatPenalty, SamplingParam::FrequencyPenalty,
            SamplingParam::PresencePenalty, SamplingParam::Seed,
            SamplingParam::Stop,          SamplingParam::MaxTokens,
            SamplingParam::ContextSize,   SamplingParam::KeepAlive};
}

QString samplingOptionName(SamplingParam param)
{
    switch (param) {
    case SamplingParam::Temperature:
        return QStringLiteral("temperature");
    case SamplingParam::TopP:
        return QStringLiteral("top-p");
    case SamplingParam::TopK:
        return QStringLiteral("top-k");
    case SamplingParam::MinP:
        return QStringLiteral("min-p");
    case SamplingParam::RepeatPenalty:
        return QStringLiteral("repeat-penalty");
    case SamplingParam::FrequencyPenalty:
        return QStringLiteral("frequency-penalty");
    case SamplingParam::PresencePenalty:
        return QStringLiteral("presence-penalty");
    case SamplingParam::Seed:
        return QStringLiteral("seed");
    case SamplingParam::Stop:
        return QStringLiteral("stop");
    case SamplingParam::MaxTokens:
        return QStringLiteral("max-tokens");
    case SamplingParam::ContextSize:
        return QStringLiteral("num-ctx");
    case SamplingParam::KeepAlive:
        return QStringLiteral("keep-alive");
    }
    return {};
}

QString samplingUnsupportedReason(ProviderType type, SamplingParam param)
{
    using P = SamplingParam;
    switch (type) {
    case ProviderType::Ollama:
        return {};
    case ProviderType::OpenAI:
        switch (param) {
        case P::TopK:
        case P::MinP:
        case P::RepeatPenalty:
            return QCoreApplication::translate(
                "Sluice::Sampling", "The OpenAI Chat Completions API has no such parameter.");
        case P::ContextSize:
        case P::KeepAlive:
            return QCoreApplication::translate(
                "Sluice::Sampling", "Only Ollama's own API takes this; an OpenAI-compatible "
                                    "server sets it when it starts.");
        default:
            return {};
        }
    case ProviderType::Anthropic:
        switch (param) {
        case P::MinP:
        case P::RepeatPenalty:
        case P::FrequencyPenalty:
        case P::PresencePenalty:
        case P::Seed:
            return QCoreApplication::translate("Sluice::Sampling",
                                               "The Anthropic Messages API has no such parameter.");
        case P::ContextSize:
        case P::KeepAlive:
            return QCoreApplication::translate(
                "Sluice::Sampling", "Only Ollama's own API takes this; Anthropic's context "
                                    "window is fixed by the model.");
        default:
            return {};
        }
    }
    return {};
}

bool samplingParamIsSet(const ChatOptions &o, SamplingParam param)
{
    switch (param) {
    case SamplingParam::Temperature:
        return o.temperature.has_value();
    case SamplingParam::TopP:
        return o.topP.has_value();
    case SamplingParam::TopK:
        return o.topK.has_value();
    case SamplingParam::MinP:
        return o.minP.has_value();
    case SamplingParam::RepeatPenalty:
        return o.repeatPenalty.has_value();
    case SamplingParam::FrequencyPenalty:
        return o.frequencyPenalty.has_value();
    case SamplingParam::PresencePenalty:
        return o.presencePenalty.has_value();
    case SamplingParam::Seed:
        return o.seed.has_value();
    case SamplingParam::Stop:
        return !o.stop.isEmpty();
    case SamplingParam::MaxTokens:
        return o.maxTokens.has_value();
    case SamplingParam::ContextSize:
        return o.contextSize.has_value();
    case SamplingParam::KeepAlive:
        return !o.keepAlive.isEmpty();
    }
    return false;
}

QList<SamplingParam> unsupportedSetParams(ProviderType type, const ChatOptions &options)
{
    QList<SamplingParam> out;
    for (SamplingParam p : allSamplingParams()) {
        if (samplingParamIsSet(options, p) && !samplingUnsupportedReason(type, p).isEmpty())
            out.append(p);
    }
    return out;
}

QString ollamaDurationPattern()
{
    return QStringLiteral("-?(\\d+(\\.\\d+)?|(\\d+(\\.\\d+)?(ns|us|\u00b5s|ms|s|m|h))+)");
}

bool isOllamaDuration(const QString &text)
{
    static const QRegularExpression duration(
        QRegularExpression::anchoredPattern(ollamaDurationPattern()));
    return duration.match(text).hasMatch();
}

} // namespace Sluice
