#include "core/storage/conversationstore.h"

#include "core/storage/historydatabase.h"
#include "core/storage/messageindex.h"
#include "core/storage/storagejson.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <limits>

namespace Sluice {

namespace {

// Replies deleted longer ago than this are purged when the store opens.
constexpr qint64 kPurgeAfterMs = 60 * 60 * 1000;

const QString kConversationColumns = QStringLiteral(
    "c.id, c.title, c.title_custom, c.created_at, c.updated_at, c.provider_id, c.model,"
    " c.system_prompt, c.settings, c.pinned,"
    // Every branch's messages (deleting a subtree leaves gaps in the positions).
    " (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id)");

QString nextConnectionName()
{
    static QAtomicInteger<int> counter;
    return QStringLiteral("sluice-history-%1").arg(counter.fetchAndAddRelaxed(1));
}

QDateTime fromMs(const QVariant &value)
{
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong());
}

Conversation readConversation(const QSqlQuery &query)
{
    Conversation c;
    c.id = query.value(0).toLongLong();
    c.title = query.value(1).toString();
    c.titleIsCustom = query.value(2).toBool();
    c.created = fromMs(query.value(3));
    c.updated = fromMs(query.value(4));
    c.providerId = query.value(5).toString();
    c.model = query.value(6).toString();
    c.systemPrompt = query.value(7).toString();
    c.settings = chatOptionsFromJson(jsonObjectFromText(query.value(8).toString()));
    c.pinned = query.value(9).toBool();
    c.messageCount = query.value(10).toInt();
    return c;
}

QString settingsText(const ChatOptions &options)
{
    return jsonObjectToText(chatOptionsToJson(options));
}

} // namespace

ConversationStore::ConversationStore(QObject *parent)
    : QObject(parent), m_connectionName(nextConnectionName()),
      m_messages(
          m_db, [this] { return now(); },
          [this](const QString &operation, const QString &detail) { fail(operation, detail); })
{}

ConversationStore::~ConversationStore()
{
    close();
}

bool ConversationStore::open(const QString &filePath, OpenOptions options)
{
    close();
    const HistoryDatabase::OpenResult result = HistoryDatabase::open(
        m_connectionName, filePath,
        options.readOnly ? HistoryDatabase::Mode::ReadOnly : HistoryDatabase::Mode::ReadWrite);
    m_filePath = filePath;
    m_persistent = result.persistent;
    m_notice = result.notice;
    m_keptAside = result.keptAsidePath;
    m_error = result.persistent ? result.error : result.why;
    return afterOpen(result.ok, options);
}

bool ConversationStore::openInMemory()
{
    close();
    const HistoryDatabase::OpenResult result = HistoryDatabase::openInMemory(m_connectionName);
    m_filePath.clear();
    m_persistent = false;
    m_error = result.error;
    return afterOpen(result.ok, {});
}

bool ConversationStore::afterOpen(bool ok, OpenOptions options)
{
    if (!ok)
        return false;
    m_db = QSqlDatabase::database(m_connectionName, false);
    if (!options.maintenance || options.readOnly)
        return true;

    markInterrupted();
    purgeDeleted(now().addMSecs(-kPurgeAfterMs));
    return true;
}

void ConversationStore::markInterrupted()
{
    // Replies that were streaming when a process died: interrupted, and now searchable.
    if (!beginWrite())
        return;
    const QList<qint64> ids = m_messages.streamingIds();
    const std::optional<int> count = m_messages.markStreamingInterrupted();
    bool ok = count.has_value();
    QString error;
    for (const qint64 id : ids)
        ok = ok && MessageIndex::index(m_db, id, &error);
    if (ok && m_db.commit())
        m_interruptedOnOpen = *count;
    else
        m_db.rollback();
}

void ConversationStore::close()
{
    if (!m_db.isValid())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
    m_interruptedOnOpen = 0;
}

QDateTime ConversationStore::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTime();
}

bool ConversationStore::setBusyTimeoutMs(int ms)
{
    QSqlQuery query(m_db);
    return query.exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(ms));
}

