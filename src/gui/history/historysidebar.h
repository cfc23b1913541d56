// The history sidebar: conversations grouped by day (pinned first), a search field with
// results as you type, rename in place (F2), pin, and delete with an Undo bar.
//
// Child objectNames for tests and styling: historySearch, historyList,
// historySearchResults, historyNoResults, historyUndoBar, historyUndoButton,
// historyRenameAction, historyPinAction, historyDeleteAction.
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QListWidget;
class QListWidgetItem;
class QModelIndex;
class QTimer;

namespace Sluice {

class ConversationListModel;
class ConversationStore;

class HistorySidebar final : public QWidget
{
    Q_OBJECT

public:
    explicit HistorySidebar(ConversationStore *store, QWidget *parent = nullptr);

    ConversationListModel *model() const { return m_model; }

    // Selects a conversation (e.g. one the window just created) without emitting
    // conversationActivated.
    void setCurrentConversation(qint64 id);
    qint64 currentConversation() const { return m_currentId; }

    void focusSearch();
    // Opens the conversation `step` rows below (above, when negative) the open one, around
    // the end of the list (Ctrl+Tab, Ctrl+Shift+Tab).
    void activateRelative(int step);
    void setUndoTimeoutMs(int ms);
    void setSearchDelayMs(int ms);

Q_SIGNALS:
    void conversationActivated(qint64 id);
    // `search`: what was typed, for marking the matched words in the message.
    void searchResultActivated(qint64 conversationId, qint64 messageId, const QString &search);
    // The search field changed (a new search begins, or it was cleared).
    void searchEdited();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void openIndex(const QModelIndex &index);
    void runSearch();
    void activateResult(QListWidgetItem *item);
    void renameCurrent();
    void togglePinCurrent();
    void deleteCurrent();
    void undoDelete();
    void hideUndoBar();

    ConversationStore *m_store;
    ConversationListModel *m_model;
    QLineEdit *m_search;
    QListView *m_list;
    QListWidget *m_results;
    QLabel *m_noResults;
    QWidget *m_undoBar;
    QLabel *m_undoLabel;
    QTimer *m_searchTimer;
    QTimer *m_undoTimer;
    qint64 m_currentId = 0;
    qint64 m_undoId = 0;
};

} // namespace Sluice
