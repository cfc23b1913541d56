// Tests of the loopback test server and the FakeLlm persona, driven by QNetworkAccessManager
// the way the providers will drive them.
#include "fakellm.h"
#include "testserver.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

using namespace Sluice::Test;

Q_DECLARE_METATYPE(Sluice::Test::FakeLlmFault)

namespace {

// Everything one request produced, read as it arrived.
struct Fetch
{
    QNetworkReply *reply = nullptr;
    QList<QByteArray> reads;
    QElapsedTimer clock;
    qint64 headersAtMs = -1;
    qint64 firstReadAtMs = -1;
    bool finished = false;

    QByteArray body() const
    {
        QByteArray all;
        for (const auto &r : reads)
            all += r;
        return all;
    }
    int status() const
    {
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }
};

QByteArray contentOf(const QJsonObject &o, QStringView a, QStringView b)
{
    return o.value(a).toObject().value(b).toString().toUtf8();
}

QList<QJsonObject> ndjson(const QByteArray &body)
{
    QList<QJsonObject> out;
    const QList<QByteArray> lines = body.split('\n');
    for (const auto &line : lines) {
        if (!line.isEmpty())
            out.append(QJsonDocument::fromJson(line).object());
    }
    return out;
}

struct Sse
{
    QByteArray event;
    QByteArray data;
};

QList<Sse> sse(const QByteArray &body)
{
    QList<Sse> out;
    const QList<QByteArray> blocks = body.split('\n');
    Sse current;
    for (const auto &line : blocks) {
        if (line.isEmpty()) {
            if (!current.data.isEmpty() || !current.event.isEmpty())
                out.append(current);
            current = {};
        } else if (line.startsWith("event: ")) {
            current.event = line.mid(7);
        } else if (line.startsWith("data: ")) {
            current.data = line.mid(6);
        }
    }
    return out;
}

} // namespace

class TestServerTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

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

    // FakeLlm persona
    void personaProbes();
    void ollamaStreamsByDefault();
    void ollamaNonStreaming();
    void ollamaThinkingAndThinkFalse();
    void ollamaNumPredictTruncates();
    void openAiStreamingWithUsage();
    void openAiNonStreaming();
    void openAiKeyRequired();
    void anthropicStreamingEventsInOrder();
    void anthropicNonStreamingAndKey();
    void unknownModelErrors_data();
    void unknownModelErrors();
    void loadDelaySendsNothingThenPsListsModel();
    void disconnectDuringLoadAbortsIt();
    void loadOnlyAnsweredWhenTheLoadEnds();
    void ownerDisconnectLoadsAgainForTheOther();
    void keepAliveHonoured();
    void notOllamaHasNoOllamaApi();
    void splitInsideUtf8StraddlesReads();
    void benchModeStreamsManyChunks();
    void clientCancelIsDetected();
    void scriptedRoutesOverridePersona();
    void faultsEndingTheStream_data();
    void faultsEndingTheStream();
    void faultsHoldingTheStream_data();
    void faultsHoldingTheStream();
    void keepAlivesWithoutTokens();
    void stallBeforeTheFirstToken_data();
    void stallBeforeTheFirstToken();
    void nonStreamingFaults();

    // The standalone executable
    void standaloneServerAnnouncesUrlAndServes();
    void standaloneStallsAndPacesPulls();

private:
    Fetch *send(const QByteArray &method, QStringView path, const QByteArray &body = {},
                const QList<QPair<QByteArray, QByteArray>> &headers = {});
    Fetch *post(QStringView path, const QByteArray &json,
                const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        return send("POST", path, json, headers);
    }
    Fetch *get(QStringView path) { return send("GET", path); }
    // An event loop rather than QTest::qWaitFor, which sleeps 10 ms between rounds of events
    // and so throttles fast streams.
    bool waitFinished(Fetch *f, int timeoutMs = 10000)
    {
        if (f->finished)
            return true;
        QEventLoop loop;
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        QObject::connect(f->reply, &QNetworkReply::finished, &loop, &QEventLoop::quit,
                         Qt::QueuedConnection);
        loop.exec();
        return f->finished;
    }

    // Sends raw bytes on a fresh socket and returns everything until the server closes.
    QByteArray rawExchange(const QByteArray &request)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        if (!socket.waitForConnected(5000))
            return {};
        socket.write(request);
        QByteArray all;
        QEventLoop loop;
        QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] { all += socket.readAll(); });
        QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
        QTimer::singleShot(5000, &loop, &QEventLoop::quit);
        loop.exec();
        return all + socket.readAll();
    }

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    QList<Fetch *> m_fetches;
};

