// Tool calling on the wire, per protocol: the tools a request offers and the calls and results
// it carries back (exact JSON), and the calls read from streamed and whole replies (OpenAI
// fragments joined per index, Ollama's /v1 parallel calls all at index 0, Anthropic
// input_json_delta, Ollama native calls whole in a chunk). Anthropic's thinking and
// redacted_thinking blocks of a turn that asks for tools are read whole (thinking_delta,
// signature_delta) and go back unchanged, first in that turn.
#include "core/protocol/protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Sluice;

namespace {

QJsonObject obj(const char *json)
{
    const QJsonDocument d = QJsonDocument::fromJson(QByteArray(json));
    Q_ASSERT(d.isObject());
    return d.object();
}

// A request after one round: the question, the assistant's two calls, their results.
ChatRequest roundTrip()
{
    ChatRequest r;
    r.model = QStringLiteral("m");
    r.stream = false;
    r.tools = {{u"read_file"_qs, u"Reads a file."_qs,
                obj(R"({"type":"object","properties":{"path":{"type":"string"}}})")},
               {u"now"_qs, {}, {}}};
    r.messages.append({u"user"_qs, u"Read a.txt"_qs, {}, {}});
    ChatMessage a{u"assistant"_qs, u"Looking."_qs, {}, {}};
    ToolCallRequest c1;
    c1.id = u"call_1"_qs;
    c1.name = u"read_file"_qs;
    c1.arguments = obj(R"({"path":"a.txt"})");
    ToolCallRequest c2;
    c2.id = u"call_2"_qs;
    c2.name = u"now"_qs;
    a.toolCalls = {c1, c2};
    r.messages.append(a);
    ChatMessage t1{u"tool"_qs, u"hello"_qs, {}, {}};
    t1.toolCallId = u"call_1"_qs;
    t1.toolName = u"read_file"_qs;
    ChatMessage t2{u"tool"_qs, u"The user did not allow this tool call."_qs, {}, {}};
    t2.toolCallId = u"call_2"_qs;
    t2.toolName = u"now"_qs;
    t2.toolFailed = true;
    r.messages << t1 << t2;
    return r;
}

QJsonObject body(ProviderType type, const ChatRequest &r)
{
    return QJsonDocument::fromJson(createProtocol(type)->chatBody(r)).object();
}

QList<DecodedEvent> decode(ProviderType type, bool stream, const QByteArray &bytes)
{
    auto decoder = createProtocol(type)->createDecoder(stream);
    QList<DecodedEvent> out;
    // Byte by byte: a call's pieces may be cut anywhere.
    for (qsizetype i = 0; i < bytes.size(); ++i)
        decoder->feed(QByteArrayView(bytes.constData() + i, 1), out);
    decoder->finish(out);
    return out;
}

QList<ToolCallRequest> callsOf(const QList<DecodedEvent> &events)
{
    if (events.isEmpty() || events.last().type != DecodedEvent::Type::Done)
        return {};
    return events.last().stats.toolCalls;
}

QString describe(const QList<ToolCallRequest> &calls)
{
    QStringList out;
    for (const ToolCallRequest &c : calls)
        out.append(c.id + u' ' + c.name + u' ' +
                   QString::fromUtf8(QJsonDocument(c.arguments).toJson(QJsonDocument::Compact)));
    return out.join(u" | ");
}

} // namespace

class TestToolWire : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noToolsNoField();
    void openAiRequest();
    void anthropicRequest();
    void ollamaRequest();
    void openAiFragmentsJoinedPerIndex();
    void openAiIndexZeroNewIdIsNewCall();
    void openAiWhole();
    void openAiBadArgumentsKept();
    void anthropicStream();
    void anthropicWhole();
    void anthropicThinkingGoesBackFirst();
    void anthropicThinkingWithoutCallsNotKept();
    void ollamaStream();
    void ollamaWhole();
};

