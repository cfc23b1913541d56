// The search entries of messages (schema version 5). A message is indexed as pieces of at
// most kPieceBytes of its UTF-8 text, one messages_fts row per piece: SQLite's FTS5 holds a
// whole row's terms in memory while it indexes it, about three times the row's size, so a
// 40 MB reply indexed in one go cost more memory than the reply itself. Row i of message m
// has the rowid m * kRowsPerMessage + i and holds piece i of the content and piece i of the
// thinking. Consecutive pieces overlap by about kOverlapBytes, cut between words, so that
// words typed together are found when they stand within that distance of each other.
//
// Rows are written here, after the message; triggers remove them when a message is deleted
// or its text or state changes. A streaming reply has no rows: it is indexed once, when it
// ends, from the text the saver holds (so the stored reply is not read back).
#pragma once

#include <QByteArrayView>
#include <QString>

class QSqlDatabase;

namespace Sluice::MessageIndex {

inline constexpr qint64 kRowsPerMessage = 65536; // 16 GiB of text at kPieceBytes a piece
inline constexpr qsizetype kPieceBytes = 256 * 1024;
inline constexpr qsizetype kOverlapBytes = 2048;

inline constexpr qint64 messageOfRow(qint64 rowid)
{
    return rowid / kRowsPerMessage;
}

struct Cut
{
    qsizetype end = 0;  // the piece is window[0, end)
    qsizetype next = 0; // the next piece starts at window[next] (next <= end)
};

// Where a piece that begins at window[0] ends, and where the next one begins: just after a
// space or ASCII punctuation near the end of the window, else on a UTF-8 character boundary;
// the next piece begins after the first such separator `overlap` bytes before the end.
// `last`: the window runs to the end of the text, which is then the end of the piece.
Cut cut(QByteArrayView window, bool last, qsizetype overlap = kOverlapBytes);

// Replaces the rows of message `messageId` with its stored text cut into pieces; only removes
// them while it streams. Returns false with *error when the database fails.
bool index(const QSqlDatabase &db, qint64 messageId, QString *error);
// The same with the message's text as the caller holds it (UTF-8): what was just stored.
bool index(const QSqlDatabase &db, qint64 messageId, QByteArrayView content,
           QByteArrayView thinking, QString *error);

// Indexes every message that is not streaming (a migration).
bool indexAll(const QSqlDatabase &db, QString *error);

} // namespace Sluice::MessageIndex
