// A file that goes with a message: today an image (#20); text and PDF files share the type,
// the history table (`attachments`, schema.h) and the composer's strip.
//
// The history stores the file's own bytes (not a path: the file may move) and a small
// thumbnail made when it was attached. A message loaded from the history carries the
// thumbnail and the facts but not the bytes (`data` empty, `id` set): a conversation of
// fifty photos opens without reading them. Whoever needs the bytes (the viewer, a request)
// asks the store for them by id.
#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QSize>
#include <QString>

#include <optional>

namespace Sluice {

struct Attachment
{
    enum class Kind { Image };

    qint64 id = 0; // the history's row id; 0 until stored
    Kind kind = Kind::Image;
    QString fileName;  // as it was attached, without a folder ("photo.jpg"); may be empty
    QString mediaType; // "image/png", "image/jpeg", "image/webp", "image/gif"
    QByteArray data;   // the original bytes; empty when loaded from the history (see above)
    qint64 byteSize = 0;
    QSize pixelSize;      // of the original (first frame of a GIF)
    QByteArray thumbnail; // PNG or JPEG, at most kThumbnailEdge on its longer side

    bool hasData() const { return !data.isEmpty(); }
    bool isImage() const { return kind == Kind::Image; }

    static constexpr int kThumbnailEdge = 256;
};

QString attachmentKindName(Attachment::Kind kind); // "image"
std::optional<Attachment::Kind> attachmentKindFromName(const QString &name);

// "photo.jpg", or "image 2.png" made from the media type when it has no name (a pasted image).
QString attachmentDisplayName(const Attachment &attachment, int ordinal);

} // namespace Sluice

Q_DECLARE_METATYPE(Sluice::Attachment)
