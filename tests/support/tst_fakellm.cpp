// Tests of the FakeLlm persona, driven by QNetworkAccessManager the way the providers drive
// it: Ollama's native API, OpenAI-compatible chat and Anthropic messages, each streamed and
// not, with thinking, keys, unknown models, split writes and benchmark streams.
#include "fakellm.h"
#include "servertest.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace Sluice::Test;

class FakeLlmTest : public ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void personaProbes();
    void ollamaStreamsByDefault();
    void ollamaNonStreaming();
    void ollamaThinkingAndThinkFalse();
    void ollamaNumPredictTruncates();
    void ollamaCutsALongPromptAsOllamaDoes();
    void openAiStreamingWithUsage();
    void openAiNonStreaming();
    void openAiKeyRequired();
    void anthropicStreamingEventsInOrder();
    void anthropicNonStreamingAndKey();
    void unknownModelErrors_data();
    void unknownModelErrors();
    void notOllamaHasNoOllamaApi();
    void splitInsideUtf8StraddlesReads();
    void benchModeStreamsManyChunks();
    void clientCancelIsDetected();
    void scriptedRoutesOverridePersona();
};

void FakeLlmTest::personaProbes()
{
    FakeLlm::install(*m_server);
    Fetch *root = get(u"/");
    Fetch *version = get(u"/api/version");
    Fetch *tags = get(u"/api/tags");
    Fetch *models = get(u"/v1/models");
    Fetch *show = post(u"/api/show", R"({"model":"llama3.2:3b"})");
    for (Fetch *f : {root, version, tags, models, show})
        QVERIFY(waitFinished(f));
    QCOMPARE(root->body(), QByteArray("Ollama is running"));
    QCOMPARE(QJsonDocument::fromJson(version->body()).object().value(u"version").toString(),
             QStringLiteral("0.12.3"));
    const QJsonArray tagList =
        QJsonDocument::fromJson(tags->body()).object().value(u"models").toArray();
    QCOMPARE(tagList.size(), 2);
    QCOMPARE(tagList.at(0).toObject().value(u"name").toString(), QStringLiteral("llama3.2:3b"));
    QCOMPARE(contentOf(tagList.at(0).toObject(), u"details", u"parameter_size"),
             QByteArray("3.2B"));
    const QJsonObject list = QJsonDocument::fromJson(models->body()).object();
    QCOMPARE(list.value(u"object").toString(), QStringLiteral("list"));
    QCOMPARE(list.value(u"data").toArray().at(1).toObject().value(u"id").toString(),
             QStringLiteral("qwen3:4b"));
    const QJsonObject info = QJsonDocument::fromJson(show->body()).object();
    QVERIFY(info.value(u"capabilities").toArray().contains(QStringLiteral("completion")));
    QCOMPARE(info.value(u"model_info").toObject().value(u"llama.context_length").toInt(), 131072);
}

void FakeLlmTest::ollamaStreamsByDefault()
{
    FakeLlm::install(*m_server);
    // No "stream" field: Ollama streams.
    Fetch *f = post(u"/api/chat",
                    R"({"model":"llama3.2:3b","messages":[{"role":"user","content":"Hi"}]})");
    QVERIFY(waitFinished(f));
    QCOMPARE(f->status(), 200);
    QCOMPARE(f->reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(),
             QByteArray("application/x-ndjson"));
    const QByteArray raw = f->body();
    QVERIFY(raw.endsWith("}\n"));
    QVERIFY2(!raw.contains('<') && !raw.contains('>') && !raw.contains('&') &&
                 raw.contains("\\u003c") && raw.contains("\\u003e") && raw.contains("\\u0026"),
             "Go escapes <, > and & as \\u003c, \\u003e and \\u0026");
    const QList<QJsonObject> lines = ndjson(raw);
    QVERIFY(lines.size() > 5);
    QByteArray content;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QJsonObject &line = lines.at(i);
        QCOMPARE(line.value(u"model").toString(), QStringLiteral("llama3.2:3b"));
        QVERIFY(!line.value(u"created_at").toString().isEmpty());
        QCOMPARE(line.value(u"done").toBool(), i == lines.size() - 1);
        content += contentOf(line, u"message", u"content");
    }
    QCOMPARE(content, FakeLlmOptions::defaultReply());
    const QJsonObject last = lines.last();
    QCOMPARE(last.value(u"done_reason").toString(), QStringLiteral("stop"));
    for (QStringView key : {u"total_duration", u"load_duration", u"prompt_eval_count",
                            u"prompt_eval_duration", u"eval_count", u"eval_duration"})
        QVERIFY2(last.value(key).toDouble() > 0, qPrintable(key.toString()));
    QCOMPARE(last.value(u"eval_count").toInt(),
             int(FakeLlm::tokens(FakeLlmOptions::defaultReply(), 4).size()));
}

