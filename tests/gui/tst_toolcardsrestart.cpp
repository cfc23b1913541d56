// The cards of tool calls after a restart: the whole app (its config file and history), the
// test server asking for a call, a scripted Toolbox through the factory seam, the call allowed
// with the consent bar; then the app starts again and the conversation opened from the
// sidebar shows the same card, result included.
#include "apptest.h"
#include "core/tools/toolboxfactory.h"
#include "gui/tools/toolcards.h"
#include "gui/tools/toolconsentbar.h"
#include "gui/tools/windowtools.h"
#include "scriptedtoolbox.h"

#include <QPlainTextEdit>

using namespace Sluice;
using namespace Sluice::GuiTest;

class TestToolCardsRestart final : public AppTest
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(isolateSettings(QStringLiteral("tst_toolcardsrestart")));
        setToolboxFactory([](const Config &, QObject *parent) -> Toolbox * {
            auto *box = new Test::ScriptedToolbox(parent);
            box->add({{u"files"_qs, u"read_file"_qs, {}, {}, {}},
                      Test::ScriptedTool::Behaviour::Answer, u"milk, eggs"_qs, 25});
            box->add({{u"slow"_qs, u"wait"_qs, {}, {}, {}}, Test::ScriptedTool::Behaviour::Hang,
                      {}, 0});
            return box;
        });
    }
    void cleanupTestCase() { setToolboxFactory({}); }
    void init() { QVERIFY(setUp()); }
    void cleanup() { tearDown(); }

    void cardsComeBackAfterARestart()
    {
        writeConfig(serverConfig());
        Script s;
        s.reply = QByteArrayLiteral("Milk and eggs.");
        m_server->setDefault(s);
        m_server->llm()->options().toolCalls = {{"", "read_file", R"({"path":"notes.txt"})"}};
        QVERIFY(startShell());
        typeAndSend(QStringLiteral("What do my notes say?"));
        ToolConsentBar *bar = window()->tools()->consentBar();
        QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), 10000);
        QTest::mouseClick(bar->allowOnceButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(model()->rowCount(), 3, 10000);
        QTRY_COMPARE(model()->message(2).state, MessageState::Complete);

        m_shell.reset();
        QVERIFY(startShell());
        QTRY_COMPARE(historyList()->model()->rowCount(), 1);
        const QRect rect = historyList()->visualRect(historyList()->model()->index(0, 0));
        QTest::mouseClick(historyList()->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(model()->rowCount(), 3);
        QCOMPARE(model()->message(2).content, u"Milk and eggs."_qs);
        auto *cards = window()->conversationView()->findChild<ToolCards *>();
        QTRY_VERIFY(cards->cardsAt(1));
        ToolCardList *list = cards->cardsAt(1);
        QCOMPARE(list->header(0)->text(), u"files / read_file — answered in 25 ms"_qs);
        QTest::mouseClick(list->header(0), Qt::LeftButton);
        QVERIFY(list->details(0)->isVisible());
        QVERIFY(list->details(0)->toPlainText().endsWith(u"Result:\nmilk, eggs"_qs));
    }

    void aStoppedCallStaysStoppedAfterARestart()
    {
        writeConfig(serverConfig());
        m_server->llm()->options().toolCalls = {{"", "wait", "{}"}};
        QVERIFY(startShell());
        typeAndSend(QStringLiteral("Wait for it"));
        ToolConsentBar *bar = window()->tools()->consentBar();
        QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), 10000);
        QTest::mouseClick(bar->allowOnceButton(), Qt::LeftButton);
        QTRY_VERIFY(model()->message(1).toolCalls.value(0).state ==
                    ToolCallRecord::State::Running);
        QTest::keyClick(window()->composer(), Qt::Key_Escape);
        QTRY_VERIFY(!window()->currentConversation()->isBusy());

        m_shell.reset();
        QVERIFY(startShell());
        QTRY_COMPARE(historyList()->model()->rowCount(), 1);
        const QRect rect = historyList()->visualRect(historyList()->model()->index(0, 0));
        QTest::mouseClick(historyList()->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(model()->rowCount(), 2);
        QCOMPARE(model()->message(1).state, MessageState::Cancelled);
        QCOMPARE(model()->message(1).errorText, u"Stopped during a tool call."_qs);
        auto *cards = window()->conversationView()->findChild<ToolCards *>();
        QTRY_VERIFY(cards->cardsAt(1));
        QCOMPARE(cards->cardsAt(1)->header(0)->text(), u"slow / wait — stopped"_qs);
    }
};

QTEST_MAIN(TestToolCardsRestart)
#include "tst_toolcardsrestart.moc"
