// ConversationStore, continued: messages, search and import.
#include "core/storage/conversationstore.h"

#include "core/storage/historydatabase.h"
#include "core/storage/messageindex.h"
#include "core/storage/storagejson.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <limits>

namespace Sluice {

namespace {

const QString kMessageColumns =
    QStringLiteral("id, conversation_id, position, role, content, thinking, state, error_text,"
                   " stats, model, created_at, updated_at, thinking_ms");

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
    return m;
}

// A reply still running (pending, loading, streaming) is stored as "streaming": after a
// restart it shows as interrupted.
QString storedStateName(MessageState state)
{
    return messageStateName(isRunningState(state) ? MessageState::Streaming : state);
}

QList<ConversationMessage> readMessages(QSqlQuery &query)
{
    QList<ConversationMessage> result;
    while (query.next())
        result.append(readMessage(query));
    return result;
}

} // namespace

std::optional<qint64> ConversationStore::insertMessage(qint64 conversationId,
                                                       const ConversationMessage &message)
{
    const QDateTime created = message.created.isValid() ? message.created : now();
    const QDateTime updated = message.updated.isValid() ? message.updated : created;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral(
        "INSERT INTO messages (conversation_id, position, role, content, thinking, state,"
        " error_text, stats, model, created_at, updated_at, thinking_ms)"
        " VALUES (?, (SELECT coalesce(max(position), -1) + 1 FROM messages"
        "             WHERE conversation_id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
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
    if (!query.exec()) {
        fail(QStringLiteral("addMessage"), query.lastError().text());
        return std::nullopt;
    }
    const qint64 id = query.lastInsertId().toLongLong();
    if (QString error; !MessageIndex::index(m_db, id, &error)) {
        fail(QStringLiteral("addMessage"), error);
        return std::nullopt;
    }
    return id;
}

std::optional<ConversationMessage> ConversationStore::addMessage(qint64 conversationId,
                                                                 const ConversationMessage &message)
{
    if (!conversation(conversationId)) {
        fail(QStringLiteral("addMessage"),
             QStringLiteral("no conversation %1").arg(conversationId));
        return std::nullopt;
    }
    if (!beginWrite()) {
        fail(QStringLiteral("addMessage"), m_error);
        return std::nullopt;
    }
    const std::optional<qint64> id = insertMessage(conversationId, message);
    const QString userText = message.role == u"user" ? message.content : QString();
    if (!id || !touchConversation(conversationId, userText) || !m_db.commit()) {
        if (id)
            fail(QStringLiteral("addMessage"), m_db.lastError().text());
        m_db.rollback();
        return std::nullopt;
    }
    Q_EMIT conversationChanged(conversationId);
    return this->message(*id);
}

bool ConversationStore::updateMessage(const ConversationMessage &message)
{
    // The text and its search entries change together.
    if (!beginWrite())
        return fail(QStringLiteral("updateMessage"), m_error);
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
    query.addBindValue(now().toMSecsSinceEpoch());
    query.addBindValue(message.id);
    QString error;
    const bool ok = query.exec();
    if (!ok)
        error = query.lastError().text();
    const bool found = ok && query.numRowsAffected() > 0;
    query.finish();
    if (found && !MessageIndex::index(m_db, message.id, &error)) {
        m_db.rollback();
        return fail(QStringLiteral("updateMessage"), error);
    }
    if (!found) {
        m_db.rollback();
        return ok ? false : fail(QStringLiteral("updateMessage"), error);
    }
    if (!m_db.commit()) {
        error = m_db.lastError().text();
        m_db.rollback();
        return fail(QStringLiteral("updateMessage"), error);
    }
    const std::optional<ConversationMessage> stored = this->message(message.id);
    if (stored && touchConversation(stored->conversationId, QString()))
        Q_EMIT conversationChanged(stored->conversationId);
    return true;
}

bool ConversationStore::updateStreamingText(qint64 messageId, const QString &content,
                                            const QString &thinking)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE messages SET content = ?, thinking = ?,"
                                 " state = 'streaming', updated_at = ? WHERE id = ?"));
    query.addBindValue(HistoryDatabase::text(content));
    query.addBindValue(HistoryDatabase::text(thinking));
    query.addBindValue(now().toMSecsSinceEpoch());
    query.addBindValue(messageId);
    if (!query.exec())
        return fail(QStringLiteral("updateStreamingText"), query.lastError().text());
    return query.numRowsAffected() > 0;
}

