#include "core/conversation/attachment.h"

#include "core/media/imageformat.h"

#include <QCoreApplication>

namespace Sluice {

QString attachmentKindName(Attachment::Kind kind)
{
    switch (kind) {
    case Attachment::Kind::Image:
        return QStringLiteral("image");
    case Attachment::Kind::Document:
        return QStringLiteral("document");
    }
    return QStringLiteral("image");
}

std::optional<Attachment::Kind> attachmentKindFromName(const QString &name)
{
    if (name == u"image")
        return Attachment::Kind::Image;
    if (name == u"document")
        return Attachment::Kind::Document;
    return std::nullopt;
}

QString attachmentDisplayName(const Attachment &attachment, int ordinal)
{
    if (!attachment.fileName.isEmpty())
        return attachment.fileName;
    if (attachment.isDocument())
        //: A pasted document without a file name: "file 2.txt"
        return QCoreApplication::translate("Sluice::Attachment", "file %1.%2")
            .arg(ordinal + 1)
            .arg(attachment.mediaType == u"application/pdf" ? QStringLiteral("pdf")
                                                            : QStringLiteral("txt"));
    //: A pasted image without a file name: "image 2.png"
    return QCoreApplication::translate("Sluice::Attachment", "image %1.%2")
        .arg(ordinal + 1)
        .arg(imageFileSuffix(attachment.mediaType));
}

} // namespace Sluice
