// Which sampling parameter each protocol can send, and in words why not where it cannot.
// The encoders in core/protocol send exactly the supported ones; the conversation settings
// dialog shows the others disabled with the reason, and `sluice run` says it on stderr.
#pragma once

#include "core/chat/chattypes.h"

#include <QHashFunctions>
#include <QList>
#include <QString>

namespace Sluice {

enum class SamplingParam {
    Temperature,
    TopP,
    TopK,
    MinP,
    RepeatPenalty,
    FrequencyPenalty,
    PresencePenalty,
    Seed,
    Stop,
    MaxTokens,
    ContextSize, // Ollama num_ctx
    KeepAlive,   // Ollama keep_alive
};

inline size_t qHash(SamplingParam param, size_t seed = 0) noexcept
{
    return ::qHash(int(param), seed);
}

QList<SamplingParam> allSamplingParams();

// The command-line option without dashes ("top-p").
QString samplingOptionName(SamplingParam param);

// Empty when `type`'s protocol sends `param`; otherwise one sentence saying why it cannot.
QString samplingUnsupportedReason(ProviderType type, SamplingParam param);

// Whether `options` sets `param`.
bool samplingParamIsSet(const ChatOptions &options, SamplingParam param);

// Ollama's keep_alive as its api/types.go Duration reads it: a JSON number of seconds
// ("300", "1.5", "-1") or a Go duration string with a unit on every part ("5m", "1h30m",
// "0"); a string like "90" or "5m30" is refused with HTTP 400 ("missing unit in duration").
// ollamaDurationPattern() matches both forms (the Ollama encoder sends the first as a number).
QString ollamaDurationPattern();
bool isOllamaDuration(const QString &text);

// The parameters `options` sets that `type`'s protocol cannot send.
QList<SamplingParam> unsupportedSetParams(ProviderType type, const ChatOptions &options);

} // namespace Sluice
