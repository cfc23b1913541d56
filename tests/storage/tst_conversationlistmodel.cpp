// The sidebar's list: order, day sections, and row-level updates that keep the selection,
// checked by QAbstractItemModelTester throughout.
#include "gui/history/conversationlistmodel.h"
#include "core/storage/conversationstore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Sluice;

class TestConversationListModel final : public QObject
{
    Q_OBJECT

    ConversationStore m_store;
    QDateTime m_now;

    qint64 add(const QString &title, const QDateTime &updated, bool pinned = false)
    {
        Conversation c;
        c.title = title;
        c.created = updated;
        c.updated = updated;
        c.pinned = pinned;
        return m_store.createConversation(c)->id;
    }

    static QStringList titles(const ConversationListModel &model)
    {
        QStringList result;
        for (int row = 0; row < model.rowCount(); ++row)
            result << model.index(row).data().toString();
        return result;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_store.openInMemory());
        m_now = QDateTime(QDate(2025, 3, 12), QTime(15, 0));
        m_store.setClock([this] { return m_now; });
    }

    void groupsByDayWithPinnedFirst()
    {
        add(QStringLiteral("old"), m_now.addDays(-30));
        add(QStringLiteral("three days"), m_now.addDays(-3));
        add(QStringLiteral("yesterday"), QDateTime(m_now.date().addDays(-1), QTime(23, 59)));
        add(QStringLiteral("this morning"), QDateTime(m_now.date(), QTime(0, 1)));
        add(QStringLiteral("pinned old"), m_now.addDays(-100), true);

        ConversationListModel model(&m_store);
        QAbstractItemModelTester tester(&model);
        model.setClock([this] { return m_now; });
        QCOMPARE(titles(model),
                 (QStringList{QStringLiteral("pinned old"), QStringLiteral("this morning"),
                              QStringLiteral("yesterday"), QStringLiteral("three days"),
                              QStringLiteral("old")}));
        QStringList sections;
        for (int row = 0; row < model.rowCount(); ++row)
            sections << model.sectionAt(row);
        QCOMPARE(sections,
                 (QStringList{QStringLiteral("Pinned"), QStringLiteral("Today"),
                              QStringLiteral("Yesterday"), QStringLiteral("Previous 7 days"),
                              QStringLiteral("Older")}));
        QCOMPARE(model.index(0).data(ConversationListModel::PinnedRole).toBool(), true);
    }

    void sectionsMoveOnAtMidnight()
    {
        m_now = QDateTime(QDate(2025, 3, 12), QTime(23, 59, 59, 900));
        add(QStringLiteral("late"), QDateTime(m_now.date(), QTime(23, 0)));
        add(QStringLiteral("yesterday"), QDateTime(m_now.date().addDays(-1), QTime(9, 0)));
        ConversationListModel model(&m_store);
        QAbstractItemModelTester tester(&model);
        model.setClock([this] { return m_now; });
        QCOMPARE(model.sectionAt(0), QStringLiteral("Today"));
        QCOMPARE(model.sectionAt(1), QStringLiteral("Yesterday"));
        QCOMPARE(model.nextDayChange(), QDateTime(QDate(2025, 3, 13), QTime(0, 0)));

        // Nothing changes while the date does not.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.checkDay();
        QCOMPARE(changed.size(), 0);

        // The clock passes midnight; the timer (due 100 ms after the clock's 23:59:59.900)
        // fires and the sections move on without anything else happening.
        m_now = QDateTime(QDate(2025, 3, 13), QTime(0, 0, 1));
        QVERIFY(changed.wait(10000));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(2).value<QList<int>>(),
                 QList<int>{ConversationListModel::SectionRole});
        QCOMPARE(model.sectionAt(0), QStringLiteral("Yesterday"));
        QCOMPARE(model.sectionAt(1), QStringLiteral("Previous 7 days"));
        QCOMPARE(model.index(0).data(ConversationListModel::SectionRole).toString(),
                 QStringLiteral("Yesterday"));
        // And the next refresh is the midnight after.
        QCOMPARE(model.nextDayChange(), QDateTime(QDate(2025, 3, 14), QTime(0, 0)));
    }

    void checkDayCatchesUpAfterAMissedTimer()
    {
        // After a suspend the timer may not have fired: the app becoming active checks.
        add(QStringLiteral("today"), m_now);
        ConversationListModel model(&m_store);
        model.setClock([this] { return m_now; });
        QCOMPARE(model.sectionAt(0), QStringLiteral("Today"));
        m_now = m_now.addDays(2);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.checkDay(); // what applicationStateChanged(Active) calls
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.sectionAt(0), QStringLiteral("Previous 7 days"));
    }

    void untitledConversationsShowAPlaceholder()
    {
        m_store.createConversation();
        ConversationListModel model(&m_store);
        QCOMPARE(model.index(0).data().toString(), QStringLiteral("New conversation"));
        QCOMPARE(model.index(0).data(ConversationListModel::TitleRole).toString(), QString());
    }

    void followsTheStoreRowByRow()
    {
        const qint64 a = add(QStringLiteral("a"), m_now.addSecs(-300));
        const qint64 b = add(QStringLiteral("b"), m_now.addSecs(-200));
        const qint64 c = add(QStringLiteral("c"), m_now.addSecs(-100));
        ConversationListModel model(&m_store);
        QAbstractItemModelTester tester(&model);
        QCOMPARE(titles(model),
                 (QStringList{QStringLiteral("c"), QStringLiteral("b"), QStringLiteral("a")}));
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QPersistentModelIndex selectedA = model.index(model.rowOf(a));

        // A new conversation appears on top.
        const qint64 d = add(QStringLiteral("d"), m_now);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(model.rowOf(d), 0);

        // A message in "a" moves it to the top; a persistent index (the selection) follows.
        m_now = m_now.addSecs(10);
        ConversationMessage m;
        m.role = QStringLiteral("user");
        m.content = QStringLiteral("bump");
        QVERIFY(m_store.addMessage(a, m));
        QCOMPARE(moved.size(), 1);
        QCOMPARE(model.rowOf(a), 0);
        QCOMPARE(selectedA.row(), 0);
        QCOMPARE(model.index(0).data(ConversationListModel::MessageCountRole).toInt(), 1);

        // Renaming through the model (inline edit) writes to the store.
        QVERIFY(model.setData(model.index(model.rowOf(b)), QStringLiteral("bee")));
        QCOMPARE(m_store.conversation(b)->title, QStringLiteral("bee"));
        QCOMPARE(model.index(model.rowOf(b)).data().toString(), QStringLiteral("bee"));

        // Pinning moves to the top, deleting removes, undo brings back.
        QVERIFY(m_store.setPinned(c, true));
        QCOMPARE(model.rowOf(c), 0);
        QVERIFY(m_store.deleteConversation(b));
        QCOMPARE(removed.size(), 1);
        QCOMPARE(model.rowOf(b), -1);
        QVERIFY(m_store.restoreConversation(b));
        QVERIFY(model.rowOf(b) >= 0);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(reset.size(), 0); // never a reset: the view keeps its scroll and selection
        QCOMPARE(titles(model), (QStringList{QStringLiteral("c"), QStringLiteral("a"),
                                             QStringLiteral("d"), QStringLiteral("bee")}));
    }

    void editingIsOffered()
    {
        add(QStringLiteral("x"), m_now);
        ConversationListModel model(&m_store);
        QVERIFY(model.flags(model.index(0)) & Qt::ItemIsEditable);
        QCOMPARE(model.index(0).data(Qt::EditRole).toString(), QStringLiteral("x"));
    }
};

QTEST_MAIN(TestConversationListModel)
#include "tst_conversationlistmodel.moc"
