#include "session/imagerequest.h"

#include "core/media/imageprep.h"

#include <QCoreApplication>

#include <algorithm>
#include <QRegularExpression>

namespace Sluice {

QList<QByteArray> imagesForRequest(const QList<Attachment> &attachments, ProviderType type,
                                   const AttachmentLoader &load, QStringList *missing,
                                   int imagesInRequest)
{
    QList<QByteArray> images;
    for (int i = 0; i < attachments.size(); ++i) {
        const Attachment &a = attachments.at(i);
        if (!a.isImage())
            continue;
        std::optional<QByteArray> bytes;
        if (a.hasData())
            bytes = a.data;
        else if (load && a.id != 0)
            bytes = load(a.id);
        if (!bytes || bytes->isEmpty()) {
            if (missing)
                missing->append(attachmentDisplayName(a, i));
            continue;
        }
        images.append(imageForProvider(*bytes, type, imagesInRequest).bytes);
    }
    return images;
}

int imagesBefore(const QList<ConversationMessage> &messages, int endRow)
{
    int count = 0;
    for (int row = 0; row < endRow && row < messages.size(); ++row) {
        const QList<Attachment> &all = messages.at(row).attachments;
        count += int(std::count_if(all.cbegin(), all.cend(),
                                   [](const Attachment &a) { return a.isImage(); }));
    }
    return count;
}

QStringList scaledImageNotes(const QList<Attachment> &attachments, ProviderType type,
                             int imagesInRequest)
{
    QStringList notes;
    for (int i = 0; i < attachments.size(); ++i) {
        const Attachment &a = attachments.at(i);
        if (!a.isImage() || !a.hasData())
            continue;
        const QString note = scaledImageNote(attachmentDisplayName(a, i), a.pixelSize,
                                             imageForProvider(a.data, type, imagesInRequest),
                                             type);
        if (!note.isEmpty())
            notes.append(note);
    }
    return notes;
}

std::optional<QString> imageRejectionSentence(const ChatError &error)
{
    if (error.kind != ChatError::Kind::Http)
        return std::nullopt;
    // Servers say it in their own words: Ollama "this model is missing data required for
    // image input", vLLM "… is not a multimodal model", OpenAI "image_url is only supported
    // by certain models", Anthropic "image exceeds 5 MB maximum".
    static const QRegularExpression aboutImages(
        QStringLiteral("image|vision|multimodal|multi-modal"),
        QRegularExpression::CaseInsensitiveOption);
    if (error.httpStatus != 413 && !aboutImages.match(error.message).hasMatch())
        return std::nullopt;
    QString detail = error.message.trimmed();
    while (detail.endsWith(u'.'))
        detail.chop(1);
    return QCoreApplication::translate(
               "Sluice::ImageRequest",
               "The server did not accept the images (%1). They are back in the message box: "
               "choose a model that reads images, or remove them and send again.")
        .arg(detail);
}

} // namespace Sluice
