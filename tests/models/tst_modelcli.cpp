// `sluice pull|ps|rm` as a user runs them: the real binary against the loopback server,
// with the stdout, stderr and exit code a person or a script sees.
#include "fakellm.h"
#include "sluicerun.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#ifdef Q_OS_UNIX
#include <csignal>
#endif

using namespace Sluice::Test;

namespace {

using Run = SluiceRun;

QStringList cmd(const TestServer &s, const QString &command, const QStringList &rest = {})
{
    return QStringList{command, QStringLiteral("--base-url"), s.url().toString(),
                       QStringLiteral("--type"), QStringLiteral("ollama")} +
           rest;
}

} // namespace

class TestModelCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pullPrintsPlainLinesWhenNotATerminal()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions o;
        o.pullLayers = {10'000'000, 2'000, 300};
        o.pullStepBytes = 100'000; // 100 progress lines of 1 %
        o.pullDelayMs = 1;
        FakeLlm::install(server, o);
        const Run r = sluice(cmd(server, QStringLiteral("pull"), {QStringLiteral("gemma3:1b")}));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
        QVERIFY(!r.out.contains(u'\r')); // no terminal control in a log
        QVERIFY(!r.out.contains(u'\033'));
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.first(), QStringLiteral("pulling manifest"));
        QCOMPARE(lines.last(), QStringLiteral("pulled gemma3:1b (10 MB)"));
        // At most a line every few percent: ~20 progress lines, not 100.
        QVERIFY2(lines.size() >= 15 && lines.size() <= 30, qPrintable(r.out));
        QVERIFY(r.out.contains(u"verifying sha256 digest"));
        QVERIFY(r.out.contains(QRegularExpression(QStringLiteral("5 MB / 10 MB  5\\d%"))));
        // The percentages printed only go up.
        int last = -1;
        const QRegularExpression percent(QStringLiteral("  (\\d+)%"));
        for (const QString &line : lines) {
            const auto m = percent.match(line);
            if (!m.hasMatch())
                continue;
            QVERIFY2(m.captured(1).toInt() >= last, qPrintable(line));
            last = m.captured(1).toInt();
        }
        QCOMPARE(last, 100);
        // It is installed now.
        const Run list =
            sluice({QStringLiteral("models"), QStringLiteral("--base-url"), server.url().toString(),
                    QStringLiteral("--type"), QStringLiteral("ollama")});
        QVERIFY(list.out.contains(u"gemma3:1b"));
    }

    void pullErrorExitCodes()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions o;
        o.registry = {QByteArrayLiteral("llama3.2:3b")};
        FakeLlm *llm = FakeLlm::install(server, o);
        Run r = sluice(cmd(server, QStringLiteral("pull"), {QStringLiteral("nosuchmodel")}));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith(u"sluice: \"nosuchmodel\" is not in the Ollama library"),
                 qPrintable(r.err));
        QCOMPARE(r.err.count(u'\n'), 1);

        llm->options().registry.clear();
        llm->options().pullFault = FakeLlmFault::ErrorMidStream;
        r = sluice(cmd(server, QStringLiteral("pull"), {QStringLiteral("llama3.2:3b")}));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"ran out of disk space"), qPrintable(r.err));

        llm->options().pullFault = FakeLlmFault::Stall;
        r = sluice(cmd(server, QStringLiteral("pull"),
                       {QStringLiteral("llama3.2:3b"), QStringLiteral("--idle-timeout"),
                        QStringLiteral("0.4")}));
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.startsWith(u"sluice: stalled: the pull of \"llama3.2:3b\" made no "
                                  u"progress for"),
                 qPrintable(r.err));

        r = sluice(cmd(server, QStringLiteral("pull")));
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(u"exactly one MODEL"));
    }

    void pullConnectionRefused()
    {
        const Run r = sluice({QStringLiteral("pull"), QStringLiteral("--base-url"),
                              QStringLiteral("http://127.0.0.1:1"), QStringLiteral("--type"),
                              QStringLiteral("ollama"), QStringLiteral("llama3.2:3b")});
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains(u"connection refused"), qPrintable(r.err));
    }

    void ctrlCCancelsAPull()
    {
#ifndef Q_OS_UNIX
        QSKIP("sends SIGINT");
#else
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions o;
        o.pullDelayMs = 50;
        FakeLlm::install(server, o);
        QProcess p;
        p.start(QStringLiteral(SLUICE_BIN),
                cmd(server, QStringLiteral("pull"), {QStringLiteral("llama3.2:3b")}));
        QVERIFY(p.waitForStarted());
        QByteArray out;
        QElapsedTimer t;
        t.start();
        while (!out.contains("MB /") && t.elapsed() < 5000) {
            QTest::qWait(10);
            out += p.readAllStandardOutput();
        }
        QVERIFY2(out.contains("MB /"), out.constData()); // progress arrived as it happened
        ::kill(pid_t(p.processId()), SIGINT);
        QTRY_COMPARE_WITH_TIMEOUT(p.state(), QProcess::NotRunning, 5000);
        QCOMPARE(p.exitCode(), 130);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.startsWith("sluice: interrupted; cancelled the pull of \"llama3.2:3b\" at "),
                 err.constData());
        QVERIFY(err.contains("pull again to resume"));
        QTRY_COMPARE(server.interruptedCount("/api/pull"), 1);
#endif
    }

    void ps()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm *llm = FakeLlm::install(server);
        Run r = sluice(cmd(server, QStringLiteral("ps")));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("no models are loaded\n"));

        // A chat loads the model, as it does in Ollama.
        r = sluice(
            cmd(server, QStringLiteral("run"),
                {QStringLiteral("--model"), QStringLiteral("qwen3:4b"), QStringLiteral("Hi")}));
        QCOMPARE(r.exitCode, 0);
        QVERIFY(llm->isLoaded("qwen3:4b"));
        r = sluice(cmd(server, QStringLiteral("ps")));
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines.at(0).startsWith(u"NAME"));
        QVERIFY(lines.at(0).contains(u"PROCESSOR"));
        QVERIFY2(lines.at(1).contains(QRegularExpression(
                     QStringLiteral("^qwen3:4b +3\\.3 GB +100% GPU +4096 +in [45] min$"))),
                 qPrintable(lines.at(1)));
    }

    void rm()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        Run r = sluice(cmd(server, QStringLiteral("rm"), {QStringLiteral("qwen3:4b")}));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("deleted qwen3:4b\n"));
        QCOMPARE(server.lastRequest("/api/delete").method, QByteArray("DELETE"));

        r = sluice(cmd(server, QStringLiteral("rm"), {QStringLiteral("qwen3:4b")}));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(
            r.err.startsWith(u"sluice: model \"qwen3:4b\" is not installed on http://127.0.0.1:"),
            qPrintable(r.err));

        r = sluice(cmd(server, QStringLiteral("rm")));
        QCOMPARE(r.exitCode, 2);
    }

    void helpListsTheCommands()
    {
        const Run r = sluice({QStringLiteral("--help")});
        QVERIFY(r.out.contains(u"  pull "));
        QVERIFY(r.out.contains(u"  ps "));
        QVERIFY(r.out.contains(u"  rm "));
        const Run p = sluice({QStringLiteral("pull"), QStringLiteral("--help")});
        QCOMPARE(p.exitCode, 0);
        QVERIFY(p.out.contains(u"--base-url"));
    }
};

QTEST_GUILESS_MAIN(TestModelCli)
#include "tst_modelcli.moc"
