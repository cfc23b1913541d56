// Each provider against the loopback test server: exact text, thinking, stats, every error
// shape and base URLs as people paste them. (Keys, retries, model lists and server
// detection: tst_providerclient.)
#include "fakellm.h"
#include "protocolrows.h"
#include "replyrecorder.h"
#include "testserver.h"
#include "wirepieces.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QMap>
#include <QSemaphore>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <memory>

using namespace Sluice;
using namespace Sluice::Test;

namespace {

// A fake server in a thread of its own, so it keeps sending while the test's thread is busy.
class ServerThread final : public QThread
{
public:
    explicit ServerThread(FakeLlmOptions options) : m_options(std::move(options)) {}
    ~ServerThread() override
    {
        quit();
        wait();
    }
    QString start()
    {
        QThread::start();
        m_ready.acquire();
        return m_url;
    }

protected:
    void run() override
    {
        TestServer server;
        FakeLlm::install(server, m_options);
        if (server.listen())
            m_url = server.url().toString();
        m_ready.release();
        exec();
    }

private:
    FakeLlmOptions m_options;
    QString m_url;
    QSemaphore m_ready;
};

} // namespace

class TestProviders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void protocols_data() { addProtocolRows(); }

    void streamsExactText_data() { protocols_data(); }
    void streamsExactText()
    {
        QFETCH(ProviderType, type);
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions opt;
        opt.splitInsideUtf8 = true; // every multi-byte character straddles two reads
        FakeLlm::install(server, opt);
        ChatClient client;
        ReplyRecorder rec(client.chat(providerFor(type, baseFor(type, server)), helloRequest()));
        QVERIFY(rec.wait());
        QVERIFY2(rec.finished, qPrintable(rec.error.message));
        QCOMPARE(rec.terminals, 1);
        QCOMPARE(rec.late, 0);
        QCOMPARE(rec.content, QString::fromUtf8(FakeLlmOptions::defaultReply()));
        QVERIFY(rec.contentDeltas > 3); // it really streamed
        QVERIFY(rec.sawPhase(ChatReply::Phase::Streaming));
        QVERIFY(rec.stats.timeToFirstTokenMs >= 0);
        QVERIFY(rec.stats.outputTokens > 0);
        QVERIFY(!rec.stats.finishReason.isEmpty());
        const RecordedRequest req = server.lastRequest(chatPath(type));
        QCOMPARE(req.json().value(u"stream").toBool(), true);
        QCOMPARE(req.json().value(u"model").toString(), QStringLiteral("llama3.2:3b"));
    }

    // When the event loop was busy, a fast server has gone on sending. What arrived meanwhile
    // must not be decoded in one go, freezing a window for as long as that takes: the reply
    // bounds what Qt reads ahead (back-pressure on the socket) and decodes a backlog a few
    // milliseconds per turn; other events run in between, and nothing is lost.
    void backlogDecodedInTurns_data() { protocols_data(); }
    void backlogDecodedInTurns()
    {
        QFETCH(ProviderType, type);
        FakeLlmOptions opt;
        constexpr int Chunks = 50'000; // ~3 MB: the read-ahead (256 KiB) a dozen times over
        opt.benchChunks = Chunks;
        opt.benchBytesSent = std::make_shared<std::atomic<qint64>>(0);
        const auto sent = opt.benchBytesSent;
        ServerThread thread(opt);
        const QString url = thread.start();
        QVERIFY(!url.isEmpty());
        const QString base = type == ProviderType::OpenAI ? url + QStringLiteral("/v1") : url;

        int turn = 0;
        QTimer ticker;
        ticker.setInterval(0);
        QObject::connect(&ticker, &QTimer::timeout, [&turn] { ++turn; });
        ticker.start();

        ChatClient client;
        ChatReply *reply = client.chat(providerFor(type, base), helloRequest());
        bool busy = false;
        bool backlogBuilt = false;
        int turnAfterBusy = -1;
        QMap<int, int> deltasPerTurn; // after the busy spell
        QObject::connect(reply, &ChatReply::contentDelta, reply, [&](const QString &) {
            if (!busy) {
                busy = true;
                // The window is busy; the server is not. The spell lasts until the server has
                // handed over what its own buffer (256 KiB) and Qt's read-ahead (256 KiB)
                // hold, four times over: that much waits unread in the socket.
                constexpr qint64 Backlog = 256 * 1024 + 4 * 256 * 1024;
                QDeadlineTimer giveUp(30000);
                while (sent->load() < Backlog && !giveUp.hasExpired())
                    QThread::usleep(200); // polls for the backlog; asserts nothing on time
                backlogBuilt = sent->load() >= Backlog;
                turnAfterBusy = turn;
                return;
            }
            ++deltasPerTurn[turn];
        });
        ReplyRecorder rec(reply);
        QVERIFY(rec.wait(60000));
        QVERIFY2(rec.finished, qPrintable(rec.error.message));
        QCOMPARE(rec.content.size(), 3 * Chunks); // every "hi " arrived
        int total = 0;
        int largest = 0;
        for (int n : std::as_const(deltasPerTurn)) {
            total += n;
            largest = std::max(largest, n);
        }
        QVERIFY(turnAfterBusy >= 0);
        QVERIFY2(backlogBuilt, "the server could not build a backlog of 1.25 MiB in 30 s");
        QVERIFY2(deltasPerTurn.size() >= 3,
                 qPrintable(QStringLiteral("the backlog was decoded in %1 turn(s)")
                                .arg(deltasPerTurn.size())));
        QVERIFY2(largest * 2 < total,
                 qPrintable(QStringLiteral("one turn decoded %1 of %2 chunks").arg(largest).arg(total)));
    }

    void nonStreaming_data() { protocols_data(); }
    void nonStreaming()
    {
        QFETCH(ProviderType, type);
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        ChatClient client;
        ReplyRecorder rec(client.chat(providerFor(type, baseFor(type, server)),
                                      helloRequest(QStringLiteral("llama3.2:3b"), false)));
        QVERIFY(rec.wait());
        QVERIFY2(rec.finished, qPrintable(rec.error.message));
        QCOMPARE(rec.content, QString::fromUtf8(FakeLlmOptions::defaultReply()));
        const QJsonObject body = server.lastRequest(chatPath(type)).json();
        QVERIFY(body.contains(u"stream")); // always explicit: Ollama defaults to streaming
        QCOMPARE(body.value(u"stream").toBool(), false);
    }

    void thinking_data() { protocols_data(); }
    void thinking()
    {
        QFETCH(ProviderType, type);
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions opt;
        opt.thinking = QByteArrayLiteral("Let me think… about 漢字.");
        FakeLlm::install(server, opt);
        ChatClient client;
        ChatRequest req = helloRequest();
        req.options.think = QStringLiteral("true");
        ReplyRecorder rec(client.chat(providerFor(type, baseFor(type, server)), req));
        QVERIFY(rec.wait());
        QVERIFY2(rec.finished, qPrintable(rec.error.message));
        QCOMPARE(rec.thinking, QString::fromUtf8(opt.thinking));
        QCOMPARE(rec.content, QString::fromUtf8(FakeLlmOptions::defaultReply()));
    }

    void ollamaStatsAndOptions()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        ChatClient client;
        ChatRequest req = helloRequest();
        req.options.contextSize = 8192;
        req.options.maxTokens = 256;
        req.options.temperature = 0.5;
        req.options.keepAlive = QStringLiteral("-1");
        ReplyRecorder rec(
            client.chat(providerFor(ProviderType::Ollama, server.url().toString()), req));
        QVERIFY(rec.wait());
        QVERIFY(rec.finished);
        QVERIFY(rec.stats.tokensPerSecond > 0);
        QCOMPARE(rec.stats.finishReason, QStringLiteral("stop"));
        const QJsonObject body = server.lastRequest("/api/chat").json();
        const QJsonObject options = body.value(u"options").toObject();
        QCOMPARE(options.value(u"num_ctx").toInt(), 8192);
        QCOMPARE(options.value(u"num_predict").toInt(), 256);
        QCOMPARE(options.value(u"temperature").toDouble(), 0.5);
        QCOMPARE(body.value(u"keep_alive").toInt(), -1);
    }

    void openAiUsage()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        ChatClient client;
        ReplyRecorder rec(client.chat(
            providerFor(ProviderType::OpenAI, server.url(u"/v1").toString()), helloRequest()));
        QVERIFY(rec.wait());
        QVERIFY(rec.finished);
        QVERIFY(rec.stats.promptTokens > 0);
        QVERIFY(rec.stats.outputTokens > 0);
        const QJsonObject body = server.lastRequest("/v1/chat/completions").json();
        QCOMPARE(body.value(u"stream_options").toObject().value(u"include_usage").toBool(), true);
    }

    void baseUrlForms_data()
    {
        QTest::addColumn<ProviderType>("type");
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<bool>("withScheme");
        QTest::newRow("ollama bare host:port") << ProviderType::Ollama << QString() << false;
        QTest::newRow("ollama trailing slash") << ProviderType::Ollama << QStringLiteral("/") << true;
        QTest::newRow("ollama /api") << ProviderType::Ollama << QStringLiteral("/api") << true;
        QTest::newRow("ollama /api/chat") << ProviderType::Ollama << QStringLiteral("/api/chat") << true;
        QTest::newRow("ollama /v1") << ProviderType::Ollama << QStringLiteral("/v1") << true;
        QTest::newRow("openai /v1") << ProviderType::OpenAI << QStringLiteral("/v1") << true;
        QTest::newRow("openai /v1/") << ProviderType::OpenAI << QStringLiteral("/v1/") << false;
        QTest::newRow("openai no path") << ProviderType::OpenAI << QString() << true;
        QTest::newRow("openai full endpoint")
            << ProviderType::OpenAI << QStringLiteral("/v1/chat/completions") << true;
        QTest::newRow("anthropic root") << ProviderType::Anthropic << QString() << true;
        QTest::newRow("anthropic /v1") << ProviderType::Anthropic << QStringLiteral("/v1") << true;
        QTest::newRow("anthropic /v1/messages")
            << ProviderType::Anthropic << QStringLiteral("/v1/messages") << true;
    }
    void baseUrlForms()
    {
        QFETCH(ProviderType, type);
        QFETCH(QString, suffix);
        QFETCH(bool, withScheme);
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        QString base = QStringLiteral("127.0.0.1:%1").arg(server.port()) + suffix;
        if (withScheme)
            base.prepend(u"http://");
        ChatClient client;
        ReplyRecorder rec(client.chat(providerFor(type, u"  " + base + u"  "), helloRequest()));
        QVERIFY(rec.wait());
        QVERIFY2(rec.finished, qPrintable(rec.error.message));
        QCOMPARE(server.requestCount(chatPath(type)), 1);
    }

    void modelNotFound_data() { protocols_data(); }
    void modelNotFound()
    {
        QFETCH(ProviderType, type);
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        ChatClient client;
        ReplyRecorder rec(client.chat(providerFor(type, baseFor(type, server)),
                                      helloRequest(QStringLiteral("nope:1b"))));
        QVERIFY(rec.wait());
        QVERIFY(rec.failed);
        QCOMPARE(rec.error.kind, ChatError::Kind::Http);
        QCOMPARE(rec.error.httpStatus, 404);
        const QString where = server.url().toString();
        QVERIFY2(rec.error.message.startsWith(
                     QStringLiteral("model \"nope:1b\" not found at %1").arg(where)),
                 qPrintable(rec.error.message));
        if (type == ProviderType::Ollama)
            QVERIFY(rec.error.message.endsWith(u"(HTTP 404); try: ollama pull nope:1b"));
    }

    void httpErrorShapes_data()
    {
        QTest::addColumn<ProviderType>("type");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("apiKey");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("forbidden");
        QTest::newRow("openai 401 with key")
            << ProviderType::OpenAI << 401 << QByteArray("application/json")
            << QByteArray(R"({"error":{"message":"Incorrect API key provided: sk-abc***xyz","type":"invalid_request_error","code":"invalid_api_key"}})")
            << QStringLiteral("sk-secret-key-1234") << QStringLiteral("the API key was refused")
            << QStringLiteral("sk-secret-key-1234");
        QTest::newRow("openai 401 without key")
            << ProviderType::OpenAI << 401 << QByteArray("application/json")
            << QByteArray(R"({"error":{"message":"You did not provide an API key."}})")
            << QString() << QStringLiteral("requires an API key") << QString();
        QTest::newRow("proxy html 502")
            << ProviderType::OpenAI << 502 << QByteArray("text/html")
            << QByteArray("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>")
            << QString() << QStringLiteral("HTTP 502 with an HTML page") << QStringLiteral("<");
        QTest::newRow("ollama 403 empty body")
            << ProviderType::Ollama << 403 << QByteArray() << QByteArray() << QString()
            << QStringLiteral("Host") << QString();
        QTest::newRow("ollama 400 no thinking")
            << ProviderType::Ollama << 400 << QByteArray("application/json")
            << QByteArray("{\"error\":\"\\\"llama3.2:3b\\\" does not support thinking\"}") << QString()
            << QStringLiteral("HTTP 400: \"llama3.2:3b\" does not support thinking") << QString();
        QTest::newRow("ollama 500 load failure")
            << ProviderType::Ollama << 500 << QByteArray("application/json")
            << QByteArray(R"({"error":"llama runner process has terminated: exit status 2"})")
            << QString() << QStringLiteral("HTTP 500: llama runner process has terminated")
            << QString();
        QTest::newRow("anthropic 529 overloaded")
            << ProviderType::Anthropic << 529 << QByteArray("application/json")
            << QByteArray(R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})")
            << QStringLiteral("sk-ant-secret-9876") << QStringLiteral("HTTP 529: Overloaded")
            << QStringLiteral("sk-ant-secret-9876");
        QTest::newRow("empty 500")
            << ProviderType::OpenAI << 500 << QByteArray() << QByteArray() << QString()
            << QStringLiteral("HTTP 500 with an empty body") << QString();
    }
    void httpErrorShapes()
    {
        QFETCH(ProviderType, type);
        QFETCH(int, status);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(QString, apiKey);
        QFETCH(QString, expected);
        QFETCH(QString, forbidden);
        TestServer server;
        QVERIFY(server.listen());
        Response &r = server.on("POST", chatPath(type)).status(status);
        if (!contentType.isEmpty())
            r.contentType(contentType);
        r.body(body);
        ProviderConfig config = providerFor(type, baseFor(type, server));
        config.apiKey = apiKey;
        ChatClient client;
        ReplyRecorder rec(client.chat(config, helloRequest()));
        QVERIFY(rec.wait());
        QVERIFY(rec.failed);
        QCOMPARE(rec.error.kind, ChatError::Kind::Http);
        QCOMPARE(rec.error.httpStatus, status);
        QVERIFY2(rec.error.message.contains(expected), qPrintable(rec.error.message));
        if (!forbidden.isEmpty())
            QVERIFY2(!rec.error.message.contains(forbidden), qPrintable(rec.error.message));
        QVERIFY(!rec.error.message.contains(u'\n'));
    }

    void htmlPageWithStatus200()
    {
        TestServer server;
        QVERIFY(server.listen());
        server.on("POST", "/api/chat")
            .contentType("text/html; charset=utf-8")
            .body("<!DOCTYPE html><html><body>Captive portal</body></html>");
        ChatClient client;
        ReplyRecorder rec(
            client.chat(providerFor(ProviderType::Ollama, server.url().toString()), helloRequest()));
        QVERIFY(rec.wait());
        QVERIFY(rec.failed);
        QCOMPARE(rec.error.kind, ChatError::Kind::Protocol);
        QVERIFY2(rec.error.message.contains(u"HTML page"), qPrintable(rec.error.message));
        QVERIFY(!rec.error.message.contains(u"Captive"));
    }

    void errorMidStream_data()
    {
        QTest::addColumn<ProviderType>("type");
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QByteArray>("error");
        QTest::addColumn<QString>("expected");
        QTest::newRow("ollama error line")
            << ProviderType::Ollama
            << QByteArray(R"({"model":"m","message":{"role":"assistant","content":"Partial"},"done":false})"
                          "\n")
            << QByteArray(R"({"error":"an error was encountered while running the model: CUDA out of memory"})"
                          "\n")
            << QStringLiteral("CUDA out of memory");
        QTest::newRow("openai data error")
            << ProviderType::OpenAI
            << QByteArray(R"(data: {"choices":[{"index":0,"delta":{"content":"Partial"}}]})"
                          "\n\n")
            << QByteArray(R"(data: {"error":{"message":"upstream overloaded","type":"server_error"}})"
                          "\n\n")
            << QStringLiteral("upstream overloaded");
        QTest::newRow("openai event error")
            << ProviderType::OpenAI
            << QByteArray(R"(data: {"choices":[{"index":0,"delta":{"content":"Partial"}}]})"
                          "\n\n")
            << QByteArray("event: error\ndata: {\"message\":\"rate limited\"}\n\n")
            << QStringLiteral("rate limited");
        QTest::newRow("anthropic overloaded")
            << ProviderType::Anthropic
            << QByteArray("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Partial\"}}\n\n")
            << QByteArray("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n")
            << QStringLiteral("Overloaded");
    }
    void errorMidStream()
    {
        QFETCH(ProviderType, type);
        QFETCH(QByteArray, head);
        QFETCH(QByteArray, error);
        QFETCH(QString, expected);
        TestServer server;
        QVERIFY(server.listen());
        server.on("POST", chatPath(type))
            .contentType(type == ProviderType::Ollama ? "application/x-ndjson" : "text/event-stream")
            .write(head)
            .delay(20)
            .write(error)
            .hold(); // the server keeps the connection: the error alone must end the reply
        ChatClient client;
        ProviderConfig config = providerFor(type, baseFor(type, server));
        config.maxRetries = 2;
        ReplyRecorder rec(client.chat(config, helloRequest()));
        QVERIFY(rec.wait(3000));
        QVERIFY(rec.failed);
        QCOMPARE(rec.error.kind, ChatError::Kind::Protocol);
        QVERIFY2(rec.error.message.contains(expected), qPrintable(rec.error.message));
        QCOMPARE(rec.content, QStringLiteral("Partial")); // the partial text stays
        QCOMPARE(server.requestCount(chatPath(type)), 1);  // never retried after content
        // (Ended by the error, not a limit: the kind is Protocol and the limits are 60 s.)
    }

    void openAiFinishReasonWithoutDone()
    {
        TestServer server;
        QVERIFY(server.listen());
        server.on("POST", "/v1/chat/completions")
            .contentType("text/event-stream")
            .write(R"(data: {"choices":[{"index":0,"delta":{"role":"assistant","content":null}}]})"
                   "\n\n")
            .write(R"(data: {"choices":[{"index":0,"delta":{"content":"Done."},"finish_reason":null}]})"
                   "\n\n")
            .write(R"(data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]})"
                   "\n\n")
            .end();
        ChatClient client;
        ReplyRecorder rec(client.chat(
            providerFor(ProviderType::OpenAI, server.url(u"/v1").toString()), helloRequest()));
        QVERIFY(rec.wait());
        QVERIFY2(rec.finished, qPrintable(rec.error.message));
        QCOMPARE(rec.content, QStringLiteral("Done."));
        QCOMPARE(rec.stats.finishReason, QStringLiteral("stop"));
    }
};

QTEST_GUILESS_MAIN(TestProviders)
#include "tst_providers.moc"
