// Every conversation, kept in one SQLite database (see schema.h). Lives on the GUI thread:
// each call is a short transaction; streaming replies are saved through StreamingSaver.
#pragma once

#include "core/conversation/conversation.h"
#include "core/storage/attachmenttable.h"
#include "core/conversation/conversationtree.h"
#include "core/storage/historysearch.h"
#include "core/storage/messagetable.h"
#include "core/storage/toolcalltable.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSqlDatabase>

#include <functional>
#include <limits>
#include <optional>

namespace Sluice {

class ConversationStore final : public QObject
{
    Q_OBJECT

public:
    struct OpenOptions
    {
        // Mark replies left streaming by a dead process as interrupted and purge
        // conversations deleted over an hour ago. Off for read-only tools (`sluice history`)
        // that may run beside a window that is streaming.
        bool maintenance = true;
        // Reading commands (`sluice history`, `sluice export`): the file is opened read-only;
        // nothing is created, migrated or moved aside, and any problem fails open().
        bool readOnly = false;
    };

    explicit ConversationStore(QObject *parent = nullptr);
    ~ConversationStore() override;

    // Opens (creating, migrating or recovering) the database file. False only when the
    // file has a newer schema than this version knows (it is left untouched) or nothing
    // at all can be opened; errorString() says why. notice() carries one sentence for the
    // user when the store had to recover (a damaged file kept aside, memory only).
    bool open(const QString &filePath, OpenOptions options);
    bool open(const QString &filePath) { return open(filePath, OpenOptions()); }
    bool openInMemory();
    void close();
    bool isOpen() const { return m_db.isOpen(); }
    bool isPersistent() const { return m_persistent; }
    QString filePath() const { return m_filePath; }
    QString notice() const { return m_notice; }
    QString keptAsidePath() const { return m_keptAside; }
    int interruptedOnOpen() const { return m_interruptedOnOpen; }
    // Why the last call failed; after open() into memory, why the file could not be used.
    QString errorString() const { return m_error; }

    // For tests: how long a writer waits for another one's lock (HistoryDatabase::kBusyTimeoutMs).
    bool setBusyTimeoutMs(int ms);
    // For tests: the clock used for timestamps.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

    // Conversations. Writes emit the signals below.
    std::optional<Conversation> createConversation(const Conversation &draft = {});
    std::optional<Conversation> conversation(qint64 id) const;
    QList<Conversation> conversations() const; // pinned first, then most recently updated
    // Saves provider, model, system prompt and settings (not title, pin or timestamps).
    bool updateConversationSettings(const Conversation &conversation);
    // A custom title; an empty one goes back to the title made from the first message.
    bool renameConversation(qint64 id, const QString &title);
    bool setPinned(qint64 id, bool pinned);
    // A provider's id changed in the settings: its conversations follow (deleted ones too, so
    // that restoring one finds its provider).
    bool renameProvider(const QString &from, const QString &to);
    bool deleteConversation(qint64 id);                    // can be undone with restoreConversation
    bool restoreConversation(qint64 id);                   // until purged
    int purgeDeleted(const QDateTime &deletedBefore = {}); // invalid: everything deleted

    // Messages. addMessage commits before it returns (send the request after it).
    std::optional<ConversationMessage> addMessage(qint64 conversationId,
                                                  const ConversationMessage &message);
    // Writes content, thinking, state, error text, stats and model.
    bool updateMessage(const ConversationMessage &message);
    // Replaces a streaming reply's text (tests, and a reply that starts over).
    bool updateStreamingText(qint64 messageId, const QString &content, const QString &thinking)
    {
        return m_messages.replaceStreamingText(messageId, content, thinking);
    }
    // The cheap write used while a reply streams: appends UTF-8 text to the stored text in
    // the database (or replaces it), without reading it back. With `end`, the reply's end
    // state, error sentence, statistics, model and thinking time go in the same statement.
    bool appendReplyText(qint64 messageId, const QByteArray &content, const QByteArray &thinking,
                         bool replace, const std::optional<ReplyEnd> &end = std::nullopt);
    // Replaces the tool calls kept with a message (toolcalltable.h).
    bool saveToolCalls(qint64 messageId, const QList<ToolCallRecord> &calls)
    {
        return ToolCallTable::save(m_db, messageId, calls, &m_error);
    }
    std::optional<ConversationMessage> message(qint64 id) const { return m_messages.read(id); }
    // The messages of the path shown (a conversation is a tree: see conversationtree.h).
    QList<ConversationMessage> messages(qint64 conversationId) const;
    // Stored messages by id, in the order given (a path the caller walked in its own tree).
    QList<ConversationMessage> messagesWithIds(const QList<qint64> &ids) const
    {
        return m_messages.readIds(ids);
    }
    // Every message of every branch, oldest first (each with its parentId).
    QList<ConversationMessage> allMessages(qint64 conversationId) const
    {
        return m_messages.readAll(conversationId);
    }
    // The newest `count` messages of the path shown (in conversation order), and older pages
    // before a position.
    QList<ConversationMessage> lastMessages(qint64 conversationId, int count) const
    {
        return messagesBefore(conversationId, std::numeric_limits<int>::max(), count);
    }
    QList<ConversationMessage> messagesBefore(qint64 conversationId, int position, int count) const;
    int messageCount(qint64 conversationId) const { return m_messages.count(conversationId); }
    // The bytes of a stored attachment (messages carry only thumbnails); nullopt, said by
    // errorString(), when it is gone or cannot be read.
    std::optional<QByteArray> attachmentData(qint64 attachmentId) const
    {
        QString error;
        std::optional<QByteArray> bytes = AttachmentTable::data(m_db, attachmentId, &error);
        if (!bytes)
            fail(QStringLiteral("attachmentData"), error);
        return bytes;
    }
    // Drops the messages at and after a position (for Retry and editing a sent message).
    bool removeMessagesFrom(qint64 conversationId, int position);

