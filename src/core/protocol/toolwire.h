// Tool calling on the wire, per protocol: the tools a request offers, the assistant's calls
// and the tools' results sent back, and the calls read from a reply (streamed or whole).
// The three protocol files call these from small hooks; shapes are checked against the
// official SDKs (tests/npm) and the servers' sources named in toolwire.cpp.
#pragma once

#include "core/chat/chattypes.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

namespace Sluice::ToolWire {

// True for a message that only a tool-calling conversation has: an assistant message with
// calls, or a tool's result.
bool isToolMessage(const ChatMessage &m);

// Turns a model's argument text into a call (the JSON object, or the text kept when it is
// not one). An empty id becomes "call_<n>".
ToolCallRequest makeCall(const QString &id, const QString &name, const QString &argumentsText,
                         int n);

// --- OpenAI-compatible Chat Completions ----------------------------------------------------
// {"type":"function","function":{"name","description","parameters"}}: also Ollama's shape.
QJsonArray functionTools(const QList<ToolDefinition> &tools);
// The message for `m` (isToolMessage): {"role":"assistant","content":…,"tool_calls":[…]} or
// {"role":"tool","tool_call_id":…,"content":…}.
QJsonObject openAiMessage(const ChatMessage &m);
// message.tool_calls of a whole answer.
QList<ToolCallRequest> openAiCalls(const QJsonArray &toolCalls);

// Joins streamed delta.tool_calls fragments. A fragment belongs to the call at its `index`,
// unless it brings an id other than that call's: then it starts a new call (Ollama's /v1
// sent every parallel call at index 0, each whole in its own chunk).
class OpenAiCallJoiner
{
public:
    void feed(const QJsonArray &toolCallsDelta);
    bool isEmpty() const { return m_calls.isEmpty(); }
    QList<ToolCallRequest> calls() const;

private:
    struct Pending
    {
        QString id;
        QString name;
        QString arguments;
    };
    QList<Pending> m_calls;
    QHash<int, int> m_byIndex; // wire index -> position in m_calls
};

// --- Anthropic Messages ---------------------------------------------------------------------
// {"name","description","input_schema"}.
QJsonArray anthropicTools(const QList<ToolDefinition> &tools);
// Appends `m` (isToolMessage) to `messages`: an assistant message becomes its thinking
// blocks (unchanged, first), text and tool_use blocks; a result becomes a tool_result block,
// joined to the user message of results right before it (all results of one turn go back in
// one user message).
void appendAnthropicMessage(const ChatMessage &m, QJsonArray &messages);
// tool_use blocks of a whole answer's content.
QList<ToolCallRequest> anthropicCalls(const QJsonArray &content);
// thinking and redacted_thinking blocks of a whole answer's content, as they are.
QJsonArray anthropicThinking(const QJsonArray &content);

// Collects streamed tool_use blocks: content_block_start gives id and name,
// input_json_delta fragments the input. Also the thinking blocks (thinking_delta and
// signature_delta fragments; a redacted_thinking block comes whole at its start).
class AnthropicCallJoiner
{
public:
    void blockStarted(const QJsonObject &event); // content_block_start
    bool inputDelta(const QJsonObject &event);   // content_block_delta; true if it was one
    void thinkingDelta(const QJsonObject &event); // content_block_delta of a thinking block
    bool isEmpty() const { return m_calls.isEmpty(); }
    QList<ToolCallRequest> calls() const;
    QJsonArray thinkingBlocks() const;

private:
    struct Pending
    {
        QString id;
        QString name;
        QString input;
        QJsonObject startInput;
    };
    QList<Pending> m_calls;
    QHash<int, int> m_byIndex;
    struct ThinkingBlock
    {
        QJsonObject start; // as content_block_start gave it, with the signature once it came
        QString thinking;  // the thinking_delta fragments, joined
    };
    QList<ThinkingBlock> m_thinking;
    QHash<int, int> m_thinkingByIndex; // wire index -> position in m_thinking
};

// --- Ollama native ----------------------------------------------------------------------------
// {"role":"assistant","content":…,"tool_calls":[{"function":{"name","arguments":{…}}}]} or
// {"role":"tool","content":…,"tool_name":…}.
QJsonObject ollamaMessage(const ChatMessage &m);
// message.tool_calls of one chunk; `first` numbers the made-up ids.
QList<ToolCallRequest> ollamaCalls(const QJsonArray &toolCalls, int first);

} // namespace Sluice::ToolWire
