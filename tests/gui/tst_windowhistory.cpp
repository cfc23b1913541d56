// The history in the window, offscreen: a search result marks its words in the message until
// a new search, another conversation or a click; long conversations load older messages
// page by page at the top without moving what is on screen, and as far back as a search
// result needs.
#include "core/chat/chatclient.h"
#include "session/chatmodel.h"
#include "gui/window/composer.h"
#include "session/conversationcontroller.h"
#include "gui/conversation/conversationview.h"
#include "session/historysink.h"
#include "gui/window/mainwindow.h"
#include "gui/conversation/messagedelegate.h"
#include "gui/conversation/messagegeometry.h"
#include "core/storage/conversationstore.h"
#include "gui/app/windowhistory.h"

#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QScrollBar>
#include <QTcpServer>
#include <QTest>

using namespace Sluice;

class TestWindowHistory final : public QObject
{
    Q_OBJECT

    ChatClient *m_client = nullptr;
    ConversationStore *m_store = nullptr;
    MainWindow *m_window = nullptr;
    WindowHistory *m_history = nullptr;

    ConversationView *view() const { return m_window->conversationView(); }
    MessageDelegate *delegate() const { return view()->messageDelegate(); }
    ChatModel *model() const { return m_window->currentConversation()->model(); }

    qint64 addConversation(const QStringList &texts)
    {
        Conversation c;
        QList<ConversationMessage> messages;
        for (int i = 0; i < texts.size(); ++i) {
            ConversationMessage m;
            m.role = i % 2 ? QStringLiteral("assistant") : QStringLiteral("user");
            m.content = texts.at(i);
            messages.append(m);
        }
        return m_store->importConversation(c, messages).value_or(0);
    }

    qint64 longConversation(int count)
    {
        QStringList texts;
        for (int i = 0; i < count; ++i)
            texts << QStringLiteral("Message %1 about rivers and their banks.").arg(i);
        return addConversation(texts);
    }

    // Where a model row's message starts on screen.
    int topOf(int row) const { return view()->visualRect(model()->index(row)).top(); }

    void openSearchResult(const QString &search, qint64 messageId)
    {
        auto *field = m_window->findChild<QLineEdit *>(QStringLiteral("historySearch"));
        auto *results = m_window->findChild<QListWidget *>(QStringLiteral("historySearchResults"));
        field->clear();
        field->setFocus();
        QTest::keyClicks(field, search);
        // The results of this search (each result keeps what was searched for).
        QTRY_VERIFY(results->isVisible() && results->count() > 0 &&
                    results->item(0)->data(Qt::UserRole + 3).toString() == search);
        for (int i = 0; i < results->count(); ++i) {
            QListWidgetItem *item = results->item(i);
            if (item->data(Qt::UserRole + 2).toLongLong() != messageId)
                continue;
            QTest::mouseClick(results->viewport(), Qt::LeftButton, {},
                              results->visualItemRect(item).center());
            return;
        }
        QFAIL("no such search result");
    }

private Q_SLOTS:
    void init()
    {
        m_client = new ChatClient(this);
        m_store = new ConversationStore(this);
        QVERIFY(m_store->openInMemory());
        m_window = new MainWindow(m_client);
        m_history = new WindowHistory(m_store, m_window);
        m_window->resize(1000, 700);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
    }

    void cleanup()
    {
        delete m_window;
        delete m_store;
        delete m_client;
    }

    void aResultFoundInTheThinkingOpensIt()
    {
        Conversation c;
        ConversationMessage question;
        question.role = QStringLiteral("user");
        question.content = QStringLiteral("Any sea fact?");
        ConversationMessage reply;
        reply.role = QStringLiteral("assistant");
        reply.thinking = QStringLiteral("Perhaps something about the narwhal.");
        reply.content = QStringLiteral("Its tusk is a tooth.");
        const qint64 id = m_store->importConversation(c, {question, reply}).value_or(0);
        const qint64 replyId = m_store->messages(id).at(1).id;

        openSearchResult(QStringLiteral("narwhal"), replyId);
        QCOMPARE(m_history->controllerFor(id), m_window->currentConversation());
        QTRY_VERIFY(model()->index(1).data(ChatModel::ThinkingExpandedRole).toBool());
        // A match in the answer leaves the thinking as it was.
        openSearchResult(QStringLiteral("tusk"), replyId);
        QVERIFY(model()->index(1).data(ChatModel::ThinkingExpandedRole).toBool());
        model()->setData(model()->index(1), false, ChatModel::ThinkingExpandedRole);
        openSearchResult(QStringLiteral("tusk"), replyId);
        QVERIFY(!model()->index(1).data(ChatModel::ThinkingExpandedRole).toBool());
    }

