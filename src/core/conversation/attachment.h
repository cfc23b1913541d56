// A file that goes with a message: an image (#20), or a document (#23: a text-like file or a
// PDF, whose text goes to the model; core/media/documentprep.h). They share the type, the
// history table (`attachments`, schema.h) and the composer's strip.
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
    enum class Kind { Image, Document };

    qint64 id = 0; // the history's row id; 0 until stored
    Kind kind = Kind::Image;
    QString fileName;  // as it was attached, without a folder ("photo.jpg"); may be empty
    QString mediaType; // "image/png", … "image/gif"; a document's: "text/x-python", "application/pdf"
    QByteArray data;   // the original bytes; empty when loaded from the history (see above)
    qint64 byteSize = 0;
    QSize pixelSize;      // of the original (first frame of a GIF)
    QByteArray thumbnail; // PNG or JPEG, at most kThumbnailEdge on its longer side
    // A document's text as the model reads it (a PDF's extracted text); loaded with the
    // facts (the meter counts it, requests send it), unlike `data`.
    QString text;

    bool hasData() const { return !data.isEmpty(); }
    bool isImage() const { return kind == Kind::Image; }
    bool isDocument() const { return kind == Kind::Document; }

    static constexpr int kThumbnailEdge = 256;
};

QString attachmentKindName(Attachment::Kind kind); // "image", "document"
std::optional<Attachment::Kind> attachmentKindFromName(const QString &name);

// "photo.jpg", or "image 2.png" made from the media type when it has no name (a pasted image;
// "file 2.txt" for a document).
QString attachmentDisplayName(const Attachment &attachment, int ordinal);

} // namespace Sluice

Q_DECLARE_METATYPE(Sluice::Attachment)
