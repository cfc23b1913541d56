// The load phase of a chat on Ollama, native and through /v1: the load-only request beside the
// chat (src/core/modelload.h), against the test server's imitation of Ollama's scheduler.
#include "core/chat/chatclient.h"
#include "coldload.h"
#include "fakellm.h"
#include "manualclock.h"
#include "replyrecorder.h"
#include "testserver.h"
#include "wirepieces.h"

#include <QJsonObject>
#include <QTest>

using namespace Sluice;
using namespace Sluice::Test;

namespace {

ProviderConfig config(const TestServer &server, bool v1)
{
    ProviderConfig c = providerFor(v1 ? ProviderType::OpenAI : ProviderType::Ollama,
                                   v1 ? server.url(u"/v1").toString() : server.url().toString());
    c.timeouts.connectMs = 2000;
    c.timeouts.firstTokenMs = 300;
    c.timeouts.loadMs = 5000;
    c.timeouts.idleMs = 2000;
    c.timeouts.totalMs = 0;
    return c;
}

} // namespace

class TestModelLoad : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void apis_data() { addApiRows(); }

    // The load takes longer than the first-token limit: the reply is LoadingModel until the
    // load-only request answers, then the first-token limit counts.
    void coldLoadLongerThanFirstTokenLimit_data() { apis_data(); }
    void coldLoadLongerThanFirstTokenLimit()
    {
        QFETCH(bool, v1);
        constexpr int LoadMs = 300; // on the server, in real time
        ManualClock clock;
        TestServer server;
        QVERIFY(server.listen());
        installColdOllama(server, LoadMs, 50);
        ChatClient client;
        ChatReply *reply = client.chat(config(server, v1), helloRequest());
        ReplyRecorder rec(reply);
        // As the load begins, the watchdog's clock passes the first-token limit three times.
        QObject::connect(reply, &ChatReply::phaseChanged, reply, [&clock](ChatReply::Phase p) {
            if (p == ChatReply::Phase::LoadingModel)
                clock.advance(900);
        });
        QVERIFY(rec.wait(8000));
        QVERIFY2(rec.finished, qPrintable(rec.error.message));
        QCOMPARE(rec.content, QString::fromUtf8(FakeLlmOptions::defaultReply()));
        const qsizetype loading = rec.phases.indexOf(ChatReply::Phase::LoadingModel);
        QVERIFY(loading >= 0);
        QCOMPARE(rec.phases.value(loading + 1), ChatReply::Phase::Waiting);
        QVERIFY2(rec.stats.loadMs >= LoadMs - 50,
                 QByteArray::number(rec.stats.loadMs).constData());
        QVERIFY(rec.retries.isEmpty());
        QCOMPARE(server.requestCount("/api/generate"), 1);
        QCOMPARE(server.requestCount(chatPathFor(v1)), 1);
        QCOMPARE(server.requestCount("/api/ps"), 0);
        QCOMPARE(server.requestCount("/api/version"), v1 ? 1 : 0);
    }

    // The load-only request carries what makes Ollama keep or reload the model: the chat's
    // keep_alive and options (num_ctx). Through /v1, which sends neither, it sends neither.
    void loadOnlyRequestMatchesTheChat_data() { apis_data(); }
    void loadOnlyRequestMatchesTheChat()
    {
        QFETCH(bool, v1);
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        // The chat is answered once the load-only request has come (through /v1 it comes when
        // the server is known to be Ollama): a reply that ended first would never send it.
        bool loadAsked = false;
        Response::Resume answerChat;
        QObject::connect(&server, &TestServer::requestReceived, &server,
                         [&](const RecordedRequest &r) {
                             if (r.pathWithoutQuery() != "/api/generate")
                                 return;
                             loadAsked = true;
                             if (answerChat)
                                 answerChat();
                         });
        const ProviderType type = v1 ? ProviderType::OpenAI : ProviderType::Ollama;
        server.on("POST", chatPathFor(v1))
            .waitFor([&](Response::Resume go) {
                if (loadAsked)
                    go();
                else
                    answerChat = go;
            })
            .contentType(contentType(type))
            .write(token(type, "Hi") + endMarker(type));
        ChatClient client;
        ChatRequest req = helloRequest();
        req.options.keepAlive = QStringLiteral("30m");
        req.options.contextSize = 8192;
        ReplyRecorder rec(client.chat(config(server, v1), req));
        QVERIFY(rec.wait(5000));
        QVERIFY2(rec.finished, qPrintable(rec.error.message));
        QCOMPARE(server.requestCount("/api/generate"), 1);
        const QJsonObject load = server.lastRequest("/api/generate").json();
        QCOMPARE(load.value(u"model").toString(), QStringLiteral("llama3.2:3b"));
        QVERIFY(!load.contains(u"prompt"));
        QCOMPARE(load.value(u"stream").toBool(true), false);
        if (v1) {
            QVERIFY(!load.contains(u"keep_alive"));
            QVERIFY(!load.contains(u"options"));
        } else {
            const QJsonObject chat = server.lastRequest("/api/chat").json();
            QCOMPARE(load.value(u"keep_alive"), chat.value(u"keep_alive"));
            QCOMPARE(load.value(u"options").toObject().value(u"num_ctx").toInt(), 8192);
        }
    }

    // Ollama behind /v1 is recognised once per server; a server without Ollama's API gets
    // that one question and nothing else, ever.
    void v1AsksOncePerServer()
    {
        TestServer ollama;
        QVERIFY(ollama.listen());
        FakeLlm::install(ollama);
        FakeLlmOptions plain;
        plain.ollamaApi = false;
        TestServer other;
        QVERIFY(other.listen());
        FakeLlm::install(other, plain);
        ChatClient client;
        int loadRequests = 0;
        for (int i = 0; i < 2; ++i) {
            ReplyRecorder a(client.chat(config(ollama, true), helloRequest()));
            ReplyRecorder b(client.chat(config(other, true), helloRequest()));
            QVERIFY(a.wait(5000) && b.wait(5000));
            QVERIFY2(a.finished && b.finished, qPrintable(a.error.message + b.error.message));
            // The first chat may end before the answer (the model is loaded); the second
            // knows at once.
            if (i == 0)
                loadRequests = ollama.requestCount("/api/generate");
        }
        QCOMPARE(ollama.requestCount("/api/version"), 1);
        // The second load-only request goes beside its chat: it may arrive after the chat ends.
        QTRY_COMPARE(ollama.requestCount("/api/generate"), loadRequests + 1);
        QCOMPARE(other.requestCount("/api/version"), 1);
        QCOMPARE(other.requests().size(), 3); // the question and the two chats
    }

    // Ollama could not load the model: its reason, at once, and no retry (a failed load
    // fails again, and each attempt would load from zero).
    void failedLoadSaysWhy()
    {
        TestServer server;
        QVERIFY(server.listen());
        server.on("POST", "/api/chat").stallBeforeHeaders();
        server.on("POST", "/api/generate")
            .delayBeforeHeaders(200)
            .status(500)
            .json(R"({"error":"llama runner process has terminated: exit status 2"})");
        ChatClient client;
        ProviderConfig c = config(server, false);
        c.maxRetries = 2;
        ReplyRecorder rec(client.chat(c, helloRequest()));
        QVERIFY(rec.wait(3000));
        QCOMPARE(rec.error.kind, ChatError::Kind::Http);
        QVERIFY2(rec.error.message.contains(u"llama runner process has terminated"),
                 qPrintable(rec.error.message));
        QVERIFY(rec.retries.isEmpty());
        QTRY_COMPARE(server.interruptedCount("/api/chat"), 1);
    }
};

QTEST_GUILESS_MAIN(TestModelLoad)
#include "tst_modelload.moc"
