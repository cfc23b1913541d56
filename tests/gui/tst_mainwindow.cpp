// The real window, driven as a person would, against a scripted Ollama on loopback.
#include "core/chat/chatclient.h"
#include "session/chatmodel.h"
#include "gui/window/composer.h"
#include "gui/conversation/conversationview.h"
#include "gui/window/mainwindow.h"
#include "gui/conversation/messagedelegate.h"
#include "gui/conversation/messagegeometry.h"
#include "session/replystatus.h"
#include "scriptedllm.h"
#include "gui/window/windowshortcuts.h"
#include "manualclock.h"
#include "windowtest.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScopeGuard>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Sluice;
using namespace Sluice::GuiTest;

using KeyTable = QHash<int, QList<QKeySequence>>; // a platform's standard keys

class TestMainWindow final : public WindowTest
{
    Q_OBJECT

private:
    ProviderConfig provider(const QString &baseUrl) const
    {
        ProviderConfig p;
        p.id = QStringLiteral("ollama");
        p.name = QStringLiteral("Local Ollama");
        p.baseUrl = baseUrl;
        p.timeouts.idleMs = 400;
        p.timeouts.connectMs = 2000;
        p.maxRetries = 0;
        return p;
    }

    void openWindow(const QString &baseUrl)
    {
        m_window = new MainWindow(m_client);
        m_window->resize(1000, 700);
        m_window->setProviders({provider(baseUrl)}, QStringLiteral("ollama"),
                               QStringLiteral("llama3.2:3b"));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
    }

    ConversationView *view() const { return m_window->conversationView(); }
    Composer *composer() const { return m_window->composer(); }
    ChatModel *model() const { return m_window->currentConversation()->model(); }
    QPushButton *sendButton() const
    {
        return m_window->findChild<QPushButton *>(QStringLiteral("sendButton"));
    }
    QString statusText() const
    {
        return m_window->findChild<QLabel *>(QStringLiteral("statusPhaseLabel"))->text();
    }
    QString emptyTitle() const
    {
        return m_window->findChild<QLabel *>(QStringLiteral("emptyTitle"))->text();
    }

    // Where the first link of a message's text is, or a null point.
    QPoint firstLinkIn(int row)
    {
        const QRect text = part(row, MessageHit::Text);
        const QModelIndex index = model()->index(row);
        for (int x = text.left(); x < text.right(); x += 3) {
            const auto hit = view()->messageDelegate()->hitTest(index, view()->visualRect(index),
                                                                QPoint(x, text.top() + 6));
            if (hit.kind == MessageHit::Link)
                return QPoint(x, text.top() + 6);
        }
        return {};
    }

    void typeAndSend(const QString &text)
    {
        composer()->setFocus();
        QTest::keyClicks(composer(), text);
        QTest::keyClick(composer(), Qt::Key_Return);
    }

    MessageState stateOf(int row) const
    {
        return row < model()->rowCount() ? model()->message(row).state : MessageState::Pending;
    }

    QRect part(int row, MessageHit kind, int codeBlock = -1) const
    {
        view()->scrollTo(model()->index(row));
        QCoreApplication::processEvents();
        const QModelIndex index = model()->index(row);
        return view()->messageDelegate()->partRect(index, view()->visualRect(index), kind,
                                                   codeBlock);
    }

