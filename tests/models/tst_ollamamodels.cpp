// Ollama model management against the loopback server: pulls (several layers, errors,
// stalls, cancel, resume), delete, load, unload, and what /api/ps and /api/show say.
#include "core/chat/chatclient.h"
#include "core/models/modelcapabilities.h"
#include "core/models/ollamamodels.h"
#include "fakellm.h"
#include "manualclock.h"
#include "testserver.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace Sluice;
using namespace Sluice::Test;

namespace {

ProviderConfig provider(const TestServer &server)
{
    ProviderConfig c;
    c.id = QStringLiteral("ollama");
    c.name = QStringLiteral("Ollama");
    c.type = ProviderType::Ollama;
    c.baseUrl = server.url().toString();
    c.maxRetries = 0;
    return c;
}

// Everything a PullReply emits, and anything after its terminal signal.
struct PullRecorder
{
    explicit PullRecorder(PullReply *r) : reply(r)
    {
        QObject::connect(r, &PullReply::progressChanged, r, [this](const PullProgress &p) {
            if (terminals)
                ++late;
            updates.append(p);
        });
        QObject::connect(r, &PullReply::finished, r, [this] {
            ++terminals;
            finished = true;
        });
        QObject::connect(r, &PullReply::failed, r, [this](const ChatError &e) {
            ++terminals;
            error = e;
        });
    }
    bool wait(int ms = 10000)
    {
        QElapsedTimer t;
        t.start();
        while (!terminals && t.elapsed() < ms)
            QTest::qWait(5);
        settle();
        return terminals > 0;
    }
    // Delivers whatever was already queued (so anything said after the end shows up in
    // `late`), without waiting.
    static void settle()
    {
        for (int i = 0; i < 3; ++i) {
            QCoreApplication::sendPostedEvents();
            QCoreApplication::processEvents();
        }
    }
    PullReply *reply;
    QList<PullProgress> updates;
    ChatError error;
    int terminals = 0;
    int late = 0;
    bool finished = false;
};

// Waits for one ModelOpReply; true when it finished.
bool finishes(ModelOpReply *r, ChatError *error = nullptr)
{
    QSignalSpy ok(r, &ModelOpReply::finished);
    QSignalSpy bad(r, &ModelOpReply::failed);
    if (!QTest::qWaitFor([&] { return ok.size() + bad.size() > 0; }, 10000))
        return false;
    if (error && !bad.isEmpty())
        *error = bad.first().first().value<ChatError>();
    return !ok.isEmpty();
}

QStringList names(const QList<InstalledModel> &models)
{
    QStringList out;
    for (const InstalledModel &m : models)
        out.append(m.name);
    return out;
}

} // namespace

class TestOllamaModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pullSeveralLayers()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions o;
        o.pullLayers = {1'000'000, 3'000, 500}; // the weights first, then small files
        o.pullStepBytes = 250'000;
        FakeLlm *llm = FakeLlm::install(server, o);
        QNetworkAccessManager nam;
        OllamaModels models(&nam, provider(server));
        PullRecorder rec(models.pull(QStringLiteral("gemma3:1b")));
        QVERIFY(rec.wait());
        QVERIFY2(rec.finished, qPrintable(rec.error.message));
        QCOMPARE(rec.terminals, 1);
        QCOMPARE(rec.late, 0);

        // What the user watches only moves forward, and ends at the sum of the layers.
        QVERIFY(rec.updates.size() >= 8);
        QCOMPARE(rec.updates.first().status, QStringLiteral("pulling manifest"));
        for (qsizetype i = 1; i < rec.updates.size(); ++i) {
            QVERIFY(rec.updates.at(i).completedBytes >= rec.updates.at(i - 1).completedBytes);
            QVERIFY(rec.updates.at(i).percent >= rec.updates.at(i - 1).percent);
        }
        const PullProgress &last = rec.reply->progress();
        QCOMPARE(last.totalBytes, qint64(1'003'500));
        QCOMPARE(last.completedBytes, qint64(1'003'500));
        QCOMPARE(last.layers, 3);
        QCOMPARE(last.layersDone, 3);
        QCOMPARE(last.percent, 100.0);
        QCOMPARE(last.status, QStringLiteral("success"));
        bool sawVerify = false;
        bool sawHalf = false;
        for (const PullProgress &p : rec.updates) {
            sawVerify = sawVerify || p.status == u"verifying sha256 digest";
            sawHalf = sawHalf || (p.percent > 30 && p.percent < 70 && p.downloading);
        }
        QVERIFY(sawVerify);
        QVERIFY(sawHalf);
        const QJsonObject body = server.lastRequest("/api/pull").json();
        QCOMPARE(body.value(u"model").toString(), QStringLiteral("gemma3:1b"));
        QCOMPARE(body.value(u"stream").toBool(false), true);
        // …and the model is installed now.
        ModelOpReply *list = models.listInstalled();
        QVERIFY(finishes(list));
        QVERIFY(names(list->installed()).contains(QStringLiteral("gemma3:1b")));
        Q_UNUSED(llm);
    }

    void pullErrors_data()
    {
        QTest::addColumn<QByteArray>("ollamaError");
        QTest::addColumn<QString>("says");
        QTest::newRow("disk full")
            << QByteArray("write /usr/share/ollama/.ollama/models/blobs/sha256-4c27-partial: "
                          "no space left on device")
            << QStringLiteral("ran out of disk space");
        QTest::newRow("no network")
            << QByteArray("pull model manifest: Get \"https://registry.ollama.ai/v2/library/"
                          "x/manifests/latest\": dial tcp: lookup registry.ollama.ai: no such "
                          "host")
            << QStringLiteral("could not reach the model registry");
        QTest::newRow("flaky download") << QByteArray("max retries exceeded: unexpected EOF")
                                        << QStringLiteral("pull again to resume");
        QTest::newRow("other") << QByteArray("something odd happened")
                               << QStringLiteral("could not pull \"llama3.2:1b\": something odd");
    }

    void pullErrors()
    {
        QFETCH(QByteArray, ollamaError);
        QFETCH(QString, says);
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions o;
        o.pullFault = FakeLlmFault::ErrorMidStream;
        o.pullFaultAfterLines = 4;
        o.pullErrorMessage = ollamaError;
        FakeLlm::install(server, o);
        QNetworkAccessManager nam;
        OllamaModels models(&nam, provider(server));
        PullRecorder rec(models.pull(QStringLiteral("llama3.2:1b")));
        QVERIFY(rec.wait());
        QVERIFY(!rec.finished);
        QCOMPARE(rec.terminals, 1);
        QCOMPARE(rec.error.kind, ChatError::Kind::Protocol);
        QVERIFY2(rec.error.message.contains(says), qPrintable(rec.error.message));
        QVERIFY(!rec.error.message.contains(u'\n'));
        // It failed mid-way: some progress had been shown.
        QVERIFY(rec.reply->progress().completedBytes > 0);
        QVERIFY(rec.reply->progress().percent < 100);
    }

    void pullUnknownModel()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions o;
        o.registry = {QByteArrayLiteral("llama3.2:3b")};
        FakeLlm::install(server, o);
        QNetworkAccessManager nam;
        OllamaModels models(&nam, provider(server));
        PullRecorder rec(models.pull(QStringLiteral("llama9000")));
        QVERIFY(rec.wait());
        QVERIFY(!rec.finished);
        QVERIFY2(rec.error.message.contains(u"\"llama9000\" is not in the Ollama library"),
                 qPrintable(rec.error.message));
    }

    void pullInvalidNameIsAnHttpError()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        QNetworkAccessManager nam;
        OllamaModels models(&nam, provider(server));
        PullRecorder rec(models.pull(QStringLiteral("two words")));
        QVERIFY(rec.wait());
        QCOMPARE(rec.error.kind, ChatError::Kind::Config);
        QCOMPARE(rec.error.httpStatus, 400);
        QVERIFY2(rec.error.message.contains(u"not a valid model name"),
                 qPrintable(rec.error.message));
    }

    void stalledPullFailsAtTheIdleLimit()
    {
        // Ollama keeps repeating its last progress line while a download hangs: lines
        // arriving is not progress, bytes are.
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions o;
        o.pullFault = FakeLlmFault::Stall;
        o.pullFaultAfterLines = 3;
        FakeLlm::install(server, o);
        QNetworkAccessManager nam;
        ProviderConfig c = provider(server);
        c.timeouts.idleMs = 400;
        Test::ManualClock clock; // the idle limit passes when the test moves this
        OllamaModels models(&nam, c);
        PullRecorder rec(models.pull(QStringLiteral("llama3.2:1b")));
        // The third layer line (0, one step, two steps) is the last progress; then repeats.
        QTRY_VERIFY(!rec.updates.isEmpty() &&
                    rec.updates.constLast().completedBytes == 2 * o.pullStepBytes);
        QNetworkReply *wire = nam.findChild<QNetworkReply *>();
        QVERIFY(wire);
        QSignalSpy arrived(wire, &QIODevice::readyRead);
        clock.advance(399);
        QCOMPARE(rec.terminals, 0); // not before the limit
        QVERIFY(arrived.wait());    // a repeated line, read by the pull first: not progress
        clock.advance(1);
        QVERIFY(rec.wait());
        QCOMPARE(rec.error.kind, ChatError::Kind::Stalled);
        QVERIFY2(rec.error.message.contains(u"made no progress for"),
                 qPrintable(rec.error.message));
        QVERIFY(rec.error.message.contains(u"idle limit"));
        QVERIFY(rec.error.message.contains(u"pull again to resume"));
        QTRY_COMPARE(server.interruptedCount("/api/pull"), 1); // we hung up
    }

    void cancelClosesTheSocketAndPullingAgainResumes()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions o;
        o.pullLayers = {2'000'000, 1'000};
        o.pullStepBytes = 100'000;
        o.pullDelayMs = 20;
        FakeLlm *llm = FakeLlm::install(server, o);
        QNetworkAccessManager nam;
        OllamaModels models(&nam, provider(server));
        PullReply *first = models.pull(QStringLiteral("llama3.2:1b"));
        PullRecorder rec(first);
        QVERIFY(
            QTest::qWaitFor([&] { return first->progress().completedBytes >= 500'000; }, 10000));
        first->cancel();
        QCOMPARE(rec.terminals, 1);
        QCOMPARE(rec.error.kind, ChatError::Kind::Cancelled);
        QVERIFY(rec.error.message.contains(u"pull again to resume"));
        QTRY_COMPARE(server.interruptedCount("/api/pull"), 1);
        PullRecorder::settle();
        QCOMPARE(rec.late, 0);
        const qint64 had = first->progress().completedBytes;

        // Pulling again starts from what the server kept, not from zero.
        llm->options().pullDelayMs = 1;
        PullRecorder again(models.pull(QStringLiteral("llama3.2:1b")));
        QVERIFY(again.wait());
        QVERIFY2(again.finished, qPrintable(again.error.message));
        qint64 firstBytes = -1;
        for (const PullProgress &p : again.updates) {
            if (p.downloading) {
                firstBytes = p.completedBytes;
                break;
            }
        }
        QVERIFY2(firstBytes >= had - 100'000, qPrintable(QString::number(firstBytes)));
        QCOMPARE(again.reply->progress().completedBytes, qint64(2'001'000));
    }

    void destroyingARunningPullClosesItQuietly()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions o;
        o.pullDelayMs = 30;
        FakeLlm::install(server, o);
        QNetworkAccessManager nam;
        OllamaModels models(&nam, provider(server));
        PullReply *reply = models.pull(QStringLiteral("llama3.2:1b"));
        QSignalSpy failed(reply, &PullReply::failed);
        QTRY_VERIFY(reply->progress().completedBytes > 0);
        delete reply;
        QTRY_COMPARE(server.interruptedCount("/api/pull"), 1);
        QCOMPARE(failed.size(), 0);
    }

    void connectionRefused()
    {
        TestServer server;
        QVERIFY(server.listen());
        ProviderConfig c = provider(server);
        server.closeAll();
        c.baseUrl = QStringLiteral("http://127.0.0.1:1");
        QNetworkAccessManager nam;
        OllamaModels models(&nam, c);
        PullRecorder rec(models.pull(QStringLiteral("llama3.2:1b")));
        QVERIFY(rec.wait());
        QCOMPARE(rec.error.kind, ChatError::Kind::Connection);
        QVERIFY2(rec.error.message.contains(u"connection refused"), qPrintable(rec.error.message));
    }

    void deleteLoadUnload()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm *llm = FakeLlm::install(server);
        QNetworkAccessManager nam;
        OllamaModels models(&nam, provider(server));

        ModelOpReply *load = models.load(QStringLiteral("qwen3:4b"), QStringLiteral("-1"));
        QVERIFY(finishes(load));
        QVERIFY(llm->isLoaded("qwen3:4b"));
        QJsonObject body = server.lastRequest("/api/chat").json();
        QVERIFY(body.value(u"messages").toArray().isEmpty());
        QCOMPARE(body.value(u"keep_alive").toString(), QStringLiteral("-1"));

        ModelOpReply *ps = models.listRunning();
        QVERIFY(finishes(ps));
        QCOMPARE(ps->running().size(), 1);
        QVERIFY(ps->running().first().staysLoaded()); // keep_alive -1

        ModelOpReply *unload = models.unload(QStringLiteral("qwen3:4b"));
        QVERIFY(finishes(unload));
        QVERIFY(!llm->isLoaded("qwen3:4b"));
        body = server.lastRequest("/api/chat").json();
        QCOMPARE(body.value(u"keep_alive").toInt(-1), 0);

        ModelOpReply *del = models.remove(QStringLiteral("qwen3:4b"));
        QVERIFY(finishes(del));
        QCOMPARE(server.lastRequest("/api/delete").method, QByteArray("DELETE"));
        ModelOpReply *list = models.listInstalled();
        QVERIFY(finishes(list));
        QCOMPARE(names(list->installed()), QStringList{QStringLiteral("llama3.2:3b")});

        ChatError error;
        QVERIFY(!finishes(models.remove(QStringLiteral("qwen3:4b")), &error));
        QCOMPARE(error.httpStatus, 404);
        QVERIFY2(error.message.contains(u"\"qwen3:4b\" is not installed"),
                 qPrintable(error.message));
    }

    void psAndShow()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions o;
        o.thinking = QByteArrayLiteral("Let me think.");
        o.models = {QByteArrayLiteral("llama3.2:3b"), QByteArrayLiteral("llava:7b")};
        FakeLlm::install(server, o);
        QNetworkAccessManager nam;
        OllamaModels models(&nam, provider(server));
        QVERIFY(finishes(models.load(QStringLiteral("llama3.2:3b"))));

        ModelOpReply *ps = models.listRunning();
        QVERIFY(finishes(ps));
        QCOMPARE(ps->running().size(), 1);
        const RunningModel &r = ps->running().first();
        QCOMPARE(r.name, QStringLiteral("llama3.2:3b"));
        QCOMPARE(r.sizeBytes, qint64(3291108352));
        QCOMPARE(r.gpuPercent(), 100);
        QCOMPARE(r.contextLength, 4096);
        const qint64 left = QDateTime::currentDateTimeUtc().secsTo(r.expiresAt);
        QVERIFY2(left > 240 && left <= 300, qPrintable(QString::number(left)));
        QVERIFY(!r.staysLoaded());

        ModelOpReply *show = models.show(QStringLiteral("llava:7b"));
        QVERIFY(finishes(show));
        const ModelDetails &d = show->details();
        QCOMPARE(d.contextLength, 131072);
        QCOMPARE(d.architecture, QStringLiteral("llama"));
        QVERIFY(d.hasCapability(u"vision"));
        QVERIFY(d.hasCapability(u"thinking"));
        QVERIFY(d.hasCapability(u"tools"));
        QCOMPARE(d.license, QStringLiteral("test license"));
        QCOMPARE(d.templateText, QStringLiteral("{{ .Prompt }}"));
        QVERIFY(d.parameters.contains(u"<|eot_id|>"));

        ChatError error;
        QVERIFY(!finishes(models.show(QStringLiteral("nope:1b")), &error));
        QVERIFY(error.message.contains(u"\"nope:1b\" is not installed"));
    }

    void capabilitiesForThePicker()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions o;
        o.models = {QByteArrayLiteral("llama3.2:3b"), QByteArrayLiteral("llava:7b")};
        FakeLlm::install(server, o);
        ChatClient client;
        OllamaModels models(&client, provider(server));
        QVERIFY(finishes(models.load(QStringLiteral("llama3.2:3b"))));

        QObject context;
        QHash<QString, ModelCapabilities> got;
        int calls = 0;
        fetchModelCapabilities(
            &client, provider(server),
            {QStringLiteral("llama3.2:3b"), QStringLiteral("llava:7b"), QStringLiteral("gone:1b")},
            &context, [&](const QHash<QString, ModelCapabilities> &caps) {
                got = caps;
                ++calls;
            });
        QTRY_COMPARE(calls, 1);
        PullRecorder::settle();
        QCOMPARE(calls, 1);
        QCOMPARE(got.size(), 3);
        QVERIFY(got.value(QStringLiteral("llava:7b")).known);
        QVERIFY(got.value(QStringLiteral("llava:7b")).vision);
        QVERIFY(!got.value(QStringLiteral("llava:7b")).loaded);
        QVERIFY(!got.value(QStringLiteral("llama3.2:3b")).vision);
        QVERIFY(got.value(QStringLiteral("llama3.2:3b")).loaded);
        QVERIFY(got.value(QStringLiteral("llama3.2:3b")).tools);
        QVERIFY(!got.value(QStringLiteral("gone:1b")).known);
    }
};

QTEST_GUILESS_MAIN(TestOllamaModels)
#include "tst_ollamamodels.moc"
