// `sluice run --tools` end to end, with the test server asking for tool calls and a scripted
// Toolbox (sluice-with-tools): a call refused without --allow-tools (and the model told),
// allowed by name or by --yes, --json tool_call events, the round limit, a usage error
// without --tools, Ctrl-C during a call that hangs, Anthropic's thinking block going back with
// its round, and --save storing the calls as the window
// does (shown by `sluice history` and `sluice export`).
#include "clitest.h"
#include "clitoolsjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Sluice::Test;

namespace {

QProcessEnvironment withTools(bool tools = true)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (tools)
        env.insert(QStringLiteral("SLUICE_TEST_TOOLS"), QString::fromUtf8(Tools));
    env.insert(QStringLiteral("SLUICE_CONFIG"), QStringLiteral("/nonexistent/sluice.json"));
    return env;
}

QString lastToolContent(const TestServer &s)
{
    const QJsonArray m = s.lastRequest("/api/chat").json().value(u"messages").toArray();
    return m.last().toObject().value(u"content").toString();
}

} // namespace

class TestCliTools : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    FakeLlm *m_llm = nullptr;

    QStringList run(const QStringList &extra)
    {
        return base(*m_server, QStringLiteral("ollama")) + extra;
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY(m_server->listen());
        FakeLlmOptions o;
        o.reply = "Milk and eggs.";
        o.toolCalls = {{"", "read_file", R"({"path":"notes.txt"})"}, {"", "now", "{}"}};
        m_llm = FakeLlm::install(*m_server, o);
    }

    void refusedWithoutAllow()
    {
        const Run r = sluice(run({QStringLiteral("--tools"), QStringLiteral("notes?")}), {},
                             withTools());
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, u"Milk and eggs.\n"_qs);
        QVERIFY2(r.err.contains(u"refused files/read_file {\"path\":\"notes.txt\"}; allow it "
                                u"with --allow-tools read_file (or --yes)"_qs),
                 qPrintable(r.err));
        QCOMPARE(lastToolContent(*m_server), u"The user did not allow this tool call."_qs);
    }

    void allowedByName()
    {
        const Run r = sluice(run({QStringLiteral("--tools"), QStringLiteral("--allow-tools"),
                                  QStringLiteral("read_file"), QStringLiteral("notes?")}),
                             {}, withTools());
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(u"sluice: ran files/read_file {\"path\":\"notes.txt\"} (25 ms)"_qs),
                 qPrintable(r.err));
        QVERIFY(r.err.contains(u"refused clock/now"_qs)); // not named: refused
        const QJsonArray m = m_server->lastRequest("/api/chat").json().value(u"messages").toArray();
        QCOMPARE(m.at(m.size() - 2).toObject().value(u"content").toString(), u"milk, eggs"_qs);
    }

    void yesAndJsonEvents()
    {
        const Run r = sluice(run({QStringLiteral("--tools"), QStringLiteral("--yes"),
                                  QStringLiteral("--json"), QStringLiteral("notes?")}),
                             {}, withTools());
        QCOMPARE(r.exitCode, 0);
        QList<QJsonObject> calls;
        for (const QJsonObject &e : r.events()) {
            if (e.value(u"type").toString() == u"tool_call" &&
                e.value(u"state").toString() != u"running")
                calls.append(e);
        }
        QCOMPARE(calls.size(), 2);
        QCOMPARE(calls.at(0), expectedReadFileEvent());
        QCOMPARE(calls.at(1).value(u"result").toString(), u"noon"_qs);
        QCOMPARE(r.events().last().value(u"type").toString(), u"done"_qs);
    }

    void anthropicThinkingGoesBack()
    {
        // FakeLlm refuses (400) a round whose turn lost its thinking block, as the API does.
        const Run r = sluice(base(*m_server, QStringLiteral("anthropic")) +
                                 QStringList{QStringLiteral("--think"), QStringLiteral("low"),
                                             QStringLiteral("--tools"), QStringLiteral("--yes"),
                                             QStringLiteral("notes?")},
                             {}, withTools());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"Milk and eggs."_qs), qPrintable(r.out));
        const QJsonArray m =
            m_server->lastRequest("/v1/messages").json().value(u"messages").toArray();
        const QJsonObject first = m.at(1)[u"content"][0].toObject();
        QCOMPARE(first.value(u"type").toString(), u"thinking"_qs);
        QCOMPARE(first.value(u"signature").toString(), QString::fromUtf8(FakeThinkingSignature));
    }

    void roundLimit()
    {
        m_llm->options().toolRounds = 100;
        const Run r = sluice(run({QStringLiteral("--tools"), QStringLiteral("--yes"),
                                  QStringLiteral("--max-tool-rounds"), QStringLiteral("2"),
                                  QStringLiteral("loop")}),
                             {}, withTools());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"Stopped after 2 rounds of tool calls (the limit); the model "
                                u"asked for more."_qs),
                 qPrintable(r.err));
        QCOMPARE(m_server->requestCount("/api/chat"), 3);
    }

    void savedWithTheirCalls()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        const Run r = sluice(run({QStringLiteral("--tools"), QStringLiteral("--allow-tools"),
                                  QStringLiteral("read_file"), QStringLiteral("--save"),
                                  QStringLiteral("--data-dir"), data, QStringLiteral("notes?")}),
                             {}, withTools());
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, u"Milk and eggs.\n"_qs);

        // The question, the turn that asked for the calls, the answer: as the window saves it.
        const Run list = sluice({QStringLiteral("history"), QStringLiteral("--data-dir"), data,
                                 QStringLiteral("--json")});
        QCOMPARE(list.exitCode, 0);
        const QJsonArray conversations = QJsonDocument::fromJson(list.out.toUtf8()).array();
        QCOMPARE(conversations.size(), 1);
        QCOMPARE(conversations.first()[u"messageCount"].toInt(), 3);
        const QString id = QString::number(conversations.first()[u"id"].toInteger());

        const Run json = sluice({QStringLiteral("export"), id, QStringLiteral("--format"),
                                 QStringLiteral("json"), QStringLiteral("--data-dir"), data});
        QCOMPARE(json.exitCode, 0);
        const QJsonArray messages =
            QJsonDocument::fromJson(json.out.toUtf8()).object()[u"messages"].toArray();
        QCOMPARE(messages.size(), 3);
        const QJsonArray calls = messages.at(1)[u"toolCalls"].toArray();
        QCOMPARE(calls.size(), 2);
        QCOMPARE(calls.at(0)[u"server"].toString(), u"files"_qs);
        QCOMPARE(calls.at(0)[u"tool"].toString(), u"read_file"_qs);
        QCOMPARE(calls.at(0)[u"arguments"][u"path"].toString(), u"notes.txt"_qs);
        QCOMPARE(calls.at(0)[u"result"].toString(), u"milk, eggs"_qs);
        QCOMPARE(calls.at(0)[u"elapsed_ms"].toInt(), 25);
        QCOMPARE(calls.at(1)[u"tool"].toString(), u"now"_qs);
        QCOMPARE(calls.at(1)[u"result"].toString(), u"The user did not allow this tool call."_qs);
        QCOMPARE(messages.at(2)[u"content"].toString(), u"Milk and eggs."_qs);
        QVERIFY(messages.at(2)[u"toolCalls"].isUndefined());

        const Run md = sluice({QStringLiteral("export"), id, QStringLiteral("--data-dir"), data});
        QCOMPARE(md.exitCode, 0);
        QVERIFY2(md.out.contains(u"<summary>Tool call: files / read_file"_qs), qPrintable(md.out));
        QVERIFY2(md.out.contains(u"```text\nmilk, eggs\n```"_qs), qPrintable(md.out));
    }

    void optionsNeedTools()
    {
        const Run r = sluice(run({QStringLiteral("--yes"), QStringLiteral("hi")}), {}, withTools());
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, u"sluice: --yes needs --tools\n"_qs);
        QCOMPARE(m_server->requestCount("/api/chat"), 0);
    }

    void noServersConfigured()
    {
        const Run r = sluice(run({QStringLiteral("--tools"), QStringLiteral("hi")}), {},
                             withTools(false));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(u"--tools: no tool servers are configured"_qs), qPrintable(r.err));
    }

    void interruptStopsHangingCall()
    {
        m_llm->options().toolCalls = {{"", "wait", "{}"}};
        SluiceOptions o;
        o.env = withTools();
        bool sent = false;
        o.setup = [&sent](QProcess &p) {
            // Once the call is running (its "running" event is out), Ctrl-C.
            QObject::connect(&p, &QProcess::readyReadStandardOutput, &p, [&p, &sent] {
                if (!sent && p.peek(1 << 16).contains("\"state\":\"running\"")) {
                    sent = true;
                    ::kill(pid_t(p.processId()), SIGINT);
                }
            });
        };
        const Run r = sluice(run({QStringLiteral("--tools"), QStringLiteral("--yes"),
                                  QStringLiteral("--json"), QStringLiteral("wait")}),
                             o);
        QVERIFY(sent);
        QCOMPARE(r.exitCode, 130);
        QCOMPARE(m_server->requestCount("/api/chat"), 1);
    }
};

QTEST_GUILESS_MAIN(TestCliTools)
#include "tst_clitools.moc"