void TestToolWire::noToolsNoField()
{
    ChatRequest r;
    r.model = QStringLiteral("m");
    r.messages.append({u"user"_qs, u"hi"_qs, {}, {}});
    for (ProviderType t : {ProviderType::Ollama, ProviderType::OpenAI, ProviderType::Anthropic})
        QVERIFY(!body(t, r).contains(u"tools"));
}

void TestToolWire::openAiRequest()
{
    const QJsonObject b = body(ProviderType::OpenAI, roundTrip());
    QCOMPARE(b.value(u"tools").toArray(),
             QJsonDocument::fromJson(R"([
        {"type":"function","function":{"name":"read_file","description":"Reads a file.",
         "parameters":{"type":"object","properties":{"path":{"type":"string"}}}}},
        {"type":"function","function":{"name":"now","parameters":{"type":"object"}}}])")
                 .array());
    QCOMPARE(b.value(u"messages").toArray(), QJsonDocument::fromJson(R"([
        {"role":"user","content":"Read a.txt"},
        {"role":"assistant","content":"Looking.","tool_calls":[
          {"id":"call_1","type":"function","function":{"name":"read_file","arguments":"{\"path\":\"a.txt\"}"}},
          {"id":"call_2","type":"function","function":{"name":"now","arguments":"{}"}}]},
        {"role":"tool","tool_call_id":"call_1","content":"hello"},
        {"role":"tool","tool_call_id":"call_2","content":"The user did not allow this tool call."}])")
                                                 .array());
}

void TestToolWire::anthropicRequest()
{
    const QJsonObject b = body(ProviderType::Anthropic, roundTrip());
    QCOMPARE(b.value(u"tools").toArray(), QJsonDocument::fromJson(R"([
        {"name":"read_file","description":"Reads a file.",
         "input_schema":{"type":"object","properties":{"path":{"type":"string"}}}},
        {"name":"now","input_schema":{"type":"object"}}])")
                                              .array());
    // Both results go back in one user message, the refusal marked as an error.
    QCOMPARE(b.value(u"messages").toArray(), QJsonDocument::fromJson(R"([
        {"role":"user","content":"Read a.txt"},
        {"role":"assistant","content":[{"type":"text","text":"Looking."},
          {"type":"tool_use","id":"call_1","name":"read_file","input":{"path":"a.txt"}},
          {"type":"tool_use","id":"call_2","name":"now","input":{}}]},
        {"role":"user","content":[
          {"type":"tool_result","tool_use_id":"call_1","content":"hello"},
          {"type":"tool_result","tool_use_id":"call_2",
           "content":"The user did not allow this tool call.","is_error":true}]}])")
                                                 .array());
}

void TestToolWire::ollamaRequest()
{
    const QJsonObject b = body(ProviderType::Ollama, roundTrip());
    QCOMPARE(b.value(u"tools").toArray(), body(ProviderType::OpenAI, roundTrip()).value(u"tools").toArray());
    QCOMPARE(b.value(u"messages").toArray(), QJsonDocument::fromJson(R"([
        {"role":"user","content":"Read a.txt"},
        {"role":"assistant","content":"Looking.","tool_calls":[
          {"function":{"name":"read_file","arguments":{"path":"a.txt"}}},
          {"function":{"name":"now","arguments":{}}}]},
        {"role":"tool","content":"hello","tool_name":"read_file"},
        {"role":"tool","content":"The user did not allow this tool call.","tool_name":"now"}])")
                                                 .array());
}

void TestToolWire::openAiFragmentsJoinedPerIndex()
{
    const QByteArray sse =
        R"(data: {"choices":[{"index":0,"delta":{"role":"assistant","content":null},"finish_reason":null}]}

data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"read_file","arguments":""}}]},"finish_reason":null}]}

data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"now","arguments":""}}]},"finish_reason":null}]}

data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"pa"}}]},"finish_reason":null}]}

data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"{}"}}]},"finish_reason":null}]}

data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"th\":\"a.txt\"}"}}]},"finish_reason":null}]}

