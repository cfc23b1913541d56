// The FakeLlm persona asking for tool calls, in each protocol's own way:
// - OpenAI Chat Completions (openai-node src/resources/chat/completions/completions.ts,
//   ChatCompletionChunk.Choice.Delta.ToolCall): the first chunk of a call has index, id,
//   type and function.name with empty arguments; later chunks carry only index and argument
//   fragments; the last chunk has finish_reason "tool_calls".
// - Ollama's /v1 (ollama/ollama openai/openai.go, ToChunk/ToToolCalls): each call whole in one
//   chunk, index copied from the native call's Function.Index, 0 for every call on servers
//   that never set it; finish_reason "tool_calls" on the chunk with done_reason.
// - Anthropic Messages (@anthropic-ai/sdk src/resources/messages, RawContentBlockStartEvent,
//   InputJSONDelta): content_block_start with {"type":"tool_use","id","name","input":{}},
//   input_json_delta partial_json fragments (the first one empty), content_block_stop;
//   message_delta stop_reason "tool_use". With thinking on, a thinking block comes first
//   (thinking_delta, then signature_delta), and a request that continues the turn must send
//   it back unchanged before the tool_use blocks, or it is refused with 400 — as the real API
//   does (docs.anthropic.com "Building with extended thinking", "Preserving thinking blocks";
//   the API's own code is not public, the sentences follow what it answers).
// - Ollama native (ollama/ollama server/routes.go ChatHandler, api/types.go ToolCall): a
//   chunk with message.tool_calls [{"function":{"index","name","arguments":{…}}}] per call,
//   done false, then the final chunk with done_reason "stop".
#include "fakellm.h"
#include "fakellmwire.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Sluice::Test {

namespace {

// Turns of this question already answered with calls: assistant messages carrying tool_calls
// or tool_use since the last question (a user message that is not Anthropic's tool results).
int roundsDone(const QJsonObject &body)
{
    int n = 0;
    const QJsonArray messages = body.value(u"messages").toArray();
    for (const QJsonValue &v : messages) {
        const QJsonObject m = v.toObject();
        const QJsonArray userBlocks = m.value(u"content").toArray();
        const bool results = !userBlocks.isEmpty() &&
                             userBlocks.first().toObject().value(u"type").toString() == u"tool_result";
        if (m.value(u"role").toString() == u"user" && !results)
            n = 0;
        if (m.value(u"role").toString() != u"assistant")
            continue;
        if (!m.value(u"tool_calls").toArray().isEmpty()) {
            ++n;
            continue;
        }
        const QJsonArray blocks = m.value(u"content").toArray();
        for (const QJsonValue &b : blocks) {
            if (b.toObject().value(u"type").toString() == u"tool_use") {
                ++n;
                break;
            }
        }
    }
    return n;
}

QByteArray compact(const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    return doc.isObject() ? doc.toJson(QJsonDocument::Compact) : QByteArrayLiteral("{}");
}

// Argument text in three fragments, as a model streams it.
QList<QByteArray> fragments(const QByteArray &text)
{
    const qsizetype third = qMax<qsizetype>(1, text.size() / 3);
    return {text.left(third), text.mid(third, third), text.mid(2 * third)};
}

} // namespace

QByteArray FakeLlm::anthropicThinkingProblem(const QJsonObject &body)
{
    // The last assistant turn, when only tool results follow it: the turn the tools continue.
    const QJsonArray messages = body.value(u"messages").toArray();
    for (qsizetype i = messages.size() - 1; i >= 0; --i) {
        const QJsonObject m = messages.at(i).toObject();
        const QJsonArray blocks = m.value(u"content").toArray();
        const QString first = blocks.at(0).toObject().value(u"type").toString();
        if (m.value(u"role").toString() == u"user") {
            if (first != u"tool_result")
                return {}; // a new question: earlier thinking is not needed
            continue;
        }
        const QJsonObject head = blocks.at(0).toObject();
        const QByteArray at = "messages." + QByteArray::number(i) + ".content.0";
        if (first != u"thinking" && first != u"redacted_thinking")
            return at + ".type: Expected `thinking` or `redacted_thinking`, but found `" +
                   first.toUtf8() + "`. When `thinking` is enabled, a final `assistant` message "
                   "must start with a thinking block.";
        if (head.value(u"signature").toString().toUtf8() != FakeThinkingSignature ||
            head.value(u"thinking").toString().toUtf8() != FakeToolThinking)
            return at + ": Invalid `signature` in `thinking` block";
        return {};
    }
    return {};
}