bool ConversationStore::appendReplyText(qint64 messageId, const QByteArray &content,
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
    // The final write and the reply's search entries are one transaction: when the index
    // cannot be written (a full disk), nothing is, and the saver keeps the text to retry.
    if (end && !beginWrite())
        return fail(QStringLiteral("appendReplyText"), m_error);
    const auto failed = [this, &end](const QString &error) {
        if (end)
            m_db.rollback();
        return fail(QStringLiteral("appendReplyText"), error);
    };
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
    query.addBindValue(now().toMSecsSinceEpoch());
    query.addBindValue(messageId);
    if (!query.exec())
        return failed(query.lastError().text());
    if (query.numRowsAffected() == 0)
        return failed(QStringLiteral("no message %1").arg(messageId));
    query.finish();
    if (end) {
        // A replacing write holds the whole text: index it from here, not read back.
        QString error;
        const bool indexed = replace ? MessageIndex::index(m_db, messageId, content, thinking, &error)
                                     : MessageIndex::index(m_db, messageId, &error);
        if (!indexed)
            return failed(error);
        if (!m_db.commit())
            return failed(m_db.lastError().text());
        QSqlQuery owner(m_db);
        owner.prepare(QStringLiteral("SELECT conversation_id FROM messages WHERE id = ?"));
        owner.addBindValue(messageId);
        if (owner.exec() && owner.next()) {
            const qint64 conversationId = owner.value(0).toLongLong();
            owner.finish();
            if (touchConversation(conversationId, QString()))
                Q_EMIT conversationChanged(conversationId);
        }
    }
    return true;
}

std::optional<ConversationMessage> ConversationStore::message(qint64 id) const
{
    QSqlQuery query(m_db);
    query.prepare(u"SELECT " + kMessageColumns + u" FROM messages WHERE id = ?");
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return readMessage(query);
}

QList<ConversationMessage> ConversationStore::messages(qint64 conversationId) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT " + kMessageColumns +
                  u" FROM messages WHERE conversation_id = ? ORDER BY position");
    query.addBindValue(conversationId);
    if (!query.exec()) {
        fail(QStringLiteral("messages"), query.lastError().text());
        return {};
    }
    return readMessages(query);
}

QList<ConversationMessage> ConversationStore::lastMessages(qint64 conversationId, int count) const
{
    return messagesBefore(conversationId, std::numeric_limits<int>::max(), count);
}

QList<ConversationMessage> ConversationStore::messagesBefore(qint64 conversationId, int position,
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
        fail(QStringLiteral("messagesBefore"), query.lastError().text());
        return {};
    }
    QList<ConversationMessage> result = readMessages(query);
    std::reverse(result.begin(), result.end());
    return result;
}

int ConversationStore::messageCount(qint64 conversationId) const
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT count(*) FROM messages WHERE conversation_id = ?"));
    query.addBindValue(conversationId);
    if (!query.exec() || !query.next())
        return 0;
    return query.value(0).toInt();
}

bool ConversationStore::removeMessagesFrom(qint64 conversationId, int position)
{
    QSqlQuery query(m_db);
    query.prepare(
        QStringLiteral("DELETE FROM messages WHERE conversation_id = ? AND position >= ?"));
    query.addBindValue(conversationId);
    query.addBindValue(position);
    if (!query.exec())
        return fail(QStringLiteral("removeMessagesFrom"), query.lastError().text());
    Q_EMIT conversationChanged(conversationId);
    return true;
}

QList<SearchHit> ConversationStore::search(const QString &text, int limit) const
{
    QList<SearchHit> hits;
    QString error;
    if (!HistorySearch::run(m_db, text, limit, &hits, &error, m_rankWindow))
        fail(QStringLiteral("search"), error);
    return hits;
}

std::optional<qint64>
ConversationStore::importConversation(const Conversation &conversation,
                                      const QList<ConversationMessage> &messages)
{
    if (!beginWrite()) {
        fail(QStringLiteral("importConversation"), m_error);
        return std::nullopt;
    }
    std::optional<Conversation> stored;
    bool ok = false;
    {
        const QSignalBlocker quiet(this); // one signal after the commit, not one per row
        Conversation draft = conversation;
        if (draft.title.isEmpty() && !draft.titleIsCustom) {
            const auto firstUser = std::find_if(messages.cbegin(), messages.cend(),
                                                [](const auto &m) { return m.role == u"user"; });
            if (firstUser != messages.cend())
                draft.title = titleFromMessage(firstUser->content);
        }
        stored = createConversation(draft);
        ok = stored.has_value();
        for (int i = 0; ok && i < messages.size(); ++i) {
            ConversationMessage message = messages.at(i);
            if (message.state == MessageState::Streaming)
                message.state = MessageState::Interrupted;
            ok = insertMessage(stored->id, message).has_value();
        }
    }
    if (!ok || !m_db.commit()) {
        if (ok)
            fail(QStringLiteral("importConversation"), m_db.lastError().text());
        m_db.rollback();
        return std::nullopt;
    }
    Q_EMIT conversationAdded(stored->id);
    return stored->id;
}

} // namespace Sluice
