// MCP servers as the window uses them (a real McpToolbox over sluice-fakemcp, the test server
// as the model): no server starts before the first send that offers tools; a server that
// cannot start is named in the status line and the chat goes on without its tools; one that
// crashed starts again on the next send; closing the window stops every server's whole
// process tree; Stop while servers start ends the wait. And the official
// @modelcontextprotocol/server-everything (npm, tests/mcp/npm) over stdio and over streamable
// HTTP, with the test server as an Ollama, an OpenAI-compatible and an Anthropic model: a
// call to its `echo` allowed with a click, its answer sent back in the protocol's own shape
// (../shared/protocols.md, checked against the official SDKs in tests/npm/toolproof.mjs), the
// final answer shown, and an HTTP session ended when the window closes (skipped without
// Node.js or `npm ci` there, except in CI).
#include "core/chat/chatclient.h"
#include "fakellm.h"
#include "gui/conversation/conversationview.h"
#include "gui/tools/toolcards.h"
#include "gui/tools/toolconsentbar.h"
#include "gui/tools/windowtools.h"
#include "gui/window/composer.h"
#include "gui/window/mainwindow.h"
#include "mcpreference.h"
#include "mcptesthelpers.h"
#include "protocolrows.h"
#include "session/conversationcontroller.h"
#include "wirepieces.h"

#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QToolButton>

using namespace Sluice;
using namespace Sluice::Test;

class McpWindowTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestServer> m_server;
    FakeLlm *m_llm = nullptr;
    std::unique_ptr<ChatClient> m_client;
    MainWindow *m_window = nullptr;
    McpToolbox *m_box = nullptr;

    ChatModel *model() const { return m_window->currentConversation()->model(); }
    bool busy() const { return m_window->currentConversation()->isBusy(); }

    void open(const QList<McpServerConfig> &servers, ProviderType type = ProviderType::Ollama)
    {
        m_window = new MainWindow(m_client.get());
        ProviderConfig p;
        p.id = providerTypeName(type);
        p.name = QStringLiteral("Test server");
        p.type = type;
        p.baseUrl = baseFor(type, *m_server);
        p.maxRetries = 0;
        m_window->setProviders({p}, p.id, QStringLiteral("llama3.2:3b"));
        m_box = new McpToolbox(servers, nullptr, m_window);
        m_window->tools()->setToolbox(m_box);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
    }

    void send(const QString &text)
    {
        Composer *c = m_window->composer();
        c->setFocus();
        QTest::keyClicks(c, text);
        QTest::keyClick(c, Qt::Key_Return);
    }

    QStringList offeredTools(ProviderType type = ProviderType::Ollama) const
    {
        QStringList names;
        const QJsonArray tools =
            m_server->lastRequest(Test::chatPath(type)).json().value(u"tools").toArray();
        for (const QJsonValue &t : tools) // Anthropic's {name, …}; the others' {function:{name}}
            names.append(type == ProviderType::Anthropic ? t[u"name"].toString()
                                                         : t[u"function"][u"name"].toString());
        return names;
    }

    qint64 pidOf(const QString &server) const
    {
        McpClient *c = m_box->client(server);
        auto *t = c ? qobject_cast<McpStdioTransport *>(c->transport()) : nullptr;
        return t ? t->processId() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
        QCoreApplication::setOrganizationName(QStringLiteral("sluice-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mcpwindow"));
    }

    void init()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY(m_server->listen());
        FakeLlmOptions o;
        o.reply = "Done.";
        m_llm = FakeLlm::install(*m_server, o);
        m_client = std::make_unique<ChatClient>();
    }

    void cleanup()
    {
        delete m_window;
        m_window = nullptr;
        m_box = nullptr;
        m_client.reset();
        m_server.reset();
    }

    void serversStartOnTheFirstSendNotBefore()
    {
        open({fakeServer(QStringLiteral("fake"), {})});
        // The window is up and has turned its event loop: still no server.
        QTest::qWait(0);
        QCoreApplication::processEvents();
        QCOMPARE(m_box->client(u"fake"_qs)->state(), McpClient::State::Stopped);
        QVERIFY(!m_box->client(u"fake"_qs)->transport());

        send(QStringLiteral("hello"));
        QTRY_VERIFY_WITH_TIMEOUT(!busy() && model()->rowCount() == 2, 20000);
        QCOMPARE(m_box->client(u"fake"_qs)->state(), McpClient::State::Ready);
        QCOMPARE(offeredTools(), QStringList({"add", "echo", "fail"}));
        QCOMPARE(model()->message(1).content, u"Done."_qs);
        QCOMPARE(m_server->requestCount("/api/chat"), 1);
    }

    void aServerThatCannotStartIsNamedAndTheChatGoesOn()
    {
        McpServerConfig broken;
        broken.name = QStringLiteral("notes");
        broken.command = QStringLiteral("/nonexistent/sluice-no-such-mcp-server");
        open({broken, fakeServer(QStringLiteral("fake"), {})});
        send(QStringLiteral("hello"));
        QTRY_VERIFY_WITH_TIMEOUT(!busy() && model()->rowCount() == 2, 20000);
        const QString said = m_window->statusBar()->currentMessage();
        QVERIFY2(said.startsWith(u"The MCP server \"notes\" "_qs), qPrintable(said));
        QVERIFY2(said.endsWith(u"The chat goes on without its tools."_qs), qPrintable(said));
        QCOMPARE(model()->message(1).content, u"Done."_qs);
        QCOMPARE(offeredTools(), QStringList({"add", "echo", "fail"})); // the other server's

        // Said once: the next send does not try it again, nor say it again.
        m_window->statusBar()->clearMessage();
        send(QStringLiteral("again"));
        QTRY_VERIFY_WITH_TIMEOUT(!busy() && model()->rowCount() == 4, 20000);
        QCOMPARE(m_window->statusBar()->currentMessage(), QString());
        QCOMPARE(model()->message(3).content, u"Done."_qs);
    }

    void aCrashedServerStartsAgainOnTheNextSend()
    {
        open({fakeServer(QStringLiteral("quitter"), {"--exit-call", "3"})});
        m_llm->options().toolCalls = {{"", "echo", R"({"text":"x"})"}};
        send(QStringLiteral("echo x"));
        ToolConsentBar *bar = m_window->tools()->consentBar();
        QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), 20000);
        const qint64 first = pidOf(u"quitter"_qs);
        QVERIFY(first > 0);
        QTest::mouseClick(bar->allowOnceButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!busy() && model()->rowCount() == 3, 20000);
        QCOMPARE(model()->message(1).toolCalls.value(0).resultText,
                 u"The MCP server \"quitter\" exited with code 3. Its last words: boom"_qs);
        // The request after the failed call was the next use: the server started again, and
        // its tools were offered with the result.
        QCOMPARE(m_server->requestCount("/api/chat"), 2);
        QCOMPARE(m_box->client(u"quitter"_qs)->state(), McpClient::State::Ready);
        QVERIFY(pidOf(u"quitter"_qs) > 0 && pidOf(u"quitter"_qs) != first);
        QCOMPARE(offeredTools(), QStringList({"add", "echo", "fail"}));
        QCOMPARE(model()->message(2).content, u"Done."_qs);
    }

    void stopWhileServersStartEndsTheWait()
    {
        McpServerConfig mute = fakeServer(QStringLiteral("mute"), {"--never-init"});
        open({mute});
        send(QStringLiteral("hello"));
        QTRY_VERIFY_WITH_TIMEOUT(m_box->client(u"mute"_qs)->transport(), 20000);
        QVERIFY(busy());
        QCOMPARE(m_server->requestCount("/api/chat"), 0);
        m_window->composer()->setFocus();
        QTest::keyClick(m_window->composer(), Qt::Key_Escape);
        QTRY_VERIFY(!busy());
        QCOMPARE(model()->message(1).state, MessageState::Cancelled);
        QCOMPARE(model()->message(1).errorText,
                 u"Stopped while the tool servers were starting."_qs);
        QCOMPARE(m_server->requestCount("/api/chat"), 0);
    }

    void closingTheWindowStopsTheWholeProcessTree()
    {
        QTemporaryDir dir;
        const QString pidFile = dir.filePath(QStringLiteral("grandchild.pid"));
        open({fakeServer(QStringLiteral("parent"), {"--grandchild", pidFile})});
        send(QStringLiteral("hello"));
        QTRY_VERIFY_WITH_TIMEOUT(!busy() && model()->rowCount() == 2, 20000);
        QFile f(pidFile);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const qint64 grandchild = f.readAll().toLongLong();
        QVERIFY(processAlive(grandchild));
        delete m_window; // as the app quits
        m_window = nullptr;
        QTRY_VERIFY(!processAlive(grandchild));
    }

    void everythingRunsEchoOnConsent_data()
    {
        QTest::addColumn<ProviderType>("type");
        QTest::addColumn<bool>("http");
        for (const bool http : {false, true}) {
            const char *t = http ? "streamable HTTP" : "stdio";
            QTest::addRow("ollama, %s", t) << ProviderType::Ollama << http;
            QTest::addRow("openai, %s", t) << ProviderType::OpenAI << http;
            QTest::addRow("anthropic, %s", t) << ProviderType::Anthropic << http;
        }
    }

    void everythingRunsEchoOnConsent()
    {
        QFETCH(ProviderType, type);
        QFETCH(bool, http);
        const QString missing = referenceServersMissing({u"server-everything"_qs});
        if (!missing.isEmpty()) {
            if (qEnvironmentVariable("CI") == u"true")
                QFAIL(qPrintable(missing));
            QSKIP(qPrintable(missing));
        }
        EverythingOverHttp everything;
        QJsonObject entry{{"command", nodeExecutable()},
                          {"args", QJsonArray{referenceServerScript(u"server-everything"_qs), "stdio"}}};
        if (http) {
            QVERIFY2(everything.start(), everything.log().constData());
            entry = {{"type", "http"}, {"url", everything.url()}};
        }
        // As sluice.json configures it.
        QList<McpServerConfig> servers;
        QString field, problem;
        QVERIFY2(mcpSectionFromJson({{"mcp", QJsonObject{{"everything", entry}}}}, servers, &field,
                                    &problem),
                 qPrintable(problem));
        open(servers, type);
        const QByteArray callId = type == ProviderType::OpenAI      ? "call_1"
                                  : type == ProviderType::Anthropic ? "toolu_1"
                                                                    : "";
        m_llm->options().toolCalls = {{callId, "echo", R"({"message":"hello from the window"})"}};
        m_llm->options().reply = "The server echoed it.";
        send(QStringLiteral("Echo something"));

        ToolConsentBar *bar = m_window->tools()->consentBar();
        QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), 60000);
        QCOMPARE(bar->findChild<QLabel *>(QStringLiteral("toolConsentQuestion"))->text(),
                 u"The model wants to run the tool echo of the server everything. Run it?"_qs);
        QVERIFY(offeredTools(type).contains(u"get-sum"_qs)); // the server's own list was offered
        QCOMPARE(m_server->requestCount(Test::chatPath(type)), 1);
        QTest::mouseClick(bar->allowOnceButton(), Qt::LeftButton);

        QTRY_VERIFY_WITH_TIMEOUT(!busy() && model()->rowCount() == 3, 60000);
        QVERIFY(bar->isHidden());
        // The second request carries the call and the server's answer in the protocol's shape.
        QCOMPARE(m_server->requestCount(Test::chatPath(type)), 2);
        const QJsonArray sent =
            m_server->lastRequest(Test::chatPath(type)).json().value(u"messages").toArray();
        const QJsonObject asked = sent.at(sent.size() - 2).toObject();
        const QJsonObject result = sent.last().toObject();
        const QString echoed = u"Echo: hello from the window"_qs;
        QCOMPARE(asked.value(u"role").toString(), u"assistant"_qs);
        switch (type) {
        case ProviderType::Ollama: // arguments as an object; the result names the tool
            QCOMPARE(asked[u"tool_calls"][0][u"function"][u"name"].toString(), u"echo"_qs);
            QCOMPARE(asked[u"tool_calls"][0][u"function"][u"arguments"][u"message"].toString(),
                     u"hello from the window"_qs);
            QCOMPARE(result, (QJsonObject{{"role", "tool"}, {"tool_name", "echo"}, {"content", echoed}}));
            break;
        case ProviderType::OpenAI: // arguments as a string; the result names the call's id
            QCOMPARE(asked[u"tool_calls"][0][u"id"].toString(), u"call_1"_qs);
            QCOMPARE(asked[u"tool_calls"][0][u"type"].toString(), u"function"_qs);
            QCOMPARE(asked[u"tool_calls"][0][u"function"][u"name"].toString(), u"echo"_qs);
            QCOMPARE(asked[u"tool_calls"][0][u"function"][u"arguments"].toString(),
                     u"{\"message\":\"hello from the window\"}"_qs);
            QCOMPARE(result, (QJsonObject{{"role", "tool"}, {"tool_call_id", "call_1"}, {"content", echoed}}));
            break;
        case ProviderType::Anthropic: // a tool_use block; a tool_result block in a user message
            QCOMPARE(asked[u"content"][0].toObject(),
                     (QJsonObject{{"type", "tool_use"}, {"id", "toolu_1"}, {"name", "echo"},
                                  {"input", QJsonObject{{"message", "hello from the window"}}}}));
            QCOMPARE(result.value(u"role").toString(), u"user"_qs);
            QCOMPARE(result.value(u"content").toArray(),
                     (QJsonArray{QJsonObject{{"type", "tool_result"}, {"tool_use_id", "toolu_1"},
                                             {"content", echoed}}}));
            break;
        }
        // The thread: the call's card, then the answer.
        ToolCardList *cards = m_window->conversationView()->findChild<ToolCards *>()->cardsAt(1);
        QVERIFY(cards && cards->isVisible());
        QVERIFY2(cards->header(0)->text().startsWith(u"everything / echo — answered in"_qs),
                 qPrintable(cards->header(0)->text()));
        QCOMPARE(model()->message(2).content, u"The server echoed it."_qs);
        QCOMPARE(model()->message(2).state, MessageState::Complete);
        if (!http)
            return;

        // Closing the window ends the HTTP session: the server sees the DELETE for it.
        const QByteArray log = everything.log();
        const QByteArray tag = "Session initialized with ID: ";
        const qsizetype at = log.indexOf(tag);
        QVERIFY2(at >= 0, log.constData());
        const QByteArray session = log.mid(at + tag.size(), 36); // a UUID
        const QByteArray ended = "Received session termination request for session " + session;
        const QByteArray closed = "Transport closed for session " + session;
        QVERIFY(!log.contains("termination request"));
        delete m_window;
        m_window = nullptr;
        QTRY_VERIFY2_WITH_TIMEOUT(everything.log().contains(ended), everything.log().constData(),
                                  10000);
        QTRY_VERIFY(everything.log().contains(closed));
    }
};

QTEST_MAIN(McpWindowTest)
#include "tst_mcpwindow.moc"
