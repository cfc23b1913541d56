#include "core/storage/toolcalltable.h"

#include "core/storage/messageindex.h"
#include "core/storage/messagejsoncolumn.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace Sluice {

QJsonObject toolCallToJson(const ToolCallRecord &c)
{
    QJsonObject o{{QStringLiteral("id"), c.callId},
                  {QStringLiteral("name"), c.name},
                  {QStringLiteral("server"), c.server},
                  {QStringLiteral("tool"), c.tool},
                  {QStringLiteral("arguments"), c.arguments},
                  {QStringLiteral("state"), toolCallStateName(c.state)},
                  {QStringLiteral("result"), c.resultText}};
    if (!c.content.isEmpty())
        o.insert(QStringLiteral("content"), c.content);
    if (c.elapsedMs >= 0)
        o.insert(QStringLiteral("elapsed_ms"), c.elapsedMs);
    return o;
}

ToolCallRecord toolCallFromJson(const QJsonObject &o)
{
    ToolCallRecord c;
    c.callId = o.value(u"id").toString();
    c.name = o.value(u"name").toString();
    c.server = o.value(u"server").toString();
    c.tool = o.value(u"tool").toString();
    c.arguments = o.value(u"arguments").toObject();
    c.state = toolCallStateFromName(o.value(u"state").toString());
    // A call still waiting or running when the app ended never finished.
    if (!c.isFinished())
        c.state = ToolCallRecord::State::Cancelled;
    c.resultText = o.value(u"result").toString();
    c.content = o.value(u"content").toArray();
    c.elapsedMs = o.value(u"elapsed_ms").toInteger(-1);
    return c;
}

QJsonArray toolCallsToJson(const QList<ToolCallRecord> &calls)
{
    QJsonArray a;
    for (const ToolCallRecord &c : calls)
        a.append(toolCallToJson(c));
    return a;
}

QList<ToolCallRecord> toolCallsFromJson(const QJsonArray &array)
{
    QList<ToolCallRecord> out;
    for (const QJsonValue &v : array)
        out.append(toolCallFromJson(v.toObject()));
    return out;
}

namespace ToolCallTable {

bool save(const QSqlDatabase &db, qint64 messageId, const QList<ToolCallRecord> &calls,
          QString *error)
{
    QSqlQuery query(db);
    if (calls.isEmpty()) {
        query.prepare(QStringLiteral("DELETE FROM tool_calls WHERE message_id = ?"));
        query.addBindValue(messageId);
    } else {
        query.prepare(
            QStringLiteral("INSERT OR REPLACE INTO tool_calls (message_id, calls) VALUES (?, ?)"));
        query.addBindValue(messageId);
        query.addBindValue(QString::fromUtf8(
            QJsonDocument(toolCallsToJson(calls)).toJson(QJsonDocument::Compact)));
    }
    if (!query.exec()) {
        if (error)
            *error = query.lastError().text();
        return false;
    }
    // Searchable: the calls' servers, tools, arguments and results are the message's last
    // row of the search index (messageindex.h; its text never fills all the rows before).
    const qint64 row = (messageId + 1) * MessageIndex::kRowsPerMessage - 1;
    QString text;
    for (const ToolCallRecord &c : calls)
        text += c.server + u' ' + c.tool + u' ' +
                QString::fromUtf8(QJsonDocument(c.arguments).toJson(QJsonDocument::Compact)) +
                u' ' + c.resultText + u'\n';
    QSqlQuery index(db);
    index.prepare(QStringLiteral("DELETE FROM messages_fts WHERE rowid = ?"));
    index.addBindValue(row);
    bool ok = index.exec();
    if (ok && !calls.isEmpty()) {
        index.prepare(QStringLiteral(
            "INSERT INTO messages_fts (rowid, content, thinking) VALUES (?, ?, '')"));
        index.addBindValue(row);
        index.addBindValue(text);
        ok = index.exec();
    }
    if (!ok && error)
        *error = index.lastError().text();
    return ok;
}

void attach(const QSqlDatabase &db, QList<ConversationMessage> &messages)
{
    attachJsonArrays(db, u"tool_calls", u"calls", messages,
                     [](ConversationMessage &m, const QJsonArray &calls) {
                         m.toolCalls = toolCallsFromJson(calls);
                     });
}

} // namespace ToolCallTable

} // namespace Sluice
