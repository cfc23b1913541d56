// The history sidebar driven like a person would: pick, search, open a result, rename,
// pin, delete and undo. Offscreen.
#include "gui/history/conversationlistmodel.h"
#include "gui/history/historydelegates.h"
#include "gui/history/historysidebar.h"
#include "core/storage/conversationstore.h"

#include <QAccessible>
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
    // The results on show are those of `text`.
    bool resultsFor(const QString &text) const
    {
        return results()->isVisible() && results()->count() > 0 &&
               results()->item(0)->data(Qt::UserRole + 3).toString() == text;
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
        ConversationMessage user;
        user.role = QStringLiteral("user");
        user.content = question;
        m_store->addMessage(id, user);
        ConversationMessage reply;
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

    void onlyTheFocusedListHasAFocusedItem()
    {
        // A screen reader takes the item with the state "focused" for where the keyboard is:
        // the open conversation's item says so only while the list has the keyboard focus.
        m_sidebar->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_sidebar));
        search()->setFocus();
        QTRY_VERIFY(search()->hasFocus());
        const auto state = [this](int row) {
            return QAccessible::queryAccessibleInterface(list())->child(row)->state();
        };
        m_sidebar->setCurrentConversation(m_rivers);
        const int open = list()->selectionModel()->selectedRows().value(0).row();
        QCOMPARE(list()->model()->index(open, 0).data().toString(), QStringLiteral("Longest river"));
        QVERIFY(state(open).selected && !state(open).focused);
        // Tab into the list: the keyboard starts on the open conversation.
        list()->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(list()->hasFocus());
        QCOMPARE(list()->currentIndex().row(), open);
        QVERIFY(state(open).focused);
        QTest::keyClick(list(), Qt::Key_Down);
        QVERIFY(state(open + 1).focused && !state(open).focused);
        // Away and back: nothing in the list says "focused"; the mark is where it was.
        search()->setFocus(Qt::BacktabFocusReason);
        QTRY_VERIFY(search()->hasFocus());
        for (int row = 0; row < list()->model()->rowCount(); ++row)
            QVERIFY2(!state(row).focused, qPrintable(QString::number(row)));
        list()->setFocus(Qt::TabFocusReason);
        QTRY_COMPARE(list()->currentIndex().row(), open + 1);
        QCOMPARE(list()->selectionModel()->selectedRows().value(0).row(), open); // still open
        // The best search result is selected for Enter, not "focused" while typing.
        search()->setFocus();
        QTest::keyClicks(search(), QStringLiteral("otters"));
        QTRY_VERIFY(resultsFor(QStringLiteral("otters")));
        QAccessibleInterface *best = QAccessible::queryAccessibleInterface(results())->child(0);
        QVERIFY(best->state().selected && !best->state().focused);
        QTest::keyClick(search(), Qt::Key_Down);
        QTRY_VERIFY(results()->hasFocus());
        QVERIFY(best->state().focused);
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
        // One row for the conversation, though its title and both messages match.
        QCOMPARE(results()->count(), 1);
        QListWidgetItem *first = results()->item(0);
        QCOMPARE(first->text(), QStringLiteral("About otters"));
        QCOMPARE(first->data(SearchResultDelegate::NoteRole).toString(),
                 QStringLiteral("2 matches"));
        QCOMPARE(first->data(SearchResultDelegate::TitleHighlightsRole).toList(),
                 (QVariantList{QPoint(6, 6)}));
        const QString snippet = first->data(SearchResultDelegate::SnippetRole).toString();
        const QVariantList marks =
            first->data(SearchResultDelegate::SnippetHighlightsRole).toList();
        QCOMPARE(marks.size(), 1);
        QCOMPARE(snippet.mid(marks[0].toPoint().x(), marks[0].toPoint().y()),
                 QStringLiteral("otters"));
        QVERIFY(
            first->data(Qt::AccessibleTextRole).toString().contains(QStringLiteral("2 matches")));
        results()->viewport()->repaint(); // paints the row

        // Enter opens the best result.
        QTest::keyClick(search(), Qt::Key_Return);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.at(0).at(0).toLongLong(), m_otters);
        const qint64 best = first->data(Qt::UserRole + 2).toLongLong();
        QVERIFY(best > 0);

        // Clicking a result opens that message.
        const QRect rect = results()->visualItemRect(first);
        QTest::mouseClick(results()->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(opened.size(), 2);
        QCOMPARE(opened.last().at(0).toLongLong(), m_otters);
        QCOMPARE(opened.last().at(1).toLongLong(), best);

        // Escape goes back to the list.
        search()->setFocus();
        QTest::keyClick(search(), Qt::Key_Escape);
        QTRY_VERIFY(list()->isVisible());
        QVERIFY(!results()->isVisible());
    }

    void resultsShowTitlesThinkingAndPlainSnippets()
    {
        const qint64 id = m_store->createConversation()->id;
        QVERIFY(m_store->renameConversation(id, QStringLiteral("Walrus notes")));
        ConversationMessage reply;
        reply.role = QStringLiteral("assistant");
        reply.content =
            QStringLiteral("## Tusks\n\n- **Ivory** tusks, see [here](http://x.example)");
        reply.thinking = QStringLiteral("They ask about *pinnipeds*");
        const qint64 replyId = m_store->addMessage(id, reply)->id;

        QSignalSpy opened(m_sidebar, &HistorySidebar::searchResultActivated);
        search()->setFocus();
        QTest::keyClicks(search(), QStringLiteral("tusk"));
        QTRY_VERIFY(resultsFor(QStringLiteral("tusk")));
        QCOMPARE(results()->count(), 1);
        QCOMPARE(results()->item(0)->data(SearchResultDelegate::SnippetRole).toString(),
                 QStringLiteral("Tusks Ivory tusks, see here"));
        QCOMPARE(results()->item(0)->data(SearchResultDelegate::NoteRole).toString(), QString());

        QTest::keyClick(search(), Qt::Key_Escape);
        QTest::keyClicks(search(), QStringLiteral("pinniped"));
        QTRY_VERIFY(resultsFor(QStringLiteral("pinniped")));
        QCOMPARE(results()->count(), 1);
        QCOMPARE(results()->item(0)->data(SearchResultDelegate::SnippetLabelRole).toString(),
                 QStringLiteral("Thinking:"));
        QCOMPARE(results()->item(0)->data(SearchResultDelegate::SnippetRole).toString(),
                 QStringLiteral("They ask about pinnipeds"));
        QTest::keyClick(search(), Qt::Key_Return);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.last().at(1).toLongLong(), replyId);

        // Only the title matches: the row says so and opens the conversation.
        QTest::keyClick(search(), Qt::Key_Escape);
        QTest::keyClicks(search(), QStringLiteral("walrus"));
        QTRY_VERIFY(resultsFor(QStringLiteral("walrus")));
        QCOMPARE(results()->count(), 1);
        QListWidgetItem *item = results()->item(0);
        QCOMPARE(item->text(), QStringLiteral("Walrus notes"));
        QCOMPARE(item->data(SearchResultDelegate::SnippetLabelRole).toString(),
                 QStringLiteral("Title matches"));
        results()->viewport()->repaint();
        QTest::mouseClick(results()->viewport(), Qt::LeftButton, {},
                          results()->visualItemRect(item).center());
        QCOMPARE(opened.size(), 2);
        QCOMPARE(opened.last().at(0).toLongLong(), id);
        QCOMPARE(opened.last().at(1).toLongLong(), 0);
    }

    void aMatchFarIntoTheSnippetStaysInView()
    {
        const QFontMetrics metrics(m_sidebar->font());
        const QString snippet =
            QStringLiteral("a great many words come first in this snippet before the match");
        const int match = int(snippet.indexOf(QStringLiteral("match")));
        const int width = metrics.horizontalAdvance(QStringLiteral("a great many words"));
        const QString shown = SearchResultDelegate::shownSnippet(
            snippet, QVariantList{QPoint(match, 5)}, metrics, width);
        QVERIFY2(shown.startsWith(QChar(0x2026)), qPrintable(shown));
        QVERIFY(shown.endsWith(QStringLiteral("the match")));
        QVERIFY(metrics.horizontalAdvance(shown) <= width);
        // A match that fits is shown from the start.
        QCOMPARE(
            SearchResultDelegate::shownSnippet(snippet, QVariantList{QPoint(2, 5)}, metrics, width),
            snippet);
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
