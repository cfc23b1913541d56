// A message's images in the conversation: thumbnails above the user's bubble, laid out
// right-aligned in rows, decoded only when painted and kept small in QPixmapCache (a
// conversation of fifty photos holds fifty thumbnails, not fifty photos).
#pragma once

#include "core/conversation/attachment.h"

#include <QList>
#include <QRectF>

class QModelIndex;

class QPainter;

namespace Sluice {

struct MessageTheme;

// Thumbnails at most this tall in the thread.
inline constexpr int kMessageThumbnailHeight = 120;

// Where the images of a message go: right-aligned against `right`, from `top`, in rows no
// wider than `maxWidth`.
QList<QRectF> layoutMessageImages(const QList<Attachment> &attachments, qreal right, qreal top,
                                  qreal maxWidth);

// Which of them is at `pos`; -1 none.
int imageAt(const QList<QRectF> &rects, const QPointF &pos);

// Draws them.
void paintMessageImages(QPainter *p, const QList<Attachment> &attachments,
                        const QList<QRectF> &rects);

// Which image of the message at `index` (a ChatModel row) is at `posInRow`; -1 none. The
// same geometry the delegate paints with (computeMessageGeometry).
int messageImageAt(const QModelIndex &index, const MessageTheme &theme, qreal viewWidth,
                   const QPointF &posInRow);

} // namespace Sluice
