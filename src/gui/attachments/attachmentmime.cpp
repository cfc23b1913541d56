#include "gui/attachments/attachmentmime.h"

#include "core/media/documentprep.h"
#include "core/media/imageprep.h"

#include <QBuffer>
#include <QImage>
#include <QImageWriter>
#include <QMimeData>
#include <QUrl>

namespace Sluice {

namespace {

bool hasLocalFiles(const QMimeData *data)
{
    if (!data->hasUrls())
        return false;
    const QList<QUrl> urls = data->urls();
    return std::any_of(urls.cbegin(), urls.cend(), [](const QUrl &u) { return u.isLocalFile(); });
}

} // namespace

bool offersAttachments(const QMimeData *data)
{
    return data && (data->hasImage() || hasLocalFiles(data));
}

QList<Attachment> attachmentsFromFiles(const QStringList &paths, QStringList *errors,
                                       QStringList *pdfs)
{
    QList<Attachment> result;
    for (const QString &path : paths) {
        if (isPdfFile(path)) {
            pdfs->append(path);
            continue;
        }
        QString error;
        if (std::optional<Attachment> a = attachmentFromFile(path, &error))
            result.append(*a);
        else
            errors->append(error);
    }
    return result;
}

QList<Attachment> attachmentsFromMime(const QMimeData *data, QStringList *errors,
                                      QStringList *pdfs)
{
    if (!data)
        return {};
    if (hasLocalFiles(data)) {
        QStringList paths;
        const QList<QUrl> urls = data->urls();
        for (const QUrl &url : urls) {
            if (url.isLocalFile())
                paths.append(url.toLocalFile());
        }
        return attachmentsFromFiles(paths, errors, pdfs);
    }
    // Image data: the original bytes when the source offers a format we keep, else PNG.
    for (const char *type : {"image/png", "image/jpeg", "image/webp", "image/gif"}) {
        const QByteArray bytes = data->data(QString::fromLatin1(type));
        QString error;
        if (!bytes.isEmpty()) {
            if (std::optional<Attachment> a = imageAttachment(bytes, QString(), &error))
                return {*a};
        }
    }
    const QImage image = qvariant_cast<QImage>(data->imageData());
    if (image.isNull()) {
        errors->append(QCoreApplication::translate("Sluice::AttachmentMime",
                                                   "The pasted image could not be read."));
        return {};
    }
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter(&buffer, "png").write(image);
    QString error;
    if (std::optional<Attachment> a = imageAttachment(png, QString(), &error))
        return {*a};
    errors->append(error);
    return {};
}

} // namespace Sluice
