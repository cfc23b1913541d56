// JSON forms of the settings and statistics kept with conversations and messages.
// Used by the store (as column values) and by export/import. Unset values are omitted.
#pragma once

#include "core/chat/chattypes.h"

#include <QJsonObject>

namespace Sluice {

QJsonObject chatOptionsToJson(const ChatOptions &options);
ChatOptions chatOptionsFromJson(const QJsonObject &object);

QJsonObject replyStatsToJson(const ReplyStats &stats);
ReplyStats replyStatsFromJson(const QJsonObject &object);

// Compact text for a database column, and back (an empty or broken text gives {}).
QString jsonObjectToText(const QJsonObject &object);
QJsonObject jsonObjectFromText(const QString &text);

} // namespace Sluice
