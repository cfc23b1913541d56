// The tool calls kept with an assistant message (schema version 8: the tool_calls table, one
// row per message holding its calls as a JSON array), and their JSON form, which export and
// import share. A message's calls are written whole each time one of them changes.
#pragma once

#include "core/conversation/conversation.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>

namespace Sluice {

QJsonObject toolCallToJson(const ToolCallRecord &call);
ToolCallRecord toolCallFromJson(const QJsonObject &object);
QJsonArray toolCallsToJson(const QList<ToolCallRecord> &calls);
QList<ToolCallRecord> toolCallsFromJson(const QJsonArray &array);

namespace ToolCallTable {

// Replaces the calls of a message (none: the row goes). False with *error set on failure.
bool save(const QSqlDatabase &db, qint64 messageId, const QList<ToolCallRecord> &calls,
          QString *error);
// Fills in the calls of the messages that have some.
void attach(const QSqlDatabase &db, QList<ConversationMessage> &messages);

} // namespace ToolCallTable

} // namespace Sluice
