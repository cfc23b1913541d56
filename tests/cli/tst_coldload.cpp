// `sluice run` and `sluice doctor` against a server that loads models the way Ollama does
// (tests/support/fakellmsched.cpp): a silent cold load, then a silent prompt evaluation.
// Each test runs natively and through Ollama's /v1.
#include "coldload.h"
#include "fakellm.h"
#include "sluicerun.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#ifdef Q_OS_UNIX
#include <csignal>
#endif

using namespace Sluice::Test;

namespace {

const QString Model = QStringLiteral("llama3.2:3b");

using Run = SluiceRun;

QStringList args(const TestServer &s, bool v1, double firstToken, double load)
{
    return {QStringLiteral("run"),
            QStringLiteral("--base-url"),
            v1 ? s.url(u"/v1").toString() : s.url().toString(),
            QStringLiteral("--type"),
            v1 ? QStringLiteral("openai") : QStringLiteral("ollama"),
            QStringLiteral("--model"),
            Model,
            QStringLiteral("--first-token-timeout"),
            QString::number(firstToken),
            QStringLiteral("--load-timeout"),
            QString::number(load),
            QStringLiteral("--retries"),
            QStringLiteral("2")};
}

// The last event of that type (and phase).
QJsonObject jsonEvent(const Run &r, const QString &type, const QString &phase = {})
{
    const QList<QJsonObject> events = r.events();
    for (auto it = events.crbegin(); it != events.crend(); ++it) {
        const QJsonObject &o = *it;
        if (o.value(u"type").toString() == type &&
            (phase.isEmpty() || o.value(u"phase").toString() == phase))
            return o;
    }
    return {};
}

} // namespace

