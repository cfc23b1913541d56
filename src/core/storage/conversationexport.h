// A conversation as a Markdown document or a JSON file, and a JSON file back.
// Exports hold only what the store holds: no API keys or headers ever reach them.
#pragma once

#include "core/conversation/conversation.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace Sluice {

struct ExportOptions
{
    bool includeThinking = true;
    // Markdown: the folder beside the .md its attachments are written to (AttachmentExport);
    // empty: they are named, not linked.
    QString attachmentFolder;
};

struct ExportedConversation
{
    Conversation conversation;
    QList<ConversationMessage> messages;
};

namespace ConversationExport {

// Version 2 adds what an older Sluice would silently drop: messages' attachments and tool
// calls, a message's "dropped from the context" mark, and a conversation's min P, repeat,
// frequency and presence penalties.
inline constexpr int kJsonFormatVersion = 2;

QString toMarkdown(const Conversation &conversation, const QList<ConversationMessage> &messages,
                   const ExportOptions &options = {});
QByteArray toJson(const Conversation &conversation, const QList<ConversationMessage> &messages,
                  const ExportOptions &options = {});

// Reads a file written by toJson (ids are not kept: the store assigns new ones).
// On failure returns nullopt with one sentence in *error.
std::optional<ExportedConversation> fromJson(const QByteArray &json, QString *error);

// A file name (without extension) that every file system takes: "My chat: part 2." →
// "My chat part 2". Characters Windows refuses become spaces; leading and trailing dots
// and spaces go; device names ("CON", "nul.txt") get a "_"; at most 80 characters and 200
// UTF-8 bytes, cut between characters. `fallback` when nothing is left.
QString safeFileName(const QString &title, const QString &fallback);

// The title as a file name for an export, or "conversation-<id>" when it has none.
QString suggestedFileName(const Conversation &conversation);

} // namespace ConversationExport
} // namespace Sluice
