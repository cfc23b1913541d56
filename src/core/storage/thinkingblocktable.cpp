#include "core/storage/thinkingblocktable.h"

#include "core/storage/messagejsoncolumn.h"

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
    attachJsonArrays(
        db, u"thinking_blocks", u"blocks", messages,
        [](ConversationMessage &m, const QJsonArray &blocks) { m.stats.thinkingBlocks = blocks; });
}

} // namespace Sluice::ThinkingBlockTable
