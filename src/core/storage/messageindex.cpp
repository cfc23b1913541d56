#include "core/storage/messageindex.h"

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <sqlite3.h>

namespace Sluice::MessageIndex {

namespace {

// Bytes that end a word for the index's tokenizer (unicode61 treats ASCII that is not a
// letter or digit as a separator).
bool isSeparator(char c)
{
    const auto u = uchar(c);
    return u < 0x80 && !((u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z'));
}

bool startsCharacter(char c)
{
    return (uchar(c) & 0xC0) != 0x80;
}

sqlite3 *handleOf(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

// One text column of a message, read a piece at a time (SQLite's incremental blob I/O: the
// whole value is never loaded).
class PieceReader
{
public:
    PieceReader(sqlite3 *db, qint64 messageId, const char *column) : m_db(db)
    {
        if (sqlite3_blob_open(db, "main", "messages", column, messageId, 0, &m_blob) != SQLITE_OK)
            m_error = QString::fromUtf8(sqlite3_errmsg(db));
        else
            m_size = sqlite3_blob_bytes(m_blob);
    }
    ~PieceReader()
    {
        if (m_blob)
            sqlite3_blob_close(m_blob);
    }
    PieceReader(const PieceReader &) = delete;
    PieceReader &operator=(const PieceReader &) = delete;

    const QString &error() const { return m_error; }

    // The next piece into *piece; false when there is none (or on an error).
    bool next(QByteArray *piece)
    {
        piece->clear();
        if (m_done || !m_error.isEmpty() || m_start >= m_size)
            return false;
        const qsizetype length = qMin(kPieceBytes, m_size - m_start);
        piece->resize(length);
        if (sqlite3_blob_read(m_blob, piece->data(), int(length), int(m_start)) != SQLITE_OK) {
            m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
            return false;
        }
        const bool last = m_start + length == m_size;
        const Cut where = cut(*piece, last);
        piece->truncate(where.end);
        if (last)
            m_done = true;
        else
            m_start += where.next;
        return true;
    }

private:
    sqlite3 *m_db;
    sqlite3_blob *m_blob = nullptr;
    qsizetype m_size = 0;
    qsizetype m_start = 0;
    bool m_done = false;
    QString m_error;
};

QByteArray notNull(const QByteArray &bytes)
{
    return bytes.isNull() ? QByteArray("") : bytes;
}

} // namespace

Cut cut(QByteArrayView window, bool last, qsizetype overlap)
{
    const qsizetype size = window.size();
    if (last || size < 2)
        return {size, size};
    // The end: after the last separator in the window's tail, else before a character.
    qsizetype end = size;
    const qsizetype floor = size - qMin(size / 2, 4 * overlap);
    while (end > floor && !isSeparator(window.at(end - 1)))
        --end;
    if (end <= floor) {
        end = size - 1;
        while (end > 0 && !startsCharacter(window.at(end)))
            --end;
        if (end == 0) // not UTF-8 at all: cut anywhere rather than not at all
            end = size;
    }
    // The next piece: after the first separator in the overlap, else at a character.
    qsizetype next = qMax<qsizetype>(1, end - overlap);
    qsizetype afterSeparator = next;
    while (afterSeparator < end && !isSeparator(window.at(afterSeparator - 1)))
        ++afterSeparator;
    if (afterSeparator < end) {
        next = afterSeparator;
    } else {
        while (next < end && !startsCharacter(window.at(next)))
            ++next;
    }
    return {end, next};
}

bool index(const QSqlDatabase &db, qint64 messageId, QString *error)
{
    const qint64 firstRow = messageId * kRowsPerMessage;
    QSqlQuery query(db);
    query.prepare(QStringLiteral("DELETE FROM messages_fts WHERE rowid BETWEEN ? AND ?"));
    query.addBindValue(firstRow);
    query.addBindValue(firstRow + kRowsPerMessage - 1);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    query.prepare(QStringLiteral("SELECT state FROM messages WHERE id = ?"));
    query.addBindValue(messageId);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    if (!query.next() || query.value(0).toString() == u"streaming")
        return true;
    query.finish();

    sqlite3 *handle = handleOf(db);
    if (!handle) {
        *error = QStringLiteral("the history database is not an SQLite database");
        return false;
    }
    PieceReader content(handle, messageId, "content");
    PieceReader thinking(handle, messageId, "thinking");
    query.prepare(QStringLiteral("INSERT INTO messages_fts(rowid, content, thinking)"
                                 " VALUES (?, CAST(? AS TEXT), CAST(? AS TEXT))"));
    QByteArray contentPiece;
    QByteArray thinkingPiece;
    for (qint64 row = 0; row < kRowsPerMessage; ++row) {
        const bool moreContent = content.next(&contentPiece);
        const bool moreThinking = thinking.next(&thinkingPiece);
        if (!moreContent && !moreThinking)
            break;
        query.addBindValue(firstRow + row);
        query.addBindValue(notNull(contentPiece));
        query.addBindValue(notNull(thinkingPiece));
        if (!query.exec()) {
            *error = query.lastError().text();
            return false;
        }
    }
    if (!content.error().isEmpty() || !thinking.error().isEmpty()) {
        *error = content.error().isEmpty() ? thinking.error() : content.error();
        return false;
    }
    return true;
}

bool indexAll(const QSqlDatabase &db, QString *error)
{
    // Messages of one piece (nearly all) in one statement, as index() would cut them; the
    // few longer ones one by one.
    const QString fits = QStringLiteral("length(CAST(content AS BLOB)) <= %1"
                                        " AND length(CAST(thinking AS BLOB)) <= %1")
                             .arg(kPieceBytes);
    QList<qint64> ids;
    {
        QSqlQuery query(db);
        query.setForwardOnly(true);
        if (!query.exec(QStringLiteral("INSERT INTO messages_fts(rowid, content, thinking)"
                                       " SELECT id * %1, content, thinking FROM messages"
                                       " WHERE state != 'streaming' AND %2"
                                       " AND (content != '' OR thinking != '')")
                            .arg(kRowsPerMessage)
                            .arg(fits)) ||
            !query.exec(QStringLiteral("SELECT id FROM messages"
                                       " WHERE state != 'streaming' AND NOT (%1)")
                            .arg(fits))) {
            *error = query.lastError().text();
            return false;
        }
        while (query.next())
            ids.append(query.value(0).toLongLong());
    }
    for (const qint64 id : std::as_const(ids)) {
        if (!index(db, id, error))
            return false;
    }
    return true;
}

} // namespace Sluice::MessageIndex
