// The real window sending and streaming, driven as a person would, against a scripted Ollama on
// loopback: the empty state, send, stop, failures, stalls, retry, regenerate and edit.
#include "mainwindowtest.h"

#include "gui/widgets/elidinglabel.h"

#include <QToolTip>

using namespace Sluice;
using namespace Sluice::GuiTest;

class TestMainWindow final : public MainWindowTest
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(isolateSettings(QStringLiteral("tst_mainwindow"))); }
    void init() { QVERIFY(startServer()); }
    void cleanup() { tearDown(); }

    void emptyStateNamesServerAndModel()
    {
        openWindow(m_server->baseUrl());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        const QString detail = m_window->findChild<QLabel *>(QStringLiteral("emptyDetail"))->text();
        QVERIFY2(detail.contains(QStringLiteral("llama3.2:3b")), qPrintable(detail));
        QVERIFY(detail.contains(QStringLiteral("127.0.0.1:%1").arg(m_server->port())));
        QVERIFY(!m_window->findChild<QPushButton *>(QStringLiteral("emptySettingsButton"))
                     ->isVisible());
    }

    void unreachableServerSaysWhatToDo()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const QString url = QStringLiteral("http://127.0.0.1:%1").arg(probe.serverPort());
        probe.close(); // nothing listens there now
        openWindow(url);
        QTRY_VERIFY(emptyTitle().startsWith(QStringLiteral("Can't reach")));
        const QString detail = m_window->findChild<QLabel *>(QStringLiteral("emptyDetail"))->text();
        QVERIFY2(detail.contains(QStringLiteral("Start Ollama")), qPrintable(detail));
        auto *settings = m_window->findChild<QPushButton *>(QStringLiteral("emptySettingsButton"));
        auto *retry = m_window->findChild<QPushButton *>(QStringLiteral("emptyRetryButton"));
        QVERIFY(settings->isVisible());
        QVERIFY(retry->isVisible());
        QSignalSpy wanted(m_window, &MainWindow::openSettingsRequested);
        QTest::mouseClick(settings, Qt::LeftButton);
        QCOMPARE(wanted.count(), 1);
        QTest::keySequence(m_window, QKeySequence(QStringLiteral("Ctrl+,")));
        QCOMPARE(wanted.count(), 2);
    }

    void typeSendAndStream()
    {
        Script s;
        s.reply = (QStringLiteral("Streaming **reply** arrives token by token.")).toUtf8();
        s.tokenDelayMs = 30;
        m_server->enqueue(s);
        openWindow(m_server->baseUrl());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));

        composer()->setFocus();
        QTest::keyClicks(composer(), QStringLiteral("Line one"));
        QTest::keyClick(composer(), Qt::Key_Return, Qt::ShiftModifier);
        QTest::keyClicks(composer(), QStringLiteral("line two"));
        QCOMPARE(composer()->toPlainText(), QStringLiteral("Line one\nline two"));
        QTest::keyClick(composer(), Qt::Key_Return);

        QCOMPARE(model()->rowCount(), 2);
        QCOMPARE(model()->message(0).content, QStringLiteral("Line one\nline two"));
        QVERIFY(composer()->toPlainText().isEmpty());
        QCOMPARE(sendButton()->text(), tr("Stop"));
        auto *stack = m_window->findChild<QStackedWidget *>(QStringLiteral("conversationStack"));
        QCOMPARE(stack->currentWidget(), view());
        QTRY_VERIFY(stateOf(1) == MessageState::Streaming);
        QTRY_VERIFY(statusText().startsWith(QStringLiteral("Streaming")));
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        QCOMPARE(model()->message(1).content,
                 QStringLiteral("Streaming **reply** arrives token by token."));
        QCOMPARE(sendButton()->text(), tr("Send"));
        QTRY_VERIFY2(statusText().startsWith(QStringLiteral("Done")), qPrintable(statusText()));
        QVERIFY(statusText().contains(QStringLiteral("tok/s")));
    }

    void composerKeepsTextWhenSendingIsRefused()
    {
        openWindow(m_server->baseUrl());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        m_window->currentConversation()->setModel({});
        typeAndSend(QStringLiteral("keep me"));
        QCOMPARE(composer()->toPlainText(), QStringLiteral("keep me"));
        QCOMPARE(model()->rowCount(), 0);
    }

    void failedSendGivesTheTextBack()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const QString url = QStringLiteral("http://127.0.0.1:%1").arg(probe.serverPort());
        probe.close(); // connection refused
        openWindow(url);
        QTRY_VERIFY(emptyTitle().startsWith(QStringLiteral("Can't reach")));
        typeAndSend(QStringLiteral("hello there"));
        QCOMPARE(model()->rowCount(), 2);
        QVERIFY(composer()->toPlainText().isEmpty());
        QTRY_COMPARE(stateOf(1), MessageState::Failed);
        QCOMPARE(composer()->toPlainText(), QStringLiteral("hello there"));
        QVERIFY(!part(1, MessageHit::Retry).isEmpty()); // the failed turn stays, with Retry
        QVERIFY(redPixels(1) > 100);                    // on a red card

        // The server is fixed; Enter again: the failed turn is replaced, not repeated.
        m_window->setProviders({provider(m_server->baseUrl())}, QStringLiteral("ollama"),
                               QStringLiteral("llama3.2:3b"));
        composer()->setFocus();
        QTest::keyClick(composer(), Qt::Key_Return);
        QCOMPARE(model()->rowCount(), 2);
        QCOMPARE(model()->message(0).content, QStringLiteral("hello there"));
        QVERIFY(composer()->toPlainText().isEmpty());
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        QCOMPARE(m_server->chatRequests().size(), 1);
        QCOMPARE(m_server->chatRequests().first().value(u"messages").toArray().size(), 1);
    }

    void failedSendKeepsWhatWasTypedMeanwhile()
    {
        Script missing;
        missing.httpStatus = 404;
        missing.errorBody = QByteArrayLiteral(
            "{\"error\":\"model 'llama3.2:3b' not found, try pulling it first\"}");
        m_server->enqueue(missing);
        openWindow(m_server->baseUrl());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        typeAndSend(QStringLiteral("first try"));
        composer()->setPlainText(QStringLiteral("a new draft")); // before the answer arrives
        QTRY_COMPARE(stateOf(1), MessageState::Failed);
        QCOMPARE(composer()->toPlainText(), QStringLiteral("a new draft"));
        click(part(1, MessageHit::Retry));
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        QCOMPARE(model()->rowCount(), 2);
        QCOMPARE(composer()->toPlainText(), QStringLiteral("a new draft"));
    }

    void aLongErrorEndsInAnEllipsisAndItsTooltipSaysItAll()
    {
        // A server's sentence, long and with markup in it: shown as text, cut with "…" in the
        // status bar rather than widening the window, and whole in its tooltip.
        const QString sentence = QStringLiteral("<b>upstream</b> <img src=\\\"http://x/y.png\\\"> ") +
                                 QString(QStringLiteral("gateway timed out ")).repeated(20);
        Script failing;
        failing.httpStatus = 500;
        failing.errorBody = QStringLiteral("{\"error\":\"%1\"}").arg(sentence).toUtf8();
        m_server->enqueue(failing);
        openWindow(m_server->baseUrl());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        typeAndSend(QStringLiteral("hello"));
        QTRY_COMPARE(stateOf(1), MessageState::Failed);
        auto *status = m_window->findChild<ElidingLabel *>(QStringLiteral("statusPhaseLabel"));
        QVERIFY(status);
        QTRY_VERIFY2(status->text().contains(u"<b>upstream</b>"), qPrintable(status->text()));
        QCOMPARE(status->textFormat(), Qt::PlainText);
        QCOMPARE(m_window->width(), 1000); // as opened: the sentence did not widen it
        QVERIFY(status->isElided());
        QVERIFY2(status->shownText().endsWith(u'…'), qPrintable(status->shownText()));
        QVERIFY(status->shownText().size() < status->text().size());

        QTest::mouseMove(status, QPoint(10, status->height() / 2));
        QTRY_VERIFY_WITH_TIMEOUT(QToolTip::isVisible(), 5000);
        QCOMPARE(QToolTip::text(), status->text());
    }

    void retryAfterAFailureTakesTheTextBackOut()
    {
        Script missing;
        missing.httpStatus = 404;
        missing.errorBody = QByteArrayLiteral("{\"error\":\"model not found\"}");
        m_server->enqueue(missing);
        openWindow(m_server->baseUrl());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        typeAndSend(QStringLiteral("again please"));
        QTRY_COMPARE(stateOf(1), MessageState::Failed);
        QCOMPARE(composer()->toPlainText(), QStringLiteral("again please"));
        click(part(1, MessageHit::Retry));
        QVERIFY(composer()->toPlainText().isEmpty());
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        QCOMPARE(model()->rowCount(), 2);
        QCOMPARE(model()->message(0).content, QStringLiteral("again please"));
    }

    void stopButtonAndEscapeStop()
    {
        Script slow;
        slow.reply = (QStringLiteral("a b c d e f g h i j k l m n o p q r s t")).toUtf8();
        slow.tokenDelayMs = 50;
        m_server->enqueue(slow);
        m_server->enqueue(slow);
        openWindow(m_server->baseUrl());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        typeAndSend(QStringLiteral("go"));
        QTRY_VERIFY(!model()->message(1).content.isEmpty());
        QTest::mouseClick(sendButton(), Qt::LeftButton);
        QCOMPARE(stateOf(1), MessageState::Cancelled);
        QVERIFY(!model()->message(1).content.isEmpty());
        // Said once: "Stopped after N tokens; partial reply kept", not "Stopped · Cancelled …".
        QVERIFY2(statusText().startsWith(QStringLiteral("Stopped after ")),
                 qPrintable(statusText()));
        QVERIFY(!statusText().contains(u"ancel"));
        // Stopping is not an error: a quiet "Stopped" under the reply, no red card.
        QCOMPARE(brokenNote(model()->message(1)), QStringLiteral("Stopped"));
        QCOMPARE(redPixels(1), 0);
        QVERIFY(model()->index(1).data(Qt::AccessibleTextRole).toString().contains(u"stopped"));
        QVERIFY(!part(1, MessageHit::Continue).isEmpty());
        QCOMPARE(sendButton()->text(), tr("Send"));

        typeAndSend(QStringLiteral("again"));
        QTRY_VERIFY(!model()->message(3).content.isEmpty());
        QTest::keyClick(composer(), Qt::Key_Escape);
        QCOMPARE(stateOf(3), MessageState::Cancelled);
    }

    void stallShowsItsSentenceAndRetryWorks()
    {
        Test::ManualClock clock; // the idle limit passes when the test says
        Script stall;
        stall.reply = (QStringLiteral("Partial answer that never ends")).toUtf8();
        stall.fault = Test::FakeLlmFault::Stall;
        stall.faultAfterTokens = 2;
        m_server->enqueue(stall);
        openWindow(m_server->baseUrl());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        typeAndSend(QStringLiteral("hello"));
        QTRY_COMPARE(model()->message(1).content, QStringLiteral("Partial "));
        clock.advance(400);
        QTRY_COMPARE(stateOf(1), MessageState::Stalled);
        const ConversationMessage &m = model()->message(1);
        QCOMPARE(m.content, QStringLiteral("Partial ")); // two 4-character tokens
        QVERIFY(!m.errorText.isEmpty());
        QVERIFY(statusText().startsWith(QStringLiteral("Failed")));
        QVERIFY(composer()->toPlainText().isEmpty()); // the reply had begun: nothing returns
        QVERIFY(!part(1, MessageHit::Continue).isEmpty());
        click(part(1, MessageHit::Retry));
        QTRY_COMPARE(m_server->chatRequests().size(), 2);
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        QCOMPARE(model()->rowCount(), 2);
        QCOMPARE(model()->message(1).content, QStringLiteral("Hello! How can I help you today?"));
    }

    // A reply that goes silent mid-stream counts the seconds, as the phases before it do.
    void silenceMidStreamCountsTheSeconds()
    {
        Test::ManualClock clock;
        Script stall;
        stall.reply = (QStringLiteral("Partial answer that never ends")).toUtf8();
        stall.fault = Test::FakeLlmFault::Stall;
        stall.faultAfterTokens = 2;
        m_server->enqueue(stall);
        ProviderConfig slow = provider(m_server->baseUrl());
        slow.timeouts.idleMs = 2500;
        m_window = new MainWindow(m_client);
        m_window->findChild<ReplyStatus *>()->setSilenceShownAfterMs(1000);
        m_window->setProviders({slow}, slow.id, QStringLiteral("llama3.2:3b"));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        typeAndSend(QStringLiteral("hello"));
        QTRY_COMPARE(model()->message(1).content, QStringLiteral("Partial "));
        clock.advance(1000);
        QTRY_COMPARE(statusText(), QStringLiteral("No data for 1 s…"));
        clock.advance(1000);
        QTRY_COMPARE(statusText(), QStringLiteral("No data for 2 s…"));
        QCOMPARE(stateOf(1), MessageState::Streaming); // not before the idle limit
        clock.advance(500);
        QTRY_COMPARE(stateOf(1), MessageState::Stalled);
    }

    void regenerateWithShortcut()
    {
        openWindow(m_server->baseUrl());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        typeAndSend(QStringLiteral("q"));
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        Script other;
        other.reply = (QStringLiteral("A different answer.")).toUtf8();
        m_server->enqueue(other);
        QTest::keySequence(m_window, QKeySequence(QStringLiteral("Ctrl+R")));
        QTRY_COMPARE(m_server->chatRequests().size(), 2);
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        QCOMPARE(model()->rowCount(), 2);
        QCOMPARE(model()->message(1).content, QStringLiteral("A different answer."));
    }

    void editAndResend()
    {
        openWindow(m_server->baseUrl());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        typeAndSend(QStringLiteral("first"));
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        typeAndSend(QStringLiteral("second"));
        QTRY_COMPARE(stateOf(3), MessageState::Complete);

        click(part(0, MessageHit::Edit));
        QCOMPARE(composer()->toPlainText(), QStringLiteral("first"));
        QVERIFY(m_window->findChild<QWidget *>(QStringLiteral("editBanner"))->isVisible());
        QTest::keyClicks(composer(), QStringLiteral(", edited"));
        QTest::keyClick(composer(), Qt::Key_Return);
        QCOMPARE(model()->rowCount(), 2);
        QCOMPARE(model()->message(0).content, QStringLiteral("first, edited"));
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        QVERIFY(!m_window->findChild<QWidget *>(QStringLiteral("editBanner"))->isVisible());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