    // Branches (conversationbranches.cpp). The shape of a conversation, ids only.
    ConversationTree tree(qint64 conversationId) const;
    // The message the path shown goes through (remembered per conversation); 0: the newest.
    qint64 selectedMessage(qint64 conversationId) const;
    QList<qint64> selectedPath(qint64 conversationId) const;
    // Shows the path through a message from now on.
    bool selectMessage(qint64 messageId);
    // What removeSubtree took away, to put it back (Undo).
    struct RemovedSubtree
    {
        qint64 conversationId = 0;
        qint64 selectedBefore = 0;
        qint64 keptIn = 0; // the deleted conversation that keeps the messages until purged
        QList<ConversationMessage> messages; // oldest first, with their ids and parents
    };
    // Deletes a message and everything below it on every branch, in one transaction. Like a
    // deleted conversation, the messages (with their images and tool calls) are kept in the
    // file until purged an hour later (subtreedeletion.cpp): Undo works after a restart too.
    std::optional<RemovedSubtree> removeSubtree(qint64 messageId);
    // Puts them back, under their ids; false when they were purged or put back already.
    bool restoreSubtree(const RemovedSubtree &removed);
    // The deletions of a conversation's messages still kept, newest first.
    QList<RemovedSubtree> removedSubtrees(qint64 conversationId) const;
    // A new conversation holding the path from the first message down to `messageId`, asking
    // for what its origin asks for, titled "<origin> (branch)" and linked back to it.
    std::optional<qint64> branchConversation(qint64 messageId);
    struct Origin
    {
        qint64 conversationId = 0;
        qint64 messageId = 0;
    };
    std::optional<Origin> origin(qint64 conversationId) const;
    // Imports a whole tree: `messages` carry the ids and parentIds of the file; the path
    // through `selectedMessage` (a file's id) is the one shown.
    std::optional<qint64> importTree(const Conversation &conversation,
                                     const QList<ConversationMessage> &messages,
                                     qint64 selectedMessage);

    QList<SearchHit> search(const QString &text, int limit = 50) const;
    // How many of the newest matches are ranked (see HistorySearch::kDefaultRankWindow).
    void setSearchRankWindow(int matches) { m_rankWindow = matches; }

    // Stores a whole conversation (e.g. an import) in one transaction; returns the new id.
    std::optional<qint64> importConversation(const Conversation &conversation,
                                             const QList<ConversationMessage> &messages);

Q_SIGNALS:
    void conversationAdded(qint64 id); // created, imported or restored
    void conversationChanged(qint64 id);
    void conversationRemoved(qint64 id); // deleted (undoable) or purged

private:
    bool afterOpen(bool ok, OpenOptions options);
    QDateTime now() const;
    // BEGIN IMMEDIATE: the write lock is taken (waiting for other writers) before anything is
    // read, so a transaction never fails half-way on "database is locked".
    bool beginWrite();
    void markInterrupted();
    bool fail(const QString &what, const QString &detail) const;
    bool touchConversation(qint64 id, const QString &firstUserText);
    std::optional<qint64> insertMessage(qint64 conversationId, const ConversationMessage &message);
    // One message of an import: its parent (a file's id) mapped to the stored one.
    bool importMessage(qint64 conversationId, ConversationMessage message);
    QList<TreeNode> treeNodes(qint64 conversationId, QHash<qint64, int> *positions) const;

    QString m_connectionName;
    QSqlDatabase m_db;
    MessageTable m_messages; // runs its statements on m_db
    QString m_filePath;
    QString m_notice;
    QString m_keptAside;
    mutable QString m_error;
    bool m_persistent = false;
    int m_interruptedOnOpen = 0;
    int m_rankWindow = HistorySearch::kDefaultRankWindow;
    std::function<QDateTime()> m_clock;
    QHash<qint64, qint64> m_importedIds; // while importing: a file's message id → stored id
};

} // namespace Sluice
