#include "core/storage/attachmenttable.h"

#include "core/storage/historydatabase.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace Sluice::AttachmentTable {

bool insert(const QSqlDatabase &db, qint64 messageId, const QList<Attachment> &attachments,
            QString *error)
{
    for (int ordinal = 0; ordinal < attachments.size(); ++ordinal) {
        const Attachment &a = attachments.at(ordinal);
        QSqlQuery query(db);
        if (a.hasData() || a.id == 0) {
            query.prepare(QStringLiteral(
                "INSERT INTO attachments (message_id, ordinal, kind, file_name, media_type,"
                " byte_size, width, height, data, thumbnail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
            query.addBindValue(messageId);
            query.addBindValue(ordinal);
            query.addBindValue(attachmentKindName(a.kind));
            query.addBindValue(HistoryDatabase::text(a.fileName));
            query.addBindValue(HistoryDatabase::text(a.mediaType));
            query.addBindValue(qint64(a.data.size()));
            query.addBindValue(qMax(0, a.pixelSize.width()));
            query.addBindValue(qMax(0, a.pixelSize.height()));
            query.addBindValue(a.data.isNull() ? QByteArray("") : a.data);
            // A document keeps its text where an image keeps its thumbnail (see the header).
            const QByteArray preview = a.isDocument() ? a.text.toUtf8() : a.thumbnail;
            query.addBindValue(preview.isNull() ? QByteArray("") : preview);
        } else {
            query.prepare(QStringLiteral(
                "INSERT INTO attachments (message_id, ordinal, kind, file_name, media_type,"
                " byte_size, width, height, data, thumbnail) SELECT ?, ?, kind, file_name,"
                " media_type, byte_size, width, height, data, thumbnail FROM attachments"
                " WHERE id = ?"));
            query.addBindValue(messageId);
            query.addBindValue(ordinal);
            query.addBindValue(a.id);
        }
        if (!query.exec() || query.numRowsAffected() != 1) {
            *error = query.lastError().isValid()
                         ? query.lastError().text()
                         : QStringLiteral("attachment %1 is no longer stored").arg(a.id);
            return false;
        }
    }
    return true;
}

bool fill(const QSqlDatabase &db, QList<ConversationMessage> &messages, QString *error)
{
    QHash<qint64, int> rowOf;
    QStringList ids;
    for (int i = 0; i < messages.size(); ++i) {
        if (messages.at(i).id == 0)
            continue;
        rowOf.insert(messages.at(i).id, i);
        ids.append(QString::number(messages.at(i).id));
        messages[i].attachments.clear();
    }
    if (ids.isEmpty())
        return true;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    // Integers only in the list: nothing from outside is spliced into the statement.
    if (!query.exec(u"SELECT id, message_id, kind, file_name, media_type, byte_size, width,"
                    u" height, thumbnail FROM attachments WHERE message_id IN (" +
                    ids.join(u',') + u") ORDER BY message_id, ordinal")) {
        *error = query.lastError().text();
        return false;
    }
    while (query.next()) {
        Attachment a;
        a.id = query.value(0).toLongLong();
        // A kind a later version added shows as what this version can: an image's facts.
        a.kind = attachmentKindFromName(query.value(2).toString()).value_or(Attachment::Kind::Image);
        a.fileName = query.value(3).toString();
        a.mediaType = query.value(4).toString();
        a.byteSize = query.value(5).toLongLong();
        a.pixelSize = QSize(query.value(6).toInt(), query.value(7).toInt());
        a.thumbnail = query.value(8).toByteArray();
        if (a.isDocument()) {
            a.text = QString::fromUtf8(a.thumbnail);
            a.thumbnail.clear();
        }
        messages[rowOf.value(query.value(1).toLongLong())].attachments.append(a);
    }
    return true;
}

std::optional<QByteArray> data(const QSqlDatabase &db, qint64 attachmentId, QString *error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT data FROM attachments WHERE id = ?"));
    query.addBindValue(attachmentId);
    if (!query.exec()) {
        *error = query.lastError().text();
        return std::nullopt;
    }
    if (!query.next()) {
        *error = QStringLiteral("attachment %1 is no longer stored").arg(attachmentId);
        return std::nullopt;
    }
    return query.value(0).toByteArray();
}

} // namespace Sluice::AttachmentTable
