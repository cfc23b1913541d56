// Images as attachments: reading one to attach (checking its format, making its thumbnail)
// and making what a provider accepts from it before a request (scaled down, GIF and WebP to
// PNG where needed). Uses QImage (Qt Gui, no widgets, no display needed).
#pragma once

#include "core/chat/chattypes.h"
#include "core/conversation/attachment.h"

#include <QByteArray>
#include <QSize>
#include <QString>
#include <QStringList>

#include <optional>

namespace Sluice {

// What a provider accepts of one image. 0 = no limit.
struct ImageLimits
{
    int maxEdge = 0;       // pixels on the longer side
    qint64 maxBytes = 0;   // of the encoded file
    QStringList mediaTypes; // sent as they are; anything else is sent as PNG
};

// Anthropic: 8000 px, 2000 px when a request carries more than 20 images, 5 MB of base64
// (docs.anthropic.com "Vision"); OpenAI: 20 MB ("Images and vision"), GIF only unanimated so
// it goes as PNG; Ollama: PNG and JPEG (what every runner decodes), no documented size limit.
ImageLimits imageLimits(ProviderType type, int imagesInRequest = 1);

// The largest file accepted as an attachment (50 MiB).
inline constexpr qint64 kMaxImageFileBytes = 50LL * 1024 * 1024;

// An image attachment from a file's bytes: PNG, JPEG, WebP or GIF (first frame), with its
// pixel size and thumbnail. nullopt and one sentence in *error for anything else.
std::optional<Attachment> imageAttachment(const QByteArray &bytes, const QString &fileName,
                                          QString *error);
// The same from a file on disk (a size check before it is read).
std::optional<Attachment> imageAttachmentFromFile(const QString &path, QString *error);

// One image as it goes on the wire.
struct SentImage
{
    QByteArray bytes;
    QString mediaType;
    QSize pixelSize;
    bool scaled = false;    // made smaller to fit the provider's limits
    bool converted = false; // re-encoded (GIF's first frame, WebP for Ollama) at the same size
};

// What `type` is sent for these original bytes; the bytes unchanged when they fit. Results
// are cached (by content), so a conversation's earlier images are not scaled again on every
// request.
SentImage imageForProvider(const QByteArray &original, ProviderType type,
                           int imagesInRequest = 1);

// "photo.jpg (9000 × 6000) is larger than Anthropic accepts: it is sent as 8000 × 5333; the
// original stays in the conversation." Empty when the image goes as it is.
QString scaledImageNote(const QString &name, const QSize &original, const SentImage &sent,
                        ProviderType type);

} // namespace Sluice