void TestServerTest::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->listen());
    QVERIFY(m_server->port() > 0);
    m_nam = std::make_unique<QNetworkAccessManager>();
}

void TestServerTest::cleanup()
{
    for (Fetch *f : std::as_const(m_fetches)) {
        f->reply->disconnect();
        f->reply->abort();
        delete f->reply;
        delete f;
    }
    m_fetches.clear();
    m_nam.reset();
    m_server.reset();
}

Fetch *TestServerTest::send(const QByteArray &method, QStringView path, const QByteArray &body,
                            const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request(m_server->url(path));
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    for (const auto &h : headers)
        request.setRawHeader(h.first, h.second);
    auto *f = new Fetch;
    f->clock.start();
    f->reply = m_nam->sendCustomRequest(request, method, body);
    QObject::connect(f->reply, &QNetworkReply::metaDataChanged, f->reply, [f] {
        if (f->headersAtMs < 0)
            f->headersAtMs = f->clock.elapsed();
    });
    QObject::connect(f->reply, &QNetworkReply::readyRead, f->reply, [f] {
        if (f->firstReadAtMs < 0)
            f->firstReadAtMs = f->clock.elapsed();
        f->reads.append(f->reply->readAll());
    });
    QObject::connect(f->reply, &QNetworkReply::finished, f->reply, [f] {
        const QByteArray rest = f->reply->isOpen() ? f->reply->readAll() : QByteArray();
        if (!rest.isEmpty())
            f->reads.append(rest);
        f->finished = true;
    });
    m_fetches.append(f);
    return f;
}

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
    QTest::qWait(300);
    QVERIFY(!f->finished);
    QCOMPARE(m_server->openConnections(), 1);
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
    QTest::qWait(200);
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
    QTest::qWait(300);
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

// ---------------------------------------------------------------- persona

void TestServerTest::personaProbes()
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

void TestServerTest::ollamaStreamsByDefault()
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

void TestServerTest::ollamaNonStreaming()
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

void TestServerTest::ollamaThinkingAndThinkFalse()
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

void TestServerTest::ollamaNumPredictTruncates()
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

void TestServerTest::openAiStreamingWithUsage()
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

void TestServerTest::openAiNonStreaming()
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

void TestServerTest::openAiKeyRequired()
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

void TestServerTest::anthropicStreamingEventsInOrder()
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

void TestServerTest::anthropicNonStreamingAndKey()
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

void TestServerTest::unknownModelErrors_data()
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

void TestServerTest::unknownModelErrors()
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

