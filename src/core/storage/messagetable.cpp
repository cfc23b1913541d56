#include "core/storage/messagetable.h"

#include "core/storage/attachmenttable.h"
#include "core/storage/historydatabase.h"
#include "core/storage/storagejson.h"
#include "core/storage/thinkingblocktable.h"
#include "core/storage/toolcalltable.h"

#include <QHash>
#include <QSqlError>
#include <QStringList>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace Sluice {

namespace {

const QString kMessageColumns =
    QStringLiteral("id, conversation_id, position, role, content, thinking, state, error_text,"
                   " stats, model, created_at, updated_at, thinking_ms, coalesce(parent_id, 0)");

ConversationMessage readMessage(const QSqlQuery &query)
{
    ConversationMessage m;
    m.id = query.value(0).toLongLong();
    m.conversationId = query.value(1).toLongLong();
    m.position = query.value(2).toInt();
    m.role = query.value(3).toString();
    m.content = query.value(4).toString();
    m.thinking = query.value(5).toString();
    // A state this version does not know (written by a later one) shows as interrupted.
    m.state = messageStateFromName(query.value(6).toString()).value_or(MessageState::Interrupted);
    m.errorText = query.value(7).toString();
    m.stats = replyStatsFromJson(jsonObjectFromText(query.value(8).toString()));
    m.model = query.value(9).toString();
    m.created = QDateTime::fromMSecsSinceEpoch(query.value(10).toLongLong());
    m.updated = QDateTime::fromMSecsSinceEpoch(query.value(11).toLongLong());
    m.thinkingMs = query.value(12).toLongLong();
    m.parentId = query.value(13).toLongLong();
    return m;
}

// A reply still running (pending, loading, streaming) is stored as "streaming": after a
// restart it shows as interrupted.
QString storedStateName(MessageState state)
{
    return messageStateName(isRunningState(state) ? MessageState::Streaming : state);
}

// What is kept beside a message's row: its tool calls and its thinking blocks.
void attachExtras(const QSqlDatabase &db, QList<ConversationMessage> &messages)
{
    ToolCallTable::attach(db, messages);
    ThinkingBlockTable::attach(db, messages);
}

QList<ConversationMessage> readMessages(QSqlQuery &query)
{
    QList<ConversationMessage> result;
    while (query.next())
        result.append(readMessage(query));
    return result;
}

} // namespace

MessageTable::MessageTable(const QSqlDatabase &db, Clock now, Fail fail)
    : m_db(db), m_now(std::move(now)), m_fail(std::move(fail))
{}

QList<ConversationMessage> MessageTable::withAttachments(QList<ConversationMessage> messages,
                                                         const QString &operation) const
{
    if (QString error; !AttachmentTable::fill(m_db, messages, &error))
        failed(operation, error); // the text still shows
    return messages;
}

bool MessageTable::failed(const QString &operation, const QString &detail) const
{
    m_fail(operation, detail);
    return false;
}

std::optional<qint64> MessageTable::insert(qint64 conversationId,
                                           const ConversationMessage &message)
{
    const QDateTime created = message.created.isValid() ? message.created : m_now();
    const QDateTime updated = message.updated.isValid() ? message.updated : created;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral(
        "INSERT INTO messages (conversation_id, position, role, content, thinking, state,"
        " error_text, stats, model, created_at, updated_at, thinking_ms, parent_id)"
        " VALUES (?, (SELECT coalesce(max(position), -1) + 1 FROM messages"
        "             WHERE conversation_id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
        " CASE WHEN ? >= 0 THEN nullif(?, 0) ELSE (SELECT id FROM messages"
        "  WHERE conversation_id = ? ORDER BY position DESC LIMIT 1) END)"));
    query.addBindValue(conversationId);
    query.addBindValue(conversationId);
    query.addBindValue(HistoryDatabase::text(message.role));
    query.addBindValue(HistoryDatabase::text(message.content));
    query.addBindValue(HistoryDatabase::text(message.thinking));
    query.addBindValue(HistoryDatabase::text(storedStateName(message.state)));
    query.addBindValue(HistoryDatabase::text(message.errorText));
    query.addBindValue(HistoryDatabase::text(jsonObjectToText(replyStatsToJson(message.stats))));
    query.addBindValue(HistoryDatabase::text(message.model));
    query.addBindValue(created.toMSecsSinceEpoch());
    query.addBindValue(updated.toMSecsSinceEpoch());
    query.addBindValue(qMax(message.thinkingMs, qint64(-1)));
    query.addBindValue(message.parentId); // the parent (see ConversationMessage::parentId)
    query.addBindValue(message.parentId);
    query.addBindValue(conversationId);
    if (!query.exec()) {
        failed(QStringLiteral("addMessage"), query.lastError().text());
        return std::nullopt;
    }
    const qint64 id = query.lastInsertId().toLongLong();
    QString error;
    if (!AttachmentTable::insert(m_db, id, message.attachments, &error) ||
        (!message.toolCalls.isEmpty() &&
         !ToolCallTable::save(m_db, id, message.toolCalls, &error)) ||
        !ThinkingBlockTable::save(m_db, id, message.stats.thinkingBlocks, &error)) {
        failed(QStringLiteral("addMessage"), error);
        return std::nullopt;
    }
    return id;
}

