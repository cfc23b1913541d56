// `sluice run` as a user runs it: a real process, real sockets, and the stdout, stderr and
// exit code a user (or a script) would see. (`models`, `doctor`, `config`: tst_clisetup.)
#include "clitest.h"
#include "fakellm.h"
#include "core/storage/conversationstore.h"
#include "core/storage/datalocation.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTcpServer>
#include <QTest>

#ifdef Q_OS_UNIX
#include <csignal>
#endif

using namespace Sluice::Test;

namespace {

QByteArray contentType(const QString &type)
{
    return type == u"ollama" ? "application/x-ndjson" : "text/event-stream";
}

QByteArray chatPath(const QString &type)
{
    return type == u"ollama"   ? "/api/chat"
           : type == u"openai" ? "/v1/chat/completions"
                               : "/v1/messages";
}

QByteArray token(const QString &type, const QByteArray &text)
{
    if (type == u"ollama")
        return R"({"model":"m","message":{"role":"assistant","content":")" + text +
               R"("},"done":false})" "\n";
    if (type == u"openai")
        return R"(data: {"choices":[{"index":0,"delta":{"content":")" + text + R"("}}]})" "\n\n";
    return "event: content_block_delta\ndata: "
           R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":")" +
           text + R"("}})" "\n\n";
}