void TestServerTest::loadDelaySendsNothingThenPsListsModel()
{
    FakeLlmOptions options;
    options.loadDelayMs = 600;
    FakeLlm *llm = FakeLlm::install(*m_server, options);
    Fetch *ps0 = get(u"/api/ps");
    QVERIFY(waitFinished(ps0));
    QCOMPARE(ps0->body(), QByteArray(R"({"models":[]})"));

    Fetch *chat = post(
        u"/api/chat",
        R"({"model":"llama3.2:3b","stream":true,"messages":[{"role":"user","content":"Hi"}]})");
    QTRY_COMPARE(m_server->requestCount("/api/chat"), 1);
    Fetch *psLoading = get(u"/api/ps"); // answered at once, on another connection
    QVERIFY(waitFinished(psLoading));
    // Listed from the start of the load (sched.go load(), PsHandler): /api/ps cannot tell
    // loading from loaded.
    const QJsonArray listed =
        QJsonDocument::fromJson(psLoading->body()).object().value(u"models").toArray();
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.at(0).toObject().value(u"name").toString(), QStringLiteral("llama3.2:3b"));
    QCOMPARE(chat->headersAtMs, qint64(-1)); // not even the status line during the load
    QVERIFY(!llm->isLoaded("llama3.2:3b"));

    QVERIFY(waitFinished(chat));
    QVERIFY2(chat->headersAtMs >= 500, QByteArray::number(chat->headersAtMs).constData());
    const QJsonObject last = ndjson(chat->body()).last();
    QVERIFY(last.value(u"done").toBool());
    QVERIFY(last.value(u"load_duration").toDouble() >= 600e6);
    Fetch *ps1 = get(u"/api/ps");
    QVERIFY(waitFinished(ps1));
    const QJsonArray loaded =
        QJsonDocument::fromJson(ps1->body()).object().value(u"models").toArray();
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(loaded.at(0).toObject().value(u"name").toString(), QStringLiteral("llama3.2:3b"));
    QVERIFY(loaded.at(0).toObject().contains(u"expires_at"));

    // Loaded now: the next chat answers at once.
    Fetch *again = post(
        u"/api/chat",
        R"({"model":"llama3.2:3b","stream":false,"messages":[{"role":"user","content":"Hi"}]})");
    QVERIFY(waitFinished(again));
    QVERIFY2(again->headersAtMs < 500, QByteArray::number(again->headersAtMs).constData());
}

void TestServerTest::disconnectDuringLoadAbortsIt()
{
    FakeLlmOptions options;
    options.loadDelayMs = 300;
    FakeLlm *llm = FakeLlm::install(*m_server, options);
    Fetch *chat =
        post(u"/api/chat", R"({"model":"qwen3:4b","messages":[{"role":"user","content":"Hi"}]})");
    QTRY_COMPARE(m_server->requestCount("/api/chat"), 1);
    chat->reply->abort();
    QTRY_COMPARE(m_server->interruptedCount("/api/chat"), 1);
    QTest::qWait(450);
    QVERIFY(!llm->isLoaded("qwen3:4b"));
    Fetch *ps = get(u"/api/ps");
    QVERIFY(waitFinished(ps));
    QCOMPARE(ps->body(), QByteArray(R"({"models":[]})"));
}

// Ollama schedules requests for a loading model behind the load (sched.go processPending,
// needsReload): a load-only request and a chat sent together are both answered when it ends;
// the chat's first chunk then waits for its prompt evaluation.
void TestServerTest::loadOnlyAnsweredWhenTheLoadEnds()
{
    FakeLlmOptions options;
    options.loadDelayMs = 500;
    options.silenceAfterLoadMs = 400;
    FakeLlm *llm = FakeLlm::install(*m_server, options);
    const QByteArray load = R"({"model":"qwen3:4b","stream":false,"keep_alive":"-1"})";
    Fetch *probe = post(u"/api/generate", load);
    Fetch *chat =
        post(u"/api/chat",
             R"({"model":"qwen3:4b","stream":true,"messages":[{"role":"user","content":"Hi"}]})");
    QVERIFY(waitFinished(probe));
    QCOMPARE(probe->status(), 200);
    const QJsonObject answer = QJsonDocument::fromJson(probe->body()).object();
    QCOMPARE(answer.value(u"done_reason").toString(), QStringLiteral("load"));
    QVERIFY(answer.value(u"done").toBool());
    QVERIFY2(probe->headersAtMs >= 450, QByteArray::number(probe->headersAtMs).constData());
    QVERIFY(llm->isLoaded("qwen3:4b"));
    QCOMPARE(chat->headersAtMs, qint64(-1)); // still evaluating the prompt
    QVERIFY(waitFinished(chat));
    QVERIFY2(chat->headersAtMs >= 850, QByteArray::number(chat->headersAtMs).constData());
    QVERIFY(ndjson(chat->body()).last().value(u"done").toBool());

    // Loaded: a load-only request answers at once; one for a missing model gets a 404.
    Fetch *again = post(u"/api/generate", load);
    QVERIFY(waitFinished(again));
    QVERIFY2(again->headersAtMs < 300, QByteArray::number(again->headersAtMs).constData());
    Fetch *missing = post(u"/api/generate", R"({"model":"nope:1b"})");
    QVERIFY(waitFinished(missing));
    QCOMPARE(missing->status(), 404);
    QCOMPARE(missing->body(), QByteArray(R"({"error":"model 'nope:1b' not found"})"));
}

