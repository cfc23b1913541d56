// Tests of the faults the FakeLlm persona acts out in each protocol's own way: errors, drops
// and ends without the marker, stalls and holds, keep-alives without tokens, and the same for
// replies that are not streamed.
#include "fakellm.h"
#include "servertest.h"
#include "testserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QTest>

using namespace Sluice::Test;

Q_DECLARE_METATYPE(Sluice::Test::FakeLlmFault)

namespace {

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

class FakeLlmFaultsTest : public ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void faultsEndingTheStream_data();
    void faultsEndingTheStream();
    void faultsHoldingTheStream_data();
    void faultsHoldingTheStream();
    void keepAlivesWithoutTokens();
    void stallBeforeTheFirstToken_data();
    void stallBeforeTheFirstToken();
    void nonStreamingFaults();
};

void FakeLlmFaultsTest::faultsEndingTheStream_data()
{
    addProtocolRows({{"error", FakeLlmFault::ErrorMidStream},
                     {"end-without-marker", FakeLlmFault::EndWithoutMarker},
                     {"drop", FakeLlmFault::Drop}});
}

void FakeLlmFaultsTest::faultsEndingTheStream()
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

void FakeLlmFaultsTest::faultsHoldingTheStream_data()
{
    addProtocolRows(
        {{"stall", FakeLlmFault::Stall}, {"hold-after-end", FakeLlmFault::HoldAfterEnd}});
}

void FakeLlmFaultsTest::faultsHoldingTheStream()
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
    QVERIFY(laterRequestAnswered());
    QVERIFY(!f->finished);
    QCOMPARE(f->body().contains(p.endMarker), fault == FakeLlmFault::HoldAfterEnd);
    if (fault == FakeLlmFault::Stall)
        QCOMPARE(f->body().count(p.tokenMarker), qsizetype(3));
}

void FakeLlmFaultsTest::keepAlivesWithoutTokens()
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

void FakeLlmFaultsTest::stallBeforeTheFirstToken_data()
{
    QTest::addColumn<QByteArray>("proto");
    QTest::addColumn<QByteArray>("opening"); // what the server sent before going quiet
    QTest::newRow("ollama") << QByteArray("ollama") << QByteArray();
    QTest::newRow("openai") << QByteArray("openai")
                            << QByteArray(R"("delta":{"role":"assistant","content":""})");
    QTest::newRow("anthropic") << QByteArray("anthropic") << QByteArray("event: message_start");
}

void FakeLlmFaultsTest::stallBeforeTheFirstToken()
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
    QVERIFY(laterRequestAnswered());
    QVERIFY(!f->finished);
    QVERIFY2(!f->body().contains(p.tokenMarker), f->body().constData());
    if (opening.isEmpty()) // Ollama: not even a status line
        QCOMPARE(f->headersAtMs, qint64(-1));
    QTRY_COMPARE(m_server->openConnections(), 1); // the later request's closes
}

void FakeLlmFaultsTest::nonStreamingFaults()
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
    const int before = m_server->requestCount("/api/chat");
    Fetch *stall = post(u"/api/chat", body);
    QTRY_COMPARE(m_server->requestCount("/api/chat"), before + 1);
    QVERIFY(laterRequestAnswered());
    QCOMPARE(stall->headersAtMs, qint64(-1));
    QVERIFY(!stall->finished);
}

QTEST_MAIN(FakeLlmFaultsTest)
#include "tst_fakellmfaults.moc"
