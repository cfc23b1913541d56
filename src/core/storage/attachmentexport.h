// Attachments in exports and imports. A JSON export embeds each file (base64) with its name
// and media type; a Markdown export writes them as files in a folder beside the .md
// ("Chat.md" → "Chat images/") and links them relatively; an import reads the JSON back,
// checking each image and making its thumbnail again.
#pragma once

#include "core/conversation/conversation.h"

#include <QJsonArray>
#include <QList>
#include <QString>

#include <optional>

namespace Sluice {

class ConversationStore;

namespace AttachmentExport {

// Fills the bytes of the messages' attachments from the store (they are loaded without);
// false with a sentence in *error when one cannot be read.
bool loadData(const ConversationStore &store, QList<ConversationMessage> &messages,
              QString *error);

// The folder a Markdown export at `markdownPath` keeps its files in, by name ("Chat images").
QString folderName(const QString &markdownPath);
// The file name of attachment `ordinal` of message `number` (1-based) in that folder.
QString fileName(int number, int ordinal, const Attachment &attachment);

// "![photo.png](Chat%20images/2-1-photo.png)" lines for a message's attachments; with no
// folder, their names only (the export went where no files can go beside it).
QString markdownLinks(const ConversationMessage &message, int number, const QString &folder);

// Writes every attachment into the folder beside `markdownPath`; false with a sentence.
bool writeFiles(const QList<ConversationMessage> &messages, const QString &markdownPath,
                QString *error);

QJsonArray toJson(const QList<Attachment> &attachments);
// Message `number` (1-based) of an import; nullopt with a sentence for a damaged one.
std::optional<QList<Attachment>> fromJson(const QJsonArray &array, int number, QString *error);

} // namespace AttachmentExport
} // namespace Sluice
