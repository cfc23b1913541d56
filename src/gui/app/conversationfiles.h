// File → Export conversation… and Import conversation…: the files, and the dialogs that
// choose them.
#pragma once

#include <QString>

#include <optional>

class QWidget;

namespace Sluice {

class ConversationStore;

enum class ExportFormat { Markdown, Json };

// Writes a stored conversation (atomically). False with *error set on failure.
bool writeConversationFile(const ConversationStore &store, qint64 conversationId,
                           const QString &path, ExportFormat format, bool includeThinking,
                           QString *error);
// Reads a JSON export into the store; the new conversation's id.
std::optional<qint64> importConversationFile(ConversationStore &store, const QString &path,
                                             QString *error);

// The dialogs: a file dialog whose filters choose the format and whether thinking goes in.
// Return what was done for the status bar, or an empty string when the user cancelled.
QString exportConversationInteractively(QWidget *parent, const ConversationStore &store,
                                        qint64 conversationId);
std::optional<qint64> importConversationInteractively(QWidget *parent, ConversationStore &store);

} // namespace Sluice
