// The fault matrix: every way a server can stall, drip, drop or lie, for each protocol.
// Each case asserts the terminal signal, the error kind and sentence, the partial text kept,
// and that nothing arrives after the end. Limits are a few hundred milliseconds.
#include "fakellm.h"
#include "replyrecorder.h"
#include "testserver.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Sluice;
using namespace Sluice::Test;

namespace {

constexpr int Limit = 300;

QByteArray chatPath(ProviderType type)
{
    switch (type) {
    case ProviderType::Ollama:
        return "/api/chat";
    case ProviderType::OpenAI:
        return "/v1/chat/completions";
    case ProviderType::Anthropic:
        return "/v1/messages";
    }
    return {};
}

QByteArray contentType(ProviderType type)
{
    return type == ProviderType::Ollama ? "application/x-ndjson" : "text/event-stream";
}

QByteArray token(ProviderType type, const QByteArray &text)
{
    switch (type) {
    case ProviderType::Ollama:
        return R"({"model":"m","message":{"role":"assistant","content":")" + text +
               R"("},"done":false})" "\n";
    case ProviderType::OpenAI:
        return R"(data: {"choices":[{"index":0,"delta":{"content":")" + text +
               R"("},"finish_reason":null}]})" "\n\n";
    case ProviderType::Anthropic:
        return "event: content_block_delta\ndata: "
               R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":")" +
               text + R"("}})" "\n\n";
    }
    return {};
}

QByteArray head(ProviderType type, int n)
{
    QByteArray out;
    if (type == ProviderType::Anthropic)
        out += "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"model\":\"m\","
               "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n";
    for (int i = 0; i < n; ++i)
        out += token(type, "t" + QByteArray::number(i) + ' ');
    return out;
}

QString headText(int n)
{
    QString s;
    for (int i = 0; i < n; ++i)
        s += u't' + QString::number(i) + u' ';
    return s;
}

QByteArray endMarker(ProviderType type)
{
    switch (type) {
    case ProviderType::Ollama:
        return R"({"model":"m","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","eval_count":3,"eval_duration":1000000})"
               "\n";
    case ProviderType::OpenAI:
        return R"(data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]})"
               "\n\ndata: [DONE]\n\n";
    case ProviderType::Anthropic:
        return "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
               "\"end_turn\"},\"usage\":{\"output_tokens\":3}}\n\nevent: message_stop\ndata: "
               "{\"type\":\"message_stop\"}\n\n";
    }
    return {};
}

QByteArray keepAlive(ProviderType type)
{
    switch (type) {
    case ProviderType::Ollama: // no keep-alives in NDJSON; an empty delta is the nearest thing
        return R"({"model":"m","message":{"role":"assistant","content":""},"done":false})" "\n";
    case ProviderType::OpenAI:
        return ": OPENROUTER PROCESSING\n\n";
    case ProviderType::Anthropic:
        return "event: ping\ndata: {\"type\": \"ping\"}\n\n";
    }
    return {};
}

ProviderConfig fastLimits(ProviderType type, const TestServer &server)
{
    ProviderConfig c = providerFor(type, type == ProviderType::OpenAI
                                             ? server.url(u"/v1").toString()
                                             : server.url().toString());
    c.timeouts.connectMs = Limit;
    c.timeouts.firstTokenMs = Limit;
    c.timeouts.loadMs = Limit;
    c.timeouts.idleMs = Limit;
    c.timeouts.totalMs = 0;
    return c;
}

// Accepts TCP connections and never says a word: an https URL to it stays in the TLS
// handshake, so the request never gets past "connecting" (like a black-holed address).
class SilentServer : public QObject
{
public:
    bool listen()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                ++accepted;
                connect(s, &QTcpSocket::disconnected, this, [this] { ++closed; });
            }
        });
        return m_server.listen(QHostAddress::LocalHost);
    }
    QString httpsUrl() const { return QStringLiteral("https://127.0.0.1:%1").arg(m_server.serverPort()); }
    int accepted = 0;
    int closed = 0;

private:
    QTcpServer m_server;
};

} // namespace

