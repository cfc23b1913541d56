// What each protocol writes and reads besides the stream: the chat request body for Ollama,
// OpenAI-compatible servers and Anthropic (options, images, system prompts, thinking), and the
// model lists the servers answer.
#include "core/protocol/protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Sluice;

class TestProtocolBodies : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chatBodyOllama();
    void chatBodyOpenAi();
    void chatBodyAnthropic();
    void parseModels();
};

void TestProtocolBodies::chatBodyOllama()
{
    const auto p = createProtocol(ProviderType::Ollama);
    ChatRequest r;
    r.model = QStringLiteral("llama3.2:3b");
    r.messages = {{u"system"_qs, u"Be brief."_qs, {}, {}},
                  {u"user"_qs, u"Hi \"there\" 👋"_qs, {}, {QByteArray("\x89PNG")}}};
    r.stream = false;
    QJsonObject b = QJsonDocument::fromJson(p->chatBody(r)).object();
    QCOMPARE(b.value(u"model").toString(), r.model);
    QVERIFY(b.contains(u"stream")); // Ollama streams when it is omitted
    QCOMPARE(b.value(u"stream").toBool(true), false);
    QVERIFY(!b.contains(u"options")); // nothing set: the server's defaults apply
    QVERIFY(!b.contains(u"keep_alive"));
    QVERIFY(!b.contains(u"think"));
    const QJsonArray msgs = b.value(u"messages").toArray();
    QCOMPARE(msgs.size(), 2);
    QCOMPARE(msgs.at(0).toObject().value(u"role").toString(), u"system"_qs);
    QCOMPARE(msgs.at(1).toObject().value(u"content").toString(), u"Hi \"there\" 👋"_qs);
    QCOMPARE(msgs.at(1).toObject().value(u"images").toArray().at(0).toString(), u"iVBORw=="_qs);

    r.stream = true;
    r.options.contextSize = 8192;
    r.options.maxTokens = 256;
    r.options.temperature = 0.25;
    r.options.seed = 42;
    r.options.topK = 40;
    r.options.topP = 0.9;
    r.options.stop = QStringList{u"</s>"_qs};
    r.options.keepAlive = QStringLiteral("5m");
    r.options.think = QStringLiteral("true");
    b = QJsonDocument::fromJson(p->chatBody(r)).object();
    QCOMPARE(b.value(u"stream").toBool(false), true);
    const QJsonObject o = b.value(u"options").toObject();
    QCOMPARE(o.value(u"num_ctx").toInt(), 8192);
    QCOMPARE(o.value(u"num_predict").toInt(), 256);
    QCOMPARE(o.value(u"temperature").toDouble(), 0.25);
    QCOMPARE(o.value(u"seed").toInteger(), 42);
    QCOMPARE(o.value(u"top_k").toInt(), 40);
    QCOMPARE(o.value(u"top_p").toDouble(), 0.9);
    QCOMPARE(o.value(u"stop").toArray().at(0).toString(), u"</s>"_qs);
    QVERIFY(!b.contains(u"num_ctx")); // inside options, not at the top
    QCOMPARE(b.value(u"keep_alive").toString(), u"5m"_qs);
    QVERIFY(b.value(u"think").isBool());
    QCOMPARE(b.value(u"think").toBool(), true);

    // keep_alive: numbers (seconds, -1 forever, 0 unload) go as numbers, durations as strings.
    // Real Ollama 0.24 answers a string "1.5" or "90" with 400 "time: missing unit in
    // duration", and takes the number 1.5.
    const QList<QPair<QString, QJsonValue>> keepAlive = {{u"-1"_qs, QJsonValue(-1)},
                                                         {u"0"_qs, QJsonValue(0)},
                                                         {u"300"_qs, QJsonValue(300)},
                                                         {u"1.5"_qs, QJsonValue(1.5)},
                                                         {u"-0.5"_qs, QJsonValue(-0.5)},
                                                         {u"1h30m"_qs, QJsonValue(u"1h30m"_qs)}};
    for (const auto &[text, expected] : keepAlive) {
        r.options.keepAlive = text;
        b = QJsonDocument::fromJson(p->chatBody(r)).object();
        QCOMPARE(b.value(u"keep_alive"), expected);
    }
    // think: a bool, or a level string for models that take one.
    r.options.think = QStringLiteral("false");
    QCOMPARE(QJsonDocument::fromJson(p->chatBody(r)).object().value(u"think"), QJsonValue(false));
    r.options.think = QStringLiteral("high");
    QCOMPARE(QJsonDocument::fromJson(p->chatBody(r)).object().value(u"think"),
             QJsonValue(u"high"_qs));
}