void FakeLlmTest::ollamaNonStreaming()
{
    FakeLlm::install(*m_server);
    Fetch *f = post(
        u"/api/chat",
        R"({"model":"llama3.2:3b","stream":false,"messages":[{"role":"user","content":"Hi"}]})");
    QVERIFY(waitFinished(f));
    QVERIFY(f->reply->hasRawHeader("Content-Length"));
    const QJsonDocument doc = QJsonDocument::fromJson(f->body());
    QVERIFY(doc.isObject());
    QCOMPARE(contentOf(doc.object(), u"message", u"content"), FakeLlmOptions::defaultReply());
    QCOMPARE(doc.object().value(u"done").toBool(), true);
    QVERIFY(!doc.object().value(u"message").toObject().contains(u"thinking"));
}

void FakeLlmTest::ollamaThinkingAndThinkFalse()
{
    FakeLlmOptions options;
    options.thinking = QByteArrayLiteral("Pondering \xE2\x80\xA6 deeply");
    options.reply = QByteArrayLiteral("Answer.");
    FakeLlm::install(*m_server, options);
    Fetch *f = post(
        u"/api/chat",
        R"({"model":"qwen3:4b","think":true,"stream":true,"messages":[{"role":"user","content":"Hi"}]})");
    Fetch *g = post(
        u"/api/chat",
        R"({"model":"qwen3:4b","think":false,"stream":true,"messages":[{"role":"user","content":"Hi"}]})");
    QVERIFY(waitFinished(f));
    QVERIFY(waitFinished(g));
    QByteArray thinking, content;
    bool thinkingBeforeContent = true;
    for (const auto &line : ndjson(f->body())) {
        const QByteArray t = contentOf(line, u"message", u"thinking");
        if (!t.isEmpty() && !content.isEmpty())
            thinkingBeforeContent = false;
        thinking += t;
        content += contentOf(line, u"message", u"content");
    }
    QCOMPARE(thinking, options.thinking);
    QCOMPARE(content, options.reply);
    QVERIFY(thinkingBeforeContent);
    QVERIFY(!g->body().contains("thinking"));
}

void FakeLlmTest::ollamaNumPredictTruncates()
{
    FakeLlm::install(*m_server);
    Fetch *f = post(
        u"/api/chat",
        R"({"model":"llama3.2:3b","stream":true,"options":{"num_predict":2},"messages":[{"role":"user","content":"Hi"}]})");
    QVERIFY(waitFinished(f));
    const QList<QJsonObject> lines = ndjson(f->body());
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines.last().value(u"done_reason").toString(), QStringLiteral("length"));
}

// server/prompt.go drops whole old messages, the system ones kept, until the rest fits;
// the runner cuts what still does not to exactly num_ctx. prompt_eval_count says what stayed.
void FakeLlmTest::ollamaCutsALongPromptAsOllamaDoes()
{
    FakeLlmOptions options;
    options.ollamaContextLength = 40;
    FakeLlm::install(*m_server, options);
    const auto evaluated = [this](const QByteArray &messages, const QByteArray &numCtx) {
        Fetch *f = post(u"/api/chat", "{\"model\":\"llama3.2:3b\",\"stream\":false," + numCtx +
                                          "\"messages\":" + messages + "}");
        if (!waitFinished(f))
            return -1;
        return QJsonDocument::fromJson(f->body()).object().value(u"prompt_eval_count").toInt();
    };
    // 4 characters of each message are the template's; a token is 4 characters.
    const QByteArray four = "[{\"role\":\"system\",\"content\":\"" + QByteArray(36, 's') +
                            "\"},{\"role\":\"user\",\"content\":\"" + QByteArray(396, 'a') +
                            "\"},{\"role\":\"assistant\",\"content\":\"" + QByteArray(36, 'b') +
                            "\"},{\"role\":\"user\",\"content\":\"" + QByteArray(36, 'c') + "\"}]";
    QCOMPARE(evaluated(four, "\"options\":{\"num_ctx\":4096},"), 130); // it fits
    QCOMPARE(evaluated(four, {}), 30); // the long message dropped, the system prompt kept
    const QByteArray two = "[{\"role\":\"system\",\"content\":\"" + QByteArray(36, 's') +
                           "\"},{\"role\":\"user\",\"content\":\"" + QByteArray(396, 'a') +
                           "\"}]";
    QCOMPARE(evaluated(two, {}), 40); // the last message stays: cut to the window
}