// The load runs under the context of the request that started it (sched.go load():
// WaitUntilRunning(req.ctx)): its disconnect aborts the load, and the request held behind it
// loads the model again from zero.
void TestServerTest::ownerDisconnectLoadsAgainForTheOther()
{
    FakeLlmOptions options;
    options.loadDelayMs = 500;
    FakeLlm::install(*m_server, options);
    Fetch *owner = post(u"/api/generate", R"({"model":"qwen3:4b"})");
    QTRY_COMPARE(m_server->requestCount("/api/generate"), 1);
    Fetch *chat =
        post(u"/api/chat",
             R"({"model":"qwen3:4b","stream":false,"messages":[{"role":"user","content":"Hi"}]})");
    QTRY_COMPARE(m_server->requestCount("/api/chat"), 1);
    QTest::qWait(200);
    owner->reply->abort();
    QTRY_COMPARE(m_server->interruptedCount("/api/generate"), 1);
    QVERIFY(waitFinished(chat));
    QCOMPARE(chat->status(), 200);
    QVERIFY2(chat->headersAtMs >= 650, QByteArray::number(chat->headersAtMs).constData());
}

// Each request's keep_alive sets how long the model stays (sched.go useLoadedRunner); 0
// unloads it once used, a negative one keeps it for good.
void TestServerTest::keepAliveHonoured()
{
    FakeLlm *llm = FakeLlm::install(*m_server);
    const auto chat = [this](const QByteArray &keepAlive) {
        Fetch *f =
            post(u"/api/chat", R"({"model":"qwen3:4b","stream":false,"keep_alive":)" + keepAlive +
                                   R"(,"messages":[{"role":"user","content":"Hi"}]})");
        return waitFinished(f) && f->status() == 200;
    };
    QVERIFY(chat("-1"));
    QVERIFY(llm->isLoaded("qwen3:4b"));
    Fetch *ps = get(u"/api/ps");
    QVERIFY(waitFinished(ps));
    const QJsonObject m =
        QJsonDocument::fromJson(ps->body()).object().value(u"models").toArray().at(0).toObject();
    QVERIFY(
        QDateTime::fromString(m.value(u"expires_at").toString(), Qt::ISODateWithMs).date().year() >
        QDate::currentDate().year() + 100);
    QVERIFY(chat("0"));
    QVERIFY(!llm->isLoaded("qwen3:4b"));
    Fetch *none = get(u"/api/ps");
    QVERIFY(waitFinished(none));
    QCOMPARE(none->body(), QByteArray(R"({"models":[]})"));
}

void TestServerTest::notOllamaHasNoOllamaApi()
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

void TestServerTest::splitInsideUtf8StraddlesReads()
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

void TestServerTest::benchModeStreamsManyChunks()
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

void TestServerTest::clientCancelIsDetected()
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

void TestServerTest::scriptedRoutesOverridePersona()
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

