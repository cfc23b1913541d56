// What a provider's client does around the chat itself, against the loopback test server:
// where API keys may go, retries, model lists and telling which kind of server answers.
#include "fakellm.h"
#include "protocolrows.h"
#include "replyrecorder.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QTest>

#include <memory>

using namespace Sluice;
using namespace Sluice::Test;

class TestProviderClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void protocols_data() { addProtocolRows(); }

    void authHeaders()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        ChatClient client;
        ProviderConfig noKey = providerFor(ProviderType::OpenAI, server.url(u"/v1").toString());
        ReplyRecorder a(client.chat(noKey, helloRequest()));
        QVERIFY(a.wait());
        QVERIFY(!server.lastRequest("/v1/chat/completions").hasHeader("Authorization"));

        ProviderConfig withKey = noKey;
        withKey.apiKey = QStringLiteral("sk-test-1234");
        withKey.headers.append({QByteArray("X-Title"), QByteArray("Sluice")});
        ReplyRecorder b(client.chat(withKey, helloRequest()));
        QVERIFY(b.wait());
        const RecordedRequest req = server.lastRequest("/v1/chat/completions");
        QCOMPARE(req.header("Authorization"), QByteArray("Bearer sk-test-1234"));
        QCOMPARE(req.header("X-Title"), QByteArray("Sluice"));

        ProviderConfig anthropic = providerFor(ProviderType::Anthropic, server.url().toString());
        anthropic.apiKey = QStringLiteral("sk-ant-1");
        ReplyRecorder c(client.chat(anthropic, helloRequest()));
        QVERIFY(c.wait());
        const RecordedRequest areq = server.lastRequest("/v1/messages");
        QCOMPARE(areq.header("x-api-key"), QByteArray("sk-ant-1"));
        QCOMPARE(areq.header("anthropic-version"), QByteArray("2023-06-01"));
        QVERIFY(!areq.hasHeader("Authorization"));
        QVERIFY(areq.json().value(u"max_tokens").toInt() > 0);
    }

    void keyNeverSentToAnotherOrigin()
    {
        TestServer elsewhere;
        QVERIFY(elsewhere.listen());
        FakeLlm::install(elsewhere);
        TestServer server;
        QVERIFY(server.listen());
        server.on("POST", "/v1/chat/completions")
            .status(307)
            .header("Location", elsewhere.url(u"/v1/chat/completions").toEncoded())
            .body({});
        ChatClient client;
        ProviderConfig config = providerFor(ProviderType::OpenAI, server.url(u"/v1").toString());
        config.apiKey = QStringLiteral("sk-private-5678");
        ReplyRecorder rec(client.chat(config, helloRequest()));
        QVERIFY(rec.wait());
        QVERIFY(rec.failed);
        QVERIFY2(rec.error.message.contains(u"another origin"), qPrintable(rec.error.message));
        QCOMPARE(elsewhere.requestCount("/v1/chat/completions"), 0);
        QVERIFY(!rec.error.message.contains(u"sk-private"));

        // Without a key there is nothing to leak: the redirect is followed.
        ReplyRecorder open(client.chat(providerFor(ProviderType::OpenAI,
                                                   server.url(u"/v1").toString()),
                                       helloRequest()));
        QVERIFY(open.wait());
        QVERIFY2(open.finished, qPrintable(open.error.message));
        QCOMPARE(elsewhere.requestCount("/v1/chat/completions"), 1);
    }

    void retriesBeforeContent()
    {
        TestServer server;
        QVERIFY(server.listen());
        server.on("POST", "/api/chat").times(1).status(503).json(R"({"error":"server busy, please try again.  maximum pending requests exceeded"})");
        server.on("POST", "/api/chat").times(1).status(429).header("Retry-After", "0.2").json(R"({"error":"slow down"})");
        FakeLlm::install(server);
        ChatClient client;
        ProviderConfig config = providerFor(ProviderType::Ollama, server.url().toString());
        config.maxRetries = 2;
        ReplyRecorder rec(client.chat(config, helloRequest()));
        QVERIFY(rec.wait());
        QVERIFY2(rec.finished, qPrintable(rec.error.message));
        QCOMPARE(rec.retries.size(), 2);
        QVERIFY(rec.retries.at(0).message.contains(u"busy"));
        QCOMPARE(rec.retries.at(1).retryAfterMs, 200);
        // The first retry waits the base delay; the second the server's Retry-After.
        QCOMPARE(rec.retryDelaysMs, (QList<qint64>{20, 200}));
        QVERIFY(rec.sawPhase(ChatReply::Phase::Retrying));
        QCOMPARE(server.requestCount("/api/chat"), 3);
    }

    void noRetryOnClientErrors()
    {
        TestServer server;
        QVERIFY(server.listen());
        server.on("POST", "/api/chat").status(400).json(R"({"error":"invalid options"})");
        ChatClient client;
        ProviderConfig config = providerFor(ProviderType::Ollama, server.url().toString());
        config.maxRetries = 2;
        ReplyRecorder rec(client.chat(config, helloRequest()));
        QVERIFY(rec.wait());
        QVERIFY(rec.failed);
        QCOMPARE(server.requestCount("/api/chat"), 1);
        QVERIFY(rec.retries.isEmpty());
    }

    void listModels_data() { protocols_data(); }
    void listModels()
    {
        QFETCH(ProviderType, type);
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        ChatClient client;
        ModelListReply *list = client.listModels(providerFor(type, baseFor(type, server)));
        QList<ModelInfo> models;
        bool failed = false;
        connect(list, &ModelListReply::finished, this,
                [&models](const QList<ModelInfo> &m) { models = m; });
        connect(list, &ModelListReply::failed, this, [&failed](const ChatError &) { failed = true; });
        QTRY_VERIFY(!models.isEmpty() || failed);
        QVERIFY(!failed);
        QStringList ids;
        for (const ModelInfo &m : models)
            ids.append(m.id);
        QVERIFY2(ids.contains(u"llama3.2:3b"), qPrintable(ids.join(u", ")));
    }

    void serverTypeDetection()
    {
        TestServer ollama;
        QVERIFY(ollama.listen());
        FakeLlm::install(ollama);
        TestServer other; // answers 404 to /api/version, like vLLM or llama.cpp
        QVERIFY(other.listen());
        ChatClient client;
        using Basis = ProbeResult::Basis;
        auto detect = [&client](const QString &url) -> std::optional<std::pair<ProviderType, Basis>> {
            std::optional<std::pair<ProviderType, Basis>> found;
            ServerProbe *probe = client.detectType(url, 2000);
            QObject::connect(probe, &ServerProbe::detected, probe,
                             [&found](const ProbeResult &r) { found = {r.type, r.basis}; });
            QElapsedTimer t;
            t.start();
            while (!found && t.elapsed() < 3000)
                QTest::qWait(5);
            return found;
        };
        QCOMPARE(detect(QStringLiteral("127.0.0.1:%1").arg(ollama.port())),
                 std::optional(std::pair(ProviderType::Ollama, Basis::Ollama)));
        QCOMPARE(detect(QStringLiteral("http://127.0.0.1:%1").arg(other.port())),
                 std::optional(std::pair(ProviderType::OpenAI, Basis::OtherServer)));
        QCOMPARE(detect(QStringLiteral("http://127.0.0.1:%1/v1").arg(ollama.port())),
                 std::optional(std::pair(ProviderType::OpenAI, Basis::UrlPath)));
        QCOMPARE(detect(QStringLiteral("http://127.0.0.1:%1/api").arg(other.port())),
                 std::optional(std::pair(ProviderType::Ollama, Basis::UrlPath)));
        // Nothing listens: the result says the type is a guess (not Ollama's port: OpenAI).
        quint16 closedPort = 0;
        {
            TestServer gone;
            QVERIFY(gone.listen());
            closedPort = gone.port();
        }
        QCOMPARE(detect(QStringLiteral("http://127.0.0.1:%1").arg(closedPort)),
                 std::optional(std::pair(ProviderType::OpenAI, Basis::NoAnswer)));
    }

    void probeServerAsksWhateverThePathSays()
    {
        TestServer ollama;
        QVERIFY(ollama.listen());
        FakeLlm::install(ollama);
        TestServer other; // answers 404 to /api/version, like vLLM or llama.cpp
        QVERIFY(other.listen());
        ChatClient client;
        struct Outcome
        {
            ProviderType type = ProviderType::Anthropic;
            QString version;
            int status = -1;
            ProbeResult::Basis basis = ProbeResult::Basis::UrlPath;
        };
        auto probe = [&client](const QString &url) {
            auto outcome = std::make_shared<Outcome>();
            ServerProbe *p = client.probeServer(url, 5000);
            QObject::connect(p, &ServerProbe::detected, p, [outcome](const ProbeResult &r) {
                *outcome = {r.type, r.version, r.httpStatus, r.basis};
            });
            if (!QTest::qWaitFor([outcome] { return outcome->status >= 0; }, 5000))
                qWarning("no answer from the probe of %s", qPrintable(url));
            p->deleteLater();
            return *outcome;
        };
        // Ollama's OpenAI-compatible /v1 is Ollama all the same.
        const Outcome v1 = probe(ollama.url(u"/v1").toString());
        QCOMPARE(v1.type, ProviderType::Ollama);
        QCOMPARE(v1.basis, ProbeResult::Basis::Ollama);
        QCOMPARE(v1.version, u"0.12.3");
        QCOMPARE(ollama.requestCount("/api/version"), 1);
        QVERIFY(!ollama.lastRequest("/api/version").hasHeader("Authorization"));
        const Outcome notOllama = probe(other.url(u"/v1").toString());
        QCOMPARE(notOllama.type, ProviderType::OpenAI);
        QCOMPARE(notOllama.basis, ProbeResult::Basis::OtherServer);
        QVERIFY(notOllama.version.isEmpty());
        QCOMPARE(notOllama.status, 404);
        QCOMPARE(other.requestCount("/api/version"), 1);
    }

    void badConfigFailsQueued()
    {
        ChatClient client;
        ReplyRecorder rec(client.chat(providerFor(ProviderType::Ollama, QStringLiteral("ftp://x")),
                                      helloRequest()));
        QCOMPARE(rec.terminals, 0); // not synchronously, so callers can connect first
        QVERIFY(rec.wait());
        QCOMPARE(rec.error.kind, ChatError::Kind::Config);
        ReplyRecorder noModel(client.chat(providerFor(ProviderType::Ollama,
                                                      QStringLiteral("localhost:1")),
                                          helloRequest(QString())));
        QVERIFY(noModel.wait());
        QCOMPARE(noModel.error.kind, ChatError::Kind::Config);
        QVERIFY(noModel.error.message.contains(u"model"));
    }
};

QTEST_GUILESS_MAIN(TestProviderClient)
#include "tst_providerclient.moc"