    void searchResultMarksTheMatchedWords()
    {
        // The reply is the conversation's only match, so its result opens it.
        const qint64 otters = addConversation(
            {QStringLiteral("Tell me about sea mammals"),
             QStringLiteral("Sea **otters** hold hands; an otter sleeps afloat. A hotter day.")});
        const qint64 beavers = addConversation(
            {QStringLiteral("And beavers?"), QStringLiteral("They build dams, unlike otters.")});
        const qint64 reply = m_store->messages(otters).at(1).id;

        openSearchResult(QStringLiteral("otter"), reply);
        QCOMPARE(m_history->controllerFor(otters), m_window->currentConversation());
        const QModelIndex hit = model()->index(1);
        QCOMPARE(view()->currentIndex(), hit);
        QCOMPARE(delegate()->searchHighlightIndex(), hit);
        // The words as the reader sees them (no Markdown), each one the search matched.
        QCOMPARE(delegate()->highlightedWords(hit),
                 (QStringList{QStringLiteral("otters"), QStringLiteral("otter")}));
        QVERIFY(delegate()->highlightedWords(model()->index(0)).isEmpty());
        view()->viewport()->repaint(); // paints with the marks

        // A new search ends it.
        auto *field = m_window->findChild<QLineEdit *>(QStringLiteral("historySearch"));
        QTest::keyClicks(field, QStringLiteral("s"));
        QVERIFY(!delegate()->searchHighlightIndex().isValid());
        QVERIFY(delegate()->highlightedWords(hit).isEmpty());

        // So does a click in the conversation.
        openSearchResult(QStringLiteral("hands sleeps"), reply);
        QCOMPARE(delegate()->highlightedWords(model()->index(1)),
                 (QStringList{QStringLiteral("hands"), QStringLiteral("sleeps")}));
        QTest::mouseClick(view()->viewport(), Qt::LeftButton, {},
                          QPoint(5, view()->viewport()->height() - 5));
        QVERIFY(delegate()->highlightedWords(model()->index(1)).isEmpty());
        // Or anywhere else in the window, e.g. in the message field.
        openSearchResult(QStringLiteral("otter"), reply);
        QCOMPARE(delegate()->highlightedWords(model()->index(1)).size(), 2);
        QTest::mouseClick(m_window->composer(), Qt::LeftButton);
        QVERIFY(delegate()->highlightedWords(model()->index(1)).isEmpty());

        // And opening another conversation; coming back shows no marks either.
        openSearchResult(QStringLiteral("otter"), reply);
        QCOMPARE(delegate()->highlightedWords(model()->index(1)).size(), 2);
        QVERIFY(m_history->openConversation(beavers));
        QVERIFY(!delegate()->searchHighlightIndex().isValid());
        QVERIFY(delegate()->highlightedWords(model()->index(1)).isEmpty());
        QVERIFY(m_history->openConversation(otters));
        QVERIFY(delegate()->highlightedWords(model()->index(1)).isEmpty());
    }

    void olderMessagesLoadAtTheTopWithoutAJump()
    {
        const int total = 3000;
        const qint64 id = longConversation(total);
        const QList<ConversationMessage> stored = m_store->messages(id);
        QVERIFY(m_history->openConversation(id));
        const int page = WindowHistory::kLoadedMessages;
        QCOMPARE(model()->rowCount(), page);
        QCOMPARE(model()->message(0).content, stored.at(total - page).content);
        QCoreApplication::processEvents();
        QCOMPARE(model()->rowCount(), page); // opening does not count as reaching the top
        QVERIFY(view()->verticalScrollBar()->value() > 0);

        for (int loaded = page; loaded < total; loaded += page) {
            // Scrolled a little below the top, then to it: the first message stays put.
            QScrollBar *bar = view()->verticalScrollBar();
            bar->setValue(bar->minimum() + 7);
            QCOMPARE(model()->rowCount(), loaded);
            const int before = topOf(0);
            QCOMPARE(before, -7);
            bar->setValue(bar->minimum());
            QCOMPARE(model()->rowCount(), qMin(total, loaded + page));
            const int anchorRow = model()->rowCount() - loaded;
            QCOMPARE(model()->message(anchorRow).content, stored.at(total - loaded).content);
            QCOMPARE(topOf(anchorRow), 0); // where it was when the top was reached
            QVERIFY(bar->value() > 0);
            // The history still knows every row's stored message.
            HistorySink *sink = m_history->sinkOf(m_window->currentConversation());
            QCOMPARE(sink->messageIdAt(0), stored.at(total - model()->rowCount()).id);
            QCOMPARE(sink->messageIdAt(anchorRow), stored.at(total - loaded).id);
            QCOMPARE(sink->messageIdAt(model()->rowCount() - 1), stored.last().id);
        }
        QCOMPARE(model()->message(0).content, stored.first().content);
        // All there: the top is just the top.
        view()->verticalScrollBar()->setValue(50);
        view()->verticalScrollBar()->setValue(0);
        QCOMPARE(model()->rowCount(), total);
        QCOMPARE(m_history->loadOlderMessages(m_window->currentConversation()), 0);
    }

