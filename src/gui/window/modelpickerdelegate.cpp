#include "gui/window/modelpickerdelegate.h"

#include <QApplication>
#include <QPainter>

namespace Sluice {

void ModelPickerDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    QStyledItemDelegate::paint(painter, option, index);
    const QString marks = index.data(MarksRole).toString();
    if (marks.isEmpty())
        return;
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const int margin = opt.fontMetrics.horizontalAdvance(u' ') * 2;
    QRect rect = opt.rect.adjusted(margin, 0, -margin, 0);
    const int nameWidth = opt.fontMetrics.horizontalAdvance(opt.text) + margin * 2;
    rect.setLeft(qMin(rect.right(), rect.left() + nameWidth));
    painter->save();
    QFont small = opt.font;
    small.setPointSizeF(small.pointSizeF() * 0.88);
    painter->setFont(small);
    const bool selected = opt.state & QStyle::State_Selected;
    QColor color = opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    color.setAlphaF(0.6f);
    painter->setPen(color);
    const QString shown = QFontMetrics(small).elidedText(marks, Qt::ElideRight, rect.width());
    painter->drawText(rect, Qt::AlignVCenter | Qt::AlignRight, shown);
    painter->restore();
}

QSize ModelPickerDelegate::sizeHint(const QStyleOptionViewItem &option,
                                    const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QString marks = index.data(MarksRole).toString();
    if (!marks.isEmpty())
        size.rwidth() += option.fontMetrics.horizontalAdvance(marks) + 40;
    return size;
}

} // namespace Sluice