class TestWatchdog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<ChatError>(); }

    void protocols_data()
    {
        QTest::addColumn<ProviderType>("type");
        QTest::newRow("ollama") << ProviderType::Ollama;
        QTest::newRow("openai") << ProviderType::OpenAI;
        QTest::newRow("anthropic") << ProviderType::Anthropic;
    }

    void stallBeforeStatusLine_data() { protocols_data(); }
    void stallBeforeStatusLine()
    {
        QFETCH(ProviderType, type);
        TestServer server;
        QVERIFY(server.listen());
        server.on("POST", chatPath(type)).stallBeforeHeaders();
        ChatClient client;
        ReplyRecorder rec(client.chat(fastLimits(type, server), helloRequest()));
        QVERIFY(rec.wait(3000));
        QVERIFY(rec.failed);
        QCOMPARE(rec.error.kind, ChatError::Kind::Stalled);
        QVERIFY2(rec.error.message.startsWith(u"stalled: no response from 127.0.0.1:"),
                 qPrintable(rec.error.message));
        QVERIFY(rec.error.message.contains(u"(first-token limit)"));
        QVERIFY(rec.terminalMs >= Limit && rec.terminalMs < Limit + 1000);
        QCOMPARE(rec.late, 0);
        QTRY_COMPARE(server.interruptedCount(chatPath(type)), 1); // the socket was closed
    }

    void stallAfterHeaders_data() { protocols_data(); }
    void stallAfterHeaders()
    {
        QFETCH(ProviderType, type);
        TestServer server;
        QVERIFY(server.listen());
        server.on("POST", chatPath(type)).contentType(contentType(type)).chunked().hold();
        ChatClient client;
        ReplyRecorder rec(client.chat(fastLimits(type, server), helloRequest()));
        QVERIFY(rec.wait(3000));
        QCOMPARE(rec.error.kind, ChatError::Kind::Stalled);
        QVERIFY2(rec.error.message.startsWith(u"stalled: no first token after 0."),
                 qPrintable(rec.error.message));
        QCOMPARE(rec.late, 0);
    }

    void stallMidStream_data() { protocols_data(); }
    void stallMidStream()
    {
        QFETCH(ProviderType, type);
        TestServer server;
        QVERIFY(server.listen());
        server.on("POST", chatPath(type)).contentType(contentType(type)).write(head(type, 3)).hold();
        ChatClient client;
        ReplyRecorder rec(client.chat(fastLimits(type, server), helloRequest()));
        QVERIFY(rec.wait(3000));
        QCOMPARE(rec.error.kind, ChatError::Kind::Stalled);
        QVERIFY2(rec.error.message.startsWith(u"stalled: no data for 0.3 s after 3 tokens (idle "
                                              u"limit); partial reply kept"),
                 qPrintable(rec.error.message));
        QCOMPARE(rec.content, headText(3));
        QCOMPARE(rec.reply->content(), headText(3));
        QCOMPARE(rec.late, 0);
        QTRY_COMPARE(server.interruptedCount(chatPath(type)), 1);
    }

    void keepAlivesAreNotProgress_data() { protocols_data(); }
    void keepAlivesAreNotProgress()
    {
        QFETCH(ProviderType, type);
        TestServer server;
        QVERIFY(server.listen());
        QList<QByteArray> pings(100, keepAlive(type));
        server.on("POST", chatPath(type)).contentType(contentType(type)).drip(pings, 40).hold();
        ChatClient client;
        ReplyRecorder rec(client.chat(fastLimits(type, server), helloRequest()));
        QVERIFY(rec.wait(3000));
        QCOMPARE(rec.error.kind, ChatError::Kind::Stalled);
        QVERIFY2(rec.error.message.contains(u"first-token limit"), qPrintable(rec.error.message));
        QVERIFY(rec.terminalMs < Limit + 1000);
    }

    void keepAlivesAfterTokensHitIdleLimit_data() { protocols_data(); }
    void keepAlivesAfterTokensHitIdleLimit()
    {
        QFETCH(ProviderType, type);
        TestServer server;
        QVERIFY(server.listen());
        QList<QByteArray> pings(100, keepAlive(type));
        server.on("POST", chatPath(type))
            .contentType(contentType(type))
            .write(head(type, 2))
            .drip(pings, 40)
            .hold();
        ChatClient client;
        ReplyRecorder rec(client.chat(fastLimits(type, server), helloRequest()));
        QVERIFY(rec.wait(3000));
        QCOMPARE(rec.error.kind, ChatError::Kind::Stalled);
        QVERIFY2(rec.error.message.contains(u"after 2 tokens (idle limit)"),
                 qPrintable(rec.error.message));
        QCOMPARE(rec.content, headText(2));
    }

    void slowDripUnderIdleLimitIsFine_data() { protocols_data(); }
    void slowDripUnderIdleLimitIsFine()
    {
        QFETCH(ProviderType, type);
        TestServer server;
        QVERIFY(server.listen());
        QList<QByteArray> pieces;
        pieces.append(head(type, 0));
        for (int i = 0; i < 6; ++i)
            pieces.append(token(type, "t" + QByteArray::number(i) + ' '));
        pieces.append(endMarker(type));
        server.on("POST", chatPath(type)).contentType(contentType(type)).drip(pieces, Limit / 2);
        ChatClient client;
        ReplyRecorder rec(client.chat(fastLimits(type, server), helloRequest()));
        QVERIFY(rec.wait(5000));
        QVERIFY2(rec.finished, qPrintable(rec.error.message));
        QCOMPARE(rec.content, headText(6));
        QVERIFY(rec.terminalMs > 6 * Limit / 2); // it took longer than any single limit
    }

    void droppedMidLine_data() { protocols_data(); }
    void droppedMidLine()
    {
        QFETCH(ProviderType, type);
        TestServer server;
        QVERIFY(server.listen());
        const QByteArray next = token(type, "never");
        server.on("POST", chatPath(type))
            .contentType(contentType(type))
            .write(head(type, 2))
            .delay(20)
            .write(next.left(next.size() / 2))
            .drop();
        ChatClient client;
        ReplyRecorder rec(client.chat(fastLimits(type, server), helloRequest()));
        QVERIFY(rec.wait(3000));
        QVERIFY(rec.failed);
        QCOMPARE(rec.error.kind, ChatError::Kind::Protocol);
        QVERIFY2(rec.error.message.startsWith(
                     u"the connection closed before the reply was complete (2 tokens received)"),
                 qPrintable(rec.error.message));
        QVERIFY(rec.error.message.endsWith(u"partial reply kept"));
        QCOMPARE(rec.content, headText(2));
    }

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

    void hugeLineFailsCleanly_data() { protocols_data(); }
    void hugeLineFailsCleanly()
    {
        QFETCH(ProviderType, type);
        TestServer server;
        QVERIFY(server.listen());
        auto sent = std::make_shared<qint64>(0);
        const QByteArray piece(64 * 1024, 'a');
        Response &r = server.on("POST", chatPath(type)).contentType(contentType(type));
        if (type != ProviderType::Ollama)
            r.write("data: ");
        r.generate([sent, piece]() -> std::optional<QByteArray> {
             if (*sent >= 10 * 1024 * 1024)
                 return std::nullopt;
             *sent += piece.size();
             return piece;
         }).hold();
        ChatClient client;
        // The cap is the subject, not the clock: 8 MiB through a sanitizer build on a loaded
        // machine may take longer than the fast limits allow before any token arrives.
        ProviderConfig config = fastLimits(type, server);
        config.timeouts.firstTokenMs = 30000;
        config.timeouts.idleMs = 30000;
        ReplyRecorder rec(client.chat(config, helloRequest()));
        QVERIFY(rec.wait(30000));
        QVERIFY(rec.failed);
        QVERIFY2(rec.error.kind == ChatError::Kind::Protocol, qPrintable(rec.error.message));
        QVERIFY2(rec.error.message.contains(u"exceeded 8 MiB"), qPrintable(rec.error.message));
    }

    void markerThenConnectionHeldOpen_data() { protocols_data(); }
    void markerThenConnectionHeldOpen()
    {
        QFETCH(ProviderType, type);
        TestServer server;
        QVERIFY(server.listen());
        server.on("POST", chatPath(type))
            .contentType(contentType(type))
            .write(head(type, 3) + endMarker(type))
            .hold();
        ChatClient client;
        ProviderConfig config = fastLimits(type, server);
        config.timeouts.idleMs = 5000;
        ReplyRecorder rec(client.chat(config, helloRequest()));
        QVERIFY(rec.wait(3000));
        QVERIFY2(rec.finished, qPrintable(rec.error.message));
        QVERIFY(rec.terminalMs < 1000); // at once, not at the idle limit
        QCOMPARE(rec.content, headText(3));
        QTRY_COMPARE(server.interruptedCount(chatPath(type)), 1); // and we hung up
    }

    void connectionRefused()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
        }
        ChatClient client;
        ProviderConfig c = providerFor(ProviderType::Ollama, QStringLiteral("127.0.0.1:%1").arg(port));
        ReplyRecorder rec(client.chat(c, helloRequest()));
        QVERIFY(rec.wait(3000));
        QCOMPARE(rec.error.kind, ChatError::Kind::Connection);
        QCOMPARE(rec.error.message,
                 QStringLiteral("could not connect to 127.0.0.1:%1: connection refused; Ollama "
                                "does not seem to be running (start it with: ollama serve)")
                     .arg(port));
    }

    void connectLimit()
    {
        SilentServer silent;
        QVERIFY(silent.listen());
        ChatClient client;
        ProviderConfig c = providerFor(ProviderType::OpenAI, silent.httpsUrl() + u"/v1");
        c.timeouts.connectMs = Limit;
        ReplyRecorder rec(client.chat(c, helloRequest()));
        QVERIFY(rec.wait(3000));
        QCOMPARE(rec.error.kind, ChatError::Kind::Stalled);
        QVERIFY2(rec.error.message.startsWith(u"stalled: could not connect to 127.0.0.1:"),
                 qPrintable(rec.error.message));
        QVERIFY(rec.error.message.endsWith(u"(connect limit)"));
        QVERIFY(rec.terminalMs >= Limit && rec.terminalMs < Limit + 1000);
        QCOMPARE(rec.late, 0);
        // Qt keeps a socket still in its TLS handshake for reuse after the request is
        // aborted; nothing more is sent on it, and it goes with the network manager.
    }

    void totalLimit()
    {
        TestServer server;
        QVERIFY(server.listen());
        QList<QByteArray> pieces;
        for (int i = 0; i < 100; ++i)
            pieces.append(token(ProviderType::Ollama, "t" + QByteArray::number(i) + ' '));
        server.on("POST", "/api/chat").contentType("application/x-ndjson").drip(pieces, 50);
        ChatClient client;
        ProviderConfig c = fastLimits(ProviderType::Ollama, server);
        c.timeouts.totalMs = 500;
        ReplyRecorder rec(client.chat(c, helloRequest()));
        QVERIFY(rec.wait(3000));
        QCOMPARE(rec.error.kind, ChatError::Kind::Timeout);
        QVERIFY2(rec.error.message.startsWith(u"timed out: the reply took longer than 0.5 s "
                                              u"(total limit) after "),
                 qPrintable(rec.error.message));
        QVERIFY(!rec.content.isEmpty());
        QVERIFY(rec.reply->content() == rec.content);
    }

    void nonStreamingStall()
    {
        TestServer server;
        QVERIFY(server.listen());
        server.on("POST", "/api/chat").stallBeforeHeaders();
        ChatClient client;
        ReplyRecorder rec(client.chat(fastLimits(ProviderType::Ollama, server),
                                      helloRequest(QStringLiteral("m"), false)));
        QVERIFY(rec.wait(3000));
        QCOMPARE(rec.error.kind, ChatError::Kind::Stalled);
        QVERIFY2(rec.error.message.contains(u"non-streaming"), qPrintable(rec.error.message));
    }

    void slowModelLoadIsNotAStall()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions opt;
        opt.loadDelayMs = 3 * Limit; // longer than the first-token limit
        FakeLlm::install(server, opt);
        ChatClient client;
        ProviderConfig c = fastLimits(ProviderType::Ollama, server);
        c.timeouts.loadMs = 5000;
        ReplyRecorder rec(client.chat(c, helloRequest()));
        QVERIFY(rec.wait(8000));
        QVERIFY2(rec.finished, qPrintable(rec.error.message));
        QVERIFY(rec.sawPhase(ChatReply::Phase::LoadingModel));
        QCOMPARE(rec.content, QString::fromUtf8(FakeLlmOptions::defaultReply()));
        QVERIFY(rec.stats.loadMs >= 3 * Limit - 50);
        QCOMPARE(server.requestCount("/api/generate"), 1); // the load-only request beside it
        QCOMPARE(server.requestCount("/api/ps"), 0);
    }

    void loadLimit()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions opt;
        opt.loadDelayMs = 5000;
        FakeLlm::install(server, opt);
        ChatClient client;
        ProviderConfig c = fastLimits(ProviderType::Ollama, server);
        c.timeouts.firstTokenMs = 5000;
        c.timeouts.loadMs = 400;
        c.maxRetries = 2;
        ReplyRecorder rec(client.chat(c, helloRequest()));
        QVERIFY(rec.wait(3000));
        QCOMPARE(rec.error.kind, ChatError::Kind::Stalled);
        QVERIFY2(rec.error.message.startsWith(u"stalled: model \"llama3.2:3b\" was still loading "
                                              u"after 0.4 s (load limit)"),
                 qPrintable(rec.error.message));
        QVERIFY(rec.retries.isEmpty()); // never retried while a model loads
    }

    // ---- cancel and destroy in every phase ----------------------------------------------

    void cancelAndDestroy_data()
    {
        QTest::addColumn<QString>("phase");
        QTest::addColumn<bool>("destroy");
        for (const char *p : {"connecting", "waiting", "loading", "streaming"}) {
            QTest::addRow("cancel while %s", p) << QString::fromLatin1(p) << false;
            QTest::addRow("destroy while %s", p) << QString::fromLatin1(p) << true;
        }
    }
    void cancelAndDestroy()
    {
        QFETCH(QString, phase);
        QFETCH(bool, destroy);
        TestServer server;
        QVERIFY(server.listen());
        SilentServer silent;
        QVERIFY(silent.listen());
        ProviderConfig c = fastLimits(ProviderType::Ollama, server);
        c.timeouts = Timeouts{}; // long limits: only the cancel may end it
        ChatReply::Phase expected = ChatReply::Phase::Waiting;
        const bool connecting = phase == u"connecting";
        if (connecting) {
            c.type = ProviderType::OpenAI;
            c.baseUrl = silent.httpsUrl() + u"/v1";
            expected = ChatReply::Phase::Connecting;
        } else if (phase == u"waiting") {
            server.on("POST", "/api/chat").stallBeforeHeaders();
        } else if (phase == u"loading") {
            FakeLlmOptions opt;
            opt.loadDelayMs = 10000;
            FakeLlm::install(server, opt);
            expected = ChatReply::Phase::LoadingModel;
        } else {
            server.on("POST", "/api/chat")
                .contentType("application/x-ndjson")
                .write(head(ProviderType::Ollama, 2))
                .hold();
            expected = ChatReply::Phase::Streaming;
        }
        ChatClient client;
        ChatReply *reply = client.chat(c, helloRequest());
        ReplyRecorder rec(reply);
        QTRY_COMPARE_WITH_TIMEOUT(reply->phase(), expected, 3000);
        if (connecting)
            QTRY_COMPARE(silent.accepted, 1); // the TCP connection stands, TLS never answers
        if (destroy) {
            delete reply;
            QTest::qWait(100);
            QCOMPARE(rec.terminals, 0); // a destroyed reply says nothing
        } else {
            reply->cancel();
            QCOMPARE(rec.terminals, 1); // at once
            QCOMPARE(rec.error.kind, ChatError::Kind::Cancelled);
            reply->cancel(); // twice is harmless
            QTest::qWait(100);
            QCOMPARE(rec.terminals, 1);
            QCOMPARE(rec.late, 0);
            if (phase == u"streaming") {
                QCOMPARE(reply->content(), headText(2));
                QCOMPARE(rec.error.message, QStringLiteral("cancelled after 2 tokens; partial "
                                                           "reply kept"));
            }
        }
        // The connection is closed, so the server stops generating. (While connecting there
        // is nothing to stop: Qt keeps that socket for reuse; see connectLimit.)
        if (!connecting)
            QTRY_COMPARE(server.interruptedCount("/api/chat"), 1);
        // During a load, the load-only request beside the chat is closed as well.
        if (phase == u"loading")
            QTRY_COMPARE(server.interruptedCount("/api/generate"), 1);
    }
};

QTEST_GUILESS_MAIN(TestWatchdog)
#include "tst_watchdog.moc"
