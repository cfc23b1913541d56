// A reply whose body ends cleanly without its protocol's end marker, in each protocol: said
// as such, with the partial text kept; and Ollama's silent cut-off of a model that repeats
// itself, said as what it is.
#include "fakellm.h"
#include "protocolrows.h"
#include "watchdogtest.h"
#include "wirepieces.h"

#include <QTest>

using namespace Sluice;
using namespace Sluice::Test;

class TestSilentEnd : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<ChatError>(); }

    void protocols_data() { addProtocolRows(); }

    void cleanEndWithoutMarker_data() { protocols_data(); }
    void cleanEndWithoutMarker()
    {
        QFETCH(ProviderType, type);
        TestServer server;
        QVERIFY(server.listen());
        server.on("POST", chatPath(type)).contentType(contentType(type)).write(head(type, 3)).end();
        ChatClient client;
        ReplyRecorder rec(client.chat(fastLimits(type, server), helloRequest()));
        QVERIFY(rec.wait(3000));
        QVERIFY(rec.failed);
        QCOMPARE(rec.error.kind, ChatError::Kind::Protocol);
        QVERIFY2(rec.error.message.startsWith(u"the stream ended without"),
                 qPrintable(rec.error.message));
        QVERIFY(rec.error.message.contains(u"after 3 tokens"));
        QCOMPARE(rec.content, headText(3));
    }

    // Ollama ends a reply whose model repeats one token (trimmed) more than 30 times in a row
    // without a word: llm/server.go (Completion) returns at tokenRepeat > 30 with no error, so
    // the stream just ends after 31 identical pieces (seen on a real Ollama built from source:
    // 31 lines of "e"), and a non-streaming answer is the last chunk, "done": false
    // (server/routes.go, ChatHandler). Said as what it is, not as a server error.
    void ollamaRepeatGuard_data()
    {
        QTest::addColumn<bool>("stream");
        QTest::addColumn<int>("repeats");
        QTest::addColumn<QString>("said");
        QTest::newRow("stream, 31 repeats")
            << true << 31
            << QStringLiteral("Ollama cut the reply off: the model repeated \u201ce\u201d 31 times "
                              "in a row");
        QTest::newRow("stream, 30 repeats: not the guard")
            << true << 30 << QStringLiteral("the stream ended without");
        QTest::newRow("not streamed")
            << false << 31
            << QStringLiteral("Ollama cut the reply off because the model kept repeating");
    }

    void ollamaRepeatGuard()
    {
        QFETCH(bool, stream);
        QFETCH(int, repeats);
        QFETCH(QString, said);
        TestServer server;
        QVERIFY(server.listen());
        const ProviderType type = ProviderType::Ollama;
        QByteArray body = head(type, 2);
        for (int i = 0; i < repeats; ++i)
            body += token(type, i % 2 ? " e" : "e"); // compared trimmed, as Ollama does
        if (stream) {
            server.on("POST", chatPath(type)).contentType(contentType(type)).write(body).end();
        } else {
            server.on("POST", chatPath(type))
                .json(R"({"model":"m","created_at":"2026-12-07T05:04:21.9Z","message":)"
                      R"({"role":"assistant","content":"t0 t1 eeee"},"done":false})");
        }
        ChatClient client;
        ChatRequest request = helloRequest();
        request.stream = stream;
        ReplyRecorder rec(client.chat(fastLimits(type, server), request));
        QVERIFY(rec.wait(3000));
        QVERIFY(rec.failed);
        QCOMPARE(rec.error.kind, ChatError::Kind::Protocol);
        QVERIFY2(rec.error.message.startsWith(said), qPrintable(rec.error.message));
        if (said.startsWith(u"Ollama"))
            QVERIFY(rec.error.message.contains(u"partial reply kept"));
        QVERIFY(!rec.error.message.contains(u'\n'));
        QVERIFY2(rec.content.startsWith(u"t0 t1 e"), qPrintable(rec.content)); // partial kept
    }
    // Ollama's /v1 goes through the same Completion: recognised as Ollama by its answer to
    // GET /api/version (any port), the guard is named; another OpenAI-compatible server that
    // ends after 31 identical pieces is not said to be Ollama.
    void ollamaRepeatGuardThroughV1_data()
    {
        QTest::addColumn<bool>("ollama");
        QTest::newRow("Ollama's /v1") << true;
        QTest::newRow("another server") << false;
    }

    void ollamaRepeatGuardThroughV1()
    {
        QFETCH(bool, ollama);
        TestServer server;
        QVERIFY(server.listen());
        if (ollama) {
            server.on("GET", "/api/version").json(R"({"version":"0.12.3"})");
            server.on("POST", "/api/generate")
                .json(R"({"model":"m","response":"","done":true,"done_reason":"load"})");
        }
        const ProviderType type = ProviderType::OpenAI;
        QByteArray body = head(type, 2);
        for (int i = 0; i < 31; ++i)
            body += token(type, "e");
        server.on("POST", chatPath(type)).contentType(contentType(type)).write(body).end();
        ChatClient client;
        ProviderConfig config = fastLimits(type, server);
        config.timeouts.firstTokenMs = 5000;
        config.timeouts.loadMs = 5000;
        ReplyRecorder rec(client.chat(config, helloRequest()));
        QVERIFY(rec.wait(5000));
        QVERIFY(rec.failed);
        QCOMPARE(rec.error.message.startsWith(u"Ollama cut the reply off"), ollama);
        QCOMPARE(rec.error.modelRepeating, ollama);
    }
};

QTEST_MAIN(TestSilentEnd)
#include "tst_silentend.moc"
