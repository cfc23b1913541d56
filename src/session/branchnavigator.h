// The versions of a stored conversation as the window uses them: which version each shown
// message is ("‹ 2 / 3 ›"), switching to another version (the path below it follows, and the
// choice is remembered in the history), deleting a message with everything below it (and
// undoing that), and starting a new conversation from a message ("Branch from here").
//
// The conversation is a tree in the history (conversationtree.h); the controller's model
// holds the path shown, or its newest part. Works on the conversation of a HistorySink and
// only while no reply streams.
#pragma once

#include "core/conversation/conversationtree.h"
#include "core/storage/conversationstore.h"

#include <QObject>
#include <QPointer>

#include <optional>

namespace Sluice {

class ChatModel;
class ConversationController;
class HistorySink;

class BranchNavigator final : public QObject
{
    Q_OBJECT
public:
    // A child of `controller`. `pageSize`: how many messages of a path are loaded at least.
    BranchNavigator(ConversationStore *store, ConversationController *controller, HistorySink *sink,
                    int pageSize);
    ~BranchNavigator() override;

    qint64 conversationId() const;
    qint64 messageIdAt(int row) const;
    // Which version the message at `row` is (index 0-based), among how many.
    SiblingPosition versionsAt(int row) const;
    bool canSwitch(int row) const;
    // Shows the version `delta` away from the one at `row` (clamped), with what follows it.
    bool showVersion(int row, int delta);
    // Shows the path through a stored message (a search result on another branch).
    bool showMessage(qint64 messageId);

    // How many messages deleting the one at `row` takes away (it and all below it).
    int subtreeSize(int row) const;
    std::optional<ConversationStore::RemovedSubtree> deleteFrom(int row);
    bool undoDelete(const ConversationStore::RemovedSubtree &removed);

    // A new stored conversation holding the path down to the message at `row`; its id.
    std::optional<qint64> branchFrom(int row);

Q_SIGNALS:
    // Another path is shown; `row` is where the change begins (-1: the whole).
    void pathChanged(int row);
    void failed(const QString &message);

private:
    const ConversationTree &tree() const;
    // Loads the path shown from the store, keeping `anchor` (a stored id) at `anchorRow`.
    void reload(qint64 anchor, int anchorRow);

    QPointer<ConversationStore> m_store;
    ConversationController *m_controller;
    QPointer<HistorySink> m_sink;
    QPointer<ChatModel> m_model; // gone first when the controller is destroyed
    int m_pageSize;
    mutable ConversationTree m_tree;
    mutable bool m_treeStale = true;
};

} // namespace Sluice