MessageTable::Write MessageTable::update(const ConversationMessage &message)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral(
        "UPDATE messages SET content = ?, thinking = ?, state = ?, error_text = ?, stats = ?,"
        " model = ?, thinking_ms = ?, updated_at = ? WHERE id = ?"));
    query.addBindValue(HistoryDatabase::text(message.content));
    query.addBindValue(HistoryDatabase::text(message.thinking));
    query.addBindValue(HistoryDatabase::text(storedStateName(message.state)));
    query.addBindValue(HistoryDatabase::text(message.errorText));
    query.addBindValue(HistoryDatabase::text(jsonObjectToText(replyStatsToJson(message.stats))));
    query.addBindValue(HistoryDatabase::text(message.model));
    query.addBindValue(qMax(message.thinkingMs, qint64(-1)));
    query.addBindValue(m_now().toMSecsSinceEpoch());
    query.addBindValue(message.id);
    if (!query.exec()) {
        failed(QStringLiteral("updateMessage"), query.lastError().text());
        return Write::Failed;
    }
    if (query.numRowsAffected() == 0)
        return Write::NoSuchMessage;
    if (QString error; !ThinkingBlockTable::save(m_db, message.id, message.stats.thinkingBlocks,
                                                 &error)) {
        failed(QStringLiteral("updateMessage"), error);
        return Write::Failed;
    }
    return Write::Done;
}

bool MessageTable::replaceStreamingText(qint64 messageId, const QString &content,
                                        const QString &thinking)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE messages SET content = ?, thinking = ?,"
                                 " state = 'streaming', updated_at = ? WHERE id = ?"));
    query.addBindValue(HistoryDatabase::text(content));
    query.addBindValue(HistoryDatabase::text(thinking));
    query.addBindValue(m_now().toMSecsSinceEpoch());
    query.addBindValue(messageId);
    if (!query.exec())
        return failed(QStringLiteral("updateStreamingText"), query.lastError().text());
    return query.numRowsAffected() > 0;
}

bool MessageTable::writeReplyText(qint64 messageId, const QByteArray &content,
                                  const QByteArray &thinking, bool replace,
                                  const std::optional<ReplyEnd> &end)
{
    // `content || ?` appends inside SQLite: the text saved so far is never read back here.
    // The UTF-8 bytes are bound as they are (no UTF-16 copy) and cast to text.
    QString sql = replace
                      ? QStringLiteral("UPDATE messages SET content = CAST(? AS TEXT),"
                                       " thinking = CAST(? AS TEXT)")
                      : QStringLiteral("UPDATE messages SET content = content || CAST(? AS TEXT),"
                                       " thinking = thinking || CAST(? AS TEXT)");
    sql += end ? QStringLiteral(", state = ?, error_text = ?, stats = ?,"
                                " model = CASE WHEN ? = '' THEN model ELSE ? END,"
                                " thinking_ms = CASE WHEN ? >= 0 THEN ? ELSE thinking_ms END")
               : QStringLiteral(", state = 'streaming'");
    sql += QStringLiteral(", updated_at = ? WHERE id = ?");
    QSqlQuery query(m_db);
    query.prepare(sql);
    query.addBindValue(content.isNull() ? QByteArray("") : content);
    query.addBindValue(thinking.isNull() ? QByteArray("") : thinking);
    if (end) {
        query.addBindValue(HistoryDatabase::text(storedStateName(end->state)));
        query.addBindValue(HistoryDatabase::text(end->errorText));
        query.addBindValue(HistoryDatabase::text(jsonObjectToText(replyStatsToJson(end->stats))));
        query.addBindValue(HistoryDatabase::text(end->model));
        query.addBindValue(HistoryDatabase::text(end->model));
        query.addBindValue(end->thinkingMs);
        query.addBindValue(end->thinkingMs);
    }
    query.addBindValue(m_now().toMSecsSinceEpoch());
    query.addBindValue(messageId);
    if (!query.exec())
        return failed(QStringLiteral("appendReplyText"), query.lastError().text());
    if (query.numRowsAffected() == 0)
        return failed(QStringLiteral("appendReplyText"),
                      QStringLiteral("no message %1").arg(messageId));
    if (QString error;
        end && !ThinkingBlockTable::save(m_db, messageId, end->stats.thinkingBlocks, &error))
        return failed(QStringLiteral("appendReplyText"), error);
    return true;
}

