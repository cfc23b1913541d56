// Deleting a message with everything below it, and Undo, as durable as deleting a conversation:
// the messages are not dropped but moved, in one transaction, into a conversation of their own
// that is marked deleted. Nothing lists or searches a deleted conversation, and deleted
// conversations are purged an hour later when the history opens (purgeDeleted): the messages
// go then, with their images, tool calls and search entries (ON DELETE CASCADE, triggers).
// Until then Undo moves them back under their ids, and survives a restart.
//
// The holder is told apart from a deleted conversation of the user's by its origin columns
// (schema version 6): origin_conversation is the conversation the messages came from, and
// origin_message is the deleted message itself, which lives in the holder (a branch made with
// "Branch from here" names a message of another conversation). selected_message keeps the
// message the path shown went through before the deletion.
#include "core/storage/conversationstore.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace Sluice {

namespace {

QVariant idOrNull(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType(QMetaType::LongLong));
}

// Deleted conversations that hold deleted messages (see above).
const QString kHolders = QStringLiteral(
    " FROM conversations h WHERE h.deleted_at IS NOT NULL AND h.origin_conversation IS NOT NULL"
    " AND EXISTS (SELECT 1 FROM messages m WHERE m.id = h.origin_message"
    "  AND m.conversation_id = h.id)");

} // namespace

std::optional<ConversationStore::RemovedSubtree> ConversationStore::removeSubtree(qint64 messageId)
{
    const std::optional<qint64> conversationId = m_messages.conversationOf(messageId);
    if (!conversationId || !conversation(*conversationId))
        return std::nullopt; // not stored, or deleted already
    const ConversationTree shape = tree(*conversationId);
    RemovedSubtree removed;
    removed.conversationId = *conversationId;
    removed.selectedBefore = selectedMessage(*conversationId);
    const QList<qint64> ids = shape.subtree(messageId);
    removed.messages = m_messages.readIds(ids);
    std::sort(removed.messages.begin(), removed.messages.end(),
              [](const auto &a, const auto &b) { return a.position < b.position; });
    if (!beginWrite()) {
        fail(QStringLiteral("removeSubtree"), m_error);
        return std::nullopt;
    }
    const qint64 at = now().toMSecsSinceEpoch();
    QSqlQuery hold(m_db);
    hold.prepare(QStringLiteral(
        "INSERT INTO conversations (title, title_custom, created_at, updated_at, deleted_at,"
        " origin_conversation, origin_message, selected_message)"
        " VALUES ('', 1, ?, ?, ?, ?, ?, ?)"));
    hold.addBindValue(at);
    hold.addBindValue(at);
    hold.addBindValue(at);
    hold.addBindValue(*conversationId);
    hold.addBindValue(messageId);
    hold.addBindValue(idOrNull(removed.selectedBefore));
    bool ok = hold.exec();
    removed.keptIn = ok ? hold.lastInsertId().toLongLong() : 0;
    // Positions stay as they were: they are unique in the holder as they were in the
    // conversation. Moving a message rewrites none of its text, so its search entries stay.
    QSqlQuery move(m_db);
    move.prepare(QStringLiteral("UPDATE messages SET conversation_id = ? WHERE id = ?"));
    for (const qint64 id : ids) {
        if (!ok)
            break;
        move.addBindValue(removed.keptIn);
        move.addBindValue(id);
        ok = move.exec();
    }
    // The path shown goes on through the parent (to its newest remaining child).
    QSqlQuery select(m_db);
    if (ok && shape.path(removed.selectedBefore).contains(messageId)) {
        select.prepare(
            QStringLiteral("UPDATE conversations SET selected_message = ? WHERE id = ?"));
        select.addBindValue(idOrNull(shape.parentOf(messageId)));
        select.addBindValue(*conversationId);
        ok = select.exec();
    }
    if (!ok || !m_db.commit()) {
        fail(QStringLiteral("removeSubtree"),
             ok ? m_db.lastError().text()
                : hold.lastError().text() + move.lastError().text() + select.lastError().text());
        m_db.rollback();
        return std::nullopt;
    }
    Q_EMIT conversationChanged(*conversationId);
    return removed;
}

