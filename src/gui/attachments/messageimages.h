// A message's images in the conversation: thumbnails above the user's bubble, laid out
// right-aligned in rows, decoded only when painted and kept small in QPixmapCache (a
// conversation of fifty photos holds fifty thumbnails, not fifty photos).
#pragma once

#include "core/conversation/attachment.h"

#include <QList>
#include <QRectF>

class QPainter;

namespace Sluice {

// Thumbnails at most this tall in the thread.
inline constexpr int kMessageThumbnailHeight = 120;

// Where the images of a message go: right-aligned against `right`, from `top`, in rows no
// wider than `maxWidth`.
QList<QRectF> layoutMessageImages(const QList<Attachment> &attachments, qreal right, qreal top,
                                  qreal maxWidth);

// Which of them is at `pos`; -1 none.
int imageAt(const QList<QRectF> &rects, const QPointF &pos);

// Draws them (`hovered`: the one under the mouse, framed; -1 none).
void paintMessageImages(QPainter *p, const QList<Attachment> &attachments,
                        const QList<QRectF> &rects, int hovered);

} // namespace Sluice