data: {"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}

data: [DONE]

)";
    const QList<DecodedEvent> ev = decode(ProviderType::OpenAI, true, sse);
    QCOMPARE(ev.last().stats.finishReason, u"tool_calls"_qs);
    QCOMPARE(describe(callsOf(ev)), u"call_a read_file {\"path\":\"a.txt\"} | call_b now {}"_qs);
}

void TestToolWire::openAiIndexZeroNewIdIsNewCall()
{
    // Ollama's /v1 (openai/openai.go ToChunk): each call whole, every one at index 0.
    const QByteArray sse =
        R"(data: {"choices":[{"index":0,"delta":{"role":"assistant","content":"","tool_calls":[{"id":"call_x1","index":0,"type":"function","function":{"name":"read_file","arguments":"{\"path\":\"a\"}"}}]},"finish_reason":null}]}

data: {"choices":[{"index":0,"delta":{"role":"assistant","content":"","tool_calls":[{"id":"call_x2","index":0,"type":"function","function":{"name":"read_file","arguments":"{\"path\":\"b\"}"}}]},"finish_reason":null}]}

data: {"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":"tool_calls"}]}

data: [DONE]

)";
    QCOMPARE(describe(callsOf(decode(ProviderType::OpenAI, true, sse))),
             u"call_x1 read_file {\"path\":\"a\"} | call_x2 read_file {\"path\":\"b\"}"_qs);
}

void TestToolWire::openAiWhole()
{
    const QByteArray json = R"({"choices":[{"index":0,"message":{"role":"assistant","content":null,
        "tool_calls":[{"id":"call_1","type":"function","function":{"name":"now","arguments":"{}"}},
        {"id":"call_2","type":"function","function":{"name":"read_file","arguments":"{\"path\":\"x\"}"}}]},
        "finish_reason":"tool_calls"}]})";
    const QList<DecodedEvent> ev = decode(ProviderType::OpenAI, false, json);
    QCOMPARE(ev.last().stats.finishReason, u"tool_calls"_qs);
    QCOMPARE(describe(callsOf(ev)), u"call_1 now {} | call_2 read_file {\"path\":\"x\"}"_qs);
}

void TestToolWire::openAiBadArgumentsKept()
{
    const QByteArray json = R"({"choices":[{"index":0,"message":{"role":"assistant",
        "tool_calls":[{"id":"c","type":"function","function":{"name":"now","arguments":"{oops"}}]},
        "finish_reason":"tool_calls"}]})";
    const QList<ToolCallRequest> calls = callsOf(decode(ProviderType::OpenAI, false, json));
    QCOMPARE(calls.size(), 1);
    QVERIFY(!calls.first().argumentsValid);
    QCOMPARE(calls.first().argumentsText, u"{oops"_qs);
}

void TestToolWire::anthropicStream()
{
    const QByteArray sse = R"(event: message_start
data: {"type":"message_start","message":{"id":"msg_1","model":"claude","content":[],"usage":{"input_tokens":5}}}

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Let me look."}}

event: content_block_stop
data: {"type":"content_block_stop","index":0}

event: content_block_start
data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_1","name":"read_file","input":{}}}

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"path\": \"a"}}

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":".txt\"}"}}

event: content_block_stop
data: {"type":"content_block_stop","index":1}

event: content_block_start
data: {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_2","name":"now","input":{}}}

event: content_block_stop
data: {"type":"content_block_stop","index":2}

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":9}}

event: message_stop
data: {"type":"message_stop"}

)";
    const QList<DecodedEvent> ev = decode(ProviderType::Anthropic, true, sse);
    QCOMPARE(ev.first().text, u"Let me look."_qs);
    QCOMPARE(ev.last().stats.finishReason, u"tool_use"_qs);
    QCOMPARE(describe(callsOf(ev)), u"toolu_1 read_file {\"path\":\"a.txt\"} | toolu_2 now {}"_qs);
}