std::optional<ConversationMessage> MessageTable::read(qint64 id) const
{
    QSqlQuery query(m_db);
    query.prepare(u"SELECT " + kMessageColumns + u" FROM messages WHERE id = ?");
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return std::nullopt;
    QList<ConversationMessage> one{readMessage(query)};
    attachExtras(m_db, one);
    return withAttachments(std::move(one), QStringLiteral("message")).value(0);
}

QList<ConversationMessage> MessageTable::readAll(qint64 conversationId) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT " + kMessageColumns +
                  u" FROM messages WHERE conversation_id = ? ORDER BY position");
    query.addBindValue(conversationId);
    if (!query.exec()) {
        failed(QStringLiteral("messages"), query.lastError().text());
        return {};
    }
    QList<ConversationMessage> result = readMessages(query);
    attachExtras(m_db, result);
    return withAttachments(std::move(result), QStringLiteral("messages"));
}

QList<ConversationMessage> MessageTable::readIds(const QList<qint64> &ids) const
{
    // In slices: SQLite binds at most 32766 values per statement.
    constexpr qsizetype kSlice = 500;
    QHash<qint64, ConversationMessage> byId;
    for (qsizetype from = 0; from < ids.size(); from += kSlice) {
        const qsizetype n = qMin(kSlice, ids.size() - from);
        QStringList marks(n, QStringLiteral("?"));
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        query.prepare(u"SELECT " + kMessageColumns + u" FROM messages WHERE id IN (" +
                      marks.join(u',') + u')');
        for (qsizetype i = 0; i < n; ++i)
            query.addBindValue(ids.at(from + i));
        if (!query.exec()) {
            failed(QStringLiteral("messages"), query.lastError().text());
            return {};
        }
        while (query.next()) {
            ConversationMessage m = readMessage(query);
            byId.insert(m.id, std::move(m));
        }
    }
    QList<ConversationMessage> result;
    result.reserve(byId.size());
    for (const qint64 id : ids) {
        if (auto it = byId.find(id); it != byId.end())
            result.append(std::move(it.value()));
    }
    attachExtras(m_db, result);
    return withAttachments(std::move(result), QStringLiteral("messages"));
}

QList<ConversationMessage> MessageTable::readBefore(qint64 conversationId, int position,
                                                    int count) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT " + kMessageColumns +
                  u" FROM messages WHERE conversation_id = ? AND position < ?"
                  u" ORDER BY position DESC LIMIT ?");
    query.addBindValue(conversationId);
    query.addBindValue(position);
    query.addBindValue(count);
    if (!query.exec()) {
        failed(QStringLiteral("messagesBefore"), query.lastError().text());
        return {};
    }
    QList<ConversationMessage> result = readMessages(query);
    std::reverse(result.begin(), result.end());
    attachExtras(m_db, result);
    return withAttachments(std::move(result), QStringLiteral("messagesBefore"));
}

int MessageTable::count(qint64 conversationId) const
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT count(*) FROM messages WHERE conversation_id = ?"));
    query.addBindValue(conversationId);
    if (!query.exec() || !query.next())
        return 0;
    return query.value(0).toInt();
}

std::optional<qint64> MessageTable::conversationOf(qint64 messageId) const
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT conversation_id FROM messages WHERE id = ?"));
    query.addBindValue(messageId);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return query.value(0).toLongLong();
}

std::optional<QString> MessageTable::firstUserText(qint64 conversationId) const
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT content FROM messages WHERE conversation_id = ?"
                                 " AND role = 'user' ORDER BY position LIMIT 1"));
    query.addBindValue(conversationId);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return query.value(0).toString();
}

bool MessageTable::removeFrom(qint64 conversationId, int position)
{
    QSqlQuery query(m_db);
    query.prepare(
        QStringLiteral("DELETE FROM messages WHERE conversation_id = ? AND position >= ?"));
    query.addBindValue(conversationId);
    query.addBindValue(position);
    if (!query.exec())
        return failed(QStringLiteral("removeMessagesFrom"), query.lastError().text());
    return true;
}

QList<qint64> MessageTable::streamingIds() const
{
    QList<qint64> ids;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (query.exec(QStringLiteral("SELECT id FROM messages WHERE state = 'streaming'"))) {
        while (query.next())
            ids.append(query.value(0).toLongLong());
    }
    return ids;
}

std::optional<int> MessageTable::markStreamingInterrupted()
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE messages SET state = 'interrupted', updated_at = ?"
                                 " WHERE state = 'streaming'"));
    query.addBindValue(m_now().toMSecsSinceEpoch());
    if (!query.exec())
        return std::nullopt;
    return query.numRowsAffected();
}

} // namespace Sluice
