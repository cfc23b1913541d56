// ConversationStore's branches: a conversation is a tree of messages (schema version 6,
// conversationtree.h). What reads a conversation reads the path shown; these calls read the
// tree, choose the path and start a conversation from a branch (deleting a subtree and
// undoing that: subtreedeletion.cpp).
#include "core/storage/conversationstore.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

#include <algorithm>

namespace Sluice {

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
