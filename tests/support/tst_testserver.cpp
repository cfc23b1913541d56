// Tests of the loopback test server, driven by QNetworkAccessManager the way the providers
// drive it: scripted routes, framing, timing, connections; and the standalone executable.
// The FakeLlm persona: tst_fakellm, tst_fakellmloads, tst_fakellmfaults.
#include "fakellm.h"
#include "servertest.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace Sluice::Test;

class TestServerTest : public ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    // Scripted routes
    void statusHeadersAndBody();
    void unmatchedIsGo404();
    void recordsRequestsOnKeepAliveConnection();
    void dripPiecesArriveSeparately();
    void writeSplitKeepsBytesAndSplitsReads();
    void holdKeepsConnectionOpenUntilClientCloses();
    void holdWithNothingWrittenKeepsTheBodyOpen();
    void dropCutsTheStream();
    void chunkedFramingOnTheWire();
    void stallBeforeHeadersSendsNothing();
    void delayBeforeHeadersHoldsStatusLine();
    void closeDelimitedBodyEndsWithConnection();
    void timesSequencesResponses();
    void queuedResponsesWithoutTimesServeOnceThenLastSticks();
    void closeAllCutsConnections();

    // The standalone executable
    void standaloneServerAnnouncesUrlAndServes();
    void standaloneStallsAndPacesPulls();
};

// ---------------------------------------------------------------- scripted routes

void TestServerTest::statusHeadersAndBody()
{
    m_server->on("GET", "/teapot")
        .status(418, "I'm a teapot")
        .header("X-Sluice", "yes")
        .contentType("text/plain")
        .body("short and stout");
    Fetch *f = get(u"/teapot?x=1");
    QVERIFY(waitFinished(f));
    QCOMPARE(f->status(), 418);
    QCOMPARE(f->reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray(),
             QByteArray("I'm a teapot"));
    QCOMPARE(f->reply->rawHeader("X-Sluice"), QByteArray("yes"));
    QCOMPARE(f->reply->rawHeader("Content-Length"), QByteArray("15"));
    QCOMPARE(f->body(), QByteArray("short and stout"));
    QCOMPARE(m_server->lastRequest("/teapot").path, QByteArray("/teapot?x=1"));
}

void TestServerTest::unmatchedIsGo404()
{
    m_server->on("GET", "/known").body("ok");
    Fetch *f = post(u"/known", "{}"); // right path, wrong method
    Fetch *g = get(u"/unknown");
    QVERIFY(waitFinished(f));
    QVERIFY(waitFinished(g));
    for (Fetch *x : {f, g}) {
        QCOMPARE(x->status(), 404);
        QCOMPARE(x->body(), QByteArray("404 page not found"));
        QVERIFY(x->reply->header(QNetworkRequest::ContentTypeHeader)
                    .toByteArray()
                    .startsWith("text/plain"));
    }
    QCOMPARE(m_server->requestCount("/known"), 1);
    QCOMPARE(m_server->requestCount("/unknown"), 1);
}

void TestServerTest::recordsRequestsOnKeepAliveConnection()
{
    m_server->on("POST", "/echo").body("one");
    QSignalSpy received(m_server.get(), &TestServer::requestReceived);
    Fetch *a = post(u"/echo", R"({"model":"m","n":1})", {{"Authorization", "Bearer k"}});
    QVERIFY(waitFinished(a));
    Fetch *b = post(u"/echo?second", R"({"n":2})");
    QVERIFY(waitFinished(b));
    QCOMPARE(received.size(), 2);
    QCOMPARE(m_server->requestCount("/echo"), 2);
    const QList<RecordedRequest> all = m_server->requests();
    QCOMPARE(all.size(), 2);
    QCOMPARE(all.at(0).method, QByteArray("POST"));
    QCOMPARE(all.at(0).header("authorization"), QByteArray("Bearer k"));
    QCOMPARE(all.at(0).json().value(u"model").toString(), QStringLiteral("m"));
    QCOMPARE(all.at(1).body, QByteArray(R"({"n":2})"));
    QCOMPARE(all.at(1).pathWithoutQuery(), QByteArray("/echo"));
    QVERIFY(!all.at(1).hasHeader("authorization"));
    // Sequential requests reuse one keep-alive connection.
    QCOMPARE(all.at(0).connectionId, all.at(1).connectionId);
    QCOMPARE(m_server->openConnections(), 1);
    QCOMPARE(received.at(1).at(0).value<RecordedRequest>().body, QByteArray(R"({"n":2})"));
}