void TestToolWire::anthropicWhole()
{
    const QByteArray json = R"({"type":"message","content":[{"type":"text","text":"ok"},
        {"type":"tool_use","id":"toolu_9","name":"read_file","input":{"path":"b"}}],
        "stop_reason":"tool_use"})";
    QCOMPARE(describe(callsOf(decode(ProviderType::Anthropic, false, json))),
             u"toolu_9 read_file {\"path\":\"b\"}"_qs);
}

void TestToolWire::anthropicThinkingGoesBackFirst()
{
    const QByteArray sse = R"(event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Read "}}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"it."}}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"c2ln"}}

event: content_block_start
data: {"type":"content_block_start","index":1,"content_block":{"type":"redacted_thinking","data":"ZW5j"}}

event: content_block_start
data: {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_1","name":"now","input":{}}}

event: message_stop
data: {"type":"message_stop"}

)";
    const QJsonArray expected = QJsonDocument::fromJson(
        R"([{"type":"thinking","thinking":"Read it.","signature":"c2ln"},
            {"type":"redacted_thinking","data":"ZW5j"}])").array();
    const QList<DecodedEvent> ev = decode(ProviderType::Anthropic, true, sse);
    QCOMPARE(ev.last().stats.thinkingBlocks, expected);
    const QByteArray json = R"({"type":"message","content":[{"type":"thinking","thinking":"Read it.",
        "signature":"c2ln"},{"type":"redacted_thinking","data":"ZW5j"},
        {"type":"tool_use","id":"toolu_1","name":"now","input":{}}],"stop_reason":"tool_use"})";
    QCOMPARE(decode(ProviderType::Anthropic, false, json).last().stats.thinkingBlocks, expected);

    ChatRequest r = roundTrip();
    r.messages[1].thinkingBlocks = expected;
    const QJsonArray turn =
        body(ProviderType::Anthropic, r).value(u"messages").toArray().at(1)[u"content"].toArray();
    QCOMPARE(turn.size(), 5);
    QCOMPARE(turn.at(0), expected.at(0));
    QCOMPARE(turn.at(1), expected.at(1));
    QCOMPARE(turn.at(2)[u"type"].toString(), u"text"_qs);
    QCOMPARE(turn.at(3)[u"type"].toString(), u"tool_use"_qs);
}

void TestToolWire::anthropicThinkingWithoutCallsNotKept()
{
    // An answer with no calls ends the round: its thinking is not needed again.
    const QByteArray json = R"({"type":"message","content":[{"type":"thinking","thinking":"Hm.",
        "signature":"c2ln"},{"type":"text","text":"Done."}],"stop_reason":"end_turn"})";
    QVERIFY(decode(ProviderType::Anthropic, false, json).last().stats.thinkingBlocks.isEmpty());
}

void TestToolWire::ollamaStream()
{
    const QByteArray ndjson =
        R"({"model":"m","message":{"role":"assistant","content":"","tool_calls":[{"function":{"index":0,"name":"read_file","arguments":{"path":"a"}}}]},"done":false}
{"model":"m","message":{"role":"assistant","content":"","tool_calls":[{"function":{"index":1,"name":"now","arguments":{}}}]},"done":false}
{"model":"m","message":{"role":"assistant","content":""},"done_reason":"stop","done":true}
)";
    QCOMPARE(describe(callsOf(decode(ProviderType::Ollama, true, ndjson))),
             u"call_0 read_file {\"path\":\"a\"} | call_1 now {}"_qs);
}

void TestToolWire::ollamaWhole()
{
    const QByteArray json = R"({"model":"m","message":{"role":"assistant","content":"",
        "tool_calls":[{"function":{"name":"now","arguments":{}}}]},"done":true,"done_reason":"stop"})";
    QCOMPARE(describe(callsOf(decode(ProviderType::Ollama, false, json))), u"call_0 now {}"_qs);
}

QTEST_GUILESS_MAIN(TestToolWire)
#include "tst_toolwire.moc"