namespace {

struct Protocol
{
    QString path;
    QByteArray body;
    QByteArray tokenMarker; // once per token event
    QByteArray endMarker;
};

Protocol protocol(const QByteArray &name)
{
    const QByteArray messages = R"("messages":[{"role":"user","content":"Hi"}])";
    if (name == "ollama")
        return {QStringLiteral("/api/chat"), R"({"model":"llama3.2:3b",)" + messages + '}',
                R"("done":false)", R"("done":true)"};
    if (name == "openai")
        return {QStringLiteral("/v1/chat/completions"),
                R"({"model":"llama3.2:3b","stream":true,)" + messages + '}',
                R"("delta":{"content")", "data: [DONE]"};
    return {QStringLiteral("/v1/messages"),
            R"({"model":"llama3.2:3b","stream":true,"max_tokens":99,)" + messages + '}',
            "text_delta", "event: message_stop"};
}

void addProtocolRows(const QList<QPair<const char *, FakeLlmFault>> &faults)
{
    QTest::addColumn<QByteArray>("proto");
    QTest::addColumn<FakeLlmFault>("fault");
    for (const auto &f : faults) {
        for (const char *p : {"ollama", "openai", "anthropic"})
            QTest::addRow("%s %s", p, f.first) << QByteArray(p) << f.second;
    }
}

} // namespace

void TestServerTest::faultsEndingTheStream_data()
{
    addProtocolRows({{"error", FakeLlmFault::ErrorMidStream},
                     {"end-without-marker", FakeLlmFault::EndWithoutMarker},
                     {"drop", FakeLlmFault::Drop}});
}

void TestServerTest::faultsEndingTheStream()
{
    QFETCH(QByteArray, proto);
    QFETCH(FakeLlmFault, fault);
    FakeLlmOptions options;
    options.fault = fault;
    options.faultAfterTokens = 3;
    FakeLlm::install(*m_server, options);
    const Protocol p = protocol(proto);
    Fetch *f = post(p.path, p.body, {{"anthropic-version", "2023-06-01"}});
    QVERIFY(waitFinished(f));
    QCOMPARE(f->status(), 200);
    const QByteArray body = f->body();
    QCOMPARE(body.count(p.tokenMarker), qsizetype(3));
    QVERIFY2(!body.contains(p.endMarker), body.constData());
    if (fault == FakeLlmFault::ErrorMidStream) {
        const QByteArray tail = proto == "ollama"   ? QByteArray("{\"error\":")
                                : proto == "openai" ? QByteArray("data: {\"error\":{")
                                                    : QByteArray("event: error\n");
        QVERIFY2(
            body.mid(body.lastIndexOf(proto == "ollama" ? "}\n{" : "\n\n", body.size() - 3) + 2)
                .startsWith(tail),
            body.right(200).constData());
    } else if (fault == FakeLlmFault::EndWithoutMarker) {
        QCOMPARE(f->reply->error(), QNetworkReply::NoError);
        if (proto == "openai") // Ollama's /v1 ends with an empty content chunk
            QVERIFY(
                body.endsWith(R"("delta":{"role":"assistant","content":""},"finish_reason":null}]})"
                              "\n\n"));
    }
    QTRY_COMPARE(m_server->openConnections(), fault == FakeLlmFault::Drop ? 0 : 1);
}

void TestServerTest::faultsHoldingTheStream_data()
{
    addProtocolRows(
        {{"stall", FakeLlmFault::Stall}, {"hold-after-end", FakeLlmFault::HoldAfterEnd}});
}

void TestServerTest::faultsHoldingTheStream()
{
    QFETCH(QByteArray, proto);
    QFETCH(FakeLlmFault, fault);
    FakeLlmOptions options;
    options.fault = fault;
    FakeLlm::install(*m_server, options);
    const Protocol p = protocol(proto);
    Fetch *f = post(p.path, p.body, {{"anthropic-version", "2023-06-01"}});
    if (fault == FakeLlmFault::Stall)
        QTRY_COMPARE(f->body().count(p.tokenMarker), qsizetype(3));
    else
        QTRY_VERIFY(f->body().contains(p.endMarker));
    QTest::qWait(200);
    QVERIFY(!f->finished);
    QCOMPARE(f->body().contains(p.endMarker), fault == FakeLlmFault::HoldAfterEnd);
    if (fault == FakeLlmFault::Stall)
        QCOMPARE(f->body().count(p.tokenMarker), qsizetype(3));
}