bool FakeLlm::toolTurn(const QJsonObject &body) const
{
    return !m_options.toolCalls.isEmpty() && !body.value(u"tools").toArray().isEmpty() &&
           roundsDone(body) < m_options.toolRounds;
}

void FakeLlm::openAiToolCalls(Response &r, const QByteArray &model, bool stream)
{
    const QByteArray id = "chatcmpl-" + num(m_nextId++);
    const QByteArray created = num(QDateTime::currentSecsSinceEpoch());
    const QList<FakeToolCall> &calls = m_options.toolCalls;
    const QByteArray usage = QByteArrayLiteral(
        "{\"prompt_tokens\":12,\"completion_tokens\":9,\"total_tokens\":21}");
    if (!stream) {
        QByteArray list = "[";
        for (qsizetype i = 0; i < calls.size(); ++i)
            list += (i ? "," : "") + QByteArrayLiteral("{\"id\":") + str(calls[i].id) +
                    ",\"type\":\"function\",\"function\":{\"name\":" + str(calls[i].name) +
                    ",\"arguments\":" + str(compact(calls[i].arguments)) + "}}";
        r.json("{\"id\":" + str(id) + ",\"object\":\"chat.completion\",\"created\":" + created +
               ",\"model\":" + str(model) +
               ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,"
               "\"tool_calls\":" +
               list + "]},\"finish_reason\":\"tool_calls\"}],\"usage\":" + usage + '}');
        return;
    }
    const QByteArray head = "data: {\"id\":" + str(id) +
                            ",\"object\":\"chat.completion.chunk\",\"created\":" + created +
                            ",\"model\":" + str(model);
    const auto chunk = [&head](const QByteArray &delta, const QByteArray &finish) -> QByteArray {
        return head + ",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" +
               (finish.isEmpty() ? QByteArrayLiteral("null") : str(finish)) + "}]}\n\n";
    };
    QList<QByteArray> events;
    events.append(chunk(QByteArrayLiteral("{\"role\":\"assistant\",\"content\":null}"), {}));
    for (qsizetype i = 0; i < calls.size(); ++i) {
        const FakeToolCall &c = calls.at(i);
        const QByteArray args = compact(c.arguments);
        if (m_options.toolCallsAtIndexZero) {
            events.append(chunk("{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":" +
                                    str(c.id) + ",\"index\":0,\"type\":\"function\",\"function\":"
                                                "{\"name\":" +
                                    str(c.name) + ",\"arguments\":" + str(args) + "}}]}",
                                {}));
            continue;
        }
        events.append(chunk("{\"tool_calls\":[{\"index\":" + num(i) + ",\"id\":" + str(c.id) +
                                ",\"type\":\"function\",\"function\":{\"name\":" + str(c.name) +
                                ",\"arguments\":\"\"}}]}",
                            {}));
        for (const QByteArray &f : fragments(args))
            events.append(chunk("{\"tool_calls\":[{\"index\":" + num(i) +
                                    ",\"function\":{\"arguments\":" + str(f) + "}}]}",
                                {}));
    }
    events.append(chunk(QByteArrayLiteral("{}"), QByteArrayLiteral("tool_calls")));
    events.append(head + ",\"choices\":[],\"usage\":" + usage + "}\n\n");
    events.append(QByteArrayLiteral("data: [DONE]\n\n"));
    r.contentType(SseType);
    writeTokens(r, events);
}

