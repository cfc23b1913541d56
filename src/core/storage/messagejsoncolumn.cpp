#include "core/storage/messagejsoncolumn.h"

#include <QHash>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace Sluice {

void attachJsonArrays(const QSqlDatabase &db, QStringView table, QStringView column,
                      QList<ConversationMessage> &messages,
                      const std::function<void(ConversationMessage &, const QJsonArray &)> &take)
{
    QHash<qint64, qsizetype> rowOf;
    QStringList ids;
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const ConversationMessage &m = messages.at(i);
        if (m.isAssistant() && m.id > 0) {
            rowOf.insert(m.id, i);
            ids.append(QString::number(m.id));
        }
    }
    if (ids.isEmpty())
        return;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    // The ids are numbers this code wrote: no quoting to get wrong.
    if (!query.exec(QStringLiteral("SELECT message_id, %1 FROM %2 WHERE message_id IN (%3)")
                        .arg(column, table, ids.join(u','))))
        return;
    while (query.next()) {
        const auto row = rowOf.constFind(query.value(0).toLongLong());
        if (row != rowOf.constEnd())
            take(messages[*row],
                 QJsonDocument::fromJson(query.value(1).toString().toUtf8()).array());
    }
}

} // namespace Sluice
