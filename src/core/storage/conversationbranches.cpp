// ConversationStore's branches: a conversation is a tree of messages (schema version 6,
// conversationtree.h). What reads a conversation reads the path shown; these calls read the
// tree, choose the path, delete and restore a subtree and start a conversation from a branch.
#include "core/storage/conversationstore.h"

#include "core/storage/attachmenttable.h"
#include "core/storage/historydatabase.h"
#include "core/storage/messageindex.h"
#include "core/storage/storagejson.h"
#include "core/storage/toolcalltable.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

#include <algorithm>

namespace Sluice {

namespace {

QVariant idOrNull(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType(QMetaType::LongLong));
}

} // namespace

QList<TreeNode> ConversationStore::treeNodes(qint64 conversationId,
                                             QHash<qint64, int> *positions) const
{
    QList<TreeNode> nodes;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT id, coalesce(parent_id, 0), position FROM messages"
                                 " WHERE conversation_id = ? ORDER BY position"));
    query.addBindValue(conversationId);
    if (!query.exec()) {
        fail(QStringLiteral("tree"), query.lastError().text());
        return nodes;
    }
    while (query.next()) {
        const qint64 id = query.value(0).toLongLong();
        nodes.append({id, query.value(1).toLongLong()});
        if (positions)
            positions->insert(id, query.value(2).toInt());
    }
    return nodes;
}

ConversationTree ConversationStore::tree(qint64 conversationId) const
{
    return ConversationTree(treeNodes(conversationId, nullptr));
}

qint64 ConversationStore::selectedMessage(qint64 conversationId) const
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT coalesce(selected_message, 0) FROM conversations"
                                 " WHERE id = ?"));
    query.addBindValue(conversationId);
    return query.exec() && query.next() ? query.value(0).toLongLong() : 0;
}

QList<qint64> ConversationStore::selectedPath(qint64 conversationId) const
{
    return tree(conversationId).path(selectedMessage(conversationId));
}

bool ConversationStore::selectMessage(qint64 messageId)
{
    QSqlQuery query(m_db);
    query.prepare(
        QStringLiteral("UPDATE conversations SET selected_message = ?"
                       " WHERE id = (SELECT conversation_id FROM messages WHERE id = ?)"));
    query.addBindValue(messageId);
    query.addBindValue(messageId);
    if (!query.exec())
        return fail(QStringLiteral("selectMessage"), query.lastError().text());
    return query.numRowsAffected() > 0;
}

QList<ConversationMessage> ConversationStore::messages(qint64 conversationId) const
{
    return m_messages.readIds(selectedPath(conversationId));
}

QList<ConversationMessage> ConversationStore::messagesBefore(qint64 conversationId, int position,
                                                             int count) const
{
    // Positions grow down every path (a message is stored after its parent).
    QHash<qint64, int> positions;
    const ConversationTree shape(treeNodes(conversationId, &positions));
    const QList<qint64> path = shape.path(selectedMessage(conversationId));
    const auto end = std::partition_point(
        path.cbegin(), path.cend(), [&](qint64 id) { return positions.value(id) < position; });
    const qsizetype last = end - path.cbegin();
    const qsizetype first = qMax(qsizetype(0), last - qMax(count, 0));
    return m_messages.readIds(path.mid(first, last - first));
}

std::optional<ConversationStore::RemovedSubtree> ConversationStore::removeSubtree(qint64 messageId)
{
    const std::optional<qint64> conversationId = m_messages.conversationOf(messageId);
    if (!conversationId)
        return std::nullopt;
    const ConversationTree shape = tree(*conversationId);
    RemovedSubtree removed;
    removed.conversationId = *conversationId;
    removed.selectedBefore = selectedMessage(*conversationId);
    removed.messages = m_messages.readIds(shape.subtree(messageId));
    std::sort(removed.messages.begin(), removed.messages.end(),
              [](const auto &a, const auto &b) { return a.position < b.position; });
    // Undo puts the images and tool calls back too: their rows go with the messages.
    for (ConversationMessage &m : removed.messages) {
        for (Attachment &a : m.attachments) {
            const std::optional<QByteArray> data = attachmentData(a.id);
            if (!data)
                return std::nullopt; // said; nothing deleted
            a.data = *data;
        }
    }
    if (!beginWrite()) {
        fail(QStringLiteral("removeSubtree"), m_error);
        return std::nullopt;
    }
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("DELETE FROM messages WHERE id = ?"));
    bool ok = true;
    for (const ConversationMessage &m : std::as_const(removed.messages)) {
        query.addBindValue(m.id);
        ok = ok && query.exec();
    }
    // The path shown goes on through the parent (to its newest remaining child).
    const bool wasShown = shape.path(removed.selectedBefore).contains(messageId);
    QSqlQuery select(m_db);
    if (ok && wasShown) {
        select.prepare(
            QStringLiteral("UPDATE conversations SET selected_message = ? WHERE id = ?"));
        select.addBindValue(idOrNull(shape.parentOf(messageId)));
        select.addBindValue(*conversationId);
        ok = select.exec();
    }
    if (!ok || !m_db.commit()) {
        fail(QStringLiteral("removeSubtree"),
             ok ? m_db.lastError().text() : query.lastError().text() + select.lastError().text());
        m_db.rollback();
        return std::nullopt;
    }
    Q_EMIT conversationChanged(*conversationId);
    return removed;
}