void FakeLlm::anthropicToolCalls(Response &r, const QByteArray &model, bool stream, bool think)
{
    const QByteArray id = "msg_01SluiceTools" + num(m_nextId++);
    const QList<FakeToolCall> &calls = m_options.toolCalls;
    const int first = think ? 1 : 0; // the thinking block's index
    if (!stream) {
        QByteArray content = "[";
        if (think)
            content += "{\"type\":\"thinking\",\"thinking\":" + str(FakeToolThinking) +
                       ",\"signature\":" + str(FakeThinkingSignature) + "},";
        for (qsizetype i = 0; i < calls.size(); ++i)
            content += (i ? "," : "") + QByteArrayLiteral("{\"type\":\"tool_use\",\"id\":") +
                       str(calls[i].id) + ",\"name\":" + str(calls[i].name) +
                       ",\"input\":" + compact(calls[i].arguments) + '}';
        r.json("{\"id\":" + str(id) + ",\"type\":\"message\",\"role\":\"assistant\",\"model\":" +
               str(model) + ",\"content\":" + content +
               "],\"stop_reason\":\"tool_use\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":"
               "12,\"output_tokens\":9}}");
        return;
    }
    QList<QByteArray> events;
    events.append(sseEvent("message_start",
                           "{\"type\":\"message_start\",\"message\":{\"id\":" + str(id) +
                               ",\"type\":\"message\",\"role\":\"assistant\",\"model\":" +
                               str(model) +
                               ",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
                               "\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}"));
    if (think) {
        const auto event = [](const char *type, const QByteArray &rest) {
            return sseEvent(type, "{\"type\":\"" + QByteArray(type) + "\",\"index\":0" + rest + '}');
        };
        events.append(event("content_block_start",
                            ",\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}"));
        for (const QByteArray &part : fragments(FakeToolThinking))
            events.append(event("content_block_delta",
                                ",\"delta\":{\"type\":\"thinking_delta\",\"thinking\":" + str(part) + '}'));
        events.append(event("content_block_delta",
                            ",\"delta\":{\"type\":\"signature_delta\",\"signature\":" +
                                str(FakeThinkingSignature) + '}'));
        events.append(event("content_block_stop", {}));
    }
    for (qsizetype i = 0; i < calls.size(); ++i) {
        const FakeToolCall &c = calls.at(i);
        const QByteArray index = num(first + i);
        events.append(sseEvent("content_block_start",
                               "{\"type\":\"content_block_start\",\"index\":" + index +
                                   ",\"content_block\":{\"type\":\"tool_use\",\"id\":" +
                                   str(c.id) + ",\"name\":" + str(c.name) + ",\"input\":{}}}"));
        QList<QByteArray> parts{QByteArray()};
        parts += fragments(compact(c.arguments));
        for (const QByteArray &f : parts)
            events.append(sseEvent("content_block_delta",
                                   "{\"type\":\"content_block_delta\",\"index\":" + index +
                                       ",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":" +
                                       str(f) + "}}"));
        events.append(sseEvent("content_block_stop",
                               "{\"type\":\"content_block_stop\",\"index\":" + index + '}'));
    }
    events.append(sseEvent("message_delta",
                           QByteArrayLiteral("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                                             "\"tool_use\",\"stop_sequence\":null},\"usage\":{"
                                             "\"output_tokens\":9}}")));
    events.append(sseEvent("message_stop", QByteArrayLiteral("{\"type\":\"message_stop\"}")));
    r.contentType(SseType);
    writeTokens(r, events);
}

void FakeLlm::ollamaToolCalls(Response &r, const QByteArray &model, bool stream)
{
    const QByteArray head = "{\"model\":" + str(model, true) + ",\"created_at\":";
    const QList<FakeToolCall> &calls = m_options.toolCalls;
    const auto call = [](const FakeToolCall &c, qsizetype i) -> QByteArray {
        return "{\"function\":{\"index\":" + num(i) + ",\"name\":" + str(c.name, true) +
               ",\"arguments\":" + compact(c.arguments) + "}}";
    };
    const QByteArray done = QByteArrayLiteral(
        ",\"done_reason\":\"stop\",\"done\":true,\"total_duration\":5000000,\"load_duration\":"
        "1000000,\"prompt_eval_count\":12,\"prompt_eval_duration\":1000000,\"eval_count\":9,"
        "\"eval_duration\":2000000}\n");
    if (!stream) {
        QByteArray list = "[";
        for (qsizetype i = 0; i < calls.size(); ++i)
            list += (i ? "," : "") + call(calls[i], i);
        r.json(head + str(nowRfc3339()) +
               ",\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":" + list +
               "]}" + done);
        return;
    }
    QList<QByteArray> lines;
    for (qsizetype i = 0; i < calls.size(); ++i)
        lines.append(head + str(nowRfc3339()) +
                     ",\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[" +
                     call(calls[i], i) + "]},\"done\":false}\n");
    lines.append(head + str(nowRfc3339()) +
                 ",\"message\":{\"role\":\"assistant\",\"content\":\"\"}" + done);
    r.contentType(NdjsonType);
    writeTokens(r, lines);
}

} // namespace Sluice::Test
