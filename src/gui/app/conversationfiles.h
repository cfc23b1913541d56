// File → Export conversation… and Import conversation…: the files, and the dialogs that
// choose them.
#pragma once

#include <QString>
#include <QStringList>

#include <functional>
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

// Asking the user for a file: what to show, and what was chosen (an empty path: cancelled).
struct FileRequest
{
    bool save = false; // a file to write (else one to read)
    QString caption;
    QString path;        // the suggested file or folder
    QStringList filters; // "Markdown (*.md)" …; the first is preselected
};
struct FileChoice
{
    QString path;
    QString filter; // the one of request.filters chosen
};
// The platform's file dialog by default; tests put their own in its place.
using FileChooser = std::function<FileChoice(QWidget *parent, const FileRequest &request)>;
FileChoice chooseWithFileDialog(QWidget *parent, const FileRequest &request);

// The dialogs: a file dialog whose filters choose the format and whether thinking goes in.
// Return what was done for the status bar, or an empty string when the user cancelled.
QString exportConversationInteractively(QWidget *parent, const ConversationStore &store,
                                        qint64 conversationId, const FileChooser &choose = {});
std::optional<qint64> importConversationInteractively(QWidget *parent, ConversationStore &store,
                                                      const FileChooser &choose = {});

} // namespace Sluice
