// The history in the window: the HistorySidebar (with a New Chat button) replaces the
// session list, every conversation gets a HistorySink, stored conversations open from the
// sidebar and from search results (scrolled to the message, its matched words marked).
// A long conversation opens with its newest messages; older ones are loaded a page at a
// time when the user scrolls to the top, or as far back as a search result needs.
#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

#include "core/conversation/conversation.h"

namespace Sluice {

class ConversationController;
class ConversationStore;
class HistorySidebar;
class WindowBranches;
class HistorySink;
class MainWindow;

class WindowHistory final : public QObject
{
    Q_OBJECT
public:
    // How many of a conversation's newest messages are loaded when it opens, and how many
    // older ones each time the user reaches the top. The view lays out every loaded message
    // when it shows them (up to ~1 ms for a long one), so this keeps opening a conversation of
    // any length near 100 ms; 100 rows are taller than any screen, so the top is reachable.
    static constexpr int kLoadedMessages = 100;
    // Messages loaded above a search result in an older part, so it is not the first row.
    static constexpr int kContextAbove = 20;

    WindowHistory(ConversationStore *store, MainWindow *window);

    HistorySidebar *sidebar() const { return m_sidebar; }
    WindowBranches *branches() const { return m_branches; }
    // The stored id of a conversation of the window (0: not stored yet).
    qint64 conversationId(ConversationController *conversation) const;
    HistorySink *sinkOf(ConversationController *conversation) const;

    // Shows a stored conversation (loading it unless it is open already); `messageId` != 0
    // scrolls to that message and selects it, marking the words `search` matches in it.
    // False if it is not in the store.
    bool openConversation(qint64 id, qint64 messageId = 0, const QString &search = {});
    ConversationController *controllerFor(qint64 id) const;

    // Loads up to `count` messages older than the first loaded one above it, keeping the
    // view where it was; how many were loaded (0: it was all there).
    int loadOlderMessages(ConversationController *conversation, int count = kLoadedMessages);

protected:
    // A mouse press anywhere in the window ends the marks of a search result.
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    HistorySink *attach(ConversationController *conversation, qint64 id);
    void onCurrentChanged(ConversationController *conversation);
    void onRemoved(qint64 id);
    void revealMessage(ConversationController *conversation, qint64 messageId,
                       const QString &search);
    int firstLoadedPosition(ConversationController *conversation) const;
    void prepend(ConversationController *conversation, QList<ConversationMessage> messages);

    ConversationStore *m_store;
    MainWindow *m_window;
    HistorySidebar *m_sidebar;
    WindowBranches *m_branches;
    QHash<qint64, QPointer<ConversationController>> m_open; // stored id → controller
    QPointer<ConversationController> m_previous;
};

} // namespace Sluice
