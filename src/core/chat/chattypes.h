// Value types shared by every provider, the CLI and the window.
#pragma once

#include "core/chat/tooltypes.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace Sluice {

enum class ProviderType { Ollama, OpenAI, Anthropic };

QString providerTypeName(ProviderType type); // "ollama", "openai", "anthropic"
std::optional<ProviderType> providerTypeFromName(const QString &name);

struct ChatMessage
{
    QString role; // "system", "user", "assistant", "tool"
    QString content;
    QString thinking;         // assistant reasoning, sent back only where a protocol wants it
    QList<QByteArray> images; // raw image bytes (not base64)
    QList<ToolCallRequest> toolCalls = {}; // assistant: the calls it asked for
    QString toolCallId = {};               // tool: the call this answers
    QString toolName = {};                 // tool: the tool's name as offered
    bool toolFailed = false;               // tool: the result is an error (Anthropic is_error)
    QJsonArray thinkingBlocks = {};        // assistant with calls: ReplyStats::thinkingBlocks
};

// Sampling and server options. Unset values are not sent, so the server's defaults apply.
struct ChatOptions
{
    std::optional<double> temperature;
    std::optional<double> topP;
    std::optional<int> topK;
    std::optional<double> minP;          // core/chat/samplingsupport.h: which protocol
    std::optional<double> repeatPenalty; // sends which of these, and why not the others
    std::optional<double> frequencyPenalty;
    std::optional<double> presencePenalty;
    std::optional<int> contextSize; // Ollama num_ctx
    std::optional<int> maxTokens;   // num_predict / max_tokens
    std::optional<qint64> seed;
    QStringList stop;
    QString keepAlive; // Ollama keep_alive: "5m", "-1", "0" …; empty = server default
    QString think;     // "", "true", "false", "low", "medium", "high"

    friend bool operator==(const ChatOptions &a, const ChatOptions &b)
    {
        return a.temperature == b.temperature && a.topP == b.topP && a.topK == b.topK &&
               a.minP == b.minP && a.repeatPenalty == b.repeatPenalty &&
               a.frequencyPenalty == b.frequencyPenalty && a.presencePenalty == b.presencePenalty &&
               a.contextSize == b.contextSize && a.maxTokens == b.maxTokens && a.seed == b.seed &&
               a.stop == b.stop && a.keepAlive == b.keepAlive && a.think == b.think;
    }
    friend bool operator!=(const ChatOptions &a, const ChatOptions &b) { return !(a == b); }
};

struct ChatRequest
{
    QString model;
    QList<ChatMessage> messages;
    bool stream = true;
    ChatOptions options;
    QList<ToolDefinition> tools = {}; // offered to the model; none: the request has no tools
};

// Limits of the stall watchdog, in milliseconds; 0 switches a limit off.
struct Timeouts
{
    qint64 connectMs = 10'000;
    qint64 firstTokenMs = 120'000;
    qint64 loadMs = 300'000;
    qint64 idleMs = 60'000;
    qint64 totalMs = 0;
};

struct ProviderConfig
{
    QString id;   // key in the config file, e.g. "ollama"
    QString name; // shown to people
    ProviderType type = ProviderType::Ollama;
    QString baseUrl; // as the user typed it; normalised per request
    QString apiKey;  // already expanded; never logged
    QList<QPair<QByteArray, QByteArray>> headers;
    bool stream = true;
    bool http2 = true;
    Timeouts timeouts;
    int maxRetries = 2;
    int retryBaseDelayMs = 500;
    // Per-model defaults from the config file, by model id (context window, longest answer,
    // temperature): requestOptions() applies them.
    QHash<QString, ChatOptions> modelDefaults;
};

// The options a request to `model` on `provider` carries: the conversation's (or the command
// line's) own settings, and for each one left unset, the model's default from the config file
// (docs/config.md, "A model"). The window and `sluice run` both build requests with this.
ChatOptions requestOptions(const ChatOptions &own, const ProviderConfig &provider,
                           const QString &model);

struct ReplyStats
{
    qint64 promptTokens = -1;
    qint64 outputTokens = -1;
    qint64 timeToFirstTokenMs = -1;
    qint64 totalMs = -1;
    qint64 loadMs = -1;          // Ollama's load_duration
    qint64 promptEvalMs = -1;    // Ollama's prompt_eval_duration
    qint64 evalMs = -1;          // Ollama's eval_duration
    double tokensPerSecond = -1; // from the server's own timing where it reports one
    QString finishReason;        // "stop", "length", "tool_calls", "end_turn" …
    QString model;
    int chunks = 0;                        // content + thinking deltas received
    QList<ToolCallRequest> toolCalls = {}; // the tools the model asked to run, in order
    // Anthropic, with thinking on and tools asked for: the reply's thinking and
    // redacted_thinking blocks exactly as they came (signature included), which go back
    // unchanged with its tool_use blocks (core/protocol/toolwire.h); the history keeps them
    // (core/storage/thinkingblocktable.h).
    QJsonArray thinkingBlocks = {};
    // Set by the sender, not the server (core/conversation/contextbudget.h): the prompt's
    // tokens as estimated before sending, and the context window it was sent against.
    qint64 promptEstimate = -1;
    qint64 contextWindow = -1;
    // Of any message, set by the user's choice: it is no longer sent (dropped to fit the
    // context window), though it stays in the conversation.
    bool droppedFromContext = false;
};

struct ChatError
{
    enum class Kind { Stalled, Timeout, Http, Protocol, Connection, Cancelled, Config };
    Kind kind = Kind::Protocol;
    QString message; // one sentence, no trailing newline, safe to show (no keys)
    int httpStatus = 0;
    bool retryable = false;
    qint64 retryAfterMs = -1; // from a Retry-After header
    // The server ended the reply on purpose because the model kept repeating itself (Ollama's
    // guard): the connection and the server are fine, the model is not.
    bool modelRepeating = false;
};

QString errorKindName(ChatError::Kind kind); // "stalled", "timeout", "http" …

struct ModelInfo
{
    QString id;
    QString name;
    qint64 sizeBytes = -1;
    QString parameterSize;
    QString quantization;
    QString family;
    QString modified;
    int contextLength = -1;
};

} // namespace Sluice

Q_DECLARE_METATYPE(Sluice::ReplyStats)
Q_DECLARE_METATYPE(Sluice::ChatError)
