// The fault matrix: every way a server can stall, drip, drop or lie, for each protocol.
// Each case asserts the terminal signal, the error kind and sentence, the partial text kept,
// and that nothing arrives after the end. Limits are a few hundred milliseconds; where the
// test can tell what the client has seen, time moves by hand (ManualClock) instead of passing.
#include "fakellm.h"
#include "protocolrows.h"
#include "watchdogtest.h"
#include "wirepieces.h"

#include <QTest>

using namespace Sluice;
using namespace Sluice::Test;

class TestWatchdog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<ChatError>(); }

    void protocols_data() { addProtocolRows(); }

    void stallBeforeStatusLine_data() { protocols_data(); }
    void stallBeforeStatusLine()
    {
        QFETCH(ProviderType, type);
        ManualClock clock;
        TestServer server;
        QVERIFY(server.listen());
        server.on("POST", chatPath(type)).stallBeforeHeaders();
        ChatClient client;
        ReplyRecorder rec(client.chat(fastLimits(type, server), helloRequest()));
        QTRY_COMPARE(server.requestCount(chatPath(type)), 1);
        QTRY_COMPARE(rec.reply->phase(), ChatReply::Phase::Waiting);
        QVERIFY(crossLimit(clock, rec, Limit));
        QVERIFY(rec.failed);
        QCOMPARE(rec.error.kind, ChatError::Kind::Stalled);
        QVERIFY2(rec.error.message.startsWith(u"stalled: no response from 127.0.0.1:"),
                 qPrintable(rec.error.message));
        QVERIFY(rec.error.message.contains(u"(first-token limit)"));
        QCOMPARE(rec.terminalMs, qint64(Limit));
        QCOMPARE(rec.late, 0);
        QTRY_COMPARE(server.interruptedCount(chatPath(type)), 1); // the socket was closed
    }

    void stallAfterHeaders_data() { protocols_data(); }
    void stallAfterHeaders()
    {
        QFETCH(ProviderType, type);
        ManualClock clock;
        TestServer server;
        QVERIFY(server.listen());
        server.on("POST", chatPath(type)).contentType(contentType(type)).chunked().hold();
        ChatClient client;
        ReplyRecorder rec(client.chat(fastLimits(type, server), helloRequest()));
        QTRY_VERIFY(headersRead(client));
        QVERIFY(crossLimit(clock, rec, Limit));
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
        ManualClock clock;
        ChatClient client;
        ReplyRecorder rec(client.chat(fastLimits(type, server), helloRequest()));
        QTRY_COMPARE(rec.content, headText(3));
        QVERIFY(crossLimit(clock, rec, Limit));
        QCOMPARE(rec.error.kind, ChatError::Kind::Stalled);
        QVERIFY2(rec.error.message.startsWith(u"stalled: no data for 0.3 s after 3 tokens (idle "
                                              u"limit); partial reply kept"),
                 qPrintable(rec.error.message));
        QCOMPARE(rec.content, headText(3));
        QCOMPARE(rec.reply->content(), headText(3));
        QCOMPARE(rec.late, 0);
        QTRY_COMPARE(server.interruptedCount(chatPath(type)), 1);
    }

    // Keep-alives every 100 ms (Limit / 3) do not hold off a limit of 300 ms: each goes out
    // when the test says and is read before time moves on.
    void keepAlivesAreNotProgress_data() { protocols_data(); }
    void keepAlivesAreNotProgress()
    {
        QFETCH(ProviderType, type);
        keepAlivesDoNotHoldOff(type, {});
    }

    void keepAlivesAfterTokensHitIdleLimit_data() { protocols_data(); }
    void keepAlivesAfterTokensHitIdleLimit()
    {
        QFETCH(ProviderType, type);
        keepAlivesDoNotHoldOff(type, head(type, 2));
    }

    void slowDripUnderIdleLimitIsFine_data() { protocols_data(); }
    void slowDripUnderIdleLimitIsFine()
    {
        QFETCH(ProviderType, type);
        QList<Response::Resume> next; // the server waits before each token until told
        ManualClock clock;
        TestServer server;
        QVERIFY(server.listen());
        Response &r = server.on("POST", chatPath(type)).contentType(contentType(type));
        if (type == ProviderType::Anthropic)
            r.write(head(type, 0));
        for (int i = 0; i < 6; ++i)
            r.waitFor([&next](Response::Resume go) { next.append(go); })
                .write(token(type, "t" + QByteArray::number(i) + ' '));
        r.write(endMarker(type));
        ChatClient client;
        ReplyRecorder rec(client.chat(fastLimits(type, server), helloRequest()));
        QTRY_COMPARE(rec.reply->phase(), ChatReply::Phase::Waiting);
        for (int i = 0; i < 6; ++i) {
            QTRY_COMPARE(next.size(), i + 1);
            QTRY_COMPARE(rec.content, headText(i));
            clock.advance(Limit - 1); // each gap just under the limit
            ReplyRecorder::settle();
            QCOMPARE(rec.terminals, 0);
            next.at(i)();
        }
        QVERIFY(rec.wait(3000));
        QVERIFY2(rec.finished, qPrintable(rec.error.message));
        QCOMPARE(rec.content, headText(6));
        QCOMPARE(rec.terminalMs, 6 * qint64(Limit - 1)); // longer than any single limit
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
        ManualClock clock; // never moved: the reply may not wait for any limit
        ChatClient client;
        ProviderConfig config = fastLimits(type, server);
        config.timeouts.idleMs = 5000;
        ReplyRecorder rec(client.chat(config, helloRequest()));
        QVERIFY(rec.wait(3000));
        QVERIFY2(rec.finished, qPrintable(rec.error.message));
        QCOMPARE(rec.terminalMs, qint64(0)); // at once, not at the idle limit
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
        ManualClock clock;
        ChatClient client;
        ProviderConfig c = providerFor(ProviderType::OpenAI, silent.httpsUrl() + u"/v1");
        c.timeouts.connectMs = Limit;
        ReplyRecorder rec(client.chat(c, helloRequest()));
        QTRY_COMPARE(silent.accepted, 1);
        QCOMPARE(rec.reply->phase(), ChatReply::Phase::Connecting);
        QVERIFY(crossLimit(clock, rec, Limit));
        QCOMPARE(rec.error.kind, ChatError::Kind::Stalled);
        QVERIFY2(rec.error.message.startsWith(u"stalled: could not connect to 127.0.0.1:"),
                 qPrintable(rec.error.message));
        QVERIFY(rec.error.message.endsWith(u"(connect limit)"));
        QCOMPARE(rec.terminalMs, qint64(Limit));
        QCOMPARE(rec.late, 0);
        // Qt keeps a socket still in its TLS handshake for reuse after the request is
        // aborted; nothing more is sent on it, and it goes with the network manager.
    }

    void totalLimit()
    {
        QList<Response::Resume> next; // the server waits before each token until told
        ManualClock clock;
        TestServer server;
        QVERIFY(server.listen());
        Response &r = server.on("POST", "/api/chat").contentType("application/x-ndjson");
        for (int i = 0; i < 100; ++i)
            r.waitFor([&next](Response::Resume go) { next.append(go); })
                .write(token(ProviderType::Ollama, "t" + QByteArray::number(i) + ' '));
        ChatClient client;
        ProviderConfig c = fastLimits(ProviderType::Ollama, server);
        c.timeouts.totalMs = 500;
        ReplyRecorder rec(client.chat(c, helloRequest()));
        // A token every 50 ms: never idle, and the total limit still ends it at 0.5 s.
        for (int i = 0; rec.terminals == 0 && i < 100; ++i) {
            QTRY_COMPARE(next.size(), i + 1);
            next.at(i)();
            QTRY_COMPARE(rec.content, headText(i + 1));
            clock.advance(50);
            ReplyRecorder::settle();
        }
        QVERIFY(rec.wait(3000));
        QCOMPARE(rec.terminalMs, qint64(500));
        QCOMPARE(rec.error.kind, ChatError::Kind::Timeout);
        QVERIFY2(rec.error.message.startsWith(u"timed out: the reply took longer than 0.5 s "
                                              u"(total limit) after "),
                 qPrintable(rec.error.message));
        QVERIFY(!rec.content.isEmpty());
        QVERIFY(rec.reply->content() == rec.content);
    }

    void nonStreamingStall()
    {
        ManualClock clock;
        TestServer server;
        QVERIFY(server.listen());
        server.on("POST", "/api/chat").stallBeforeHeaders();
        ChatClient client;
        ReplyRecorder rec(client.chat(fastLimits(ProviderType::Ollama, server),
                                      helloRequest(QStringLiteral("m"), false)));
        QTRY_COMPARE(server.requestCount("/api/chat"), 1);
        QTRY_COMPARE(rec.reply->phase(), ChatReply::Phase::Waiting);
        QVERIFY(crossLimit(clock, rec, Limit));
        QCOMPARE(rec.error.kind, ChatError::Kind::Stalled);
        QVERIFY2(rec.error.message.contains(u"non-streaming"), qPrintable(rec.error.message));
    }

    void slowModelLoadIsNotAStall()
    {
        constexpr int LoadMs = 200; // on the server, in real time
        ManualClock clock;
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions opt;
        opt.loadDelayMs = LoadMs;
        FakeLlm::install(server, opt);
        ChatClient client;
        ProviderConfig c = fastLimits(ProviderType::Ollama, server);
        c.timeouts.loadMs = 5000;
        ChatReply *reply = client.chat(c, helloRequest());
        ReplyRecorder rec(reply);
        // As the load begins, the watchdog's clock passes the first-token limit three times.
        QObject::connect(reply, &ChatReply::phaseChanged, reply, [&clock](ChatReply::Phase p) {
            if (p == ChatReply::Phase::LoadingModel)
                clock.advance(3 * Limit);
        });
        QVERIFY(rec.wait(8000));
        QVERIFY2(rec.finished, qPrintable(rec.error.message));
        QVERIFY(rec.sawPhase(ChatReply::Phase::LoadingModel));
        QCOMPARE(rec.content, QString::fromUtf8(FakeLlmOptions::defaultReply()));
        QCOMPARE(rec.terminalMs, qint64(3 * Limit));
        QVERIFY(rec.stats.loadMs >= LoadMs - 50);
        QCOMPARE(server.requestCount("/api/generate"), 1); // the load-only request beside it
        QCOMPARE(server.requestCount("/api/ps"), 0);
    }

    void loadLimit()
    {
        ManualClock clock;
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
        QTRY_COMPARE(rec.reply->phase(), ChatReply::Phase::LoadingModel);
        QVERIFY(crossLimit(clock, rec, 400));
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
            ReplyRecorder::settle();
            QCOMPARE(rec.terminals, 0); // a destroyed reply says nothing
        } else {
            reply->cancel();
            QCOMPARE(rec.terminals, 1); // at once
            QCOMPARE(rec.error.kind, ChatError::Kind::Cancelled);
            reply->cancel(); // twice is harmless
            ReplyRecorder::settle();
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

private:
    // `first` (tokens, or nothing), then a keep-alive at 0, 100 and 200 ms: the reply fails
    // at 300 ms exactly, on the first-token limit or (after tokens) the idle limit.
    static void keepAlivesDoNotHoldOff(ProviderType type, const QByteArray &first)
    {
        ManualClock clock;
        QList<Response::Resume> next;
        TestServer server;
        QVERIFY(server.listen());
        Response &r = server.on("POST", chatPath(type)).contentType(contentType(type)).chunked();
        QList<QByteArray> pieces(3, keepAlive(type));
        if (!first.isEmpty())
            pieces.prepend(first);
        for (const QByteArray &piece : std::as_const(pieces))
            r.waitFor([&next](Response::Resume go) { next.append(go); }).write(piece);
        r.hold();
        ChatClient client;
        ReplyRecorder rec(client.chat(fastLimits(type, server), helloRequest()));
        BodyReads body;
        for (qsizetype i = 0; i < pieces.size(); ++i) {
            QTRY_COMPARE(next.size(), i + 1);
            if (i == 0)
                QVERIFY(body.attach(client));
            const int readsBefore = body.count;
            next.at(i)();
            QTRY_VERIFY(body.count > readsBefore);
            if (i + 1 < pieces.size() && (first.isEmpty() || i > 0))
                clock.advance(Limit / 3);
        }
        QCOMPARE(rec.content, first.isEmpty() ? QString() : headText(2));
        QVERIFY(crossLimit(clock, rec, Limit / 3)); // 300 ms after the last progress
        QCOMPARE(rec.error.kind, ChatError::Kind::Stalled);
        const QString limit = first.isEmpty() ? QStringLiteral("first-token limit")
                                              : QStringLiteral("after 2 tokens (idle limit)");
        QVERIFY2(rec.error.message.contains(limit), qPrintable(rec.error.message));
        QCOMPARE(rec.terminalMs, qint64(Limit));
    }
};

QTEST_GUILESS_MAIN(TestWatchdog)
#include "tst_watchdog.moc"