void TestServerTest::dripPiecesArriveSeparately()
{
    m_server->on("GET", "/drip").contentType("text/plain").drip({"alpha ", "beta ", "gamma"}, 150);
    Fetch *f = get(u"/drip");
    QVERIFY(waitFinished(f));
    QCOMPARE(f->reply->error(), QNetworkReply::NoError);
    QCOMPARE(f->reply->rawHeader("Transfer-Encoding"), QByteArray("chunked"));
    QCOMPARE(f->reads, QList<QByteArray>({"alpha ", "beta ", "gamma"}));
    QVERIFY2(f->clock.elapsed() >= 280, "the pieces were not spaced out");
}

void TestServerTest::writeSplitKeepsBytesAndSplitsReads()
{
    const QByteArray line = QByteArrayLiteral("data: {\"x\":\"caf\xC3\xA9\"}\r\n\r\n");
    const int inE = int(line.indexOf('\xC3')) + 1;  // between the two bytes of é
    const int inCrlf = int(line.indexOf('\r')) + 1; // between \r and \n
    m_server->on("GET", "/split").chunked(false).writeSplit(line, {inCrlf, inE, 3});
    Fetch *f = get(u"/split");
    QVERIFY(waitFinished(f));
    QCOMPARE(f->body(), line);
    QCOMPARE(f->reply->rawHeader("Content-Length"), QByteArray::number(line.size()));
    QVERIFY2(f->reads.size() >= 3, QByteArray::number(f->reads.size()).constData());
    QVERIFY(f->reads.contains(line.left(3)));
}

void TestServerTest::holdKeepsConnectionOpenUntilClientCloses()
{
    m_server->on("GET", "/hold").write("data: [DONE]\n\n").hold();
    QSignalSpy interrupted(m_server.get(), &TestServer::responseInterrupted);
    Fetch *f = get(u"/hold");
    QTRY_COMPARE(f->body(), QByteArray("data: [DONE]\n\n"));
    QVERIFY(laterRequestAnswered());
    QVERIFY(!f->finished);
    QTRY_COMPARE(m_server->openConnections(), 1); // the later request's closes
    QCOMPARE(m_server->interruptedCount("/hold"), 0);
    f->reply->abort();
    QTRY_COMPARE(m_server->openConnections(), 0);
    QCOMPARE(m_server->interruptedCount("/hold"), 1);
    QCOMPARE(interrupted.size(), 1);
}

void TestServerTest::holdWithNothingWrittenKeepsTheBodyOpen()
{
    m_server->on("GET", "/open").contentType("application/x-ndjson").hold();
    Fetch *f = get(u"/open");
    QTRY_VERIFY(f->headersAtMs >= 0);
    QCOMPARE(f->status(), 200);
    QVERIFY(laterRequestAnswered());
    QVERIFY(!f->finished); // not an empty body that ends the answer
    QVERIFY(f->body().isEmpty());
}

