// Tests of the FakeLlm persona's model loads, as Ollama's scheduler does them
// (fakellmsched.cpp): silence during a load, /api/ps, load-only requests, the load's owner
// and keep_alive.
#include "fakellm.h"
#include "servertest.h"
#include "testserver.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QTest>

using namespace Sluice::Test;

class FakeLlmLoadsTest : public ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void loadDelaySendsNothingThenPsListsModel();
    void disconnectDuringLoadAbortsIt();
    void loadOnlyAnsweredWhenTheLoadEnds();
    void ownerDisconnectLoadsAgainForTheOther();
    void keepAliveHonoured();
};

void FakeLlmLoadsTest::loadDelaySendsNothingThenPsListsModel()
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

void FakeLlmLoadsTest::disconnectDuringLoadAbortsIt()
{
    FakeLlmOptions options;
    options.loadDelayMs = 300;
    // Started after the abort and twice as long: its end comes after the aborted load's would.
    options.loadDelayFor.insert("llama3.2:3b", 600);
    FakeLlm *llm = FakeLlm::install(*m_server, options);
    Fetch *chat =
        post(u"/api/chat", R"({"model":"qwen3:4b","messages":[{"role":"user","content":"Hi"}]})");
    QTRY_COMPARE(m_server->requestCount("/api/chat"), 1);
    chat->reply->abort();
    QTRY_COMPARE(m_server->interruptedCount("/api/chat"), 1);
    Fetch *later = post(u"/api/generate", R"({"model":"llama3.2:3b"})"); // load-only
    QVERIFY(waitFinished(later));
    QCOMPARE(later->status(), 200);
    QVERIFY(llm->isLoaded("llama3.2:3b"));
    QVERIFY(!llm->isLoaded("qwen3:4b"));
    Fetch *ps = get(u"/api/ps");
    QVERIFY(waitFinished(ps));
    const QJsonArray listed =
        QJsonDocument::fromJson(ps->body()).object().value(u"models").toArray();
    QCOMPARE(listed.size(), 1); // the aborted one is not listed
    QCOMPARE(listed.at(0).toObject().value(u"name").toString(), QStringLiteral("llama3.2:3b"));
}

// Ollama schedules requests for a loading model behind the load (sched.go processPending,
// needsReload): a load-only request and a chat sent together are both answered when it ends;
// the chat's first chunk then waits for its prompt evaluation.
void FakeLlmLoadsTest::loadOnlyAnsweredWhenTheLoadEnds()
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
void FakeLlmLoadsTest::ownerDisconnectLoadsAgainForTheOther()
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
void FakeLlmLoadsTest::keepAliveHonoured()
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

QTEST_MAIN(FakeLlmLoadsTest)
#include "tst_fakellmloads.moc"