    void searchResultInAnOldPartLoadsBackToIt()
    {
        const int total = 3000;
        const qint64 id = longConversation(total);
        const qint64 other = addConversation({QStringLiteral("unrelated")});
        const QList<ConversationMessage> stored = m_store->messages(id);

        // Not open yet: loaded from a little above the hit to the end.
        QVERIFY(m_history->openConversation(id, stored.at(100).id, QStringLiteral("message 100")));
        QCOMPARE(model()->rowCount(), total - 100 + WindowHistory::kContextAbove);
        QModelIndex current = view()->currentIndex();
        QCOMPARE(model()->message(current.row()).content, stored.at(100).content);
        QCOMPARE(delegate()->highlightedWords(current),
                 (QStringList{QStringLiteral("Message"), QStringLiteral("100")}));
        QVERIFY(view()->viewport()->rect().intersects(view()->visualRect(current)));

        // Open already with only the newest part: older pages come in up to the hit.
        QVERIFY(m_history->openConversation(other));
        delete m_history->controllerFor(id);
        QVERIFY(!m_history->controllerFor(id));
        QVERIFY(m_history->openConversation(id));
        QCOMPARE(model()->rowCount(), WindowHistory::kLoadedMessages);
        QVERIFY(m_history->openConversation(id, stored.at(1200).id, QStringLiteral("banks")));
        QCOMPARE(model()->rowCount(), total - 1200 + WindowHistory::kContextAbove);
        current = view()->currentIndex();
        QCOMPARE(model()->message(current.row()).content, stored.at(1200).content);
        QCOMPARE(m_history->sinkOf(m_window->currentConversation())->messageIdAt(current.row()),
                 stored.at(1200).id);
        QCOMPARE(delegate()->highlightedWords(current), QStringList{QStringLiteral("banks")});
    }