bool ConversationStore::restoreSubtree(const RemovedSubtree &removed)
{
    if (!conversation(removed.conversationId) || removed.keptIn <= 0)
        return false;
    if (!beginWrite())
        return fail(QStringLiteral("restoreSubtree"), m_error);
    QSqlQuery holder(m_db);
    holder.prepare(QStringLiteral("SELECT coalesce(h.selected_message, 0)") + kHolders +
                   QStringLiteral(" AND h.id = ? AND h.origin_conversation = ?"));
    holder.addBindValue(removed.keptIn);
    holder.addBindValue(removed.conversationId);
    if (!holder.exec() || !holder.next()) {
        const QString error = holder.lastError().text().trimmed();
        m_db.rollback();
        return fail(QStringLiteral("restoreSubtree"),
                    !error.isEmpty()
                        ? error
                        : QCoreApplication::translate("Sluice::ConversationStore",
                                                      "the deleted messages are no longer kept"));
    }
    const qint64 selectedBefore = holder.value(0).toLongLong();
    holder.finish();
    // Back after every message stored since (a child still comes after its parent), under
    // their ids: search entries and links stay valid.
    QList<qint64> ids;
    QSqlQuery read(m_db);
    read.prepare(QStringLiteral("SELECT id FROM messages WHERE conversation_id = ?"
                                " ORDER BY position"));
    read.addBindValue(removed.keptIn);
    bool ok = read.exec();
    while (ok && read.next())
        ids.append(read.value(0).toLongLong());
    read.finish();
    QSqlQuery move(m_db);
    move.prepare(QStringLiteral(
        "UPDATE messages SET conversation_id = ?, position = (SELECT coalesce(max(position), -1)"
        " + 1 FROM messages WHERE conversation_id = ?) WHERE id = ?"));
    for (const qint64 id : std::as_const(ids)) {
        if (!ok)
            break;
        move.addBindValue(removed.conversationId);
        move.addBindValue(removed.conversationId);
        move.addBindValue(id);
        ok = move.exec();
    }
    QSqlQuery finish(m_db);
    if (ok) {
        finish.prepare(
            QStringLiteral("UPDATE conversations SET selected_message = ? WHERE id = ?"));
        finish.addBindValue(idOrNull(selectedBefore));
        finish.addBindValue(removed.conversationId);
        ok = finish.exec();
    }
    if (ok) {
        finish.prepare(QStringLiteral("DELETE FROM conversations WHERE id = ?"));
        finish.addBindValue(removed.keptIn);
        ok = finish.exec();
    }
    if (!ok || !m_db.commit()) {
        fail(QStringLiteral("restoreSubtree"),
             ok ? m_db.lastError().text()
                : read.lastError().text() + move.lastError().text() + finish.lastError().text());
        m_db.rollback();
        return false;
    }
    Q_EMIT conversationChanged(removed.conversationId);
    return true;
}

QList<ConversationStore::RemovedSubtree>
ConversationStore::removedSubtrees(qint64 conversationId) const
{
    QList<RemovedSubtree> kept;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT h.id, coalesce(h.selected_message, 0)") + kHolders +
                  QStringLiteral(" AND h.origin_conversation = ?"
                                 " ORDER BY h.deleted_at DESC, h.id DESC"));
    query.addBindValue(conversationId);
    if (!query.exec()) {
        fail(QStringLiteral("removedSubtrees"), query.lastError().text());
        return kept;
    }
    while (query.next()) {
        RemovedSubtree r;
        r.conversationId = conversationId;
        r.keptIn = query.value(0).toLongLong();
        r.selectedBefore = query.value(1).toLongLong();
        kept.append(r);
    }
    for (RemovedSubtree &r : kept)
        r.messages = m_messages.readAll(r.keptIn);
    return kept;
}

} // namespace Sluice
