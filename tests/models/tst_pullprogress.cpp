// The arithmetic and the words of model management, without sockets: pull progress from
// Ollama's lines (with a clock the test controls), error sentences, parsers, and what the
// terminal shows.
#include "cli/modelcommands.h"
#include "core/models/modeltypes.h"
#include "core/models/pullprogress.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Sluice;

namespace {

QJsonObject line(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

QJsonObject layer(const char *digest, qint64 total, qint64 completed)
{
    QJsonObject o{
        {QStringLiteral("status"), QStringLiteral("pulling %1").arg(QLatin1String(digest))},
        {QStringLiteral("digest"), QStringLiteral("sha256:%1").arg(QLatin1String(digest))},
        {QStringLiteral("total"), total}};
    if (completed) // Go's omitempty
        o.insert(QStringLiteral("completed"), completed);
    return o;
}

} // namespace

class TestPullProgress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void speedAndTimeLeft()
    {
        PullProgressTracker t;
        QCOMPARE(t.feed(line(R"({"status":"pulling manifest"})"), 0),
                 PullProgressTracker::Line::Progress);
        QCOMPARE(t.progress().percent, -1.0);
        t.feed(layer("aaa", 100'000'000, 0), 100);
        // 10 MB a second for two seconds.
        t.feed(layer("aaa", 100'000'000, 10'000'000), 1100);
        t.feed(layer("aaa", 100'000'000, 20'000'000), 2100);
        const PullProgress &p = t.progress();
        QCOMPARE(p.completedBytes, qint64(20'000'000));
        QCOMPARE(p.percent, 20.0);
        QVERIFY2(qAbs(p.bytesPerSecond - 10e6) < 1e5,
                 qPrintable(QString::number(p.bytesPerSecond)));
        QVERIFY2(qAbs(p.etaMs - 8000) < 100, qPrintable(QString::number(p.etaMs)));
        QVERIFY(p.downloading);
        QCOMPARE(formatPullLine(p), QStringLiteral("20 MB / 100 MB  20%  10 MB/s  8 s left"));
    }

    void repeatedLinesAreNoProgress()
    {
        PullProgressTracker t;
        bool changed = false;
        t.feed(layer("aaa", 1000, 500), 0, &changed);
        QVERIFY(changed);
        t.feed(layer("aaa", 1000, 500), 60, &changed);
        QVERIFY(!changed); // Ollama's ticker repeats the same numbers while a download hangs
        t.feed(layer("aaa", 1000, 501), 120, &changed);
        QVERIFY(changed);
        t.feed(line(R"({"status":"verifying sha256 digest"})"), 130, &changed);
        QVERIFY(changed);
        QVERIFY(!t.progress().downloading);
    }

    void resumedAndCachedBytesDoNotCountAsSpeed()
    {
        PullProgressTracker t;
        t.feed(layer("big", 10'000'000, 6'000'000), 0); // 6 MB were on disk already
        t.feed(layer("big", 10'000'000, 7'000'000), 1000);
        QCOMPARE(t.progress().percent, 70.0);
        QVERIFY2(qAbs(t.progress().bytesPerSecond - 1e6) < 1e4,
                 qPrintable(QString::number(t.progress().bytesPerSecond)));
    }

    void percentNeverGoesBackWhenALayerAppears()
    {
        PullProgressTracker t;
        t.feed(layer("big", 1000, 1000), 0);
        QCOMPARE(t.progress().percent, 100.0);
        t.feed(layer("small", 10, 0), 10);
        QCOMPARE(t.progress().totalBytes, qint64(1010));
        QCOMPARE(t.progress().percent, 100.0);
        QCOMPARE(t.progress().layers, 2);
        QCOMPARE(t.progress().layersDone, 1);
        QCOMPARE(t.feed(line(R"({"status":"success"})"), 20), PullProgressTracker::Line::Success);
    }

    void errorLine()
    {
        PullProgressTracker t;
        QCOMPARE(t.feed(line(R"({"error":"pull model manifest: file does not exist"})"), 0),
                 PullProgressTracker::Line::Error);
        QCOMPARE(t.errorText(), QStringLiteral("pull model manifest: file does not exist"));
    }

    void errorSentences_data()
    {
        QTest::addColumn<QString>("ollama");
        QTest::addColumn<QString>("starts");
        QTest::newRow("unknown") << QStringLiteral("pull model manifest: file does not exist")
                                 << QStringLiteral("\"m:1b\" is not in the Ollama library");
        QTest::newRow("disk") << QStringLiteral("write /x-partial: no space left on device")
                              << QStringLiteral("the Ollama server ran out of disk space");
        QTest::newRow("dns") << QStringLiteral("pull model manifest: Get \"https://registry."
                                               "ollama.ai/v2/library/m/manifests/1b\": dial tcp: "
                                               "lookup registry.ollama.ai: i/o timeout")
                             << QStringLiteral("the Ollama server could not reach the model "
                                               "registry");
        QTest::newRow("retries") << QStringLiteral("max retries exceeded: unexpected EOF")
                                 << QStringLiteral("the download of \"m:1b\" kept failing");
    }

