// The model picker's list: each model's name, and after it in a quieter colour what it can do
// ("vision, thinking, tools · loaded") — from MarksRole, so the edit text stays the model id.
#pragma once

#include <QStyledItemDelegate>

namespace Sluice {

class ModelPickerDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    static constexpr int MarksRole = Qt::UserRole + 40;

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace Sluice
