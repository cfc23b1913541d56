#include "gui/conversation/versionswitcher.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace Sluice {

namespace {

constexpr qreal kArrowWidth = 22;
constexpr qreal kGap = 8; // between the switcher and what is beside it

} // namespace

VersionSwitcher::VersionSwitcher(const MessageTheme &theme, const ConversationMessage &message,
                                 const MessageGeometry &g, QPoint versions)
    : m_theme(theme), m_version(versions.x()), m_count(versions.y())
{
    if (!isShown() || g.footer.isEmpty())
        return;
    const qreal labelWidth = std::ceil(
        QFontMetricsF(theme.small).horizontalAdvance(QStringLiteral("%1 / %1").arg(m_count)) + 6);
    const qreal width = 2 * kArrowWidth + labelWidth;
    qreal left = g.footer.left();
    if (message.isUser()) {
        // Right-aligned under the bubble, left of the Edit and Copy buttons.
        qreal right = g.footer.right();
        for (const MessageButton &b : g.actions)
            right = std::min(right, b.rect.left() - kGap);
        left = std::max(g.footer.left(), right - width);
    }
    const qreal top = g.footer.top();
    const qreal h = g.footer.height();
    m_previous = QRectF(left, top, kArrowWidth, h);
    m_label = QRectF(m_previous.right(), top, labelWidth, h);
    m_next = QRectF(m_label.right(), top, kArrowWidth, h);
    m_area = m_previous.united(m_next);
}

MessageHit VersionSwitcher::hitAt(const QPointF &pos) const
{
    if (!isShown())
        return MessageHit::None;
    if (m_previous.contains(pos))
        return MessageHit::PreviousVersion;
    if (m_next.contains(pos))
        return MessageHit::NextVersion;
    return MessageHit::None;
}

QRectF VersionSwitcher::rectOf(MessageHit kind) const
{
    if (kind == MessageHit::PreviousVersion)
        return m_previous;
    if (kind == MessageHit::NextVersion)
        return m_next;
    return {};
}

MessageGeometry VersionSwitcher::besideSwitcher(const MessageGeometry &g) const
{
    if (!isShown() || m_area.left() > g.footer.left())
        return g;
    MessageGeometry beside = g;
    beside.footer.setLeft(m_area.right() + kGap);
    return beside;
}

void VersionSwitcher::paint(QPainter *p, const QPointF &hover, bool hovered) const
{
    if (!isShown())
        return;
    p->save();
    p->setFont(m_theme.small);
    const auto arrow = [&](const QRectF &r, const QString &glyph, bool enabled) {
        if (enabled && hovered && r.contains(hover)) {
            p->setPen(Qt::NoPen);
            p->setBrush(m_theme.buttonHover);
            p->drawRoundedRect(r.adjusted(1.5, 1.5, -1.5, -1.5), 5, 5);
        }
        QColor color = m_theme.text;
        if (!enabled)
            color = m_theme.muted;
        p->setPen(color);
        p->drawText(r, Qt::AlignCenter, glyph);
    };
    arrow(m_previous, QStringLiteral("‹"), hasPrevious());
    p->setPen(m_theme.muted);
    p->drawText(m_label, Qt::AlignCenter, label());
    arrow(m_next, QStringLiteral("›"), hasNext());
    p->restore();
}

QString VersionSwitcher::label() const
{
    return QStringLiteral("%1 / %2").arg(m_version).arg(m_count);
}

QString VersionSwitcher::accessibleName(int version, int count)
{
    return tr("Version %1 of %2").arg(version).arg(count);
}

QString VersionSwitcher::toolTip(MessageHit kind, QPoint versions)
{
    if (kind != MessageHit::PreviousVersion && kind != MessageHit::NextVersion)
        return {};
    const QString action = kind == MessageHit::PreviousVersion
                               ? tr("%1 (Alt+Left)").arg(previousName())
                               : tr("%1 (Alt+Right)").arg(nextName());
    return action + QStringLiteral(" · ") + accessibleName(versions.x(), versions.y());
}

QString VersionSwitcher::previousName()
{
    return tr("Previous version");
}

QString VersionSwitcher::nextName()
{
    return tr("Next version");
}

} // namespace Sluice
