// Versions of a conversation in the real window, offscreen, against the scripted Ollama on
// loopback: regenerate three times and edit the first question; switch among every version by
// clicking the "‹ n / m ›" arrows and with Alt+Left / Alt+Right; what the model is sent next
// follows the path shown (the test server's recorded requests), for each of the five paths;
// the focus stays on a regenerated reply; "Branch from Here"; deleting a message with
// everything below it after a confirmation that counts them, and Undo.
#include "core/storage/conversationstore.h"
#include "gui/app/windowbranches.h"
#include "gui/app/windowhistory.h"
#include "gui/conversation/versionswitcher.h"
#include "gui/window/mainwindow.h"
#include "mainwindowtest.h"
#include "session/conversationcontroller.h"

#include <QMenu>
#include <QMessageBox>
#include <QTimer>

using namespace Sluice;
using namespace Sluice::GuiTest;

class TestBranching final : public MainWindowTest
{
    Q_OBJECT

    ConversationStore *m_store = nullptr;
    WindowHistory *m_history = nullptr;

    void reply(const char *text)
    {
        Script s;
        s.reply = QByteArray(text);
        m_server->enqueue(s);
    }
    QPoint versionsOf(int row) const
    {
        return model()->index(row).data(ChatModel::VersionsRole).toPoint();
    }
    QString textOf(int row) const { return model()->message(row).content; }
    // The messages (role: content) the model was sent in the last request.
    QStringList lastSent() const
    {
        QStringList sent;
        for (const auto &m : m_server->chatRequests().last().value(u"messages").toArray())
            sent << m[u"content"].toString();
        return sent;
    }
    // Opens the message's context menu as a right click does and picks an action.
    QString chooseFromMenu(int row, const QString &action)
    {
        QString versionLine;
        QTimer poll; // until the menu is up: then read it, pick the action and close it
        poll.setInterval(5);
        connect(&poll, &QTimer::timeout, this, [&] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            if (!menu || !menu->isVisible())
                return;
            poll.stop();
            for (QAction *a : menu->actions()) {
                if (a->text().startsWith(tr("Version")))
                    versionLine = a->text();
            }
            QAction *chosen = action.isEmpty() ? nullptr : menu->findChild<QAction *>(action);
            menu->close();
            if (chosen)
                chosen->trigger();
        });
        poll.start();
        const QPoint at =
            part(row, MessageHit::Text).intersected(view()->viewport()->rect()).center();
        QContextMenuEvent event(QContextMenuEvent::Mouse, at, view()->viewport()->mapToGlobal(at));
        QApplication::sendEvent(view()->viewport(), &event);
        return versionLine;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(isolateSettings(QStringLiteral("tst_branching"))); }
    void init()
    {
        QVERIFY(startServer());
        m_store = new ConversationStore;
        QVERIFY(m_store->openInMemory());
    }
    void cleanup()
    {
        tearDown();
        delete m_store;
    }

    void everyVersionStaysAndSwitchingChangesWhatIsSent()
    {
        openWindow(m_server->baseUrl());
        m_history = new WindowHistory(m_store, m_window);
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        reply("R1");
        typeAndSend(QStringLiteral("Which river is longest?"));
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        QCOMPARE(versionsOf(1), QPoint(1, 1));

        // Regenerate three times: four versions of the reply, the newest shown.
        for (const char *text : {"R2", "R3", "R4"}) {
            reply(text);
            click(part(1, MessageHit::Regenerate));
            QTRY_COMPARE(textOf(1), QString::fromUtf8(text));
            QTRY_COMPARE(stateOf(1), MessageState::Complete);
        }
        QCOMPARE(model()->rowCount(), 2);
        QCOMPARE(versionsOf(1), QPoint(4, 4));
        QVERIFY(part(1, MessageHit::PreviousVersion).isValid());

        // Edit the first question: a second version of it, answered anew.
        reply("E1");
        click(part(0, MessageHit::Edit));
        QTest::keyClicks(composer(), QStringLiteral(" Really?"));
        QTest::keyClick(composer(), Qt::Key_Return);
        QTRY_COMPARE(textOf(1), QStringLiteral("E1"));
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        QCOMPARE(textOf(0), QStringLiteral("Which river is longest? Really?"));
        QCOMPARE(versionsOf(0), QPoint(2, 2));
        QCOMPARE(versionsOf(1), QPoint(1, 1));

        // Mouse: back to the first question, whose newest reply shows; then through its replies.
        click(part(0, MessageHit::PreviousVersion));
        QCOMPARE(textOf(0), QStringLiteral("Which river is longest?"));
        QCOMPARE(versionsOf(0), QPoint(1, 2));
        QCOMPARE(textOf(1), QStringLiteral("R4"));
        for (const char *text : {"R3", "R2", "R1"}) {
            click(part(1, MessageHit::PreviousVersion));
            QCOMPARE(textOf(1), QString::fromUtf8(text));
        }
        QCOMPARE(versionsOf(1), QPoint(1, 4));
        QCOMPARE(chooseFromMenu(1, QString()), VersionSwitcher::accessibleName(1, 4));
        // Hovering an arrow names it, its key and the version shown.
        QTest::mouseMove(view()->viewport(), part(1, MessageHit::NextVersion).center());
        QTRY_COMPARE(view()->viewport()->toolTip(),
                     QStringLiteral("Next version (Alt+Right) · Version 1 of 4"));

        // Keyboard: the reply selected, Alt+Right and Alt+Left.
        view()->setFocus();
        QTest::keyClick(view(), Qt::Key_End);
        QCOMPARE(view()->currentIndex().row(), 1);
        for (const char *text : {"R2", "R3", "R4", "R4"}) {
            QTest::keyClick(view(), Qt::Key_Right, Qt::AltModifier);
            QCOMPARE(textOf(1), QString::fromUtf8(text));
        }
        QTest::keyClick(view(), Qt::Key_Left, Qt::AltModifier);
        QTest::keyClick(view(), Qt::Key_Left, Qt::AltModifier);
        QCOMPARE(textOf(1), QStringLiteral("R2"));

        // What the model is sent next follows the path shown.
        reply("F1");
        typeAndSend(QStringLiteral("And the second?"));
        QTRY_COMPARE(stateOf(3), MessageState::Complete);
        QCOMPARE(lastSent(),
                 (QStringList{QStringLiteral("Which river is longest?"), QStringLiteral("R2"),
                              QStringLiteral("And the second?")}));
        view()->setFocus();
        QTest::keyClick(view(), Qt::Key_Home);
        QTest::keyClick(view(), Qt::Key_Right, Qt::AltModifier);
        QCOMPARE(textOf(0), QStringLiteral("Which river is longest? Really?"));
        QCOMPARE(model()->rowCount(), 2);
        reply("F2");
        typeAndSend(QStringLiteral("Shortest?"));
        QTRY_COMPARE(stateOf(3), MessageState::Complete);
        QCOMPARE(lastSent(), (QStringList{QStringLiteral("Which river is longest? Really?"),
                                          QStringLiteral("E1"), QStringLiteral("Shortest?")}));
        // Back on the first question, its continuation last written is shown again.
        QTest::keyClick(view(), Qt::Key_Home);
        QTest::keyClick(view(), Qt::Key_Left, Qt::AltModifier);
        QCOMPARE(model()->rowCount(), 4);
        QCOMPARE(textOf(1), QStringLiteral("R2"));
        QCOMPARE(textOf(3), QStringLiteral("F1"));

        // The choice is remembered: the history shows the same path on opening.
        const qint64 id = m_history->conversationId(m_window->currentConversation());
        QCOMPARE(m_store->messages(id).at(1).content, QStringLiteral("R2"));
        QCOMPARE(m_store->allMessages(id).size(), 11);
    }

    // Each of the five paths (four replies to the question, one to its edit), chosen with the
    // keyboard, is what the model is sent on the next turn, and nothing of another path.
    void theNextTurnSendsThePathShownForEveryVersion()
    {
        openWindow(m_server->baseUrl());
        m_history = new WindowHistory(m_store, m_window);
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        reply("R1");
        typeAndSend(QStringLiteral("Longest river?"));
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        for (const char *text : {"R2", "R3", "R4"}) {
            reply(text);
            view()->setFocus();
            QTest::keyClick(view(), Qt::Key_R, Qt::ControlModifier);
            QTRY_COMPARE(textOf(1), QString::fromUtf8(text));
            QTRY_COMPARE(stateOf(1), MessageState::Complete);
        }
        reply("E1");
        click(part(0, MessageHit::Edit));
        QTest::keyClicks(composer(), QStringLiteral(" Really?"));
        QTest::keyClick(composer(), Qt::Key_Return);
        QTRY_COMPARE(stateOf(1), MessageState::Complete);

        const auto nextTurn = [this](const QString &question, const QString &answer) {
            reply("ok");
            typeAndSend(QStringLiteral("Next?"));
            QTRY_COMPARE(stateOf(3), MessageState::Complete);
            QCOMPARE(lastSent(), (QStringList{question, answer, QStringLiteral("Next?")}));
        };
        nextTurn(QStringLiteral("Longest river? Really?"), QStringLiteral("E1"));
        view()->setFocus();
        QTest::keyClick(view(), Qt::Key_Home);
        QTest::keyClick(view(), Qt::Key_Left, Qt::AltModifier); // the question as first asked
        QCOMPARE(textOf(1), QStringLiteral("R4"));
        nextTurn(QStringLiteral("Longest river?"), QStringLiteral("R4"));
        for (const char *text : {"R3", "R2", "R1"}) {
            view()->setFocus();
            QTest::keyClick(view(), Qt::Key_Home);
            QTest::keyClick(view(), Qt::Key_Down);
            QCOMPARE(view()->currentIndex().row(), 1);
            QTest::keyClick(view(), Qt::Key_Left, Qt::AltModifier);
            QCOMPARE(textOf(1), QString::fromUtf8(text));
            QCOMPARE(model()->rowCount(), 2); // this version has no continuation yet
            nextTurn(QStringLiteral("Longest river?"), QString::fromUtf8(text));
        }
        const qint64 id = m_history->conversationId(m_window->currentConversation());
        QCOMPARE(m_store->allMessages(id).size(), 1 + 4 + 2 + 5 * 2);
    }

    // Regenerating from the keyboard leaves the focus on the reply being written again (the
    // row it was on goes away with the old version), so Alt+Left goes back to that version.
    void afterRegenerateTheFocusIsOnTheNewReply()
    {
        openWindow(m_server->baseUrl());
        m_history = new WindowHistory(m_store, m_window);
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        reply("Q1 answer");
        typeAndSend(QStringLiteral("First?"));
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        reply("Q2 answer");
        typeAndSend(QStringLiteral("Second?"));
        QTRY_COMPARE(stateOf(3), MessageState::Complete);

        for (const char *text : {"Q2 again", "Q2 once more"}) {
            view()->setFocus();
            QTest::keyClick(view(), Qt::Key_End);
            QCOMPARE(view()->currentIndex().row(), 3);
            reply(text);
            QTest::keyClick(view(), Qt::Key_R, Qt::ControlModifier); // Regenerate
            QTRY_COMPARE(textOf(3), QString::fromUtf8(text));
            QCOMPARE(view()->currentIndex().row(), 3);
            QTRY_COMPARE(stateOf(3), MessageState::Complete);
            QCOMPARE(view()->currentIndex().row(), 3);
            QVERIFY(view()->hasFocus());
        }
        QCOMPARE(versionsOf(3), QPoint(3, 3));
        // The keys act on the reply, not on the question above it.
        QTest::keyClick(view(), Qt::Key_Left, Qt::AltModifier);
        QCOMPARE(textOf(3), QStringLiteral("Q2 again"));
        QCOMPARE(textOf(2), QStringLiteral("Second?"));
        QCOMPARE(versionsOf(3), QPoint(2, 3));
        QCOMPARE(view()->currentIndex().row(), 3);
    }

    void branchFromHereAndDeleteASubtreeWithUndo()
    {
        openWindow(m_server->baseUrl());
        m_history = new WindowHistory(m_store, m_window);
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        reply("A1");
        typeAndSend(QStringLiteral("Name a lake"));
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        reply("A2");
        click(part(1, MessageHit::Regenerate));
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        reply("B1");
        typeAndSend(QStringLiteral("Deeper?"));
        QTRY_COMPARE(stateOf(3), MessageState::Complete);
        ConversationController *origin = m_window->currentConversation();
        const qint64 originId = m_history->conversationId(origin);

        // Branch from the second reply: a new conversation with the path down to it.
        chooseFromMenu(1, QStringLiteral("branchFromHereAction"));
        QTRY_VERIFY(m_window->currentConversation() != origin);
        QCOMPARE(model()->rowCount(), 2);
        QCOMPARE(textOf(1), QStringLiteral("A2"));
        const qint64 branchId = m_history->conversationId(m_window->currentConversation());
        QCOMPARE(m_store->conversation(branchId)->title, QStringLiteral("Name a lake (branch)"));
        QCOMPARE(m_store->origin(branchId)->conversationId, originId);
        QCOMPARE(m_store->messages(originId).size(), 4); // the origin keeps everything
        // The sidebar says where it came from.
        auto *list = m_window->findChild<QAbstractItemView *>(QStringLiteral("historyList"));
        QString tip;
        for (int r = 0; r < list->model()->rowCount(); ++r) {
            const QModelIndex i = list->model()->index(r, 0);
            if (i.data(Qt::UserRole + 1).toLongLong() == branchId)
                tip = i.data(Qt::ToolTipRole).toString();
        }
        QVERIFY2(tip.endsWith(QStringLiteral("Branched from “Name a lake”")), qPrintable(tip));

        // Delete the question in the origin: it and all below, on both versions — 5 messages.
        QVERIFY(m_history->openConversation(originId));
        QCOMPARE(m_window->currentConversation(), origin);
        QCOMPARE(model()->rowCount(), 4);
        chooseFromMenu(0, QStringLiteral("deleteMessageAction"));
        auto *box = m_window->findChild<QMessageBox *>(QStringLiteral("deleteMessagesBox"));
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QVERIFY2(box->text().contains(QStringLiteral("5 messages")), qPrintable(box->text()));
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("deleteMessagesButton")),
                          Qt::LeftButton);
        QCOMPARE(model()->rowCount(), 0);
        QVERIFY(m_store->allMessages(originId).isEmpty());
        auto *undo = m_window->findChild<QPushButton *>(QStringLiteral("messageUndoButton"));
        QTRY_VERIFY(undo->isVisible());

        QTest::mouseClick(undo, Qt::LeftButton);
        QCOMPARE(model()->rowCount(), 4);
        QCOMPARE(textOf(1), QStringLiteral("A2"));
        QCOMPARE(versionsOf(1), QPoint(2, 2));
        QCOMPARE(m_store->allMessages(originId).size(), 5);
        QVERIFY(!undo->isVisible());
        QVERIFY(m_store->removedSubtrees(originId).isEmpty());

        // Once the Undo bar has gone, the messages are still kept, as a deleted conversation
        // is (an hour, restarts included: tst_branches).
        m_history->branches()->setUndoTimeoutMs(1);
        chooseFromMenu(1, QStringLiteral("deleteMessageAction"));
        box = m_window->findChild<QMessageBox *>(QStringLiteral("deleteMessagesBox"));
        QTRY_VERIFY(box && box->isVisible());
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("deleteMessagesButton")),
                          Qt::LeftButton);
        QCOMPARE(model()->rowCount(), 2); // the question and its other reply
        QCOMPARE(textOf(1), QStringLiteral("A1"));
        QTRY_VERIFY(!undo->isVisible());
        const QList<ConversationStore::RemovedSubtree> kept = m_store->removedSubtrees(originId);
        QCOMPARE(kept.size(), 1);
        QCOMPARE(kept.first().messages.size(), 3); // the reply and what followed it
    }
};

QTEST_MAIN(TestBranching)
#include "tst_branching.moc"
