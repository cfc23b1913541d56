#include "core/storage/messageindex.h"

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

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

// A message's text as UTF-8, handed out a piece at a time.
class PieceCutter
{
public:
    explicit PieceCutter(QByteArrayView text) : m_text(text) {}

    // The next piece into *piece; false when there is none.
    bool next(QByteArrayView *piece)
    {
        *piece = {};
        if (m_done || m_start >= m_text.size())
            return false;
        const qsizetype length = qMin(kPieceBytes, m_text.size() - m_start);
        const QByteArrayView window = m_text.sliced(m_start, length);
        const bool last = m_start + length == m_text.size();
        const Cut where = cut(window, last);
        *piece = window.first(where.end);
        if (last)
            m_done = true;
        else
            m_start += where.next;
        return true;
    }

private:
    QByteArrayView m_text;
    qsizetype m_start = 0;
    bool m_done = false;
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

namespace {

bool removeRows(const QSqlDatabase &db, qint64 messageId, QString *error)
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
    return true;
}

bool insertPieces(const QSqlDatabase &db, qint64 messageId, QByteArrayView content,
                  QByteArrayView thinking, QString *error)
{
    const qint64 firstRow = messageId * kRowsPerMessage;
    PieceCutter contentPieces(content);
    PieceCutter thinkingPieces(thinking);
    QSqlQuery query(db);
    query.prepare(QStringLiteral("INSERT INTO messages_fts(rowid, content, thinking)"
                                 " VALUES (?, CAST(? AS TEXT), CAST(? AS TEXT))"));
    QByteArrayView contentPiece;
    QByteArrayView thinkingPiece;
    for (qint64 row = 0; row < kRowsPerMessage; ++row) {
        const bool moreContent = contentPieces.next(&contentPiece);
        const bool moreThinking = thinkingPieces.next(&thinkingPiece);
        if (!moreContent && !moreThinking)
            break;
        // Each piece is bound as a copy of its own (at most kPieceBytes), never the whole text.
        query.addBindValue(firstRow + row);
        query.addBindValue(notNull(contentPiece.toByteArray()));
        query.addBindValue(notNull(thinkingPiece.toByteArray()));
        if (!query.exec()) {
            *error = query.lastError().text();
            return false;
        }
    }
    return true;
}

} // namespace

bool index(const QSqlDatabase &db, qint64 messageId, QString *error)
{
    if (!removeRows(db, messageId, error))
        return false;
    // The stored text as UTF-8 bytes (no UTF-16 copy). Callers that hold the text already
    // (the end of a streamed reply) pass it instead, so this read is for short messages and
    // the rare long one being edited or recovered.
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT state, CAST(content AS BLOB), CAST(thinking AS BLOB)"
                                 " FROM messages WHERE id = ?"));
    query.addBindValue(messageId);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    if (!query.next() || query.value(0).toString() == u"streaming")
        return true;
    const QByteArray content = query.value(1).toByteArray();
    const QByteArray thinking = query.value(2).toByteArray();
    query.finish();
    return insertPieces(db, messageId, content, thinking, error);
}

bool index(const QSqlDatabase &db, qint64 messageId, QByteArrayView content,
           QByteArrayView thinking, QString *error)
{
    return removeRows(db, messageId, error) &&
           insertPieces(db, messageId, content, thinking, error);
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
