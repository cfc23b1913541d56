// The versions of a conversation in the window: the "‹ 2 / 3 ›" switchers (mouse, Alt+Left /
// Alt+Right, the context menu), "Branch from here", and deleting a message with everything
// below it after a confirmation that says how many messages go, with Undo for a while after.
// Each stored conversation of the window gets a BranchNavigator (session/branchnavigator.h).
#pragma once

#include "core/storage/conversationstore.h"

#include <QObject>
#include <QPointer>

#include <optional>

class QLabel;
class QMessageBox;
class QTimer;
class QWidget;

namespace Sluice {

class BranchNavigator;
class ConversationController;
class HistorySink;
class MainWindow;
class WindowHistory;

class WindowBranches final : public QObject
{
    Q_OBJECT
public:
    static constexpr int kUndoTimeoutMs = 10'000;

    WindowBranches(ConversationStore *store, WindowHistory *history, MainWindow *window,
                   int pageSize);

    // Gives a conversation its navigator (once).
    BranchNavigator *attach(ConversationController *conversation, HistorySink *sink);
    BranchNavigator *navigatorOf(ConversationController *conversation) const;

    // The window's actions on the current conversation's row `row`.
    bool showVersion(int row, int delta);
    bool branchFrom(int row);
    // Asks first (the box is window-modal, not blocking); false when nothing can be deleted.
    bool requestDelete(int row);
    bool undoDelete();
    void setUndoTimeoutMs(int ms);

private:
    void deleteNow(ConversationController *conversation, int row);
    void hideUndo();

    ConversationStore *m_store;
    WindowHistory *m_history;
    MainWindow *m_window;
    int m_pageSize;
    QWidget *m_undoBar;
    QLabel *m_undoLabel;
    QTimer *m_undoTimer;
    QPointer<QMessageBox> m_confirm;
    QPointer<ConversationController> m_undoConversation;
    std::optional<ConversationStore::RemovedSubtree> m_removed;
};

} // namespace Sluice