class TestColdLoad : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void apis_data() { addApiRows(); }

    // Done-when 1 and 4: a cold load longer than the first-token limit, within the load
    // limit, completes; the phases and the load time are in the --json events.
    void loadLongerThanFirstTokenLimitCompletes_data() { apis_data(); }
    void loadLongerThanFirstTokenLimitCompletes()
    {
        QFETCH(bool, v1);
        TestServer server;
        QVERIFY(server.listen());
        installColdOllama(server, 800, 100);
        const Run r =
            sluice(args(server, v1, 0.3, 10) << QStringLiteral("--json") << QStringLiteral("Hi"));
        QCOMPARE(r.exitCode, 0);
        const QJsonObject loading =
            jsonEvent(r, QStringLiteral("phase"), QStringLiteral("loading"));
        QCOMPARE(loading.value(u"model").toString(), Model);
        const QJsonObject waiting =
            jsonEvent(r, QStringLiteral("phase"), QStringLiteral("waiting"));
        QVERIFY2(waiting.value(u"load_ms").toInt() >= 700, qPrintable(r.out));
        QVERIFY(waiting.value(u"elapsed_ms").toInt() > loading.value(u"elapsed_ms").toInt());
        const QJsonObject done = jsonEvent(r, QStringLiteral("done"));
        QVERIFY(done.value(u"stats").toObject().value(u"load_ms").toInt() >= 700);
        QCOMPARE(server.requestCount(chatPathFor(v1)), 1);
        QCOMPARE(server.requestCount("/api/generate"), 1);
    }

    // Done-when 2 and 4: a load over the load limit fails with exit 3 and a sentence naming
    // the load and its limit, within the limit plus a second; nothing is retried, and both
    // requests are closed.
    void loadOverTheLoadLimitFails_data() { apis_data(); }
    void loadOverTheLoadLimitFails()
    {
        QFETCH(bool, v1);
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm *llm = installColdOllama(server, 6000);
        const Run r = sluice(args(server, v1, 60, 0.3) << QStringLiteral("Hi"));
        QCOMPARE(r.exitCode, 3);
        // The time said is the time it took: the limit, or up to a tenth of a second past it
        // on a loaded machine.
        const QRegularExpression said(QStringLiteral(
            "model \"llama3\\.2:3b\" was still loading after 0\\.[34] s \\(load limit\\)"));
        QVERIFY2(r.err.contains(said), qPrintable(r.err));
        QVERIFY2(r.ms < 1300, QByteArray::number(r.ms).constData());
        QCOMPARE(server.requestCount(chatPathFor(v1)), 1); // --retries 2, and no retry
        QTRY_COMPARE(server.interruptedCount(chatPathFor(v1)), 1);
        QTRY_COMPARE(server.interruptedCount("/api/generate"), 1);
        QVERIFY(!llm->isLoaded(Model.toUtf8())); // the load was aborted
    }

    // Done-when 3 and 4: the model loads, then sends nothing: the first-token limit counts
    // from the end of the load, and the sentence says the model had loaded.
    void silentAfterTheLoadFailsAtFirstTokenLimit_data() { apis_data(); }
    void silentAfterTheLoadFailsAtFirstTokenLimit()
    {
        QFETCH(bool, v1);
        TestServer server;
        QVERIFY(server.listen());
        installColdOllama(server, 1000, -1);
        const Run r = sluice(args(server, v1, 0.3, 30) << QStringLiteral("--verbose")
                                                        << QStringLiteral("Hi"));
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(u"(first-token limit)"), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"model \"llama3.2:3b\" had loaded (in 1."), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"busy with another request"), qPrintable(r.err));
        QVERIFY2(r.ms >= 1300 && r.ms < 2300, QByteArray::number(r.ms).constData());
        // --verbose says where the boundary was.
        QVERIFY2(r.err.contains(u"phase=loading"), qPrintable(r.err));
        QVERIFY(r.err.contains(u"model=llama3.2:3b loaded load_ms="));
        QVERIFY(r.err.indexOf(u"loaded load_ms=") < r.err.lastIndexOf(u"phase=waiting"));
    }

    // Done-when 5: a model already loaded pays no extra wait (the load-only request answers
    // at once and the chat is not held behind it); a server that is not Ollama gets no extra
    // request, only the one question that tells it is not Ollama.
    void loadedModelPaysNoExtraWait_data() { apis_data(); }
    void loadedModelPaysNoExtraWait()
    {
        QFETCH(bool, v1);
        TestServer server;
        QVERIFY(server.listen());
        installColdOllama(server, 600);
        QCOMPARE(sluice(args(server, v1, 5, 10) << QStringLiteral("Hi")).exitCode, 0);
        const Run warm =
            sluice(args(server, v1, 5, 10) << QStringLiteral("--json") << QStringLiteral("Hi"));
        QCOMPARE(warm.exitCode, 0);
        const QJsonObject stats =
            jsonEvent(warm, QStringLiteral("done")).value(u"stats").toObject();
        QVERIFY2(stats.value(u"time_to_first_token_ms").toInt() < 500, qPrintable(warm.out));
        QVERIFY(jsonEvent(warm, QStringLiteral("phase"), QStringLiteral("waiting"))
                    .value(u"load_ms")
                    .toInt() < 500);
    }

    void notOllamaGetsNoExtraRequest()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions opt;
        opt.ollamaApi = false; // like llama.cpp's server or vLLM
        FakeLlm::install(server, opt);
        const Run r = sluice(args(server, true, 5, 10) << QStringLiteral("Hi"));
        QCOMPARE(r.exitCode, 0);
        const QList<RecordedRequest> requests = server.requests();
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests.at(0).pathWithoutQuery() + requests.at(1).pathWithoutQuery(),
                 requests.at(0).method == "GET" ? QByteArray("/api/version/v1/chat/completions")
                                                : QByteArray("/v1/chat/completions/api/version"));
    }

    // Done-when 7: Ctrl+C during a load ends every request of the chat (and so the load).
    void interruptDuringLoadEndsBothRequests_data() { apis_data(); }
    void interruptDuringLoadEndsBothRequests()
    {
#ifndef Q_OS_UNIX
        QSKIP("sends SIGINT");
#else
        QFETCH(bool, v1);
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm *llm = installColdOllama(server, 10000);
        QProcess p;
        p.start(QStringLiteral(SLUICE_BIN), args(server, v1, 60, 60) << QStringLiteral("Hi"));
        QVERIFY(p.waitForStarted());
        QTRY_COMPARE(server.requestCount(chatPathFor(v1)), 1);
        QTRY_COMPARE(server.requestCount("/api/generate"), 1);
        ::kill(pid_t(p.processId()), SIGINT);
        QTRY_COMPARE_WITH_TIMEOUT(p.state(), QProcess::NotRunning, 5000);
        QCOMPARE(p.exitCode(), 130);
        QTRY_COMPARE(server.interruptedCount(chatPathFor(v1)), 1);
        QTRY_COMPARE(server.interruptedCount("/api/generate"), 1);
        QVERIFY(!llm->isLoaded(Model.toUtf8()));
        QCOMPARE(server.openConnections(), 0);
#endif
    }

    // `sluice doctor` goes through the same load phase: a cold load longer than the
    // first-token limit passes, and says how long the load took.
    void doctorWaitsForTheLoad_data()
    {
        apis_data();
    }
    void doctorWaitsForTheLoad()
    {
        QFETCH(bool, v1);
        TestServer server;
        QVERIFY(server.listen());
        installColdOllama(server, 1000);
        QStringList a = args(server, v1, 0.3, 10);
        a[0] = QStringLiteral("doctor");
        const Run r = sluice(a);
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(u"loading the model took 1."), qPrintable(r.out));
        QCOMPARE(server.requestCount("/api/version"), 1); // doctor's answer is reused
    }

    // Ollama takes "gemma3" for "gemma3:latest", also behind /v1, where /v1/models lists the
    // tagged name: doctor said "gemma3 is not among the server's models" (found against a
    // real Ollama through /v1).
    void doctorTakesAnUntaggedOllamaName_data()
    {
        apis_data();
    }
    void doctorTakesAnUntaggedOllamaName()
    {
        QFETCH(bool, v1);
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions options;
        options.models = {QByteArrayLiteral("gemma3:latest")};
        FakeLlm::install(server, options);
        QStringList a = args(server, v1, 10, 10);
        a[0] = QStringLiteral("doctor");
        a[a.indexOf(Model)] = QStringLiteral("gemma3");
        const Run r = sluice(a);
        QVERIFY2(r.out.contains(u"gemma3 is available"), qPrintable(r.out));
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    }
};

QTEST_GUILESS_MAIN(TestColdLoad)
#include "tst_coldload.moc"