void TestServerTest::keepAlivesWithoutTokens()
{
    FakeLlmOptions options;
    options.fault = FakeLlmFault::KeepAliveForever;
    options.faultAfterTokens = 0;
    options.keepAliveIntervalMs = 20;
    FakeLlm::install(*m_server, options);
    Fetch *ollama = post(protocol("ollama").path, protocol("ollama").body);
    Fetch *openai = post(protocol("openai").path, protocol("openai").body);
    Fetch *anthropic = post(protocol("anthropic").path, protocol("anthropic").body,
                            {{"anthropic-version", "2023-06-01"}});
    QTRY_VERIFY(openai->body().count(": keep-alive\n\n") >= 5);
    QTRY_VERIFY(anthropic->body().count("event: ping\n") >= 5);
    QVERIFY(!openai->body().contains(protocol("openai").tokenMarker));
    QVERIFY(!anthropic->body().contains("content_block_delta"));
    QCOMPARE(ollama->headersAtMs, qint64(-1)); // Ollama has no keep-alives: silence
    QVERIFY(!ollama->finished && !openai->finished && !anthropic->finished);
}

void TestServerTest::stallBeforeTheFirstToken_data()
{
    QTest::addColumn<QByteArray>("proto");
    QTest::addColumn<QByteArray>("opening"); // what the server sent before going quiet
    QTest::newRow("ollama") << QByteArray("ollama") << QByteArray();
    QTest::newRow("openai") << QByteArray("openai")
                            << QByteArray(R"("delta":{"role":"assistant","content":""})");
    QTest::newRow("anthropic") << QByteArray("anthropic") << QByteArray("event: message_start");
}

void TestServerTest::stallBeforeTheFirstToken()
{
    QFETCH(QByteArray, proto);
    QFETCH(QByteArray, opening);
    FakeLlmOptions options;
    options.fault = FakeLlmFault::Stall;
    options.faultAfterTokens = 0;
    FakeLlm::install(*m_server, options);
    const Protocol p = protocol(proto);
    Fetch *f = post(p.path, p.body, {{"anthropic-version", "2023-06-01"}});
    if (opening.isEmpty()) {
        QTRY_COMPARE(m_server->requestCount(p.path.toUtf8()), 1);
    } else {
        QTRY_VERIFY(f->body().contains(opening));
        QCOMPARE(f->status(), 200);
    }
    QTest::qWait(300);
    QVERIFY(!f->finished);
    QVERIFY2(!f->body().contains(p.tokenMarker), f->body().constData());
    if (opening.isEmpty()) // Ollama: not even a status line
        QCOMPARE(f->headersAtMs, qint64(-1));
    QCOMPARE(m_server->openConnections(), 1);
}

void TestServerTest::nonStreamingFaults()
{
    FakeLlmOptions options;
    FakeLlm *llm = FakeLlm::install(*m_server, options);
    const QByteArray body =
        R"({"model":"llama3.2:3b","stream":false,"messages":[{"role":"user","content":"Hi"}]})";

    llm->options().fault = FakeLlmFault::ErrorMidStream;
    Fetch *error = post(u"/api/chat", body);
    QVERIFY(waitFinished(error));
    QCOMPARE(error->status(), 500);
    QVERIFY(QJsonDocument::fromJson(error->body())
                .object()
                .value(u"error")
                .toString()
                .contains(QStringLiteral("error was encountered")));

    llm->options().fault = FakeLlmFault::Drop;
    Fetch *drop = post(u"/api/chat", body);
    QVERIFY(waitFinished(drop));
    QVERIFY(drop->reply->error() != QNetworkReply::NoError);
    QCOMPARE(drop->headersAtMs, qint64(-1));

    llm->options().fault = FakeLlmFault::Stall;
    Fetch *stall = post(u"/api/chat", body);
    QTest::qWait(300);
    QCOMPARE(stall->headersAtMs, qint64(-1));
    QVERIFY(!stall->finished);
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
    QTest::qWait(300);
    QVERIFY(!headers);
    QVERIFY(!chat->isFinished());

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
    delete chat;
    delete pull;
    process.kill();
    process.waitForFinished();
}

QTEST_MAIN(TestServerTest)
#include "tst_testserver.moc"
