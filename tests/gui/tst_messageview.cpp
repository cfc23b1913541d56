// Reading replies in the real window: code-block copy buttons, thinking, selecting with the
// mouse, which links open, following the stream only at the bottom, and a long reply that
// arrives whole shown a piece at a time.
#include "gui/conversation/markdownlayout.h"
#include "mainwindowtest.h"

#include <QTimer>

using namespace Sluice;
using namespace Sluice::GuiTest;

class TestMessageView final : public MainWindowTest
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(isolateSettings(QStringLiteral("tst_messageview"))); }
    void init() { QVERIFY(startServer()); }
    void cleanup() { tearDown(); }

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
    // Streaming off (or a burst faster than the view's updates): the whole long reply lands at
    // once, after the view showed it empty. It is laid out over several turns of the event
    // loop, a piece at a time, as a streamed one is, and then shown whole and followed.
    void aLongReplyArrivingWholeShowsAPieceAtATime()
    {
        m_window = new MainWindow(m_client);
        m_window->resize(1000, 700);
        ProviderConfig p = provider(m_server->baseUrl());
        p.stream = false;
        m_window->setProviders({p}, p.id, QStringLiteral("llama3.2:3b"));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
        // Large enough that no machine renders it within one turn's budget (~5 ms): over 30
        // pieces each.
        QString reply;
        for (int i = 1; i <= 120; ++i)
            reply += QStringLiteral("## Part %1\n\n%2\n\n```python\nprint(%1)\n```\n\n")
                         .arg(i)
                         .arg(QString(QStringLiteral("Some words of prose. ")).repeated(60));
        reply += QStringLiteral("The end.");
        QString thinking;
        for (int i = 1; i <= 160; ++i)
            thinking +=
                QString(QStringLiteral("Weighing step %1 of the answer. ")).arg(i).repeated(40) +
                QStringLiteral("\n\n");
        Script whole;
        whole.reply = reply.toUtf8();
        whole.thinking = thinking.toUtf8();
        whole.tokenDelayMs = 0;
        m_server->enqueue(whole);
        typeAndSend(QStringLiteral("a long answer please"));
        QTRY_COMPARE(model()->rowCount(), 2);
        const QModelIndex row = model()->index(1);
        MessageDelegate *delegate = view()->messageDelegate();
        QTRY_VERIFY(delegate->contentLayout(row) != nullptr); // shown while it waits

        // Each turn of the event loop: was the whole text there, but only part of it shown?
        bool partShown = false;
        bool thinkingPartShown = false;
        QTimer everyTurn;
        everyTurn.setInterval(0);
        connect(&everyTurn, &QTimer::timeout, this, [&] {
            const MarkdownLayout *layout = delegate->contentLayout(row);
            if (layout && layout->text() == reply && !layout->isComplete())
                partShown = true;
            const MarkdownLayout *t = delegate->contentLayout(row, true);
            if (t && t->text() == thinking && !t->isComplete())
                thinkingPartShown = true;
        });
        everyTurn.start();
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        QTRY_VERIFY(delegate->contentLayout(row)->isComplete());
        QTRY_VERIFY(delegate->contentLayout(row, true)->isComplete());
        everyTurn.stop();
        QVERIFY2(partShown, "the whole reply was laid out in one turn");
        QVERIFY2(thinkingPartShown, "the whole thinking was laid out in one turn");
        const MarkdownLayout *layout = delegate->contentLayout(row);
        QVERIFY(layout->chunkCount() > 30);
        QVERIFY(delegate->contentLayout(row, true)->chunkCount() > 30);
        QVERIFY(layout->plainText().endsWith(QStringLiteral("The end.")));
        QScrollBar *bar = view()->verticalScrollBar();
        QTRY_COMPARE(bar->value(), bar->maximum()); // still following: the end is in view
        QVERIFY(bar->maximum() > 10 * view()->viewport()->height());
    }
};

QTEST_MAIN(TestMessageView)
#include "tst_messageview.moc"
