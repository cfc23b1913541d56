#include "core/media/imageformat.h"

namespace Sluice {

QString imageMediaType(const QByteArray &bytes, const QString &otherwise)
{
    if (bytes.startsWith("\x89PNG\r\n\x1a\n"))
        return QStringLiteral("image/png");
    if (bytes.startsWith("\xff\xd8\xff"))
        return QStringLiteral("image/jpeg");
    if (bytes.startsWith("GIF87a") || bytes.startsWith("GIF89a"))
        return QStringLiteral("image/gif");
    if (bytes.size() >= 12 && bytes.startsWith("RIFF") && bytes.mid(8, 4) == "WEBP")
        return QStringLiteral("image/webp");
    return otherwise;
}

QString imageFileSuffix(const QString &mediaType)
{
    if (mediaType == u"image/png")
        return QStringLiteral("png");
    if (mediaType == u"image/jpeg")
        return QStringLiteral("jpg");
    if (mediaType == u"image/webp")
        return QStringLiteral("webp");
    if (mediaType == u"image/gif")
        return QStringLiteral("gif");
    return QStringLiteral("bin");
}

} // namespace Sluice
