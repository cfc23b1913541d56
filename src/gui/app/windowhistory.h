// The history in the window: the HistorySidebar (with a New Chat button) replaces the
// session list, every conversation gets a HistorySink, stored conversations open from the
// sidebar and from search results (scrolled to the message).
#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>

namespace Sluice {

class ConversationController;
class ConversationStore;
class HistorySidebar;
class HistorySink;
class MainWindow;

class WindowHistory final : public QObject
{
    Q_OBJECT
public:
    // How many of a conversation's newest messages are loaded when it opens.
    static constexpr int kLoadedMessages = 500;

    WindowHistory(ConversationStore *store, MainWindow *window);

    HistorySidebar *sidebar() const { return m_sidebar; }
    // The stored id of a conversation of the window (0: not stored yet).
    qint64 conversationId(ConversationController *conversation) const;
    HistorySink *sinkOf(ConversationController *conversation) const;

    // Shows a stored conversation (loading it unless it is open already); `messageId` != 0
    // scrolls to that message and selects it. False if it is not in the store.
    bool openConversation(qint64 id, qint64 messageId = 0);
    ConversationController *controllerFor(qint64 id) const;

private:
    HistorySink *attach(ConversationController *conversation, qint64 id);
    void onCurrentChanged(ConversationController *conversation);
    void onRemoved(qint64 id);
    void revealMessage(ConversationController *conversation, qint64 messageId);

    ConversationStore *m_store;
    MainWindow *m_window;
    HistorySidebar *m_sidebar;
    QHash<qint64, QPointer<ConversationController>> m_open; // stored id → controller
    QPointer<ConversationController> m_previous;
};

} // namespace Sluice