bool ConversationStore::beginWrite()
{
    QSqlQuery query(m_db);
    if (query.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return true;
    m_error = query.lastError().text();
    return false;
}

bool ConversationStore::fail(const QString &what, const QString &detail) const
{
    m_error =
        QCoreApplication::translate("Sluice::ConversationStore", "%1 failed: %2").arg(what, detail);
    return false;
}

std::optional<Conversation> ConversationStore::createConversation(const Conversation &draft)
{
    Conversation c = draft;
    c.created = c.created.isValid() ? c.created : now();
    c.updated = c.updated.isValid() ? c.updated : c.created;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral(
        "INSERT INTO conversations (title, title_custom, created_at, updated_at, provider_id,"
        " model, system_prompt, settings, pinned) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(HistoryDatabase::text(c.title));
    query.addBindValue(c.titleIsCustom ? 1 : 0);
    query.addBindValue(c.created.toMSecsSinceEpoch());
    query.addBindValue(c.updated.toMSecsSinceEpoch());
    query.addBindValue(HistoryDatabase::text(c.providerId));
    query.addBindValue(HistoryDatabase::text(c.model));
    query.addBindValue(HistoryDatabase::text(c.systemPrompt));
    query.addBindValue(HistoryDatabase::text(settingsText(c.settings)));
    query.addBindValue(c.pinned ? 1 : 0);
    if (!query.exec()) {
        fail(QStringLiteral("createConversation"), query.lastError().text());
        return std::nullopt;
    }
    c.id = query.lastInsertId().toLongLong();
    c.messageCount = 0;
    Q_EMIT conversationAdded(c.id);
    return c;
}

std::optional<Conversation> ConversationStore::conversation(qint64 id) const
{
    QSqlQuery query(m_db);
    query.prepare(u"SELECT " + kConversationColumns +
                  u" FROM conversations c WHERE c.id = ? AND c.deleted_at IS NULL");
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return readConversation(query);
}

QList<Conversation> ConversationStore::conversations() const
{
    QList<Conversation> result;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT " + kConversationColumns +
                    u" FROM conversations c WHERE c.deleted_at IS NULL"
                    u" ORDER BY c.pinned DESC, c.updated_at DESC, c.id DESC")) {
        fail(QStringLiteral("conversations"), query.lastError().text());
        return result;
    }
    while (query.next())
        result.append(readConversation(query));
    return result;
}

bool ConversationStore::updateConversationSettings(const Conversation &conversation)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE conversations SET provider_id = ?, model = ?,"
                                 " system_prompt = ?, settings = ? WHERE id = ?"));
    query.addBindValue(HistoryDatabase::text(conversation.providerId));
    query.addBindValue(HistoryDatabase::text(conversation.model));
    query.addBindValue(HistoryDatabase::text(conversation.systemPrompt));
    query.addBindValue(HistoryDatabase::text(settingsText(conversation.settings)));
    query.addBindValue(conversation.id);
    if (!query.exec())
        return fail(QStringLiteral("updateConversationSettings"), query.lastError().text());
    if (query.numRowsAffected() == 0)
        return false;
    Q_EMIT conversationChanged(conversation.id);
    return true;
}

bool ConversationStore::renameConversation(qint64 id, const QString &title)
{
    QString newTitle = title.simplified();
    const bool custom = !newTitle.isEmpty();
    if (!custom) {
        // Back to the title made from the first message.
        if (const std::optional<QString> first = m_messages.firstUserText(id))
            newTitle = titleFromMessage(*first);
    }
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE conversations SET title = ?, title_custom = ?"
                                 " WHERE id = ? AND deleted_at IS NULL"));
    query.addBindValue(HistoryDatabase::text(newTitle));
    query.addBindValue(custom ? 1 : 0);
    query.addBindValue(id);
    if (!query.exec())
        return fail(QStringLiteral("renameConversation"), query.lastError().text());
    if (query.numRowsAffected() == 0)
        return false;
    Q_EMIT conversationChanged(id);
    return true;
}

bool ConversationStore::setPinned(qint64 id, bool pinned)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE conversations SET pinned = ? WHERE id = ?"));
    query.addBindValue(pinned ? 1 : 0);
    query.addBindValue(id);
    if (!query.exec())
        return fail(QStringLiteral("setPinned"), query.lastError().text());
    if (query.numRowsAffected() == 0)
        return false;
    Q_EMIT conversationChanged(id);
    return true;
}

bool ConversationStore::renameProvider(const QString &from, const QString &to)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE conversations SET provider_id = ? WHERE provider_id = ?"));
    query.addBindValue(to);
    query.addBindValue(from);
    if (!query.exec())
        return fail(QStringLiteral("renameProvider"), query.lastError().text());
    return true;
}

bool ConversationStore::deleteConversation(qint64 id)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral(
        "UPDATE conversations SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL"));
    query.addBindValue(now().toMSecsSinceEpoch());
    query.addBindValue(id);
    if (!query.exec())
        return fail(QStringLiteral("deleteConversation"), query.lastError().text());
    if (query.numRowsAffected() == 0)
        return false;
    Q_EMIT conversationRemoved(id);
    return true;
}

