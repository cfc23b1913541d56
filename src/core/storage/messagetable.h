// The SQL of the `messages` table (see schema.h): rows written, read, counted and removed.
// It runs single statements on the connection of the ConversationStore that owns it; the
// store wraps them in transactions, keeps the search index (MessageIndex) in step, touches
// the conversation row and emits the signals. A statement that fails is reported through the
// fail callback with the store's operation name, so ConversationStore::errorString() says it.
#pragma once

#include "core/conversation/conversation.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <optional>

namespace Sluice {

class MessageTable final
{
public:
    using Clock = std::function<QDateTime()>;
    using Fail = std::function<void(const QString &operation, const QString &detail)>;

    // `db` is the owner's connection, opened and closed by it; it must outlive the table.
    MessageTable(const QSqlDatabase &db, Clock now, Fail fail);
    MessageTable(const MessageTable &) = delete;
    MessageTable &operator=(const MessageTable &) = delete;

    // Appends a message after the conversation's last one; its id, or nothing (reported).
    std::optional<qint64> insert(qint64 conversationId, const ConversationMessage &message);

    enum class Write { Done, NoSuchMessage, Failed };
    // Writes content, thinking, state, error text, stats and model. Failed is reported;
    // NoSuchMessage is not.
    Write update(const ConversationMessage &message);
    // Replaces a reply's text and marks it streaming; false when it failed (reported) or
    // there is no such message (not reported).
    bool replaceStreamingText(qint64 messageId, const QString &content, const QString &thinking);
    // Appends UTF-8 text inside SQLite (or replaces it) without reading the stored text back;
    // with `end`, the reply's end goes in the same statement. False, reported, when it failed
    // or there is no such message.
    bool writeReplyText(qint64 messageId, const QByteArray &content, const QByteArray &thinking,
                        bool replace, const std::optional<ReplyEnd> &end);

    std::optional<ConversationMessage> read(qint64 id) const;
    QList<ConversationMessage> readAll(qint64 conversationId) const;
    // The messages with these ids, in the order given (ids not found are left out).
    QList<ConversationMessage> readIds(const QList<qint64> &ids) const;
    // Up to `count` messages before a position, in conversation order.
    QList<ConversationMessage> readBefore(qint64 conversationId, int position, int count) const;
    int count(qint64 conversationId) const;
    std::optional<qint64> conversationOf(qint64 messageId) const;
    // The text of the conversation's first user message, if it has one.
    std::optional<QString> firstUserText(qint64 conversationId) const;
    // Drops the messages at and after a position; false when it failed (reported).
    bool removeFrom(qint64 conversationId, int position);

    // Replies left streaming by a process that died: their ids, then marking them interrupted
    // (how many were, or nothing when the write failed). Not reported: the store's opening
    // goes on without it.
    QList<qint64> streamingIds() const;
    std::optional<int> markStreamingInterrupted();

private:
    // The messages with their attachments' facts and thumbnails (attachmenttable.h).
    QList<ConversationMessage> withAttachments(QList<ConversationMessage> messages,
                                               const QString &operation) const;
    bool failed(const QString &operation, const QString &detail) const;

    const QSqlDatabase &m_db;
    Clock m_now;
    Fail m_fail;
};

} // namespace Sluice
