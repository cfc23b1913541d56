#include "gui/attachments/messageimages.h"

#include "gui/conversation/messagegeometry.h"
#include "session/chatmodel.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmap>
#include <QPixmapCache>

namespace Sluice {

namespace {

constexpr qreal kGap = 6;

// A document shows as a card with its name and size (no thumbnail).
constexpr qreal kDocumentWidth = 220;
constexpr qreal kDocumentHeight = 44;

QSizeF thumbnailSize(const Attachment &a)
{
    if (a.isDocument())
        return QSizeF(kDocumentWidth, kDocumentHeight);
    QSizeF size = a.pixelSize.isValid() ? QSizeF(a.pixelSize) : QSizeF(4, 3);
    size.scale(kMessageThumbnailHeight * 2.0, kMessageThumbnailHeight, Qt::KeepAspectRatio);
    if (size.width() < 24)
        size.setWidth(24);
    return QSizeF(std::ceil(size.width()), std::ceil(size.height()));
}

QPixmap thumbnail(const Attachment &a)
{
    const QString key = QStringLiteral("sluice-thumb-%1-%2")
                            .arg(qHash(a.thumbnail))
                            .arg(a.thumbnail.size());
    QPixmap pixmap;
    if (!QPixmapCache::find(key, &pixmap)) {
        pixmap.loadFromData(a.thumbnail);
        QPixmapCache::insert(key, pixmap);
    }
    return pixmap;
}

// The card of a document: a page mark, its name (elided) and "PDF · 1.2 MB" under it.
void paintDocument(QPainter *p, const Attachment &a, int ordinal, const QRectF &r)
{
    const QPalette palette;
    p->fillRect(r, palette.color(QPalette::AlternateBase));
    const QRectF mark(r.left() + 8, r.top() + 8, 22, r.height() - 16);
    p->setPen(palette.color(QPalette::Mid));
    p->setBrush(palette.color(QPalette::Base));
    p->drawRect(mark);
    const QRectF text = r.adjusted(mark.width() + 16, 4, -8, -4);
    QFont font = p->font();
    const QFontMetricsF metrics(font);
    p->setPen(palette.color(QPalette::Text));
    p->drawText(QRectF(text.left(), text.top(), text.width(), text.height() / 2),
                Qt::AlignLeft | Qt::AlignVCenter,
                metrics.elidedText(attachmentDisplayName(a, ordinal), Qt::ElideMiddle,
                                   text.width()));
    font.setPointSizeF(font.pointSizeF() * 0.85);
    p->setFont(font);
    const QString kind = a.mediaType == u"application/pdf" ? QStringLiteral("PDF")
                                                           : QStringLiteral("Text");
    p->setPen(palette.color(QPalette::PlaceholderText));
    p->drawText(QRectF(text.left(), text.center().y(), text.width(), text.height() / 2),
                Qt::AlignLeft | Qt::AlignVCenter,
                kind + u" · " + QLocale().formattedDataSize(a.byteSize));
}

} // namespace

QList<QRectF> layoutMessageImages(const QList<Attachment> &attachments, qreal right, qreal top,
                                  qreal maxWidth)
{
    QList<QRectF> rects;
    QList<QSizeF> row;
    qreal y = top;
    const auto placeRow = [&] {
        qreal width = -kGap;
        qreal height = 0;
        for (const QSizeF &s : std::as_const(row)) {
            width += s.width() + kGap;
            height = qMax(height, s.height());
        }
        qreal x = right - width;
        for (const QSizeF &s : std::as_const(row)) {
            rects.append(QRectF(QPointF(x, y + height - s.height()), s));
            x += s.width() + kGap;
        }
        y += height + kGap;
        row.clear();
    };
    qreal rowWidth = 0;
    for (const Attachment &a : attachments) {
        const QSizeF size = thumbnailSize(a);
        if (!row.isEmpty() && rowWidth + kGap + size.width() > maxWidth) {
            placeRow();
            rowWidth = 0;
        }
        rowWidth += (row.isEmpty() ? 0 : kGap) + size.width();
        row.append(size);
    }
    if (!row.isEmpty())
        placeRow();
    return rects;
}

int imageAt(const QList<QRectF> &rects, const QPointF &pos)
{
    for (int i = 0; i < rects.size(); ++i) {
        if (rects.at(i).contains(pos))
            return int(i);
    }
    return -1;
}

int messageImageAt(const QModelIndex &index, const MessageTheme &theme, qreal viewWidth,
                   const QPointF &posInRow)
{
    ConversationMessage m;
    m.role = index.data(ChatModel::RoleRole).toString();
    m.attachments = index.data(ChatModel::AttachmentsRole).value<QList<Attachment>>();
    if (m.attachments.isEmpty())
        return -1;
    MessageInputs in;
    in.message = &m;
    return imageAt(computeMessageGeometry(theme, in, viewWidth, nullptr, nullptr).images, posInRow);
}

void paintMessageImages(QPainter *p, const QList<Attachment> &attachments,
                        const QList<QRectF> &rects)
{
    for (int i = 0; i < rects.size() && i < attachments.size(); ++i) {
        const QRectF r = rects.at(i);
        p->save();
        QPainterPath clip;
        clip.addRoundedRect(r, 6, 6);
        p->setClipPath(clip);
        const Attachment &a = attachments.at(i);
        if (a.isDocument()) {
            paintDocument(p, a, i, r);
            p->restore();
            p->setPen(QPalette().color(QPalette::Mid));
            p->setBrush(Qt::NoBrush);
            p->drawRoundedRect(r, 6, 6);
            continue;
        }
        const QPixmap pixmap = thumbnail(a);
        if (pixmap.isNull())
            p->fillRect(r, QPalette().color(QPalette::Mid));
        else
            p->drawPixmap(r, pixmap, QRectF(pixmap.rect()));
        p->restore();
        p->setPen(QPalette().color(QPalette::Mid));
        p->setBrush(Qt::NoBrush);
        p->drawRoundedRect(r, 6, 6);
    }
}

} // namespace Sluice