void TestServerTest::dropCutsTheStream()
{
    // Checked on the wire: Qt 6.4's QNetworkReply sometimes reports a chunked body that was
    // cut short as a success (NoError), depending on timing; only the bytes are certain.
    m_server->on("GET", "/drop").write("partial line").delay(20).drop();
    const QByteArray wire = rawExchange("GET /drop HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY2(wire.startsWith("HTTP/1.1 200 OK\r\n"), wire.constData());
    QVERIFY(wire.contains("Transfer-Encoding: chunked\r\n"));
    QVERIFY2(wire.endsWith("\r\n\r\nc\r\npartial line\r\n"), wire.constData()); // no 0-chunk
    QTRY_COMPARE(m_server->openConnections(), 0);
    QCOMPARE(m_server->interruptedCount("/drop"), 0); // the server ended it, not the client

    // What a client sees: the partial bytes, then the end (as an error or not, see above).
    Fetch *f = get(u"/drop");
    QVERIFY(waitFinished(f));
    QCOMPARE(f->body(), QByteArray("partial line"));
}

void TestServerTest::chunkedFramingOnTheWire()
{
    m_server->on("GET", "/c").write("alpha ").write("").write("beta").end();
    m_server->on("GET", "/n").body("whole");
    const QByteArray wire = rawExchange("GET /c HTTP/1.1\r\nHost: x\r\n\r\nGET /n "
                                        "HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    // Both requests answered in order on one connection; an empty write sends no chunk.
    QVERIFY2(wire.contains("\r\n\r\n6\r\nalpha \r\n4\r\nbeta\r\n0\r\n\r\nHTTP/1.1 200 OK\r\n"),
             wire.constData());
    QVERIFY(wire.contains("Content-Length: 5\r\nConnection: close\r\n\r\nwhole"));
    QVERIFY(wire.endsWith("whole"));
    QCOMPARE(m_server->requests().size(), 2);
    QCOMPARE(m_server->requests().at(0).connectionId, m_server->requests().at(1).connectionId);
}

void TestServerTest::stallBeforeHeadersSendsNothing()
{
    m_server->on("POST", "/api/chat").stallBeforeHeaders();
    Fetch *f = post(u"/api/chat", "{}");
    QTRY_COMPARE(m_server->requestCount("/api/chat"), 1);
    QVERIFY(laterRequestAnswered());
    QCOMPARE(f->headersAtMs, qint64(-1));
    QVERIFY(f->reads.isEmpty());
    QVERIFY(!f->finished);
    f->reply->abort();
    QTRY_COMPARE(m_server->openConnections(), 0);
    QCOMPARE(m_server->interruptedCount("/api/chat"), 1);
}

void TestServerTest::delayBeforeHeadersHoldsStatusLine()
{
    m_server->on("GET", "/slow").delayBeforeHeaders(300).body("late");
    Fetch *f = get(u"/slow");
    QVERIFY(waitFinished(f));
    QCOMPARE(f->body(), QByteArray("late"));
    QVERIFY2(f->headersAtMs >= 250, QByteArray::number(f->headersAtMs).constData());
}

void TestServerTest::closeDelimitedBodyEndsWithConnection()
{
    m_server->on("GET", "/old").closeDelimited().write("first ").delay(30).write("second");
    Fetch *f = get(u"/old");
    QVERIFY(waitFinished(f));
    QCOMPARE(f->reply->error(), QNetworkReply::NoError);
    QVERIFY(!f->reply->hasRawHeader("Content-Length"));
    QVERIFY(!f->reply->hasRawHeader("Transfer-Encoding"));
    QCOMPARE(f->body(), QByteArray("first second"));
    QTRY_COMPARE(m_server->openConnections(), 0);
}

void TestServerTest::timesSequencesResponses()
{
    m_server->on("GET", "/api/ps").times(3).json(R"({"models":[]})");
    m_server->on("GET", "/api/ps").json(R"({"models":[{"name":"m"}]})");
    QList<int> counts;
    for (int i = 0; i < 5; ++i) {
        Fetch *f = get(u"/api/ps");
        QVERIFY(waitFinished(f));
        counts.append(
            int(QJsonDocument::fromJson(f->body()).object().value(u"models").toArray().size()));
    }
    QCOMPARE(counts, QList<int>({0, 0, 0, 1, 1}));
}

void TestServerTest::queuedResponsesWithoutTimesServeOnceThenLastSticks()
{
    m_server->on("GET", "/seq").body("a");
    m_server->on("GET", "/seq").body("b");
    m_server->on("GET", "/once").times(1).body("only");
    QByteArray seen;
    for (int i = 0; i < 3; ++i) {
        Fetch *f = get(u"/seq");
        QVERIFY(waitFinished(f));
        seen += f->body();
    }
    QCOMPARE(seen, QByteArray("abb"));
    Fetch *first = get(u"/once");
    QVERIFY(waitFinished(first));
    Fetch *second = get(u"/once");
    QVERIFY(waitFinished(second));
    QCOMPARE(first->status(), 200);
    QCOMPARE(second->status(), 404); // exhausted: falls through
}

void TestServerTest::closeAllCutsConnections()
{
    m_server->on("GET", "/hold").write("x").hold();
    Fetch *f = get(u"/hold");
    QTRY_COMPARE(f->body(), QByteArray("x"));
    m_server->closeAll();
    QVERIFY(waitFinished(f));
    QCOMPARE(f->reply->error(), QNetworkReply::RemoteHostClosedError);
    QCOMPARE(m_server->openConnections(), 0);
}

// ---------------------------------------------------------------- standalone

void TestServerTest::standaloneServerAnnouncesUrlAndServes()
{
    QProcess process;
    process.start(QStringLiteral(SLUICE_TESTSERVER_BIN),
                  {QStringLiteral("--reply"), QStringLiteral("pong \u00e9"),
                   QStringLiteral("--models"), QStringLiteral("tiny:1b")});
    QVERIFY(process.waitForStarted());
    QVERIFY(QTest::qWaitFor([&] { return process.canReadLine(); }, 10000));
    const QByteArray line = process.readLine().trimmed();
    QVERIFY2(line.startsWith("listening on http://127.0.0.1:"), line.constData());
    const QUrl base(QString::fromUtf8(line.mid(int(qstrlen("listening on ")))));
    QVERIFY(base.port() > 0);

    QNetworkRequest request(base.resolved(QUrl(QStringLiteral("/api/chat"))));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = m_nam->post(
        request,
        QByteArrayLiteral(
            R"({"model":"tiny:1b","stream":false,"messages":[{"role":"user","content":"ping"}]})"));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    const QJsonObject o = QJsonDocument::fromJson(reply->readAll()).object();
    QCOMPARE(contentOf(o, u"message", u"content"), QStringLiteral("pong \u00e9").toUtf8());
    delete reply;
    process.kill();
    process.waitForFinished();
}

void TestServerTest::standaloneStallsAndPacesPulls()
{
    QProcess process;
    process.start(QStringLiteral(SLUICE_TESTSERVER_BIN),
                  {QStringLiteral("--fault"), QStringLiteral("stall"),
                   QStringLiteral("--fault-after"), QStringLiteral("0"),
                   QStringLiteral("--pull-delay"), QStringLiteral("40"),
                   QStringLiteral("--pull-step-bytes"), QStringLiteral("1000000")});
    QVERIFY(process.waitForStarted());
    QVERIFY(QTest::qWaitFor([&] { return process.canReadLine(); }, 10000));
    const QByteArray line = process.readLine().trimmed();
    const QUrl base(QString::fromUtf8(line.mid(int(qstrlen("listening on ")))));
    QVERIFY(base.port() > 0);
    const auto post = [&](const QString &path, const QByteArray &body) {
        QNetworkRequest request(base.resolved(QUrl(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        return m_nam->post(request, body);
    };

    // A stall before the first token: no answer at all, the connection open.
    QNetworkReply *chat = post(QStringLiteral("/api/chat"), protocol("ollama").body);
    bool headers = false;
    connect(chat, &QNetworkReply::metaDataChanged, this, [&] { headers = true; });
    // (checked once the pull below, sent later, has been answered)

    // A pull steps through its layer one line at a time, each at least the delay apart.
    QElapsedTimer clock;
    clock.start();
    QNetworkReply *pull = post(QStringLiteral("/api/pull"), R"({"model":"new:1b"})");
    QSignalSpy finished(pull, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    const qint64 elapsed = clock.elapsed();
    QList<qint64> completed;
    for (const QByteArray &l : pull->readAll().split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(l).object();
        if (o.value(u"total").toInteger() == 3'000'000)
            completed << o.value(u"completed").toInteger();
    }
    QCOMPARE(completed, (QList<qint64>{0, 1'000'000, 2'000'000, 3'000'000}));
    // Eight layer lines (4 + 2 + 2), each written after the delay.
    QVERIFY2(elapsed >= 8 * 40, QByteArray::number(elapsed).constData());
    QVERIFY(!headers); // the chat sent before the pull: still no answer at all
    QVERIFY(!chat->isFinished());
    delete chat;
    delete pull;
    process.kill();
    process.waitForFinished();
}

QTEST_MAIN(TestServerTest)
#include "tst_testserver.moc"
