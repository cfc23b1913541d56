#include "gui/attachments/documentactions.h"

#include "core/storage/conversationexport.h"
#include "core/util/atomicfile.h"
#include "session/conversationcontroller.h"

#include <QCoreApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace Sluice::DocumentActions {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Sluice::DocumentActions", text);
}

Opener &opener()
{
    static Opener o = [](const QUrl &file) { return QDesktopServices::openUrl(file); };
    return o;
}

SavePicker &savePicker()
{
    static SavePicker picker = [](QWidget *parent, const QString &suggested) {
        return QFileDialog::getSaveFileName(parent, tr("Save File"), suggested);
    };
    return picker;
}

// The document and its bytes; nullopt after saying why not.
std::optional<std::pair<Attachment, QByteArray>>
documentAt(ConversationController *conversation, int row, int index,
           const std::function<void(const QString &)> &message)
{
    if (!conversation || row < 0 || row >= conversation->model()->rowCount())
        return std::nullopt;
    const QList<Attachment> attachments = conversation->model()->message(row).attachments;
    if (index < 0 || index >= attachments.size())
        return std::nullopt;
    const Attachment &a = attachments.at(index);
    const std::optional<QByteArray> bytes = conversation->attachmentData(a);
    if (!bytes) {
        message(tr("%1 could not be read from the history.").arg(attachmentDisplayName(a, index)));
        return std::nullopt;
    }
    return std::make_pair(a, *bytes);
}

QString fileNameFor(const Attachment &a, int index)
{
    const QString name = ConversationExport::safeFileName(attachmentDisplayName(a, index), QString());
    return name.isEmpty() ? QStringLiteral("file.txt") : name;
}

} // namespace

void setOpener(Opener o)
{
    opener() = std::move(o);
}

void setSavePicker(SavePicker picker)
{
    savePicker() = std::move(picker);
}

void open(QWidget *, ConversationController *conversation, int row, int index,
          const std::function<void(const QString &)> &message)
{
    const auto doc = documentAt(conversation, row, index, message);
    if (!doc)
        return;
    // A private folder per file opened, removed when Sluice quits (the application that
    // opened it has read it by then, or keeps its own copy).
    static std::vector<std::unique_ptr<QTemporaryDir>> folders;
    auto folder = std::make_unique<QTemporaryDir>(
        QDir(QStandardPaths::writableLocation(QStandardPaths::TempLocation))
            .filePath(QStringLiteral("sluice-XXXXXX")));
    const QString name = fileNameFor(doc->first, index);
    QString why;
    if (!folder->isValid()) {
        message(tr("Could not open %1: no temporary folder (%2).").arg(name, folder->errorString()));
        return;
    }
    const QString path = folder->filePath(name);
    if (!writeFileAtomically(path, doc->second, &why)) {
        message(tr("Could not open %1: %2").arg(name, why));
        return;
    }
    folders.push_back(std::move(folder));
    if (!opener()(QUrl::fromLocalFile(path)))
        message(tr("No application opens %1; use Save As… to keep it.").arg(name));
}

void save(QWidget *parent, ConversationController *conversation, int row, int index,
          const std::function<void(const QString &)> &message)
{
    const auto doc = documentAt(conversation, row, index, message);
    if (!doc)
        return;
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = savePicker()(parent, dir + u'/' + fileNameFor(doc->first, index));
    if (path.isEmpty())
        return;
    QString why;
    if (!writeFileAtomically(path, doc->second, &why)) {
        message(tr("Could not save %1: %2").arg(QDir::toNativeSeparators(path), why));
        return;
    }
    message(tr("Saved %1.").arg(QDir::toNativeSeparators(path)));
}

void addActions(QList<MessageAction> &out, int row, const QList<Attachment> &attachments,
                const std::function<void(int row, int index)> &openOne,
                const std::function<void(int row, int index)> &saveOne)
{
    for (int i = 0; i < attachments.size(); ++i) {
        if (!attachments.at(i).isDocument())
            continue;
        const QString name = attachmentDisplayName(attachments.at(i), i);
        out.append(MessageAction::make(
            QStringLiteral("openDocument:%1:%2").arg(row).arg(i), tr("Open %1").arg(name),
            [openOne, row, i] { openOne(row, i); }, MessageHit::None,
            QStringLiteral("openDocumentAction%1").arg(i)));
        out.append(MessageAction::make(
            QStringLiteral("saveDocument:%1:%2").arg(row).arg(i), tr("Save %1 As…").arg(name),
            [saveOne, row, i] { saveOne(row, i); }, MessageHit::None,
            QStringLiteral("saveDocumentAction%1").arg(i)));
    }
}

} // namespace Sluice::DocumentActions