bool ConversationStore::restoreConversation(qint64 id)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral(
        "UPDATE conversations SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL"));
    query.addBindValue(id);
    if (!query.exec())
        return fail(QStringLiteral("restoreConversation"), query.lastError().text());
    if (query.numRowsAffected() == 0)
        return false;
    Q_EMIT conversationAdded(id);
    return true;
}

int ConversationStore::purgeDeleted(const QDateTime &deletedBefore)
{
    // Messages go with their conversation (ON DELETE CASCADE), and with them their
    // search entries (trigger).
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral(
        "DELETE FROM conversations WHERE deleted_at IS NOT NULL AND deleted_at <= ?"));
    query.addBindValue(deletedBefore.isValid() ? deletedBefore.toMSecsSinceEpoch()
                                               : std::numeric_limits<qint64>::max());
    if (!query.exec()) {
        fail(QStringLiteral("purgeDeleted"), query.lastError().text());
        return 0;
    }
    return query.numRowsAffected();
}

bool ConversationStore::touchConversation(qint64 id, const QString &firstUserText)
{
    QSqlQuery query(m_db);
    if (firstUserText.isNull()) {
        query.prepare(QStringLiteral("UPDATE conversations SET updated_at = ? WHERE id = ?"));
        query.addBindValue(now().toMSecsSinceEpoch());
    } else {
        query.prepare(QStringLiteral(
            "UPDATE conversations SET updated_at = ?,"
            " title = CASE WHEN title_custom = 0 AND title = '' THEN ? ELSE title END"
            " WHERE id = ?"));
        query.addBindValue(now().toMSecsSinceEpoch());
        query.addBindValue(HistoryDatabase::text(titleFromMessage(firstUserText)));
    }
    query.addBindValue(id);
    return query.exec() || fail(QStringLiteral("touchConversation"), query.lastError().text());
}

// Messages: MessageTable's statements, in transactions with their search entries.
std::optional<qint64> ConversationStore::insertMessage(qint64 conversationId,
                                                       const ConversationMessage &message)
{
    const std::optional<qint64> id = m_messages.insert(conversationId, message);
    if (!id)
        return std::nullopt;
    if (QString error; !MessageIndex::index(m_db, *id, &error)) {
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
    const MessageTable::Write written = m_messages.update(message);
    if (written != MessageTable::Write::Done) {
        m_db.rollback();
        return false; // a failure is reported, a message that is gone is not
    }
    QString error;
    const bool indexed = MessageIndex::index(m_db, message.id, &error);
    if (!indexed || !m_db.commit()) {
        if (indexed)
            error = m_db.lastError().text();
        m_db.rollback();
        return fail(QStringLiteral("updateMessage"), error);
    }
    const std::optional<qint64> conversationId = m_messages.conversationOf(message.id);
    if (conversationId && touchConversation(*conversationId, QString()))
        Q_EMIT conversationChanged(*conversationId);
    return true;
}

bool ConversationStore::appendReplyText(qint64 messageId, const QByteArray &content,
                                        const QByteArray &thinking, bool replace,
                                        const std::optional<ReplyEnd> &end)
{
    if (!end) // streaming: one statement, no search entries yet
        return m_messages.writeReplyText(messageId, content, thinking, replace, end);

    // The final write and the reply's search entries are one transaction: when the index
    // cannot be written (a full disk), nothing is, and the saver keeps the text to retry.
    if (!beginWrite())
        return fail(QStringLiteral("appendReplyText"), m_error);
    if (!m_messages.writeReplyText(messageId, content, thinking, replace, end)) {
        m_db.rollback();
        return false;
    }
    // A replacing write holds the whole text: index it from here, not read back.
    QString error;
    const bool indexed = replace ? MessageIndex::index(m_db, messageId, content, thinking, &error)
                                 : MessageIndex::index(m_db, messageId, &error);
    if (!indexed || !m_db.commit()) {
        if (indexed)
            error = m_db.lastError().text();
        m_db.rollback();
        return fail(QStringLiteral("appendReplyText"), error);
    }
    const std::optional<qint64> conversationId = m_messages.conversationOf(messageId);
    if (conversationId && touchConversation(*conversationId, QString()))
        Q_EMIT conversationChanged(*conversationId);
    return true;
}

bool ConversationStore::removeMessagesFrom(qint64 conversationId, int position)
{
    if (!m_messages.removeFrom(conversationId, position))
        return false;
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
        m_importedIds.clear();
        for (int i = 0; ok && i < messages.size(); ++i)
            ok = importMessage(stored->id, messages.at(i)); // parents mapped to stored ids
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
