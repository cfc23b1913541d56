// Tool calls in the window: the consent bar's Allow once / Always allow this tool / Deny,
// pressed as a person would (clicks, Alt+ mnemonics, Tab and Space), what each sends the
// model, the call cards in the thread (opened with the keyboard), and Esc stopping a call that
// hangs; the round limit from the settings, said in the thread and the status line. The test
// server asks for the calls; a scripted Toolbox runs them.
#include "core/chat/chatclient.h"
#include "fakellm.h"
#include "gui/conversation/conversationview.h"
#include "gui/tools/toolcards.h"
#include "gui/tools/toolconsentbar.h"
#include "gui/tools/windowtools.h"
#include "gui/window/composer.h"
#include "gui/window/mainwindow.h"
#include "scriptedtoolbox.h"
#include "session/conversationcontroller.h"

#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Sluice;
using namespace Sluice::Test;

class TestToolConsent : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestServer> m_server;
    FakeLlm *m_llm = nullptr;
    std::unique_ptr<ChatClient> m_client;
    MainWindow *m_window = nullptr;
    ScriptedToolbox *m_box = nullptr;

    ToolConsentBar *bar() const { return m_window->tools()->consentBar(); }
    ChatModel *model() const { return m_window->currentConversation()->model(); }
    bool busy() const { return m_window->currentConversation()->isBusy(); }

    void send(const QString &text)
    {
        Composer *c = m_window->composer();
        c->setFocus();
        QTest::keyClicks(c, text);
        QTest::keyClick(c, Qt::Key_Return);
    }

    QString question() const
    {
        return bar()->findChild<QLabel *>(QStringLiteral("toolConsentQuestion"))->text();
    }

    QString lastToolResult(const QString &tool) const
    {
        const QJsonArray m = m_server->lastRequest("/api/chat").json().value(u"messages").toArray();
        for (const QJsonValue &v : m) {
            if (v.toObject().value(u"tool_name").toString() == tool)
                return v.toObject().value(u"content").toString();
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
        QCoreApplication::setOrganizationName(QStringLiteral("sluice-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_toolconsent"));
    }

    void init()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY(m_server->listen());
        FakeLlmOptions o;
        o.reply = "Milk and eggs.";
        o.toolCalls = {{"", "read_file", R"({"path":"notes.txt"})"}, {"", "now", "{}"}};
        m_llm = FakeLlm::install(*m_server, o);
        m_client = std::make_unique<ChatClient>();
        m_window = new MainWindow(m_client.get());
        m_window->resize(1000, 700);
        ProviderConfig p;
        p.id = QStringLiteral("ollama");
        p.name = QStringLiteral("Local Ollama");
        p.baseUrl = m_server->url().toString();
        p.maxRetries = 0;
        m_window->setProviders({p}, QStringLiteral("ollama"), QStringLiteral("llama3.2:3b"));
        m_box = new ScriptedToolbox(m_window);
        m_box->add({{u"files"_qs, u"read_file"_qs, {}, u"Reads a file."_qs, {}},
                    ScriptedTool::Behaviour::Answer, u"milk, eggs"_qs, 25});
        m_box->add({{u"clock"_qs, u"now"_qs, {}, {}, {}}, ScriptedTool::Behaviour::Answer,
                    u"noon"_qs, 3});
        m_box->add({{u"slow"_qs, u"wait"_qs, {}, {}, {}}, ScriptedTool::Behaviour::Hang, {}, 0});
        m_window->tools()->setToolbox(m_box);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
    }

    void cleanup()
    {
        delete m_window;
        m_window = nullptr;
        m_client.reset();
        m_server.reset();
    }

    void noToolboxNoBar()
    {
        m_window->tools()->setToolbox(nullptr);
        send(QStringLiteral("hello"));
        QTRY_VERIFY_WITH_TIMEOUT(!busy() && model()->rowCount() == 2, 10000);
        QVERIFY(bar()->isHidden());
        QVERIFY(!m_server->lastRequest("/api/chat").json().contains(u"tools"));
        QCOMPARE(model()->message(1).content, u"Milk and eggs."_qs);
    }

    void allowOnceThenDenyByKey()
    {
        send(QStringLiteral("notes?"));
        QTRY_VERIFY_WITH_TIMEOUT(bar()->isVisible(), 10000);
        QCOMPARE(question(), u"The model wants to run the tool read_file of the server files. Run it?"_qs);
        QVERIFY(bar()->findChild<QPlainTextEdit *>()->toPlainText().contains(u"\"notes.txt\""_qs));
        QCOMPARE(bar()->allowOnceButton()->accessibleName(), u"Allow once"_qs);
        QTest::mouseClick(bar()->allowOnceButton(), Qt::LeftButton);
        QTRY_VERIFY(question().contains(u"the tool now of the server clock"_qs));
        QTest::keyClick(m_window, Qt::Key_D, Qt::AltModifier); // Deny
        QTRY_VERIFY_WITH_TIMEOUT(!busy(), 10000);
        QVERIFY(bar()->isHidden());
        QCOMPARE(m_box->calls().size(), 1);
        QCOMPARE(lastToolResult(u"read_file"_qs), u"milk, eggs"_qs);
        QCOMPARE(lastToolResult(u"now"_qs), u"The user did not allow this tool call."_qs);
        QCOMPARE(model()->message(2).content, u"Milk and eggs."_qs);
    }

    void alwaysAllowHoldsForTheNextQuestion()
    {
        send(QStringLiteral("notes?"));
        QTRY_VERIFY_WITH_TIMEOUT(bar()->isVisible(), 10000);
        QTest::mouseClick(bar()->alwaysButton(), Qt::LeftButton); // read_file, from now on
        QTRY_VERIFY(question().contains(u"the tool now"_qs));
        QTest::keyClick(m_window, Qt::Key_A, Qt::AltModifier); // now: once
        QTRY_VERIFY_WITH_TIMEOUT(!busy(), 10000);
        QCOMPARE(m_box->calls().size(), 2);

        send(QStringLiteral("again"));
        QTRY_VERIFY_WITH_TIMEOUT(bar()->isVisible(), 10000);
        QVERIFY(question().contains(u"the tool now"_qs)); // read_file ran without asking
        QCOMPARE(m_box->calls().size(), 3);
        bar()->denyButton()->setFocus();
        QTest::keyClick(bar()->denyButton(), Qt::Key_Space);
        QTRY_VERIFY_WITH_TIMEOUT(!busy(), 10000);
        QCOMPARE(m_box->calls().size(), 3);
    }

    void cardsShowCallsAndOpenWithKeyboard()
    {
        send(QStringLiteral("notes?"));
        QTRY_VERIFY_WITH_TIMEOUT(bar()->isVisible(), 10000);
        QTest::mouseClick(bar()->allowOnceButton(), Qt::LeftButton);
        QTRY_VERIFY(question().contains(u"the tool now"_qs));
        QTest::mouseClick(bar()->denyButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!busy(), 10000);

        auto *cards = m_window->conversationView()->findChild<ToolCards *>();
        QVERIFY(cards);
        QTRY_VERIFY(cards->cardsAt(1));
        ToolCardList *list = cards->cardsAt(1);
        QVERIFY(list->isVisible());
        QCOMPARE(list->header(0)->text(), u"files / read_file — answered in 25 ms"_qs);
        QCOMPARE(list->header(1)->text(), u"clock / now — not allowed"_qs);
        QVERIFY(list->details(0)->isHidden());
        list->header(0)->setFocus();
        QTest::keyClick(list->header(0), Qt::Key_Space);
        QVERIFY(list->details(0)->isVisible());
        QVERIFY(list->details(0)->toPlainText().endsWith(u"Result:\nmilk, eggs"_qs));
        QVERIFY(list->details(0)->toPlainText().contains(u"\"path\": \"notes.txt\""_qs));
        // The row grew to hold the opened card: nothing overlaps the answer below.
        const QRect row = m_window->conversationView()->visualRect(model()->index(1));
        QVERIFY(row.contains(list->geometry()));
    }

    void roundLimitFromTheSettingsIsSaid()
    {
        m_llm->options().toolRounds = 100; // a model that never stops asking
        AppSettings app;
        app.maxToolRounds = 2;
        m_window->setAppSettings(app);
        send(QStringLiteral("loop"));
        QTRY_VERIFY_WITH_TIMEOUT(bar()->isVisible(), 10000);
        QTest::mouseClick(bar()->alwaysButton(), Qt::LeftButton); // read_file
        QTRY_VERIFY(question().contains(u"the tool now"_qs));
        QTest::mouseClick(bar()->alwaysButton(), Qt::LeftButton); // now
        QTRY_VERIFY_WITH_TIMEOUT(!busy(), 10000);
        QCOMPARE(m_server->requestCount("/api/chat"), 3);
        QCOMPARE(m_box->calls().size(), 4); // two rounds of two; the third is not run
        const QString sentence =
            u"Stopped after 2 rounds of tool calls (the limit); the model asked for more."_qs;
        const ConversationMessage &last = model()->message(model()->rowCount() - 1);
        QCOMPARE(last.state, MessageState::Failed);
        QCOMPARE(last.errorText, sentence);
        QCOMPARE(m_window->statusBar()->currentMessage(), sentence);
    }

    void escStopsAHangingCall()
    {
        m_llm->options().toolCalls = {{"", "wait", "{}"}};
        send(QStringLiteral("wait"));
        QTRY_VERIFY_WITH_TIMEOUT(bar()->isVisible(), 10000);
        QTest::mouseClick(bar()->allowOnceButton(), Qt::LeftButton);
        QTRY_COMPARE(m_box->running(), 1);
        QVERIFY(busy());
        m_window->composer()->setFocus();
        QTest::keyClick(m_window->composer(), Qt::Key_Escape);
        QTRY_VERIFY(!busy());
        QCOMPARE(m_box->running(), 0);
        QCOMPARE(model()->message(1).state, MessageState::Cancelled);
        QCOMPARE(m_server->requestCount("/api/chat"), 1);
    }
};

QTEST_MAIN(TestToolConsent)
#include "tst_toolconsent.moc"
