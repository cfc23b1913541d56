#include "core/storage/thinkingblocktable.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace Sluice::ThinkingBlockTable {

bool save(const QSqlDatabase &db, qint64 messageId, const QJsonArray &blocks, QString *error)
{
    if (blocks.isEmpty())
        return true;
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "INSERT OR REPLACE INTO thinking_blocks (message_id, blocks) VALUES (?, ?)"));
    query.addBindValue(messageId);
    query.addBindValue(QString::fromUtf8(QJsonDocument(blocks).toJson(QJsonDocument::Compact)));
    if (!query.exec()) {
        if (error)
            *error = query.lastError().text();
        return false;
    }
    return true;
}

void attach(const QSqlDatabase &db, QList<ConversationMessage> &messages)
{
    QStringList ids;
    for (const ConversationMessage &m : messages) {
        if (m.isAssistant() && m.id > 0)
            ids.append(QString::number(m.id));
    }
    if (ids.isEmpty())
        return;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    // The ids are numbers this code wrote: no quoting to get wrong.
    if (!query.exec(QStringLiteral("SELECT message_id, blocks FROM thinking_blocks"
                                   " WHERE message_id IN (%1)")
                        .arg(ids.join(u','))))
        return;
    while (query.next()) {
        const qint64 id = query.value(0).toLongLong();
        const QJsonArray blocks =
            QJsonDocument::fromJson(query.value(1).toString().toUtf8()).array();
        for (ConversationMessage &m : messages) {
            if (m.id == id)
                m.stats.thinkingBlocks = blocks;
        }
    }
}

} // namespace Sluice::ThinkingBlockTable
