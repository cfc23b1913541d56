#include "gui/app/conversationfiles.h"

#include "core/util/atomicfile.h"
#include "core/storage/attachmentexport.h"
#include "core/storage/conversationexport.h"
#include "core/storage/conversationstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QMessageBox>
#include <QStandardPaths>

namespace Sluice {

namespace {

struct Files
{
    Q_DECLARE_TR_FUNCTIONS(Sluice::ConversationFiles)
};

} // namespace

bool writeConversationFile(const ConversationStore &store, qint64 conversationId,
                           const QString &path, ExportFormat format, bool includeThinking,
                           QString *error)
{
    const std::optional<Conversation> conversation = store.conversation(conversationId);
    if (!conversation) {
        *error = Files::tr("The conversation is not in the history.");
        return false;
    }
    ExportOptions options;
    options.includeThinking = includeThinking;
    // JSON keeps every branch and the path shown; Markdown is the path shown.
    QList<ConversationMessage> messages = format == ExportFormat::Json
                                              ? store.allMessages(conversationId)
                                              : store.messages(conversationId);
    if (format == ExportFormat::Markdown) // images go into a folder beside the .md
        options.attachmentFolder = AttachmentExport::folderName(path);
    if (!AttachmentExport::loadData(store, messages, error))
        return false;
    const QByteArray bytes =
        format == ExportFormat::Json
            ? ConversationExport::toJson(*conversation, messages, options,
                                         store.selectedPath(conversationId))
            : ConversationExport::toMarkdown(*conversation, messages, options).toUtf8();
    return writeFileAtomically(path, bytes, error) &&
           (format == ExportFormat::Json || AttachmentExport::writeFiles(messages, path, error));
}

std::optional<qint64> importConversationFile(ConversationStore &store, const QString &path,
                                             QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return std::nullopt;
    }
    const std::optional<ExportedConversation> read =
        ConversationExport::fromJson(file.readAll(), error);
    if (!read)
        return std::nullopt;
    const std::optional<qint64> id =
        store.importTree(read->conversation, read->messages, read->selectedMessage);
    if (!id)
        *error = store.errorString();
    return id;
}

FileChoice chooseWithFileDialog(QWidget *parent, const FileRequest &request)
{
    FileChoice choice;
    choice.filter = request.filters.value(0);
    const QString filters = request.filters.join(QStringLiteral(";;"));
    choice.path = request.save ? QFileDialog::getSaveFileName(parent, request.caption, request.path,
                                                              filters, &choice.filter)
                               : QFileDialog::getOpenFileName(parent, request.caption, request.path,
                                                              filters, &choice.filter);
    return choice;
}

QString exportConversationInteractively(QWidget *parent, const ConversationStore &store,
                                        qint64 conversationId, const FileChooser &choose)
{
    const std::optional<Conversation> conversation = store.conversation(conversationId);
    if (!conversation)
        return {};
    const QString markdown = Files::tr("Markdown (*.md)");
    const QString markdownPlain = Files::tr("Markdown without thinking (*.md)");
    const QString json = Files::tr("JSON (*.json)");
    const QString jsonPlain = Files::tr("JSON without thinking (*.json)");
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    FileRequest request;
    request.save = true;
    request.caption = Files::tr("Export Conversation");
    request.path =
        QDir(folder).filePath(ConversationExport::suggestedFileName(*conversation) + u".md");
    request.filters = {markdown, markdownPlain, json, jsonPlain};
    const FileChoice choice =
        choose ? choose(parent, request) : chooseWithFileDialog(parent, request);
    QString path = choice.path;
    if (path.isEmpty())
        return {};
    const bool isJson = choice.filter == json || choice.filter == jsonPlain;
    const QString extension = isJson ? QStringLiteral(".json") : QStringLiteral(".md");
    if (QFileInfo(path).suffix().isEmpty())
        path += extension;
    QString error;
    if (!writeConversationFile(store, conversationId, path,
                               isJson ? ExportFormat::Json : ExportFormat::Markdown,
                               choice.filter == markdown || choice.filter == json, &error)) {
        QMessageBox::warning(
            parent, request.caption,
            Files::tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), error));
        return {};
    }
    return Files::tr("Exported to %1.").arg(QDir::toNativeSeparators(path));
}

std::optional<qint64> importConversationInteractively(QWidget *parent, ConversationStore &store,
                                                      const FileChooser &choose)
{
    FileRequest request;
    request.caption = Files::tr("Import Conversation");
    request.path = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    request.filters =
        Files::tr("Sluice conversation (*.json);;All files (*)").split(QStringLiteral(";;"));
    const QString path =
        (choose ? choose(parent, request) : chooseWithFileDialog(parent, request)).path;
    if (path.isEmpty())
        return std::nullopt;
    QString error;
    const std::optional<qint64> id = importConversationFile(store, path, &error);
    if (!id)
        QMessageBox::warning(
            parent, request.caption,
            Files::tr("Could not import %1: %2").arg(QDir::toNativeSeparators(path), error));
    return id;
}

} // namespace Sluice