void TestProtocolBodies::chatBodyOpenAi()
{
    const auto p = createProtocol(ProviderType::OpenAI);
    ChatRequest r;
    r.model = QStringLiteral("gpt-4o-mini");
    r.messages = {{u"system"_qs, u"sys"_qs, {}, {}},
                  {u"user"_qs, u"look"_qs, {}, {QByteArray("img")}}};
    r.stream = true;
    r.options.maxTokens = 100;
    r.options.contextSize = 4096;   // not an OpenAI parameter
    r.options.keepAlive = u"5m"_qs; // neither
    r.options.think = u"medium"_qs;
    r.options.temperature = 0.5;
    QJsonObject b = QJsonDocument::fromJson(p->chatBody(r)).object();
    QCOMPARE(b.value(u"stream"), QJsonValue(true));
    QCOMPARE(b.value(u"stream_options").toObject().value(u"include_usage"), QJsonValue(true));
    QCOMPARE(b.value(u"max_tokens").toInt(), 100);
    QCOMPARE(b.value(u"temperature").toDouble(), 0.5);
    QCOMPARE(b.value(u"reasoning_effort").toString(), u"medium"_qs);
    QVERIFY(!b.contains(u"num_ctx"));
    QVERIFY(!b.contains(u"options"));
    QVERIFY(!b.contains(u"keep_alive"));
    const QJsonArray msgs = b.value(u"messages").toArray();
    QCOMPARE(msgs.at(0).toObject().value(u"content").toString(), u"sys"_qs);
    const QJsonArray parts = msgs.at(1).toObject().value(u"content").toArray();
    QCOMPARE(parts.size(), 2);
    QCOMPARE(parts.at(1).toObject().value(u"image_url").toObject().value(u"url").toString(),
             u"data:image/png;base64,aW1n"_qs);

    r.stream = false;
    r.options.think = u"true"_qs; // not a level: nothing to send
    b = QJsonDocument::fromJson(p->chatBody(r)).object();
    QCOMPARE(b.value(u"stream"), QJsonValue(false)); // always explicit
    QVERIFY(!b.contains(u"stream_options"));         // servers reject it without streaming
    QVERIFY(!b.contains(u"reasoning_effort"));
}

void TestProtocolBodies::chatBodyAnthropic()
{
    const auto p = createProtocol(ProviderType::Anthropic);
    ChatRequest r;
    r.model = QStringLiteral("claude-sonnet-4-5");
    r.messages = {{u"system"_qs, u"Rule one."_qs, {}, {}},
                  {u"user"_qs, u"Hi"_qs, {}, {}},
                  {u"assistant"_qs, u"Hello"_qs, {}, {}},
                  {u"system"_qs, u"Rule two."_qs, {}, {}},
                  {u"user"_qs, u"Bye"_qs, {}, {}}};
    r.stream = false;
    QJsonObject b = QJsonDocument::fromJson(p->chatBody(r)).object();
    QVERIFY(b.value(u"max_tokens").toInt() > 0); // required by the API even when unset
    QCOMPARE(b.value(u"stream"), QJsonValue(false));
    QCOMPARE(b.value(u"system").toString(), u"Rule one.\n\nRule two."_qs);
    const QJsonArray msgs = b.value(u"messages").toArray();
    QCOMPARE(msgs.size(), 3); // no "system" role inside messages: the API rejects it
    for (const QJsonValue &m : msgs)
        QVERIFY(m.toObject().value(u"role").toString() != u"system");
    QVERIFY(!b.contains(u"thinking"));

    r.stream = true;
    r.options.maxTokens = 8000;
    r.options.think = u"medium"_qs;
    r.options.stop = QStringList{u"END"_qs};
    b = QJsonDocument::fromJson(p->chatBody(r)).object();
    QCOMPARE(b.value(u"stream"), QJsonValue(true));
    QCOMPARE(b.value(u"max_tokens").toInt(), 8000);
    QCOMPARE(b.value(u"stop_sequences").toArray().at(0).toString(), u"END"_qs);
    const QJsonObject thinking = b.value(u"thinking").toObject();
    QCOMPARE(thinking.value(u"type").toString(), u"enabled"_qs);
    const int budget = thinking.value(u"budget_tokens").toInt();
    QVERIFY(budget >= 1024); // the API's minimum
    QVERIFY(budget < 8000);  // and it must stay below max_tokens
    QVERIFY(!b.contains(u"stream_options"));
}

void TestProtocolBodies::parseModels()
{
    QString error;
    const auto ollama =
        createProtocol(ProviderType::Ollama)
            ->parseModels(
                R"({"models":[{"name":"llama3.2:3b","model":"llama3.2:3b","size":2019393189,)"
                R"("details":{"family":"llama","parameter_size":"3.2B","quantization_level":"Q4_K_M"}},)"
                R"({"name":"qwen3:8b","model":"qwen3:8b"}]})",
                &error);
    QCOMPARE(ollama.size(), 2);
    QCOMPARE(ollama.at(0).id, u"llama3.2:3b"_qs);
    QCOMPARE(ollama.at(0).parameterSize, u"3.2B"_qs);
    QCOMPARE(ollama.at(0).quantization, u"Q4_K_M"_qs);

    const auto openai =
        createProtocol(ProviderType::OpenAI)
            ->parseModels(
                R"({"object":"list","data":[{"id":"gpt-4o","object":"model"},{"id":"o3"}]})",
                &error);
    QCOMPARE(openai.size(), 2);
    QCOMPARE(openai.at(1).id, u"o3"_qs);
    // Ollama's /v1/models with nothing installed says "data": null.
    QVERIFY(createProtocol(ProviderType::OpenAI)
                ->parseModels(R"({"object":"list","data":null})", &error)
                .isEmpty());

    const auto anthropic =
        createProtocol(ProviderType::Anthropic)
            ->parseModels(
                R"({"data":[{"id":"claude-sonnet-4-5","display_name":"Claude Sonnet 4.5","type":"model"}],"has_more":false})",
                &error);
    QCOMPARE(anthropic.size(), 1);
    QCOMPARE(anthropic.at(0).name, u"Claude Sonnet 4.5"_qs);

    for (ProviderType t : {ProviderType::Ollama, ProviderType::OpenAI, ProviderType::Anthropic}) {
        error.clear();
        QVERIFY(createProtocol(t)->parseModels("<html>nope</html>", &error).isEmpty());
        QVERIFY(error.contains(u"not JSON"));
    }
}

QTEST_GUILESS_MAIN(TestProtocolBodies)
#include "tst_protocolbodies.moc"
