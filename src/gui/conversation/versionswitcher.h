// "‹ 2 / 3 ›" under a message that has other versions (a regenerated reply, an edited
// question): where its two arrows and its label go, how they are drawn, what they are called.
// Placed from the message's geometry in its footer row — left of a reply's statistics, left of
// a question's buttons — so it needs no height of its own. A click on an arrow is
// MessageHit::PreviousVersion or NextVersion; the keyboard (Alt+Left, Alt+Right), the context
// menu and assistive tools reach the same through accessibleName() and the view's actions.
#pragma once

#include "gui/conversation/messagegeometry.h"

#include <QCoreApplication>
#include <QPoint>
#include <QRectF>

class QPainter;

namespace Sluice {

class VersionSwitcher final
{
    Q_DECLARE_TR_FUNCTIONS(Sluice::VersionSwitcher)
public:
    // `versions`: QPoint(version, count), as ChatModel::VersionsRole gives it.
    VersionSwitcher(const MessageTheme &theme, const ConversationMessage &message,
                    const MessageGeometry &geometry, QPoint versions);

    bool isShown() const { return m_count > 1; }
    int version() const { return m_version; }
    int count() const { return m_count; }
    bool hasPrevious() const { return isShown() && m_version > 1; }
    bool hasNext() const { return isShown() && m_version < m_count; }

    // PreviousVersion, NextVersion or None; `pos` in the row's coordinates.
    MessageHit hitAt(const QPointF &pos) const;
    QRectF rectOf(MessageHit kind) const;
    QRectF area() const { return m_area; }
    // The footer to the right of the switcher (a reply's statistics go there).
    MessageGeometry besideSwitcher(const MessageGeometry &g) const;

    void paint(QPainter *p, const QPointF &hover, bool hovered) const;

    QString label() const; // "2 / 3"
    // "Version 2 of 3": the name a screen reader says for the switcher.
    static QString accessibleName(int version, int count);
    static QString previousName();
    static QString nextName();
    // What hovering an arrow says: "Previous version (Alt+Left) · Version 2 of 3"; empty for
    // anything else.
    static QString toolTip(MessageHit kind, QPoint versions);

private:
    const MessageTheme &m_theme;
    int m_version = 1;
    int m_count = 1;
    QRectF m_area;
    QRectF m_previous;
    QRectF m_label;
    QRectF m_next;
};

} // namespace Sluice