    // Pixels of a row that are clearly red (the error card's fill, border and text).
    int redPixels(int row) const
    {
        view()->scrollTo(model()->index(row));
        QCoreApplication::processEvents();
        const QRect rect = view()->visualRect(model()->index(row));
        const QImage image = view()->viewport()->grab(rect).toImage();
        int red = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, y);
                if ((c.hue() >= 340 || (c.hue() >= 0 && c.hue() <= 15)) && c.saturationF() > 0.05)
                    ++red;
            }
        }
        return red;
    }

    void click(const QRect &rect)
    {
        QVERIFY(!rect.isEmpty());
        QTest::mouseMove(view()->viewport(), rect.center());
        QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, rect.center());
    }

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

    void copyCodeBlockButton()
    {
        Script code;
        code.reply =
            (QStringLiteral("Here:\n\n```python\nprint(\"hi\")\nx = 1\n```\n\nDone.")).toUtf8();
        m_server->enqueue(code);
        openWindow(m_server->baseUrl());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        typeAndSend(QStringLiteral("code please"));
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        QGuiApplication::clipboard()->clear();
        click(part(1, MessageHit::CopyCode, 0));
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("print(\"hi\")\nx = 1"));
        click(part(1, MessageHit::Copy));
        QVERIFY(QGuiApplication::clipboard()->text().contains(QStringLiteral("Done.")));
        QVERIFY(!QGuiApplication::clipboard()->text().contains(QStringLiteral("```")));
    }

    void thinkingIsLiveThenCollapses()
    {
        Script s;
        s.thinking = (QStringLiteral("Thinking hard about the question at hand now")).toUtf8();
        s.reply = (QStringLiteral("Answer.")).toUtf8();
        s.tokenDelayMs = 60;
        m_server->enqueue(s);
        openWindow(m_server->baseUrl());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        typeAndSend(QStringLiteral("think"));
        const QModelIndex reply = model()->index(1);
        QTRY_VERIFY(!model()->message(1).thinking.isEmpty());
        QVERIFY(model()->message(1).content.isEmpty());
        QVERIFY(view()->messageDelegate()->isThinkingShown(reply));
        QTRY_VERIFY2(statusText().startsWith(QStringLiteral("Thinking")), qPrintable(statusText()));
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        QVERIFY(!view()->messageDelegate()->isThinkingShown(reply));
        QVERIFY(model()->message(1).thinkingMs > 0);
        click(part(1, MessageHit::ThinkingToggle));
        QVERIFY(reply.data(ChatModel::ThinkingExpandedRole).toBool());
        QVERIFY(view()->messageDelegate()->isThinkingShown(reply));
    }

    void selectingTextWithTheMouse()
    {
        Script s;
        s.reply = (QStringLiteral("Select some of these words with the mouse please.")).toUtf8();
        m_server->enqueue(s);
        openWindow(m_server->baseUrl());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        typeAndSend(QStringLiteral("words"));
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        const QRect text = part(1, MessageHit::Text);
        const QPoint from(text.left() + 2, text.top() + 6);
        const QPoint to(text.left() + 120, text.top() + 6);
        QTest::mousePress(view()->viewport(), Qt::LeftButton, {}, from);
        QVERIFY(view()->selectionOverlay());
        QMouseEvent move(QEvent::MouseMove, to, view()->viewport()->mapToGlobal(to), Qt::NoButton,
                         Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(view()->viewport(), &move);
        QTest::mouseRelease(view()->viewport(), Qt::LeftButton, {}, to);
        QTextCursor cursor = view()->selectionOverlay()->textCursor();
        QVERIFY(cursor.hasSelection());
        QVERIFY2(QStringLiteral("Select some of these words").startsWith(cursor.selectedText()),
                 qPrintable(cursor.selectedText()));
        view()->selectionOverlay()->copy();
        QCOMPARE(QGuiApplication::clipboard()->text(), cursor.selectedText());
    }

    void linksOpenOnlyOnClick()
    {
        Script s;
        s.reply = (QStringLiteral("See [the docs](https://example.com/docs) now.")).toUtf8();
        m_server->enqueue(s);
        openWindow(m_server->baseUrl());
        QList<QUrl> opened;
        m_window->setLinkOpener([&opened](const QUrl &url) { opened.append(url); });
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        typeAndSend(QStringLiteral("link"));
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        QVERIFY(opened.isEmpty());
        const QPoint linkAt = firstLinkIn(1);
        QVERIFY(!linkAt.isNull());
        QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, linkAt);
        QCOMPARE(opened, QList<QUrl>{QUrl(QStringLiteral("https://example.com/docs"))});
    }

    // A reply is untrusted: its links open only for web and mail addresses. A click on a
    // javascript:, file:, data: or custom-scheme link opens nothing and says so.
    void onlyWebAndMailLinksOpen_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<bool>("opens");
        QTest::newRow("https") << QStringLiteral("https://example.com/a") << true;
        QTest::newRow("http") << QStringLiteral("http://example.com/a") << true;
        QTest::newRow("mailto") << QStringLiteral("mailto:someone@example.com") << true;
        QTest::newRow("javascript") << QStringLiteral("javascript:alert(1)") << false;
        QTest::newRow("JavaScript upper case") << QStringLiteral("JAVASCRIPT:alert(1)") << false;
        QTest::newRow("file") << QStringLiteral("file:///etc/passwd") << false;
        QTest::newRow("data") << QStringLiteral("data:text/html,<b>x</b>") << false;
        QTest::newRow("custom scheme") << QStringLiteral("sluice-evil://run?cmd=rm") << false;
        QTest::newRow("ms-settings") << QStringLiteral("ms-settings:privacy") << false;
    }
    void onlyWebAndMailLinksOpen()
    {
        QFETCH(QString, target);
        QFETCH(bool, opens);
        Script s;
        s.reply = (u"Try [this link](" + target + u") now.").toUtf8();
        m_server->enqueue(s);
        openWindow(m_server->baseUrl());
        QList<QUrl> opened;
        m_window->setLinkOpener([&opened](const QUrl &url) { opened.append(url); });
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        typeAndSend(QStringLiteral("link"));
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        const QPoint linkAt = firstLinkIn(1);
        QVERIFY2(!linkAt.isNull(), "the reply shows the link as a link");
        QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, linkAt);
        if (opens) {
            QCOMPARE(opened, QList<QUrl>{QUrl(target)});
        } else {
            QVERIFY2(opened.isEmpty(), qPrintable(opened.value(0).toString()));
            QTRY_VERIFY(m_window->statusBar()->currentMessage().startsWith(u"Not opened:"));
        }
    }

    void followsOnlyAtTheBottom()
    {
        openWindow(m_server->baseUrl());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        QList<ConversationMessage> history;
        for (int i = 0; i < 40; ++i) {
            ConversationMessage m;
            m.role = i % 2 ? QStringLiteral("assistant") : QStringLiteral("user");
            m.content = QStringLiteral("Message %1\n\nwith a second paragraph.").arg(i);
            history.append(m);
        }
        Conversation o = m_window->currentConversation()->options();
        m_window->currentConversation()->load(o, history);
        Script slow;
        slow.reply = (QString(QStringLiteral("word ")).repeated(60) + QStringLiteral("\n\n") +
                      QString(QStringLiteral("more ")).repeated(60))
                         .toUtf8();
        slow.tokenDelayMs = 10;
        m_server->enqueue(slow);
        typeAndSend(QStringLiteral("long reply please"));
        QScrollBar *bar = view()->verticalScrollBar();
        QTRY_VERIFY(model()->message(41).content.size() > 100);
        QTRY_VERIFY(bar->value() == bar->maximum());
        auto *jump = view()->findChild<QToolButton *>(QStringLiteral("jumpToLatestButton"));
        QVERIFY(!jump->isVisible());
        // The user scrolls up: following stops, the button shows, the position stays.
        QWheelEvent wheel(QPointF(50, 50), view()->viewport()->mapToGlobal(QPointF(50, 50)),
                          QPoint(), QPoint(0, 480), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase,
                          false);
        QCoreApplication::sendEvent(view()->viewport(), &wheel);
        QVERIFY(!view()->isFollowing());
        QTRY_VERIFY(jump->isVisible());
        const int held = bar->value();
        QTRY_VERIFY(model()->message(41).content.size() > 400);
        QCOMPARE(bar->value(), held);
        QTest::mouseClick(jump, Qt::LeftButton);
        QVERIFY(view()->isFollowing());
        QTRY_COMPARE(bar->value(), bar->maximum());
        QTRY_COMPARE(stateOf(41), MessageState::Complete);
        QTRY_COMPARE(bar->value(), bar->maximum());
        QVERIFY(!jump->isVisible());
    }

    void newChatAndSwitchingBack()
    {
        openWindow(m_server->baseUrl());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        typeAndSend(QStringLiteral("first chat"));
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        ConversationController *first = m_window->currentConversation();
        QSignalSpy created(m_window, &MainWindow::conversationCreated);
        QTest::keySequence(m_window, QKeySequence(QStringLiteral("Ctrl+N")));
        QCOMPARE(created.count(), 1);
        QVERIFY(m_window->currentConversation() != first);
        QCOMPARE(model()->rowCount(), 0);
        QCOMPARE(m_window->currentConversation()->options().model, QStringLiteral("llama3.2:3b"));
        QTest::keySequence(m_window, QKeySequence(QStringLiteral("Ctrl+N")));
        QCOMPARE(created.count(), 1); // an empty chat is reused
        m_window->showConversation(first);
        QCOMPARE(model()->rowCount(), 2);
    }

    // Every key sequence reaches exactly one action: two actions (or one action twice, as
    // "Ctrl+Q" and QKeySequence::Quit were on Linux) with one key make Qt ignore the key.
    // Offscreen has no standard keys of its own, so the tables of real platforms stand in.
    void noTwoShortcutsClash_data()
    {
        QTest::addColumn<KeyTable>("platform");
        const auto k = [](const char *text) {
            return QKeySequence(QString::fromLatin1(text));
        };
        QTest::newRow("offscreen") << KeyTable();
        // Qt's generic Unix theme (xcb without a desktop), KDE's Preferences, and macOS.
        QTest::newRow("linux") << KeyTable{
            {QKeySequence::Quit, {k("Ctrl+Q")}},
            {QKeySequence::New, {k("Ctrl+N")}},
            {QKeySequence::Refresh, {k("F5")}},
            {QKeySequence::Find, {k("Ctrl+F")}},
            {QKeySequence::NextChild, {k("Ctrl+Tab"), k("Forward")}},
            {QKeySequence::PreviousChild, {k("Ctrl+Shift+Backtab"), k("Back")}}};
        QTest::newRow("kde") << KeyTable{{QKeySequence::Quit, {k("Ctrl+Q")}},
                                         {QKeySequence::Preferences, {k("Ctrl+Shift+,")}}};
        QTest::newRow("macos") << KeyTable{{QKeySequence::Quit, {k("Ctrl+Q")}},
                                           {QKeySequence::Preferences, {k("Ctrl+,")}},
                                           {QKeySequence::NextChild, {k("Ctrl+}")}},
                                           {QKeySequence::PreviousChild, {k("Ctrl+{")}}};
    }

    void noTwoShortcutsClash()
    {
        QFETCH(KeyTable, platform);
        if (!platform.isEmpty()) {
            setKeyBindingsForTesting(
                [platform](QKeySequence::StandardKey key) { return platform.value(int(key)); });
        }
        const auto restore = qScopeGuard([] { setKeyBindingsForTesting({}); });
        openWindow(m_server->baseUrl());
        QHash<QKeySequence, QString> seen;
        const QList<QAction *> actions = m_window->findChildren<QAction *>();
        QVERIFY(actions.size() > 10);
        for (const QAction *action : actions) {
            for (const QKeySequence &key : action->shortcuts()) {
                if (key.isEmpty())
                    continue;
                QVERIFY2(!seen.contains(key), qPrintable(QStringLiteral("%1 is on %2 and on %3")
                                                             .arg(key.toString(), seen.value(key),
                                                                  action->objectName())));
                seen.insert(key, action->objectName());
            }
        }
        for (const QKeySequence &key : platform.value(int(QKeySequence::Quit)))
            QCOMPARE(seen.value(key), QStringLiteral("actionQuit"));

        // The keys the menus name, pressed.
        QSignalSpy settings(m_window, &MainWindow::openSettingsRequested);
        QTest::keyClick(composer(), Qt::Key_Comma, Qt::ControlModifier);
        QCOMPARE(settings.count(), 1);
        QTest::keyClick(composer(), Qt::Key_Q, Qt::ControlModifier);
        QTRY_VERIFY(!m_window->isVisible());
    }

    void everyMenuEntryShowsItsKey()
    {
        openWindow(m_server->baseUrl());
        const QStringList keyed{QStringLiteral("actionNewChat"),
                                QStringLiteral("actionSettings"),
                                QStringLiteral("actionQuit"),
                                QStringLiteral("actionSearchConversations"),
                                QStringLiteral("actionNextConversation"),
                                QStringLiteral("actionPreviousConversation"),
                                QStringLiteral("actionChooseModel"),
                                QStringLiteral("actionFocusComposer")};
        for (const QString &name : keyed) {
            auto *action = m_window->findChild<QAction *>(name);
            QVERIFY2(action && !action->shortcut().isEmpty(), qPrintable(name));
            QVERIFY2(!action->associatedObjects().isEmpty(), qPrintable(name)); // in a menu
        }
        QCOMPARE(m_window->findChild<QAction *>(QStringLiteral("actionSearchConversations"))
                     ->shortcuts(),
                 (QList<QKeySequence>{QKeySequence(QStringLiteral("Ctrl+K")),
                                      QKeySequence(QStringLiteral("Ctrl+F"))}));
    }

    void ctrlMOpensTheModelPicker()
    {
        openWindow(m_server->baseUrl());
        auto *picker = m_window->findChild<QComboBox *>(QStringLiteral("modelCombo"));
        QTRY_VERIFY(picker->count() > 0);
        composer()->setFocus();
        QTest::keyClick(composer(), Qt::Key_M, Qt::ControlModifier);
        QTRY_VERIFY(picker->view()->isVisible());
        // Down and Enter choose another model for this conversation.
        const QString before = m_window->currentConversation()->options().model;
        QTest::keyClick(picker->view(), Qt::Key_Down);
        QTest::keyClick(picker->view(), Qt::Key_Return);
        QTRY_VERIFY(!picker->view()->isVisible());
        QVERIFY(m_window->currentConversation()->options().model != before);
    }

    // The built-in session list: the arrow keys move over it, Enter or a click opens.
    void sessionListOpensOnActivationOnly()
    {
        openWindow(m_server->baseUrl());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        typeAndSend(QStringLiteral("first"));
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        ConversationController *first = m_window->currentConversation();
        QTest::keyClick(composer(), Qt::Key_N, Qt::ControlModifier);
        ConversationController *second = m_window->currentConversation();
        QVERIFY(second != first);
        auto *list = m_window->findChild<QListWidget *>(QStringLiteral("conversationList"));
        list->setFocus();
        QTest::keyClick(list, Qt::Key_Down);
        QTest::keyClick(list, Qt::Key_Up);
        QTest::keyClick(list, Qt::Key_Down);
        QCOMPARE(m_window->currentConversation(), second);
        QTest::keyClick(composer(), Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(m_window->currentConversation(), first);
        QTest::keyClick(composer(), Qt::Key_PageUp, Qt::ControlModifier);
        QCOMPARE(m_window->currentConversation(), second);
    }

    // "New conversations use" in Settings decides a new chat's server and model, not the chat
    // in front; a chat not begun yet follows the new choice at once.
    void newChatUsesTheDefaultsFromSettings()
    {
        ProviderConfig other = provider(m_server->baseUrl());
        other.id = QStringLiteral("other");
        other.name = QStringLiteral("Other server");
        openWindow(m_server->baseUrl());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        typeAndSend(QStringLiteral("hello"));
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        ConversationController *first = m_window->currentConversation();
        // Settings → New conversations use: Other server, qwen3:4b → OK.
        m_window->setProviders({provider(m_server->baseUrl()), other}, QStringLiteral("other"),
                               QStringLiteral("qwen3:4b"));
        QCOMPARE(first->options().providerId, QStringLiteral("ollama")); // begun: kept
        QCOMPARE(first->options().model, QStringLiteral("llama3.2:3b"));
        QTest::keyClick(composer(), Qt::Key_N, Qt::ControlModifier);
        ConversationController *fresh = m_window->currentConversation();
        QVERIFY(fresh != first);
        QCOMPARE(fresh->options().providerId, QStringLiteral("other"));
        QCOMPARE(fresh->options().model, QStringLiteral("qwen3:4b"));
        auto *picker = m_window->findChild<QComboBox *>(QStringLiteral("modelCombo"));
        QCOMPARE(picker->currentText(), QStringLiteral("qwen3:4b"));

        // Settings again, while the new chat is still empty: it follows.
        m_window->setProviders({provider(m_server->baseUrl()), other}, QStringLiteral("ollama"),
                               QStringLiteral("llama3.2:3b"));
        QCOMPARE(m_window->currentConversation(), fresh);
        QCOMPARE(fresh->options().providerId, QStringLiteral("ollama"));
        QCOMPARE(fresh->options().model, QStringLiteral("llama3.2:3b"));
        QCOMPARE(picker->currentText(), QStringLiteral("llama3.2:3b"));
    }

    // The window fits a 1400 × 900 screen at twice the scale (700 × 450 logical px), Send
    // included, whatever the server names, addresses and status texts are.
    void windowFitsSmallScreens()
    {
        ProviderConfig local = provider(m_server->baseUrl());
        local.name = QStringLiteral("Ollama on the workstation under the desk");
        ProviderConfig remote =
            provider(QStringLiteral("https://inference.example-company.internal:8443/openai/v1/"));
        remote.id = QStringLiteral("remote");
        remote.name = QStringLiteral("The company's inference gateway");
        remote.type = ProviderType::OpenAI;
        m_window = new MainWindow(m_client);
        m_window->setProviders({local, remote}, QStringLiteral("remote"),
                               QStringLiteral("qwen2.5-coder:32b-instruct-q4_K_M"));
        m_window->findChild<QLabel *>(QStringLiteral("statusPhaseLabel"))
            ->setText(QStringLiteral("Failed · ") + QString(QStringLiteral("word ")).repeated(60));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));

        // The first window (nothing saved) is inside the screen (offscreen: 800 × 600).
        const QRect available = m_window->screen()->availableGeometry();
        QVERIFY2(available.contains(m_window->frameGeometry()),
                 qPrintable(QStringLiteral("%1×%2 on %3×%4")
                                .arg(m_window->frameGeometry().width())
                                .arg(m_window->frameGeometry().height())
                                .arg(available.width())
                                .arg(available.height())));
        const QSize least = m_window->minimumSizeHint();
        QVERIFY2(least.width() <= 640 && least.height() <= 420,
                 qPrintable(QStringLiteral("%1×%2").arg(least.width()).arg(least.height())));
        m_window->resize(least);
        QTRY_COMPARE(m_window->size(), least);
        const QRect send(sendButton()->mapTo(m_window, QPoint(0, 0)), sendButton()->size());
        QVERIFY(m_window->rect().contains(send));
        QVERIFY(sendButton()->isVisible());
    }

    void rememberesGeometryAndSplitter()
    {
        openWindow(m_server->baseUrl());
        m_window->resize(700, 520);
        m_window->close();
        delete m_window;
        m_window = new MainWindow(m_client);
        QCOMPARE(m_window->size(), QSize(700, 520));

        // Saved larger than this screen (another screen, another scale): fitted into it.
        m_window->resize(2400, 1500);
        m_window->close();
        delete m_window;
        m_window = new MainWindow(m_client);
        const QRect available = m_window->screen()->availableGeometry();
        QVERIFY(available.contains(m_window->geometry()));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