void FakeLlmTest::openAiStreamingWithUsage()
{
    FakeLlmOptions options;
    options.thinking = QByteArrayLiteral("hmm");
    FakeLlm::install(*m_server, options);
    const QByteArray request =
        R"({"model":"llama3.2:3b","stream":true,"messages":[{"role":"user","content":"Hi"}])";
    Fetch *f =
        post(u"/v1/chat/completions", request + R"(,"stream_options":{"include_usage":true}})");
    Fetch *g = post(u"/v1/chat/completions", request + '}');
    QVERIFY(waitFinished(f));
    QVERIFY(waitFinished(g));
    QVERIFY(f->reply->header(QNetworkRequest::ContentTypeHeader)
                .toByteArray()
                .startsWith("text/event-stream"));
    const QList<Sse> events = sse(f->body());
    QVERIFY(events.size() > 4);
    QCOMPARE(events.last().data, QByteArray("[DONE]"));
    QByteArray content, reasoning, finish;
    int usageChunks = 0;
    for (qsizetype i = 0; i + 1 < events.size(); ++i) {
        const QJsonObject chunk = QJsonDocument::fromJson(events.at(i).data).object();
        QCOMPARE(chunk.value(u"object").toString(), QStringLiteral("chat.completion.chunk"));
        const QJsonArray choices = chunk.value(u"choices").toArray();
        if (choices.isEmpty()) {
            ++usageChunks;
            QVERIFY(chunk.value(u"usage").toObject().value(u"completion_tokens").toInt() > 0);
            continue;
        }
        const QJsonObject choice = choices.at(0).toObject();
        const QJsonObject delta = choice.value(u"delta").toObject();
        QCOMPARE(delta.contains(u"role"), i == 0);
        content += delta.value(u"content").toString().toUtf8();
        reasoning += delta.value(u"reasoning").toString().toUtf8();
        if (!choice.value(u"finish_reason").isNull())
            finish = choice.value(u"finish_reason").toString().toUtf8();
    }
    QCOMPARE(content, FakeLlmOptions::defaultReply());
    QCOMPARE(reasoning, QByteArray("hmm"));
    QCOMPARE(finish, QByteArray("stop"));
    QCOMPARE(usageChunks, 1);
    QVERIFY(!g->body().contains("\"usage\""));
    QCOMPARE(sse(g->body()).last().data, QByteArray("[DONE]"));
}

void FakeLlmTest::openAiNonStreaming()
{
    FakeLlm::install(*m_server);
    // OpenAI does not stream unless asked.
    Fetch *f = post(u"/v1/chat/completions",
                    R"({"model":"qwen3:4b","messages":[{"role":"user","content":"Hi"}]})");
    QVERIFY(waitFinished(f));
    const QJsonObject o = QJsonDocument::fromJson(f->body()).object();
    QCOMPARE(o.value(u"object").toString(), QStringLiteral("chat.completion"));
    const QJsonObject choice = o.value(u"choices").toArray().at(0).toObject();
    QCOMPARE(contentOf(choice, u"message", u"content"), FakeLlmOptions::defaultReply());
    QCOMPARE(choice.value(u"finish_reason").toString(), QStringLiteral("stop"));
    QVERIFY(o.value(u"usage").toObject().value(u"total_tokens").toInt() > 0);
}

void FakeLlmTest::openAiKeyRequired()
{
    FakeLlmOptions options;
    options.apiKey = "sk-test";
    FakeLlm::install(*m_server, options);
    const QByteArray body = R"({"model":"qwen3:4b","messages":[{"role":"user","content":"Hi"}]})";
    Fetch *none = post(u"/v1/chat/completions", body);
    Fetch *wrong = post(u"/v1/chat/completions", body, {{"Authorization", "Bearer nope"}});
    Fetch *right = post(u"/v1/chat/completions", body, {{"Authorization", "Bearer sk-test"}});
    for (Fetch *f : {none, wrong, right})
        QVERIFY(waitFinished(f));
    QCOMPARE(none->status(), 401);
    QCOMPARE(wrong->status(), 401);
    QCOMPARE(QJsonDocument::fromJson(wrong->body())
                 .object()
                 .value(u"error")
                 .toObject()
                 .value(u"code")
                 .toString(),
             QStringLiteral("invalid_api_key"));
    QCOMPARE(right->status(), 200);
}

