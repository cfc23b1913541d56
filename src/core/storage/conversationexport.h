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
    QList<ConversationMessage> messages; // version 2: with the file's ids and parentIds
    qint64 selectedMessage = 0;          // the file's id the path shown ends at; 0: none
};

namespace ConversationExport {

// Version 2 adds what an older Sluice would lose: a conversation as a tree (every message of
// every branch, each with an "id" and the "parent" it follows, and the "selectedPath" shown;
// an older Sluice would read a tree as one long path, so it refuses version 2 instead),
// messages' attachments and tool calls (with the "thinkingBlocks" that go back with them), a
// message's "dropped from the context" mark, and a conversation's min P, repeat, frequency and
// presence penalties.
inline constexpr int kJsonFormatVersion = 2;

QString toMarkdown(const Conversation &conversation, const QList<ConversationMessage> &messages,
                   const ExportOptions &options = {});
// With stored messages (ids and parentIds) and the ids of the path shown, the file keeps the
// tree: pass ConversationStore::allMessages() and selectedPath().
QByteArray toJson(const Conversation &conversation, const QList<ConversationMessage> &messages,
                  const ExportOptions &options = {}, const QList<qint64> &selectedPath = {});
// Every branch as Markdown: the path shown, then each other branch from its first message to
// its last, under a heading that says which it is (`sluice export --all-branches`).
QString allBranchesMarkdown(const Conversation &conversation,
                            const QList<ConversationMessage> &allMessages,
                            const QList<qint64> &selectedPath, const ExportOptions &options = {});

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
