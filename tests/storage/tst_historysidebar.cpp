// The history sidebar driven like a person would: pick, search, open a result, rename,
// pin, delete and undo. Offscreen.
#include "conversationlistmodel.h"
#include "historysidebar.h"
#include "storage/conversationstore.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Sluice;

class TestHistorySidebar final : public QObject
{
    Q_OBJECT

    ConversationStore *m_store = nullptr;
    HistorySidebar *m_sidebar = nullptr;
    qint64 m_otters = 0;
    qint64 m_rivers = 0;
    qint64 m_cooking = 0;
    qint64 m_otterReply = 0;

    QListView *list() const
    {
        return m_sidebar->findChild<QListView *>(QStringLiteral("historyList"));
    }
    QListWidget *results() const
    {
        return m_sidebar->findChild<QListWidget *>(QStringLiteral("historySearchResults"));
    }
    QLineEdit *search() const
    {
        return m_sidebar->findChild<QLineEdit *>(QStringLiteral("historySearch"));
    }
    QAction *action(const char *name) const
    {
        return m_sidebar->findChild<QAction *>(QString::fromLatin1(name));
    }
    qint64 addConversation(const QString &question, const QString &answer)
    {
        const qint64 id = m_store->createConversation()->id;
        StoredMessage user;
        user.role = QStringLiteral("user");
        user.content = question;
        m_store->addMessage(id, user);
        StoredMessage reply;
        reply.role = QStringLiteral("assistant");
        reply.content = answer;
        m_otterReply = m_store->addMessage(id, reply)->id;
        return id;
    }
    void clickRow(int row)
    {
        const QRect rect = list()->visualRect(list()->model()->index(row, 0));
        QTest::mouseClick(list()->viewport(), Qt::LeftButton, {}, rect.center());
    }

private Q_SLOTS:
    void init()
    {
        m_store = new ConversationStore;
        QVERIFY(m_store->openInMemory());
        m_cooking = addConversation(QStringLiteral("Pasta tips"), QStringLiteral("Salt water."));
        m_rivers = addConversation(QStringLiteral("Longest river"), QStringLiteral("The Nile."));
        m_otters = addConversation(QStringLiteral("About otters"),
                                   QStringLiteral("Sea otters hold hands while sleeping."));
        m_sidebar = new HistorySidebar(m_store);
        m_sidebar->setSearchDelayMs(0);
        m_sidebar->resize(300, 500);
        m_sidebar->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_sidebar));
    }

    void cleanup()
    {
        delete m_sidebar;
        delete m_store;
    }

    void clickingAConversationActivatesIt()
    {
        QSignalSpy activated(m_sidebar, &HistorySidebar::conversationActivated);
        QCOMPARE(list()->model()->rowCount(), 3);
        QCOMPARE(list()->model()->index(0, 0).data().toString(), QStringLiteral("About otters"));
        clickRow(1);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.at(0).at(0).toLongLong(), m_rivers);
        clickRow(1); // the same one again: nothing new to open
        QCOMPARE(activated.size(), 1);

        // The window selecting a conversation it created does not bounce back as a signal.
        m_sidebar->setCurrentConversation(m_cooking);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(list()->currentIndex().row(), 2);
        // The arrow keys move the focus mark only; Enter opens the conversation under it.
        list()->setFocus();
        QTest::keyClick(list(), Qt::Key_Up);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(list()->currentIndex().row(), 1);
        QTest::keyClick(list(), Qt::Key_Return);
        QCOMPARE(activated.size(), 2);
        QCOMPARE(activated.at(1).at(0).toLongLong(), m_rivers);
    }

    void searchShowsResultsAsYouTypeAndOpensOne()
    {
        QSignalSpy opened(m_sidebar, &HistorySidebar::searchResultActivated);
        search()->setFocus();
        QTest::keyClicks(search(), QStringLiteral("otte"));
        QTRY_VERIFY(results()->isVisible());
        QVERIFY(!list()->isVisible());
        QCOMPARE(results()->count(), 2); // the question and the answer
        QListWidgetItem *first = results()->item(0);
        QVERIFY(first->data(Qt::UserRole + 10).toString().contains(QStringLiteral("<b>")));

        // Enter opens the best result.
        QTest::keyClick(search(), Qt::Key_Return);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.at(0).at(0).toLongLong(), m_otters);

        // Clicking a result opens that message.
        const QRect rect = results()->visualItemRect(results()->item(1));
        QTest::mouseClick(results()->viewport(), Qt::LeftButton, {}, rect.center());
        QVERIFY(opened.size() >= 2);
        QCOMPARE(opened.last().at(0).toLongLong(), m_otters);
        QCOMPARE(opened.last().at(1).toLongLong(),
                 results()->item(1)->data(Qt::UserRole + 2).toLongLong());

        // Escape goes back to the list.
        search()->setFocus();
        QTest::keyClick(search(), Qt::Key_Escape);
        QTRY_VERIFY(list()->isVisible());
        QVERIFY(!results()->isVisible());
    }

    void searchWithoutMatchesSaysSo()
    {
        QTest::keyClicks(search(), QStringLiteral("zebra"));
        auto *none = m_sidebar->findChild<QLabel *>(QStringLiteral("historyNoResults"));
        QTRY_VERIFY(none->isVisible());
        QVERIFY(none->text().contains(QStringLiteral("zebra")));
        QVERIFY(!results()->isVisible());
    }

    void renameInPlace()
    {
        clickRow(0);
        action("historyRenameAction")->trigger();
        auto *editor = list()->viewport()->findChild<QLineEdit *>();
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("Otter facts"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(m_store->conversation(m_otters)->title, QStringLiteral("Otter facts"));
        QCOMPARE(list()->model()->index(0, 0).data().toString(), QStringLiteral("Otter facts"));
    }

    void pinMovesToTheTop()
    {
        clickRow(2);
        action("historyPinAction")->trigger();
        QVERIFY(m_store->conversation(m_cooking)->pinned);
        QCOMPARE(list()->model()->index(0, 0).data(ConversationListModel::IdRole).toLongLong(),
                 m_cooking);
        QCOMPARE(list()->model()->index(0, 0).data(ConversationListModel::SectionRole).toString(),
                 QStringLiteral("Pinned"));
        // Still the selected one after moving.
        QCOMPARE(list()->currentIndex().row(), 0);
        action("historyPinAction")->trigger();
        QVERIFY(!m_store->conversation(m_cooking)->pinned);
    }

    void deleteAndUndo()
    {
        QSignalSpy activated(m_sidebar, &HistorySidebar::conversationActivated);
        clickRow(1);
        activated.clear();
        list()->setFocus();
        QTest::keyClick(list(), Qt::Key_Delete);
        QCOMPARE(list()->model()->rowCount(), 2);
        QVERIFY(!m_store->conversation(m_rivers));
        QCOMPARE(activated.size(), 0);                      // deleting doesn't open the neighbour
        QVERIFY(!list()->selectionModel()->hasSelection()); // nor make it look open

        auto *bar = m_sidebar->findChild<QWidget *>(QStringLiteral("historyUndoBar"));
        QVERIFY(bar->isVisible());
        QVERIFY(bar->findChild<QLabel *>()->text().contains(QStringLiteral("Longest river")));
        QTest::mouseClick(m_sidebar->findChild<QPushButton *>(QStringLiteral("historyUndoButton")),
                          Qt::LeftButton);
        QCOMPARE(list()->model()->rowCount(), 3);
        QVERIFY(m_store->conversation(m_rivers));
        QCOMPARE(m_store->messages(m_rivers).size(), 2);
        QVERIFY(!bar->isVisible());
    }

    void undoBarGoesAwayByItself()
    {
        m_sidebar->setUndoTimeoutMs(50);
        clickRow(0);
        action("historyDeleteAction")->trigger();
        auto *bar = m_sidebar->findChild<QWidget *>(QStringLiteral("historyUndoBar"));
        QVERIFY(bar->isVisible());
        QTRY_VERIFY(!bar->isVisible());
        QVERIFY(!m_store->conversation(m_otters));
    }
};

QTEST_MAIN(TestHistorySidebar)
#include "tst_historysidebar.moc"
