// Tables that keep a JSON array per assistant message (tool_calls.calls,
// thinking_blocks.blocks), read back onto the messages of a conversation being loaded.
#pragma once

#include "core/conversation/conversation.h"

#include <QJsonArray>
#include <QList>
#include <QSqlDatabase>

#include <functional>

namespace Sluice {

// For each assistant message of `messages` that has a row in `table` (keyed by message_id),
// calls `take` with the message and the array in `column`. `table` and `column` are names
// this code defines, never user input.
void attachJsonArrays(const QSqlDatabase &db, QStringView table, QStringView column,
                      QList<ConversationMessage> &messages,
                      const std::function<void(ConversationMessage &, const QJsonArray &)> &take);

} // namespace Sluice