void FakeLlmTest::anthropicStreamingEventsInOrder()
{
    FakeLlmOptions options;
    options.thinking = QByteArrayLiteral("Let me see.");
    FakeLlm::install(*m_server, options);
    Fetch *f = post(
        u"/v1/messages",
        R"({"model":"llama3.2:3b","max_tokens":1024,"stream":true,"thinking":{"type":"enabled","budget_tokens":1024},"messages":[{"role":"user","content":"Hi"}]})",
        {{"anthropic-version", "2023-06-01"}});
    QVERIFY(waitFinished(f));
    QCOMPARE(f->status(), 200);
    const QList<Sse> events = sse(f->body());
    QList<QByteArray> names;
    QByteArray text, thinking;
    for (const Sse &e : events) {
        if (names.isEmpty() || names.last() != e.event)
            names.append(e.event);
        const QJsonObject o = QJsonDocument::fromJson(e.data).object();
        QCOMPARE(o.value(u"type").toString().toUtf8(), e.event);
        text += contentOf(o, u"delta", u"text");
        thinking += contentOf(o, u"delta", u"thinking");
    }
    QCOMPARE(names, QList<QByteArray>({"message_start", "content_block_start", "ping",
                                       "content_block_delta", "content_block_stop",
                                       "content_block_start", "content_block_delta",
                                       "content_block_stop", "message_delta", "message_stop"}));
    QCOMPARE(text, FakeLlmOptions::defaultReply());
    QCOMPARE(thinking, options.thinking);
    const QJsonObject delta = QJsonDocument::fromJson(events.at(events.size() - 2).data).object();
    QCOMPARE(contentOf(delta, u"delta", u"stop_reason"), QByteArray("end_turn"));
    QVERIFY(delta.value(u"usage").toObject().value(u"output_tokens").toInt() > 0);
}

void FakeLlmTest::anthropicNonStreamingAndKey()
{
    FakeLlmOptions options;
    options.apiKey = "ant-key";
    FakeLlm::install(*m_server, options);
    const QByteArray body =
        R"({"model":"qwen3:4b","max_tokens":50,"messages":[{"role":"user","content":"Hi"}]})";
    Fetch *ok = post(u"/v1/messages", body,
                     {{"x-api-key", "ant-key"}, {"anthropic-version", "2023-06-01"}});
    Fetch *bad =
        post(u"/v1/messages", body, {{"x-api-key", "other"}, {"anthropic-version", "2023-06-01"}});
    Fetch *noVersion = post(u"/v1/messages", body, {{"x-api-key", "ant-key"}});
    for (Fetch *f : {ok, bad, noVersion})
        QVERIFY(waitFinished(f));
    QCOMPARE(ok->status(), 200);
    const QJsonObject o = QJsonDocument::fromJson(ok->body()).object();
    QCOMPARE(o.value(u"type").toString(), QStringLiteral("message"));
    QCOMPARE(o.value(u"content").toArray().at(0).toObject().value(u"text").toString().toUtf8(),
             FakeLlmOptions::defaultReply());
    QCOMPARE(o.value(u"stop_reason").toString(), QStringLiteral("end_turn"));
    QCOMPARE(bad->status(), 401);
    QCOMPARE(
        bad->body(),
        QByteArray(
            R"({"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}})"));
    QCOMPARE(noVersion->status(), 400);
}

void FakeLlmTest::unknownModelErrors_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("ollama")
        << QStringLiteral("/api/chat")
        << QByteArray(R"({"model":"ghost","messages":[{"role":"user","content":"x"}]})")
        << QByteArray(R"({"error":"model \"ghost\" not found, try pulling it first"})");
    QTest::newRow("openai")
        << QStringLiteral("/v1/chat/completions")
        << QByteArray(
               R"({"model":"ghost","stream":true,"messages":[{"role":"user","content":"x"}]})")
        << QByteArray(
               R"({"error":{"message":"The model `ghost` does not exist","type":"invalid_request_error","param":null,"code":"model_not_found"}})");
    QTest::newRow("anthropic")
        << QStringLiteral("/v1/messages")
        << QByteArray(
               R"({"model":"ghost","max_tokens":9,"messages":[{"role":"user","content":"x"}]})")
        << QByteArray(
               R"({"type":"error","error":{"type":"not_found_error","message":"model: ghost"}})");
}