    // Moving the focus through the list (Tab into it, the arrow keys) opens nothing, so what
    // is typed next cannot go into an old chat; Enter or a click opens one.
    void focusMovingThroughTheListOpensNothing()
    {
        const qint64 older = addConversation({QStringLiteral("Older chat"), QStringLiteral("ok")});
        const qint64 newer = addConversation({QStringLiteral("Newer chat"), QStringLiteral("ok")});
        auto *list = m_window->findChild<QListView *>(QStringLiteral("historyList"));
        auto *search = m_window->findChild<QLineEdit *>(QStringLiteral("historySearch"));
        QTRY_COMPARE(list->model()->rowCount(), 2);
        ConversationController *fresh = m_window->currentConversation();
        QCOMPARE(m_history->conversationId(fresh), 0);

        search->setFocus();
        QTest::keyClick(search, Qt::Key_Tab);
        QTRY_VERIFY(list->hasFocus());
        QTest::keyClick(list, Qt::Key_Down);
        QTest::keyClick(list, Qt::Key_Up);
        QTest::keyClick(list, Qt::Key_Down);
        QCOMPARE(m_window->currentConversation(), fresh);
        QVERIFY(!list->selectionModel()->hasSelection()); // nothing looks open either

        QTest::keyClick(list, Qt::Key_Return); // the focused row: the older chat
        QCOMPARE(m_history->conversationId(m_window->currentConversation()), older);
        const QModelIndex first = list->model()->index(0, 0);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(first).center());
        QCOMPARE(m_history->conversationId(m_window->currentConversation()), newer);
        QVERIFY(list->selectionModel()->isSelected(first));
    }

    void ctrlKAndCtrlFFocusTheSearch()
    {
        addConversation({QStringLiteral("A chat"), QStringLiteral("ok")});
        auto *search = m_window->findChild<QLineEdit *>(QStringLiteral("historySearch"));
        Composer *composer = m_window->composer();
        for (const Qt::Key key : {Qt::Key_K, Qt::Key_F}) {
            composer->setFocus();
            QTest::keyClicks(composer, QStringLiteral("draft"));
            QTest::keyClick(composer, Qt::Key_Home);
            QTest::keyClick(composer, key, Qt::ControlModifier);
            QTRY_VERIFY(search->hasFocus());
            QCOMPARE(composer->toPlainText(), QStringLiteral("draft")); // not "delete to end"
            composer->clear();
        }
    }

    void ctrlTabOpensTheNextAndPreviousConversation()
    {
        const qint64 a = addConversation({QStringLiteral("Chat A"), QStringLiteral("ok")});
        const qint64 b = addConversation({QStringLiteral("Chat B"), QStringLiteral("ok")});
        const qint64 c = addConversation({QStringLiteral("Chat C"), QStringLiteral("ok")});
        const auto open = [this] {
            return m_history->conversationId(m_window->currentConversation());
        };
        Composer *composer = m_window->composer();
        composer->setFocus();
        // The list is newest first: C, B, A. From a new chat the first one is next.
        QTest::keyClick(composer, Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(open(), c);
        QTest::keyClick(m_window->composer(), Qt::Key_PageDown, Qt::ControlModifier);
        QCOMPARE(open(), b);
        QTest::keyClick(m_window->composer(), Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(open(), a);
        QTest::keyClick(m_window->composer(), Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(open(), c); // around the end
        // Ctrl+Shift+Tab arrives as Ctrl+Shift+Backtab.
        QTest::keyClick(m_window->composer(), Qt::Key_Backtab,
                        Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(open(), a);
        QTest::keyClick(m_window->composer(), Qt::Key_PageUp, Qt::ControlModifier);
        QCOMPARE(open(), b);
        // From the history list too.
        auto *list = m_window->findChild<QListView *>(QStringLiteral("historyList"));
        list->setFocus();
        QTest::keyClick(list, Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(open(), a);
    }

    // A reply the user stopped reads the same when the conversation is opened again.
    void aStoppedReplyReopensAsStopped()
    {
        Conversation c;
        ConversationMessage question;
        question.role = QStringLiteral("user");
        question.content = QStringLiteral("Count to ten");
        ConversationMessage reply;
        reply.role = QStringLiteral("assistant");
        reply.content = QStringLiteral("One, two, three");
        reply.state = MessageState::Cancelled;
        reply.errorText = QStringLiteral("Cancelled after 3 tokens; partial reply kept.");
        const qint64 id = m_store->importConversation(c, {question, reply}).value_or(0);
        QVERIFY(m_history->openConversation(id));
        QCOMPARE(model()->message(1).state, MessageState::Cancelled);
        QCOMPARE(brokenNote(model()->message(1)), QStringLiteral("Stopped"));
        QVERIFY(model()->index(1).data(Qt::AccessibleTextRole).toString().contains(u"stopped"));
    }

    // Esc in the search field clears the search, even while a reply runs (Esc also stops one).
    void escapeInTheSearchClearsItWhileAReplyRuns()
    {
        QTcpServer silent; // accepts and never answers: the reply waits
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        ProviderConfig p;
        p.id = QStringLiteral("ollama");
        p.baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort());
        p.maxRetries = 0;
        m_window->setProviders({p}, p.id, QStringLiteral("llama3.2:3b"));
        Composer *composer = m_window->composer();
        composer->setFocus();
        QTest::keyClicks(composer, QStringLiteral("hello"));
        QTest::keyClick(composer, Qt::Key_Return);
        QVERIFY(m_window->currentConversation()->isBusy());
        auto *search = m_window->findChild<QLineEdit *>(QStringLiteral("historySearch"));
        search->setFocus();
        QTest::keyClicks(search, QStringLiteral("otters"));
        QTest::keyClick(search, Qt::Key_Escape);
        QVERIFY(search->text().isEmpty());
        QVERIFY(m_window->currentConversation()->isBusy());
        QTest::keyClick(search, Qt::Key_Escape); // an empty field: Esc stops the reply
        QVERIFY(!m_window->currentConversation()->isBusy());
    }
};

QTEST_MAIN(TestWindowHistory)
#include "tst_windowhistory.moc"