    void errorSentences()
    {
        QFETCH(QString, ollama);
        QFETCH(QString, starts);
        const ChatError e = pullError(ollama, QStringLiteral("m:1b"));
        QVERIFY2(e.message.startsWith(starts), qPrintable(e.message));
        QVERIFY(e.message.contains(u"(Ollama: "));
    }

    void parsers()
    {
        QList<InstalledModel> installed;
        QString error;
        QVERIFY(parseInstalledModels(R"({"models":null})", &installed, &error));
        QVERIFY(installed.isEmpty());
        QVERIFY(parseInstalledModels(
            R"({"models":[{"name":"qwen3:4b","size":2497293931,"modified_at":"2025-09-30T10:15:42.123456789+02:00","details":{"family":"qwen3","parameter_size":"4.0B","quantization_level":"Q4_K_M"}}]})",
            &installed, &error));
        QCOMPARE(installed.size(), 1);
        QCOMPARE(installed.first().parameterSize, QStringLiteral("4.0B"));
        QCOMPARE(installed.first().modified.toUTC(),
                 QDateTime(QDate(2025, 9, 30), QTime(8, 15, 42, 123), Qt::UTC));
        QVERIFY(!parseInstalledModels("<html>", &installed, &error));
        QVERIFY(error.contains(u"not JSON"));

        QList<RunningModel> running;
        QVERIFY(parseRunningModels(
            R"({"models":[{"name":"big:70b","size":40000000000,"size_vram":10000000000,"expires_at":"2318-01-01T00:00:00Z","context_length":8192}]})",
            &running, &error));
        QCOMPARE(running.first().gpuPercent(), 25);
        QVERIFY(running.first().staysLoaded());

        ModelDetails d;
        QVERIFY(parseModelDetails(
            R"({"model_info":{"general.architecture":"gemma3","gemma3.context_length":32768},"capabilities":["completion","vision"]})",
            QStringLiteral("gemma3"), &d, &error));
        QCOMPARE(d.contextLength, 32768);
        QVERIFY(d.hasCapability(u"vision"));
        QVERIFY(!d.hasCapability(u"tools"));
    }

    void names()
    {
        QVERIFY(sameModel(QStringLiteral("llama3.2"), QStringLiteral("llama3.2:latest")));
        QVERIFY(!sameModel(QStringLiteral("llama3.2"), QStringLiteral("llama3.2:3b")));
        QCOMPARE(canonicalModelName(QStringLiteral("host:5000/me/m")),
                 QStringLiteral("host:5000/me/m:latest"));
        QCOMPARE(formatBytes(2019393189), QStringLiteral("2.0 GB"));
        QCOMPARE(formatBytes(512'000'000), QStringLiteral("512 MB"));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QCOMPARE(formatTimeUntil(now.addSecs(300), now), QStringLiteral("in 5 min"));
        QCOMPARE(formatTimeUntil(now.addSecs(-1), now), QString());
    }

    void terminalBar()
    {
        PullProgress p;
        p.status = QStringLiteral("pulling 6a0746a1ec1a");
        p.downloading = true;
        p.totalBytes = 2'000'000'000;
        p.completedBytes = 1'000'000'000;
        p.percent = 50;
        p.bytesPerSecond = 20'000'000;
        p.etaMs = 50'000;
        const QString bar = Cli::renderPullBar(p, 100);
        QVERIFY2(bar.size() <= 100, qPrintable(bar));
        QVERIFY2(bar.startsWith(u"pulling 6a0746a1ec1a  [#"), qPrintable(bar));
        QVERIFY(bar.contains(u"1.0 GB / 2.0 GB  50%  20 MB/s  50 s left"));
        const qsizetype open = bar.indexOf(u'[');
        const QString inside = bar.mid(open + 1, bar.indexOf(u']') - open - 1);
        QCOMPARE(inside.count(u'#'), inside.size() / 2);
        // Too narrow for a bar: still the numbers, cut to the width.
        QVERIFY(Cli::renderPullBar(p, 40).size() <= 40);
        QVERIFY(!Cli::renderPullBar(p, 40).contains(u'['));
    }

    void logThrottle()
    {
        Cli::PullLogThrottle throttle(5);
        PullProgress p;
        p.status = QStringLiteral("pulling manifest");
        QVERIFY(throttle.shouldPrint(p));
        QVERIFY(!throttle.shouldPrint(p));
        p.status = QStringLiteral("pulling aaa");
        p.downloading = true;
        int printed = 0;
        for (int per = 0; per <= 1000; ++per) { // 1001 updates, 0.1 % apart
            p.percent = per / 10.0;
            printed += throttle.shouldPrint(p) ? 1 : 0;
        }
        QCOMPARE(printed, 21); // 0, 5, …, 100
        p.downloading = false;
        p.status = QStringLiteral("verifying sha256 digest");
        QVERIFY(throttle.shouldPrint(p));
    }
};

QTEST_GUILESS_MAIN(TestPullProgress)
#include "tst_pullprogress.moc"
