#include "gui/widgets/elidinglabel.h"

#include <QHelpEvent>
#include <QPainter>
#include <QStyle>
#include <QToolTip>

namespace Sluice {

ElidingLabel::ElidingLabel(QWidget *parent) : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setWordWrap(false);
}

void ElidingLabel::setPreferredChars(int chars)
{
    m_preferredChars = chars;
    updateGeometry();
}

QSize ElidingLabel::sizeHint() const
{
    QSize hint = QLabel::sizeHint();
    if (m_preferredChars > 0) {
        const QMargins m = contentsMargins();
        hint.setWidth(qMin(hint.width(), fontMetrics().averageCharWidth() * m_preferredChars +
                                             m.left() + m.right() + 2 * margin()));
    }
    return hint;
}

QSize ElidingLabel::minimumSizeHint() const
{
    return {1, QLabel::minimumSizeHint().height()};
}

bool ElidingLabel::isElided() const
{
    return fontMetrics().horizontalAdvance(text()) > contentsRect().width();
}

QString ElidingLabel::shownText() const
{
    // A status has one line: line breaks in a server's sentence are shown as spaces.
    QString line = text();
    line.replace(u'\n', u' ');
    return fontMetrics().elidedText(line, Qt::ElideRight, contentsRect().width());
}

void ElidingLabel::paintEvent(QPaintEvent *event)
{
    if (!isElided()) {
        QLabel::paintEvent(event);
        return;
    }
    QPainter painter(this);
    drawFrame(&painter);
    style()->drawItemText(&painter, contentsRect(), int(alignment()) | Qt::TextSingleLine,
                          palette(), isEnabled(), shownText(), foregroundRole());
}

bool ElidingLabel::event(QEvent *event)
{
    // The whole text as a tooltip when it is cut, unless a tooltip of its own was set.
    if (event->type() == QEvent::ToolTip && toolTip().isEmpty()) {
        auto *help = static_cast<QHelpEvent *>(event);
        if (isElided())
            QToolTip::showText(help->globalPos(), text(), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QLabel::event(event);
}

} // namespace Sluice
