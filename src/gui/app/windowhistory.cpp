#include "gui/app/windowhistory.h"

#include "gui/app/windowbranches.h"
#include "session/branchnavigator.h"

#include "session/chatmodel.h"
#include "session/conversationcontroller.h"
#include "gui/conversation/conversationview.h"
#include "gui/history/historysidebar.h"
#include "session/historysink.h"
#include "gui/window/mainwindow.h"
#include "gui/conversation/messagedelegate.h"
#include "core/storage/conversationstore.h"
#include "core/storage/historysearch.h"

#include <QApplication>
#include <QMouseEvent>
#include <QPushButton>
#include <QStatusBar>
#include <QVBoxLayout>

#include <algorithm>

namespace Sluice {

WindowHistory::WindowHistory(ConversationStore *store, MainWindow *window)
    : QObject(window), m_store(store), m_window(window), m_sidebar(new HistorySidebar(store)),
      m_branches(new WindowBranches(store, this, window, kLoadedMessages))
{
    auto *pane = new QWidget;
    pane->setObjectName(QStringLiteral("historyPane"));
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(8, 10, 8, 8);
    layout->setSpacing(8);
    auto *newChat = new QPushButton(tr("＋  New Chat"), pane);
    newChat->setObjectName(QStringLiteral("newChatButton"));
    newChat->setAccessibleName(tr("New chat"));
    newChat->setToolTip(tr("Start a new conversation (Ctrl+N)"));
    layout->addWidget(newChat);
    m_sidebar->setParent(pane);
    m_sidebar->setAccessibleName(tr("Conversations"));
    layout->addWidget(m_sidebar, 1);
    window->setSidebar(pane);

    connect(newChat, &QPushButton::clicked, window, &MainWindow::newConversation);
    connect(m_sidebar, &HistorySidebar::conversationActivated, this,
            [this](qint64 id) { openConversation(id); });
    connect(m_sidebar, &HistorySidebar::searchResultActivated, this,
            [this](qint64 id, qint64 messageId, const QString &search) {
                openConversation(id, messageId, search);
            });
    connect(window, &MainWindow::searchRequested, m_sidebar, &HistorySidebar::focusSearch);
    connect(window, &MainWindow::conversationStepRequested, m_sidebar,
            &HistorySidebar::activateRelative);
    connect(m_sidebar, &HistorySidebar::searchEdited, this,
            [window] { window->conversationView()->messageDelegate()->clearSearchHighlight(); });
    connect(window->conversationView(), &ConversationView::topReached, this, [this] {
        if (ConversationController *c = m_window->currentConversation())
            loadOlderMessages(c);
    });
    connect(window, &MainWindow::conversationCreated, this,
            [this](ConversationController *c) { attach(c, 0); });
    connect(window, &MainWindow::currentConversationChanged, this,
            &WindowHistory::onCurrentChanged);
    connect(store, &ConversationStore::conversationRemoved, this, &WindowHistory::onRemoved);

    qApp->installEventFilter(this);

    // The window made its first (empty) conversation before we were listening.
    for (ConversationController *c : window->conversations())
        attach(c, 0);
    m_previous = window->currentConversation();
}

HistorySink *WindowHistory::sinkOf(ConversationController *c) const
{
    return c ? c->findChild<HistorySink *>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
}

qint64 WindowHistory::conversationId(ConversationController *c) const
{
    const HistorySink *sink = sinkOf(c);
    return sink ? sink->conversationId() : 0;
}

ConversationController *WindowHistory::controllerFor(qint64 id) const
{
    return m_open.value(id);
}

HistorySink *WindowHistory::attach(ConversationController *c, qint64 id)
{
    if (HistorySink *existing = sinkOf(c))
        return existing;
    auto *sink = new HistorySink(m_store, c, id);
    m_branches->attach(c, sink);
    if (id)
        m_open.insert(id, c);
    connect(sink, &HistorySink::conversationStored, this, [this, c](qint64 stored) {
        m_open.insert(stored, c);
        if (m_window->currentConversation() == c)
            m_sidebar->setCurrentConversation(stored);
    });
    connect(sink, &HistorySink::saveFailed, m_window, [this](const QString &message) {
        m_window->statusBar()->showMessage(tr("Could not save to the history: %1").arg(message),
                                           10000);
    });
    return sink;
}

bool WindowHistory::openConversation(qint64 id, qint64 messageId, const QString &search)
{
    ConversationController *c = m_open.value(id);
    const std::optional<ConversationMessage> target =
        messageId ? m_store->message(messageId) : std::nullopt;
    if (!c) {
        const std::optional<Conversation> stored = m_store->conversation(id);
        if (!stored)
            return false;
        // A search hit on another branch: that branch is the one shown from now on.
        if (target && target->conversationId == id &&
            !m_store->selectedPath(id).contains(messageId))
            m_store->selectMessage(messageId);
        QList<ConversationMessage> messages = m_store->lastMessages(id, kLoadedMessages);
        // A search hit older than the newest page: load from a little above it on.
        if (target && target->conversationId == id && !messages.isEmpty() &&
            target->position < messages.first().position) {
            const int needed = messages.last().position - target->position + 1 + kContextAbove;
            messages = m_store->lastMessages(id, needed);
        }
        c = new ConversationController(m_window->chatClient(), m_window);
        c->load(*stored, std::move(messages));
        attach(c, id);
    } else if (target && target->conversationId == id) {
        // A hit on another branch shows that branch.
        if (BranchNavigator *navigator = m_branches->navigatorOf(c))
            navigator->showMessage(messageId);
        // Open already with its newer part: load back to the hit.
        const int first = firstLoadedPosition(c);
        if (first > target->position)
            prepend(c,
                    m_store->messagesBefore(id, first, first - target->position + kContextAbove));
    }
    m_window->showConversation(c);
    m_sidebar->setCurrentConversation(id);
    if (messageId)
        revealMessage(c, messageId, search);
    return true;
}

int WindowHistory::firstLoadedPosition(ConversationController *c) const
{
    const HistorySink *sink = sinkOf(c);
    const qint64 firstId = sink ? sink->messageIdAt(0) : 0;
    const std::optional<ConversationMessage> first =
        firstId ? m_store->message(firstId) : std::nullopt;
    return first ? first->position : 0;
}

int WindowHistory::loadOlderMessages(ConversationController *c, int count)
{
    const qint64 id = conversationId(c);
    if (!id || count <= 0)
        return 0;
    const int first = firstLoadedPosition(c);
    if (first <= 0)
        return 0;
    const QList<ConversationMessage> older = m_store->messagesBefore(id, first, count);
    prepend(c, older);
    return int(older.size());
}

void WindowHistory::prepend(ConversationController *c, QList<ConversationMessage> rows)
{
    if (rows.isEmpty())
        return;
    if (m_window->currentConversation() == c)
        m_window->conversationView()->insertAboveKeepingPlace(
            [&] { c->prependMessages(std::move(rows)); });
    else
        c->prependMessages(std::move(rows));
}

void WindowHistory::revealMessage(ConversationController *c, qint64 messageId,
                                  const QString &search)
{
    const HistorySink *sink = sinkOf(c);
    const ChatModel *model = c->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->message(row).id == messageId || (sink && sink->messageIdAt(row) == messageId)) {
            ConversationView *view = m_window->conversationView();
            const QModelIndex index = model->index(row);
            view->setCurrentIndex(index);
            // Found by its thinking only: open the thinking, where the words are.
            const ConversationMessage &message = model->message(row);
            if (HistorySearch::matchRanges(message.content, search).isEmpty() &&
                !HistorySearch::matchRanges(message.thinking, search).isEmpty())
                c->model()->setData(index, true, ChatModel::ThinkingExpandedRole);
            view->scrollTo(index, QAbstractItemView::PositionAtCenter);
            view->messageDelegate()->setSearchHighlight(index, search);
            return;
        }
    }
}

bool WindowHistory::eventFilter(QObject *watched, QEvent *event)
{
    // A search result is opened by a click too: its press comes first, so it shows its marks.
    if (event->type() == QEvent::MouseButtonPress && watched->isWidgetType() &&
        static_cast<QWidget *>(watched)->window() == m_window)
        m_window->conversationView()->messageDelegate()->clearSearchHighlight();
    return QObject::eventFilter(watched, event);
}

void WindowHistory::onCurrentChanged(ConversationController *c)
{
    // A new chat left without a word is dropped rather than kept in memory.
    ConversationController *previous = m_previous;
    if (previous && previous != c && conversationId(previous) == 0 &&
        previous->model()->rowCount() == 0 && !previous->isBusy())
        previous->deleteLater();
    m_previous = c;
    m_sidebar->setCurrentConversation(conversationId(c));
    m_window->conversationView()->messageDelegate()->clearSearchHighlight();
}

void WindowHistory::onRemoved(qint64 id)
{
    ConversationController *c = m_open.take(id);
    if (!c)
        return;
    c->stop();
    if (m_window->currentConversation() == c)
        m_window->newConversation();
    if (m_window->currentConversation() != c)
        c->deleteLater();
}

} // namespace Sluice