void FakeLlmTest::unknownModelErrors()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, expected);
    FakeLlm::install(*m_server);
    Fetch *f = post(path, body, {{"anthropic-version", "2023-06-01"}});
    QVERIFY(waitFinished(f));
    QCOMPARE(f->status(), 404);
    QCOMPARE(f->body(), expected);
}

void FakeLlmTest::notOllamaHasNoOllamaApi()
{
    FakeLlmOptions options;
    options.ollamaApi = false;
    FakeLlm::install(*m_server, options);
    Fetch *version = get(u"/api/version");
    QVERIFY(waitFinished(version));
    QCOMPARE(version->status(), 404);
    Fetch *chat = post(u"/v1/chat/completions",
                       R"({"model":"qwen3:4b","messages":[{"role":"user","content":"Hi"}]})");
    QVERIFY(waitFinished(chat));
    QCOMPARE(chat->status(), 200);
}

void FakeLlmTest::splitInsideUtf8StraddlesReads()
{
    FakeLlmOptions options;
    options.splitInsideUtf8 = true;
    options.tokenChars = 64; // few lines, many multi-byte characters per line
    FakeLlm::install(*m_server, options);
    Fetch *f = post(
        u"/api/chat",
        R"({"model":"llama3.2:3b","stream":true,"messages":[{"role":"user","content":"Hi"}]})");
    QVERIFY(waitFinished(f));
    QByteArray content;
    for (const auto &line : ndjson(f->body()))
        content += contentOf(line, u"message", u"content");
    QCOMPARE(content, FakeLlmOptions::defaultReply());
    int straddling = 0;
    for (const QByteArray &read : std::as_const(f->reads)) {
        if (!read.isEmpty() && uchar(read.back()) >= 0xC0)
            ++straddling; // the read ends on the lead byte of a multi-byte character
    }
    QVERIFY2(straddling >= 2, QByteArray::number(straddling).constData());
}

void FakeLlmTest::benchModeStreamsManyChunks()
{
    FakeLlmOptions options;
    options.benchChunks = 200000;
    options.benchToken = "tok ";
    FakeLlm::install(*m_server, options);
    Fetch *f =
        post(u"/v1/chat/completions",
             R"({"model":"qwen3:4b","stream":true,"messages":[{"role":"user","content":"Hi"}]})");
    QVERIFY(waitFinished(f, 60000));
    const QByteArray body = f->body();
    QCOMPARE(body.count("\"content\":\"tok \""), qsizetype(200000));
    QVERIFY(body.endsWith("data: [DONE]\n\n"));
    // How many reads the client saw depends on the scheduler (server and client share this
    // thread), so it is not asserted: a loaded machine delivered all 8 MB in one.
}

void FakeLlmTest::clientCancelIsDetected()
{
    FakeLlmOptions options;
    options.tokenDelayMs = 40;
    FakeLlm::install(*m_server, options);
    Fetch *f = post(u"/api/chat",
                    R"({"model":"llama3.2:3b","messages":[{"role":"user","content":"Hi"}]})");
    QTRY_VERIFY(!f->reads.isEmpty());
    QCOMPARE(m_server->openConnections(), 1);
    f->reply->abort();
    QTRY_COMPARE(m_server->openConnections(), 0);
    QCOMPARE(m_server->interruptedCount("/api/chat"), 1);
}

void FakeLlmTest::scriptedRoutesOverridePersona()
{
    FakeLlm::install(*m_server);
    m_server->on("POST", "/api/chat").times(1).status(503).json(R"({"error":"server busy"})");
    const QByteArray body =
        R"({"model":"llama3.2:3b","stream":false,"messages":[{"role":"user","content":"Hi"}]})";
    Fetch *busy = post(u"/api/chat", body);
    QVERIFY(waitFinished(busy));
    Fetch *fine = post(u"/api/chat", body);
    QVERIFY(waitFinished(fine));
    QCOMPARE(busy->status(), 503);
    QCOMPARE(busy->body(), QByteArray(R"({"error":"server busy"})"));
    QCOMPARE(fine->status(), 200);
}

QTEST_MAIN(FakeLlmTest)
#include "tst_fakellm.moc"