bool ConversationStore::restoreSubtree(const RemovedSubtree &removed)
{
    if (!conversation(removed.conversationId) || removed.messages.isEmpty())
        return false;
    if (!beginWrite())
        return fail(QStringLiteral("restoreSubtree"), m_error);
    // Back under their ids (search entries and links stay valid), after every message stored
    // since: a child still comes after its parent.
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral(
        "INSERT INTO messages (id, conversation_id, position, role, content, thinking, state,"
        " error_text, stats, model, created_at, updated_at, thinking_ms, parent_id)"
        " VALUES (?, ?, (SELECT coalesce(max(position), -1) + 1 FROM messages"
        "  WHERE conversation_id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    bool ok = true;
    QString error;
    for (const ConversationMessage &m : removed.messages) {
        query.addBindValue(m.id);
        query.addBindValue(removed.conversationId);
        query.addBindValue(removed.conversationId);
        query.addBindValue(HistoryDatabase::text(m.role));
        query.addBindValue(HistoryDatabase::text(m.content));
        query.addBindValue(HistoryDatabase::text(m.thinking));
        query.addBindValue(
            messageStateName(isRunningState(m.state) ? MessageState::Interrupted : m.state));
        query.addBindValue(HistoryDatabase::text(m.errorText));
        query.addBindValue(HistoryDatabase::text(jsonObjectToText(replyStatsToJson(m.stats))));
        query.addBindValue(HistoryDatabase::text(m.model));
        query.addBindValue(m.created.toMSecsSinceEpoch());
        query.addBindValue(m.updated.toMSecsSinceEpoch());
        query.addBindValue(m.thinkingMs);
        query.addBindValue(idOrNull(m.parentId));
        ok = query.exec() && MessageIndex::index(m_db, m.id, &error) &&
             AttachmentTable::insert(m_db, m.id, m.attachments, &error) &&
             (m.toolCalls.isEmpty() || ToolCallTable::save(m_db, m.id, m.toolCalls, &error));
        if (!ok)
            break;
    }
    QSqlQuery select(m_db);
    select.prepare(QStringLiteral("UPDATE conversations SET selected_message = ? WHERE id = ?"));
    select.addBindValue(idOrNull(removed.selectedBefore));
    select.addBindValue(removed.conversationId);
    ok = ok && select.exec();
    if (!ok || !m_db.commit()) {
        fail(QStringLiteral("restoreSubtree"), error.isEmpty() ? query.lastError().text() : error);
        m_db.rollback();
        return false;
    }
    Q_EMIT conversationChanged(removed.conversationId);
    return true;
}

std::optional<qint64> ConversationStore::branchConversation(qint64 messageId)
{
    const std::optional<qint64> from = m_messages.conversationOf(messageId);
    const std::optional<Conversation> origin = from ? conversation(*from) : std::nullopt;
    if (!origin)
        return std::nullopt;
    const ConversationTree shape = tree(*from);
    QList<qint64> upTo;
    for (qint64 id = messageId; id; id = shape.parentOf(id))
        upTo.prepend(id);
    QList<ConversationMessage> copies = m_messages.readIds(upTo);
    for (ConversationMessage &m : copies)
        m.parentId = -1; // one branch: each follows the one before
    Conversation draft = newConversationLike(*origin);
    draft.title = QCoreApplication::translate("Sluice::ConversationStore", "%1 (branch)")
                      .arg(origin->title.isEmpty() ? untitledConversationTitle() : origin->title);
    const std::optional<qint64> id = importConversation(draft, copies);
    if (!id)
        return std::nullopt;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE conversations SET origin_conversation = ?,"
                                 " origin_message = ? WHERE id = ?"));
    query.addBindValue(*from);
    query.addBindValue(messageId);
    query.addBindValue(*id);
    if (!query.exec())
        fail(QStringLiteral("branchConversation"), query.lastError().text());
    return id;
}

std::optional<ConversationStore::Origin> ConversationStore::origin(qint64 conversationId) const
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT origin_conversation, coalesce(origin_message, 0)"
                                 " FROM conversations WHERE id = ?"
                                 " AND origin_conversation IS NOT NULL"));
    query.addBindValue(conversationId);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return Origin{query.value(0).toLongLong(), query.value(1).toLongLong()};
}

bool ConversationStore::importMessage(qint64 conversationId, ConversationMessage message)
{
    const qint64 fileId = message.id;
    if (message.state == MessageState::Streaming)
        message.state = MessageState::Interrupted;
    if (message.parentId > 0)
        message.parentId = m_importedIds.value(message.parentId, -1);
    const std::optional<qint64> stored = insertMessage(conversationId, message);
    if (stored && fileId > 0)
        m_importedIds.insert(fileId, *stored);
    return stored.has_value();
}

std::optional<qint64> ConversationStore::importTree(const Conversation &conversation,
                                                    const QList<ConversationMessage> &messages,
                                                    qint64 selectedMessage)
{
    const std::optional<qint64> id = importConversation(conversation, messages);
    if (id && selectedMessage > 0 && m_importedIds.contains(selectedMessage))
        selectMessage(m_importedIds.value(selectedMessage));
    m_importedIds.clear();
    return id;
}

} // namespace Sluice
