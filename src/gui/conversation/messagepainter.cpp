#include "gui/conversation/messagepainter.h"
#include "gui/attachments/messageimages.h"
#include "gui/conversation/paintbands.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

namespace Sluice {

namespace {

QString shortTime(const QTime &time)
{
    QString format = QLocale::system().timeFormat(QLocale::ShortFormat);
    format.remove(QStringLiteral(":ss"));
    return QLocale::system().toString(time, format);
}

} // namespace

QRectF MessagePainter::copyButtonRect(const MarkdownLayout::CodeBlock &b)
{
    return QRectF(b.header.right() - 78, b.header.top() + 3, 72, b.header.height() - 6);
}

void MessagePainter::header(QPainter *p, const ConversationMessage &m,
                            const MessageGeometry &g) const
{
    paintMessageImages(p, m.attachments, g.images); // above the bubble
    if (m.isUser()) {
        p->setPen(Qt::NoPen);
        p->setBrush(m_theme.userBubble);
        paintInBands(p, g.bubble, [&] { p->drawRoundedRect(g.bubble, 14, 14); });
    } else {
        p->setFont(m_theme.smallBold);
        p->setPen(m_theme.muted);
        const QString name = m.model.isEmpty() ? tr("Assistant") : m.model;
        p->drawText(g.header, Qt::AlignLeft | Qt::AlignVCenter, name);
        const qreal nameW = QFontMetricsF(m_theme.smallBold).horizontalAdvance(name);
        p->setFont(m_theme.small);
        if (m.created.isValid())
            p->drawText(g.header.adjusted(nameW, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                        QStringLiteral("  ·  ") + shortTime(m.created.time()));
    }
}

void MessagePainter::thinkingToggle(QPainter *p, const ConversationMessage &m,
                                    const MessageGeometry &g, bool hovered) const
{
    if (hovered) {
        p->setPen(Qt::NoPen);
        p->setBrush(m_theme.buttonHover);
        p->drawRoundedRect(g.thinkingToggle, 6, 6);
    }
    p->setFont(m_theme.small);
    p->setPen(m_theme.muted);
    p->drawText(g.thinkingToggle.adjusted(4, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                thinkingLabel(m, g.thinkingLive, g.thinkingShown));
}

void MessagePainter::thinkingBar(QPainter *p, const MessageGeometry &g, qreal height) const
{
    p->setPen(Qt::NoPen);
    p->setBrush(m_theme.quoteBar);
    const QRectF bar(g.column.left() + 3, g.thinkingOrigin.y(), 2.5, height);
    paintInBands(p, bar, [&] { p->drawRoundedRect(bar, 1, 1); });
}

void MessagePainter::text(QPainter *p, const MarkdownLayout &layout, const QPointF &origin,
                          const QColor &color, const QRectF &visible,
                          std::pair<int, int> hidden) const
{
    const QRectF clip = visible.translated(-origin);
    const auto [first, hiddenLast] = hidden;
    if (first >= 0 && first < layout.chunkCount()) {
        // Overlays show these pieces; paint the others.
        const int last = qMin(hiddenLast, layout.chunkCount() - 1);
        const qreal top = layout.chunkTop(first);
        const qreal bottom =
            last + 1 < layout.chunkCount() ? layout.chunkTop(last + 1) : layout.height();
        layout.draw(p, origin, clip.intersected(QRectF(0, 0, layout.width(), top)), color);
        layout.draw(p, origin, clip.intersected(QRectF(0, bottom, layout.width(), 1e9)), color);
        return;
    }
    layout.draw(p, origin, clip, color);
}

void MessagePainter::statusLine(QPainter *p, const ConversationMessage &m,
                                const MessageGeometry &g) const
{
    if (g.statusLine.isEmpty())
        return;
    QFont italic = m_theme.font;
    italic.setItalic(true);
    p->setFont(italic);
    p->setPen(m_theme.muted);
    p->drawText(g.statusLine, Qt::AlignLeft | Qt::AlignVCenter, waitingLine(m));
}

void MessagePainter::footer(QPainter *p, const MessageGeometry &g) const
{
    if (g.footerText.isEmpty())
        return;
    p->setFont(m_theme.small);
    p->setPen(m_theme.muted);
    p->drawText(g.footer, Qt::AlignLeft | Qt::AlignVCenter, g.footerText);
}

void MessagePainter::codeBlocks(QPainter *p, const MarkdownLayout &layout, const QPointF &origin,
                                int copiedBlock, bool hovered, const QPoint &hover,
                                const QRectF &visible) const
{
    const auto &blocks = layout.codeBlocks();
    for (int i = 0; i < blocks.size(); ++i) {
        const MarkdownLayout::CodeBlock &b = blocks.at(i);
        // A long reply has hundreds of blocks; only those on screen are drawn.
        if (!b.rect.translated(origin).adjusted(-2, -2, 2, 2).intersects(visible))
            continue;
        const QRectF r = b.rect.translated(origin).adjusted(0.5, 0.5, -0.5, -0.5);
        QPainterPath box;
        box.addRoundedRect(r, 8, 8);
        p->setPen(QPen(m_theme.codeBorder, 1));
        p->setBrush(m_theme.codeBackground);
        paintInBands(p, r, [&] { p->drawPath(box); });
        p->save();
        p->setClipPath(box);
        p->fillRect(b.header.translated(origin), m_theme.codeHeader);
        p->restore();
        const QRectF header = b.header.translated(origin);
        p->setFont(m_theme.small);
        p->setPen(m_theme.muted);
        p->drawText(header.adjusted(12, 0, -90, 0), Qt::AlignVCenter | Qt::AlignLeft,
                    b.language.isEmpty() ? tr("code") : b.language);
        const QRectF copy = copyButtonRect(b).translated(origin);
        const bool flashed = copiedBlock == i;
        if (hovered && copy.contains(hover)) {
            p->setPen(Qt::NoPen);
            p->setBrush(m_theme.buttonHover);
            p->drawRoundedRect(copy, 5, 5);
        }
        p->setPen(flashed ? m_theme.accent : m_theme.muted);
        const QString label = flashed ? tr("Copied") : tr("Copy");
        const qreal textW = QFontMetricsF(m_theme.small).horizontalAdvance(label);
        const qreal iconW = 11;
        const qreal x0 = copy.center().x() - (iconW + 5 + textW) / 2;
        const qreal cy = copy.center().y();
        p->save();
        p->setBrush(Qt::NoBrush);
        p->setPen(QPen(flashed ? m_theme.accent : m_theme.muted, 1.2));
        if (flashed) {
            QPainterPath tick;
            tick.moveTo(x0 + 1, cy);
            tick.lineTo(x0 + 4.5, cy + 3.5);
            tick.lineTo(x0 + 10.5, cy - 3.5);
            p->drawPath(tick);
        } else {
            p->drawRoundedRect(QRectF(x0 + 3, cy - 5.5, 7.5, 9), 1.5, 1.5);
            p->drawRoundedRect(QRectF(x0, cy - 3, 7.5, 9), 1.5, 1.5);
        }
        p->restore();
        p->drawText(QRectF(x0 + iconW + 5, copy.top(), textW + 2, copy.height()),
                    Qt::AlignLeft | Qt::AlignVCenter, label);
    }
    p->setPen(Qt::NoPen);
    p->setBrush(m_theme.quoteBar);
    for (const QRectF &bar : layout.quoteBars()) {
        const QRectF r = bar.translated(origin);
        if (r.adjusted(-2, -2, 2, 2).intersects(visible))
            paintInBands(p, r, [&] { p->drawRoundedRect(r, 1.5, 1.5); });
    }
}

void MessagePainter::errorCard(QPainter *p, const ConversationMessage &m, const MessageGeometry &g,
                               bool hovered, const QPoint &hover) const
{
    // A stop is the user's choice, not an error: a quiet "■ Stopped" without the red card.
    const bool stopped = m.state == MessageState::Cancelled;
    if (!stopped) {
        p->setPen(QPen(m_theme.errorBorder, 1));
        p->setBrush(m_theme.errorBackground);
        p->drawRoundedRect(g.errorBox.adjusted(0.5, 0.5, -0.5, -0.5), 8, 8);
    }
    p->setFont(m_theme.font);
    p->setPen(stopped ? m_theme.muted : m_theme.errorText);
    p->drawText(QRectF(g.errorText.left() - 22, g.errorText.top(), 20,
                       QFontMetricsF(m_theme.font).height()),
                Qt::AlignLeft | Qt::AlignVCenter,
                stopped ? QStringLiteral("■") : QStringLiteral("⚠"));
    p->drawText(g.errorText, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, messageNote(m));
    for (const MessageButton &b : g.errorButtons)
        button(p, b, hovered && b.rect.contains(hover), true, false);
}

void MessagePainter::button(QPainter *p, const MessageButton &b, bool hovered, bool primary,
                            bool flashed) const
{
    const QRectF r = b.rect.adjusted(0.5, 0.5, -0.5, -0.5);
    p->setPen(primary ? QPen(m_theme.buttonBorder, 1) : Qt::NoPen);
    p->setBrush(hovered ? m_theme.buttonHover : Qt::transparent);
    p->drawRoundedRect(r, 6, 6);
    p->setFont(m_theme.small);
    p->setPen(primary ? m_theme.text : m_theme.muted);
    p->drawText(r, Qt::AlignCenter, flashed ? tr("Copied") : b.label);
}

} // namespace Sluice
