// MessageDelegate: where the painted parts of a message are, and what a point is over.
#include "gui/conversation/messagedelegate.h"
#include "gui/conversation/messagedelegateentry.h"
#include "session/chatmodel.h"
#include "gui/conversation/markdownlayout.h"
#include "gui/conversation/messagepainter.h"
#include "gui/conversation/richmarkdown.h"
#include "gui/richtext/richtextengine.h"
#include "gui/conversation/versionswitcher.h"
#include <QAbstractItemView>
#include <QPainter>
#include <QTimer>
#include <algorithm>

namespace Sluice {

QRect MessageDelegate::partRect(const QModelIndex &index, const QRect &rowRect, MessageHit kind,
                                int codeBlock) const
{
    if (!index.isValid())
        return {};
    const Entry &e = ensure(index);
    const MessageGeometry &g = e.geo;
    const QPointF offset = rowRect.topLeft();
    QRectF r;
    switch (kind) {
    case MessageHit::ThinkingToggle:
        r = g.thinkingToggle;
        break;
    case MessageHit::CopyCode:
        if (codeBlock >= 0 && codeBlock < e.content->codeBlocks().size())
            r = MessagePainter::copyButtonRect(e.content->codeBlocks().at(codeBlock))
                    .translated(g.textOrigin);
        break;
    case MessageHit::Text:
        r = QRectF(g.textOrigin, QSizeF(e.content->width(), e.content->height()));
        break;
    case MessageHit::PreviousVersion:
    case MessageHit::NextVersion:
        r = VersionSwitcher(m_theme, e.message, g, index.data(ChatModel::VersionsRole).toPoint())
                .rectOf(kind);
        break;
    default:
        for (const QList<MessageButton> *list : {&g.errorButtons, &g.actions}) {
            for (const MessageButton &b : *list) {
                if (b.kind == kind)
                    r = b.rect;
            }
        }
        break;
    }
    return r.isEmpty() ? QRect() : r.translated(offset).toAlignedRect();
}

MessageDelegate::Hit MessageDelegate::hitTest(const QModelIndex &index, const QRect &rowRect,
                                              const QPoint &pos) const
{
    Hit hit;
    if (!index.isValid())
        return hit;
    const Entry &e = ensure(index);
    const MessageGeometry &g = e.geo;
    const QPointF offset = rowRect.topLeft();
    const QPointF p = QPointF(pos) - offset;
    auto button = [&](const QList<MessageButton> &buttons) {
        for (const MessageButton &b : buttons) {
            if (b.rect.contains(p)) {
                hit.kind = b.kind;
                hit.rect = b.rect.translated(offset);
                return true;
            }
        }
        return false;
    };
    if (button(g.errorButtons) || button(g.actions))
        return hit;
    const QPoint shown = index.data(ChatModel::VersionsRole).toPoint();
    const VersionSwitcher versions(m_theme, e.message, g, shown);
    if (const MessageHit v = versions.hitAt(p); v != MessageHit::None) {
        hit.kind = v;
        hit.rect = versions.rectOf(v).translated(offset);
        return hit;
    }
    if (g.thinkingToggle.contains(p)) {
        hit.kind = MessageHit::ThinkingToggle;
        hit.rect = g.thinkingToggle.translated(offset);
        return hit;
    }
    const auto &blocks = e.content->codeBlocks();
    for (int i = 0; i < blocks.size(); ++i) {
        if (MessagePainter::copyButtonRect(blocks.at(i)).translated(g.textOrigin).contains(p)) {
            hit.kind = MessageHit::CopyCode;
            hit.codeBlock = i;
            hit.rect =
                MessagePainter::copyButtonRect(blocks.at(i)).translated(g.textOrigin + offset);
            return hit;
        }
    }
    auto textHit = [&](const MarkdownLayout *layout, const QPointF &origin, bool thinking) {
        if (!layout || layout->isEmpty())
            return false;
        const QRectF area(origin, QSizeF(layout->width(), layout->height()));
        if (!area.contains(p))
            return false;
        const QPointF local = p - origin;
        const QString href = layout->anchorAt(local);
        hit.kind = href.isEmpty() ? MessageHit::Text : MessageHit::Link;
        hit.href = href;
        hit.toolTip = layout->toolTipAt(local);
        hit.inThinking = thinking;
        hit.chunk = layout->chunkAt(local);
        hit.textOrigin = origin + offset;
        hit.rect = area.translated(offset);
        if (!thinking) {
            const auto &code = layout->codeBlocks();
            for (int i = 0; i < code.size(); ++i) {
                if (code.at(i).rect.contains(local))
                    hit.codeBlock = i;
            }
        }
        return true;
    };
    if (textHit(e.content.get(), g.textOrigin, false))
        return hit;
    if (g.thinkingShown)
        textHit(e.thinking.get(), g.thinkingOrigin, true);
    return hit;
}

} // namespace Sluice
