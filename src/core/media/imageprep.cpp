#include "core/media/imageprep.h"

#include "core/media/imageformat.h"

#include <QBuffer>
#include <QCache>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>
#include <QLocale>

namespace Sluice {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Sluice", text);
}

QByteArray encode(const QImage &image, const char *format, int quality = -1)
{
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    writer.setQuality(quality);
    if (!writer.write(image))
        return {};
    return out;
}

// A photo stays a JPEG when it is scaled; anything with transparency (or a screenshot in PNG)
// stays lossless.
QByteArray encodeLike(const QImage &image, const QString &mediaType, QString *sentType)
{
    if (mediaType == u"image/jpeg" && !image.hasAlphaChannel()) {
        *sentType = QStringLiteral("image/jpeg");
        return encode(image, "jpeg", 90);
    }
    *sentType = QStringLiteral("image/png");
    return encode(image, "png");
}

QString sizeText(const QSize &size)
{
    return QStringLiteral("%1 × %2").arg(size.width()).arg(size.height());
}

} // namespace

ImageLimits imageLimits(ProviderType type, int imagesInRequest)
{
    switch (type) {
    case ProviderType::Anthropic:
        // The 5 MB limit is on the base64 text: 3.75 MB of file.
        return {imagesInRequest > 20 ? 2000 : 8000, 3'750'000,
                {QStringLiteral("image/png"), QStringLiteral("image/jpeg"),
                 QStringLiteral("image/webp")}};
    case ProviderType::OpenAI:
        return {0, 20'000'000,
                {QStringLiteral("image/png"), QStringLiteral("image/jpeg"),
                 QStringLiteral("image/webp")}};
    case ProviderType::Ollama:
        return {0, 0, {QStringLiteral("image/png"), QStringLiteral("image/jpeg")}};
    }
    return {};
}

std::optional<Attachment> imageAttachment(const QByteArray &bytes, const QString &fileName,
                                          QString *error)
{
    const QString name = fileName.isEmpty() ? tr("The pasted image") : fileName;
    const QString mediaType = imageMediaType(bytes);
    if (mediaType.isEmpty()) {
        *error = tr("%1 is not a PNG, JPEG, WebP or GIF image.").arg(name);
        return std::nullopt;
    }
    if (bytes.size() > kMaxImageFileBytes) {
        *error = tr("%1 is %2; images up to %3 can be attached.")
                     .arg(name, QLocale().formattedDataSize(bytes.size()),
                          QLocale().formattedDataSize(kMaxImageFileBytes));
        return std::nullopt;
    }
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    const QSize size = reader.size();
    if (!reader.canRead() || !size.isValid()) {
        *error = tr("%1 could not be read as an image (%2).").arg(name, reader.errorString());
        return std::nullopt;
    }
    // The thumbnail is decoded at its own size where the format can (JPEG scales while it
    // decodes), so attaching a large photo does not hold it whole in memory.
    const QSize thumbSize = size.scaled(Attachment::kThumbnailEdge, Attachment::kThumbnailEdge,
                                        Qt::KeepAspectRatio)
                                .expandedTo(QSize(1, 1));
    reader.setScaledSize(size.width() > thumbSize.width() ? thumbSize : size);
    const QImage thumb = reader.read();
    if (thumb.isNull()) {
        *error = tr("%1 could not be read as an image (%2).").arg(name, reader.errorString());
        return std::nullopt;
    }
    Attachment a;
    a.kind = Attachment::Kind::Image;
    a.fileName = fileName;
    a.mediaType = mediaType;
    a.data = bytes;
    a.byteSize = bytes.size();
    a.pixelSize = size;
    a.thumbnail = thumb.hasAlphaChannel() ? encode(thumb, "png") : encode(thumb, "jpeg", 85);
    return a;
}

std::optional<Attachment> imageAttachmentFromFile(const QString &path, QString *error)
{
    const QFileInfo info(path);
    QFile file(path);
    if (info.size() > kMaxImageFileBytes) {
        *error = tr("%1 is %2; images up to %3 can be attached.")
                     .arg(info.fileName(), QLocale().formattedDataSize(info.size()),
                          QLocale().formattedDataSize(kMaxImageFileBytes));
        return std::nullopt;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Could not open %1: %2.").arg(path, file.errorString());
        return std::nullopt;
    }
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        *error = tr("Could not read %1: %2.").arg(path, file.errorString());
        return std::nullopt;
    }
    return imageAttachment(bytes, info.fileName(), error);
}

SentImage imageForProvider(const QByteArray &original, ProviderType type, int imagesInRequest)
{
    const ImageLimits limits = imageLimits(type, imagesInRequest);
    const QString mediaType = imageMediaType(original);
    SentImage sent{original, mediaType, {}, false, false};
    QBuffer buffer;
    buffer.setData(original);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    sent.pixelSize = reader.size();
    const bool fitsEdge = limits.maxEdge == 0 || (sent.pixelSize.width() <= limits.maxEdge &&
                                                  sent.pixelSize.height() <= limits.maxEdge);
    const bool fitsBytes = limits.maxBytes == 0 || original.size() <= limits.maxBytes;
    if (limits.mediaTypes.contains(mediaType) && fitsEdge && fitsBytes)
        return sent;

    static QCache<QByteArray, SentImage> cache(64 * 1024); // KiB
    QByteArray key = QCryptographicHash::hash(original, QCryptographicHash::Sha1);
    key.append(char('0' + int(type))).append(QByteArray::number(limits.maxEdge));
    if (const SentImage *hit = cache.object(key))
        return *hit;

    QImage image = reader.read(); // a GIF's first frame
    if (image.isNull())
        return sent; // the server says what it makes of it
    QSize size = image.size();
    if (!fitsEdge)
        size = size.scaled(limits.maxEdge, limits.maxEdge, Qt::KeepAspectRatio);
    for (;;) {
        const QImage scaled = size == image.size()
                                  ? image
                                  : image.scaled(size, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        QString sentType;
        const QByteArray bytes = encodeLike(scaled, mediaType, &sentType);
        sent = {bytes, sentType, scaled.size(), scaled.size() != image.size(), true};
        if (limits.maxBytes == 0 || bytes.size() <= limits.maxBytes || size.width() < 64)
            break;
        size = size * 0.75; // over the byte limit: a quarter smaller each try
    }
    cache.insert(key, new SentImage(sent), int(qMax<qsizetype>(1, sent.bytes.size() / 1024)));
    return sent;
}

QString scaledImageNote(const QString &name, const QSize &original, const SentImage &sent,
                        ProviderType type)
{
    if (!sent.scaled)
        return {};
    const QString server = type == ProviderType::Anthropic ? QStringLiteral("Anthropic")
                           : type == ProviderType::OpenAI  ? tr("the server")
                                                           : QStringLiteral("Ollama");
    return tr("%1 (%2) is larger than %3 accepts: it is sent as %4; the original stays in the "
              "conversation.")
        .arg(name, sizeText(original), server, sizeText(sent.pixelSize));
}

} // namespace Sluice
