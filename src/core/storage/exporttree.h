// The tree of a conversation in its exports (conversationexport.h, JSON format version 2):
// each message's "id" and "parent", the "selectedPath" shown, and every branch as Markdown.
#pragma once

#include "core/conversation/conversation.h"

#include <QJsonObject>
#include <QList>

namespace Sluice::ConversationExport {

// "id" and "parent" (absent for a first message) of a stored message; nothing for one that
// was never stored.
void insertTreeLinks(QJsonObject &json, const ConversationMessage &message);
// "selectedPath": the ids of the path shown, when the messages are stored ones.
void insertSelectedPath(QJsonObject &root, const QList<ConversationMessage> &messages,
                        const QList<qint64> &selectedPath);
// The file's id and parent into the message (ConversationStore::importTree maps them); a
// message without an id (format version 1) follows the one before it.
void readTreeLinks(const QJsonObject &json, ConversationMessage *message);
// The file's id of the last message of "selectedPath"; 0 when there is none.
qint64 selectedFromJson(const QJsonObject &root);

} // namespace Sluice::ConversationExport