QByteArray doneMarker(const QString &type)
{
    if (type == u"ollama")
        return R"({"model":"m","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop"})" "\n";
    if (type == u"openai")
        return "data: [DONE]\n\n";
    return "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void types_data()
    {
        QTest::addColumn<QString>("type");
        QTest::newRow("ollama") << QStringLiteral("ollama");
        QTest::newRow("openai") << QStringLiteral("openai");
        QTest::newRow("anthropic") << QStringLiteral("anthropic");
    }

    void versionAndHelp()
    {
        const Run v = sluice({QStringLiteral("--version")});
        QCOMPARE(v.exitCode, 0);
        QVERIFY(v.out.startsWith(u"sluice 0."));
        const Run h = sluice({QStringLiteral("--help")});
        QCOMPARE(h.exitCode, 0);
        QVERIFY(h.out.contains(u"run"));
        QVERIFY(h.out.contains(u"doctor"));
        const Run rh = sluice({QStringLiteral("run"), QStringLiteral("--help")});
        QCOMPARE(rh.exitCode, 0);
        QVERIFY(rh.out.contains(u"--first-token-timeout"));
    }

    // The start-up benchmark's probe: the real window opens, paints once and quits by itself.
    void windowQuitsAfterFirstPaint()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("xdg")));
        const Run r = sluice({QStringLiteral("--config"), dir.filePath(QStringLiteral("s.json")),
                              QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("data")),
                              QStringLiteral("--quit-after-first-paint")},
                             {}, env);
        QCOMPARE(r.exitCode, 0);
        const qsizetype at = r.err.indexOf(u"first_paint_ms=");
        QVERIFY2(at >= 0, qPrintable(r.err));
        bool ok = false;
        const double ms = r.err.mid(at + 15).section(u'\n', 0, 0).toDouble(&ok);
        QVERIFY(ok && ms > 0);
    }

    void streamsExactText_data() { types_data(); }
    void streamsExactText()
    {
        QFETCH(QString, type);
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions opt;
        opt.splitInsideUtf8 = true;
        FakeLlm::install(server, opt);
        const Run r = sluice(base(server, type) << QStringLiteral("Hello, how are you?"));
        QCOMPARE(r.err, QString());
        QCOMPARE(r.exitCode, 0);
        const QString expected = reply().endsWith(u'\n') ? reply() : reply() + u'\n';
        QCOMPARE(r.out, expected);
        const QJsonArray msgs = server.lastRequest(chatPath(type)).json().value(u"messages").toArray();
        QCOMPARE(msgs.last().toObject().value(u"content").toString(),
                 QStringLiteral("Hello, how are you?"));
    }

    void nonStreaming_data() { types_data(); }
    void nonStreaming()
    {
        QFETCH(QString, type);
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        const Run r = sluice(base(server, type) << QStringLiteral("--no-stream") << QStringLiteral("Hi"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(reply()));
        QCOMPARE(server.lastRequest(chatPath(type)).json().value(u"stream").toBool(true), false);
    }

    void jsonEvents()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions opt;
        opt.thinking = "Pondering.";
        FakeLlm::install(server, opt);
        const Run r = sluice(base(server, QStringLiteral("ollama")) << QStringLiteral("--json")
                                                                   << QStringLiteral("Hi"));
        QCOMPARE(r.exitCode, 0);
        QString text, thinking;
        QJsonObject last;
        const auto lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        for (const QString &line : lines) {
            const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
            QVERIFY2(!o.isEmpty(), qPrintable(line));
            if (o.value(u"type").toString() == u"delta")
                text += o.value(u"content").toString();
            else if (o.value(u"type").toString() == u"thinking")
                thinking += o.value(u"content").toString();
            last = o;
        }
        QCOMPARE(text, reply());
        QCOMPARE(thinking, QStringLiteral("Pondering."));
        QCOMPARE(last.value(u"type").toString(), QStringLiteral("done"));
        QCOMPARE(last.value(u"finish_reason").toString(), QStringLiteral("stop"));
        QVERIFY(last.value(u"stats").toObject().value(u"output_tokens").toInt() > 0);
    }

    void promptFromStdinAndSystem()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        const Run r = sluice(base(server, QStringLiteral("ollama"))
                                 << QStringLiteral("--system") << QStringLiteral("Be brief."),
                             "Prompt from a pipe\n");
        QCOMPARE(r.exitCode, 0);
        const QJsonArray msgs = server.lastRequest("/api/chat").json().value(u"messages").toArray();
        QCOMPARE(msgs.size(), 2);
        QCOMPARE(msgs.at(0).toObject().value(u"role").toString(), QStringLiteral("system"));
        QCOMPARE(msgs.at(0).toObject().value(u"content").toString(), QStringLiteral("Be brief."));
        QCOMPARE(msgs.at(1).toObject().value(u"content").toString(),
                 QStringLiteral("Prompt from a pipe\n"));
    }

    void detectsTypeWithoutFlag()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        const Run r = sluice({QStringLiteral("run"), QStringLiteral("--base-url"),
                              QStringLiteral("127.0.0.1:%1").arg(server.port()),
                              QStringLiteral("--model"), QStringLiteral("llama3.2:3b"),
                              QStringLiteral("Hi")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(server.requestCount("/api/version"), 1);
        QCOMPARE(server.requestCount("/api/chat"), 1);
    }

    void modelNotFound()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        QStringList args = base(server, QStringLiteral("ollama"));
        args[6] = QStringLiteral("llama3.2:3b-nope");
        const Run r = sluice(args << QStringLiteral("Hi"));
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.out, QString());
        QCOMPARE(r.err, QStringLiteral("sluice: model \"llama3.2:3b-nope\" not found at %1 (HTTP "
                                       "404); try: ollama pull llama3.2:3b-nope\n")
                            .arg(server.url().toString()));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("chat")}
                                         << QStringLiteral("unknown command");
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("run"), QStringLiteral("--frobnicate"), QStringLiteral("x")}
            << QStringLiteral("frobnicate");
        QTest::newRow("bad type")
            << QStringList{QStringLiteral("run"), QStringLiteral("--type"), QStringLiteral("gemini"),
                           QStringLiteral("x")}
            << QStringLiteral("unknown --type \"gemini\"");
        QTest::newRow("bad timeout")
            << QStringList{QStringLiteral("run"), QStringLiteral("--idle-timeout"),
                           QStringLiteral("soon"), QStringLiteral("--model"), QStringLiteral("m"),
                           QStringLiteral("x")}
            << QStringLiteral("--idle-timeout takes a number of seconds");
        QTest::newRow("bad url")
            << QStringList{QStringLiteral("run"), QStringLiteral("--base-url"),
                           QStringLiteral("ftp://host"), QStringLiteral("--model"),
                           QStringLiteral("m"), QStringLiteral("x")}
            << QStringLiteral("only http and https");
        QTest::newRow("missing key variable")
            << QStringList{QStringLiteral("run"), QStringLiteral("--api-key-env"),
                           QStringLiteral("SLUICE_TEST_NO_SUCH_VAR"), QStringLiteral("x")}
            << QStringLiteral("SLUICE_TEST_NO_SUCH_VAR");
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const Run r = sluice(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith(u"sluice: ") && r.err.contains(expected), qPrintable(r.err));
        QCOMPARE(r.err.count(u'\n'), 1); // one line
    }

    void noPrompt()
    {
        const Run r = sluice({QStringLiteral("run"), QStringLiteral("--model"), QStringLiteral("m")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(u"no prompt"));
    }

    void noModelListsAvailable()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        const Run r = sluice({QStringLiteral("run"), QStringLiteral("--base-url"),
                              server.url().toString(), QStringLiteral("Hi")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(u"no model chosen") && r.err.contains(u"llama3.2:3b"),
                 qPrintable(r.err));
    }

    // The fault matrix through the command line.
    void faults_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("fault");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("stdoutText");
        QTest::addColumn<QString>("stderrStart");
        for (const char *t : {"ollama", "openai", "anthropic"}) {
            const QString type = QString::fromLatin1(t);
            QTest::addRow("%s stall before headers", t)
                << type << QStringLiteral("stall-before") << 3 << QString()
                << QStringLiteral("sluice: stalled: no response from 127.0.0.1:");
            QTest::addRow("%s stall mid-stream", t)
                << type << QStringLiteral("stall-mid") << 3 << QStringLiteral("one two \n")
                << QStringLiteral("sluice: stalled: no data for 0.4 s after 2 tokens (idle limit); "
                                  "partial reply kept\n");
            QTest::addRow("%s dropped mid-line", t)
                << type << QStringLiteral("drop") << 1 << QStringLiteral("one two \n")
                << QStringLiteral("sluice: the connection closed before the reply was complete");
            QTest::addRow("%s end without marker", t)
                << type << QStringLiteral("no-marker") << 1 << QStringLiteral("one two \n")
                << QStringLiteral("sluice: the stream ended without");
            QTest::addRow("%s marker then held open", t)
                << type << QStringLiteral("hold-after") << 0 << QStringLiteral("one two \n")
                << QString();
        }
    }
    void faults()
    {
        QFETCH(QString, type);
        QFETCH(QString, fault);
        QFETCH(int, exitCode);
        QFETCH(QString, stdoutText);
        QFETCH(QString, stderrStart);
        TestServer server;
        QVERIFY(server.listen());
        Response &r = server.on("POST", chatPath(type));
        const QByteArray twoTokens = token(type, "one ") + token(type, "two ");
        if (fault == u"stall-before")
            r.stallBeforeHeaders();
        else if (fault == u"stall-mid")
            r.contentType(contentType(type)).write(twoTokens).hold();
        else if (fault == u"drop")
            r.contentType(contentType(type)).write(twoTokens).delay(20).write(token(type, "thr").left(12)).drop();
        else if (fault == u"no-marker")
            r.contentType(contentType(type)).write(twoTokens).end();
        else
            r.contentType(contentType(type)).write(twoTokens + doneMarker(type)).hold();
        // A run that hangs is killed after 30 s and has no exit code, so the comparison below
        // fails; the limit it stopped at is in the stall message.
        const Run run = sluice(base(server, type)
                               << QStringLiteral("--first-token-timeout") << QStringLiteral("0.4")
                               << QStringLiteral("--idle-timeout") << QStringLiteral("0.4")
                               << QStringLiteral("Hi"));
        QCOMPARE(run.exitCode, exitCode);
        QCOMPARE(run.out, stdoutText);
        if (stderrStart.isEmpty())
            QCOMPARE(run.err, QString());
        else
            QVERIFY2(run.err.startsWith(stderrStart), qPrintable(run.err));
        QVERIFY2(run.err.count(u'\n') == (stderrStart.isEmpty() ? 0 : 1), qPrintable(run.err));
    }

    void connectionRefused()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
        }
        const Run r = sluice({QStringLiteral("run"), QStringLiteral("--base-url"),
                              QStringLiteral("http://127.0.0.1:%1").arg(port), QStringLiteral("--type"),
                              QStringLiteral("ollama"), QStringLiteral("--model"), QStringLiteral("m"),
                              QStringLiteral("--retries"), QStringLiteral("0"), QStringLiteral("Hi")});
        QCOMPARE(r.exitCode, 4);
        QCOMPARE(r.err, QStringLiteral("sluice: could not connect to 127.0.0.1:%1: connection "
                                       "refused; Ollama does not seem to be running (start it "
                                       "with: ollama serve)\n")
                            .arg(port));
    }

    void connectLimit()
    {
        QTcpServer silent; // accepts, never speaks: TLS never completes
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        const Run r = sluice({QStringLiteral("run"), QStringLiteral("--base-url"),
                              QStringLiteral("https://127.0.0.1:%1/v1").arg(silent.serverPort()),
                              QStringLiteral("--model"), QStringLiteral("m"),
                              QStringLiteral("--connect-timeout"), QStringLiteral("0.3"),
                              QStringLiteral("Hi")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.startsWith(u"sluice: stalled: could not connect to 127.0.0.1:") &&
                     r.err.endsWith(u"within 0.3 s (connect limit)\n"),
                 qPrintable(r.err));
    }

    void totalLimit()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions opt;
        opt.tokenDelayMs = 100;
        FakeLlm::install(server, opt);
        const Run r = sluice(base(server, QStringLiteral("ollama"))
                             << QStringLiteral("--timeout") << QStringLiteral("0.5")
                             << QStringLiteral("Hi"));
        QCOMPARE(r.exitCode, 3);
        QVERIFY(r.err.startsWith(u"sluice: timed out: the reply took longer than 0.5 s"));
        QVERIFY(!r.out.trimmed().isEmpty()); // what arrived stays printed
        QVERIFY(reply().startsWith(r.out.trimmed().left(4)));
    }

    void interruptKeepsWhatArrived()
    {
#ifndef Q_OS_UNIX
        QSKIP("sends SIGINT");
#else
        TestServer server;
        QVERIFY(server.listen());
        server.on("POST", "/api/chat")
            .contentType("application/x-ndjson")
            .write(token(QStringLiteral("ollama"), "partial "))
            .hold();
        QProcess p;
        p.start(QStringLiteral(SLUICE_BIN), base(server, QStringLiteral("ollama")) << QStringLiteral("Hi"));
        QVERIFY(p.waitForStarted());
        QByteArray out;
        QElapsedTimer t;
        t.start();
        while (!out.contains("partial") && t.elapsed() < 5000) {
            QTest::qWait(10);
            out += p.readAllStandardOutput();
        }
        QVERIFY(out.contains("partial")); // flushed as it arrived
        ::kill(pid_t(p.processId()), SIGINT);
        QTRY_COMPARE_WITH_TIMEOUT(p.state(), QProcess::NotRunning, 5000);
        out += p.readAllStandardOutput();
        QCOMPARE(p.exitCode(), 130);
        QCOMPARE(out, QByteArray("partial \n"));
        QVERIFY(p.readAllStandardError().startsWith("sluice: interrupted"));
        QTRY_COMPARE(server.interruptedCount("/api/chat"), 1);
#endif
    }

    // The history survives a kill -9 mid-stream: the question, and the reply as last saved
    // while it streamed, marked interrupted when the store is opened again.
    void killedMidStreamKeepsWhatArrived()
    {
#ifndef Q_OS_UNIX
        QSKIP("sends SIGKILL");
#else
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions opt;
        opt.reply = QByteArray("Zero one two three four five six seven eight nine ten eleven twelve "
                               "thirteen fourteen fifteen sixteen seventeen eighteen nineteen "
                               "twenty and then some more words that keep coming for a while");
        opt.tokenChars = 4;
        opt.tokenDelayMs = 60;
        FakeLlm::install(server, opt);
        QTemporaryDir dir;
        QProcess p;
        p.start(QStringLiteral(SLUICE_BIN), base(server, QStringLiteral("ollama"))
                                                << QStringLiteral("--save")
                                                << QStringLiteral("--data-dir") << dir.path()
                                                << QStringLiteral("Count for me"));
        QVERIFY(p.waitForStarted());
        // The first streaming save (about a second in) is on disk: kill the process then.
        const QString database = Sluice::historyDatabasePath(dir.path());
        auto savedSoFar = [&database] {
            Sluice::ConversationStore store;
            Sluice::ConversationStore::OpenOptions options;
            options.readOnly = true;
            if (!QFile::exists(database) || !store.open(database, options))
                return QString();
            const QList<Sluice::Conversation> list = store.conversations();
            if (list.isEmpty())
                return QString();
            const QList<Sluice::ConversationMessage> messages = store.messages(list.first().id);
            return messages.size() == 2 ? messages.at(1).content : QString();
        };
        QTRY_VERIFY_WITH_TIMEOUT(!savedSoFar().isEmpty(), 15000);
        const QString savedBeforeKill = savedSoFar();
        ::kill(pid_t(p.processId()), SIGKILL);
        QVERIFY(p.waitForFinished(5000));
        const QString printed = QString::fromUtf8(p.readAllStandardOutput());

        Sluice::ConversationStore store; // what the window does when it starts again
        QVERIFY(store.open(Sluice::historyDatabasePath(dir.path())));
        QCOMPARE(store.interruptedOnOpen(), 1);
        const auto conversations = store.conversations();
        QCOMPARE(conversations.size(), 1);
        const auto messages = store.messages(conversations.first().id);
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages.at(0).role, QStringLiteral("user"));
        QCOMPARE(messages.at(0).content, QStringLiteral("Count for me"));
        QCOMPARE(messages.at(1).state, Sluice::MessageState::Interrupted);
        const QString saved = messages.at(1).content;
        // Everything saved before the kill is kept, and it is what was printed. (That no more
        // than the last interval is lost is timed exactly in tst_streamingsaver.)
        QVERIFY2(saved.startsWith(savedBeforeKill), qPrintable(savedBeforeKill + u" | " + saved));
        QVERIFY2(printed.startsWith(saved), qPrintable(saved + u" | " + printed));
#endif
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
