// The SQL of the `attachments` table (schema.h, version 7): the files that go with messages,
// kept as their own bytes with a small thumbnail. Rows belong to a message and go with it
// (ON DELETE CASCADE). Statements run on the caller's connection, inside its transaction.
// A document (kind "document", #23) keeps in `thumbnail` its text as the model reads it
// (UTF-8): the column is the row's preview, loaded with the facts and not the file's bytes,
// so a conversation's documents are counted and sent without reading (or extracting) their
// files again, and the table needs no new column.
#pragma once

#include "core/conversation/conversation.h"

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace Sluice::AttachmentTable {

// Writes a message's attachments in order. One with no bytes but an id (a message copied from
// another) takes its bytes from that row. False with the SQL error in *error.
bool insert(const QSqlDatabase &db, qint64 messageId, const QList<Attachment> &attachments,
            QString *error);

// Fills `attachments` of these messages (stored ones) with their facts and thumbnails, not
// their bytes. False with the SQL error in *error.
bool fill(const QSqlDatabase &db, QList<ConversationMessage> &messages, QString *error);

// The bytes of one attachment; nullopt when there is no such row or reading failed.
std::optional<QByteArray> data(const QSqlDatabase &db, qint64 attachmentId, QString *error);

} // namespace Sluice::AttachmentTable
