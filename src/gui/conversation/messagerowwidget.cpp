// MessageDelegate and a row's index widget (the tool call cards of a reply, gui/tools/
// toolcards.h): the row is taller by the widget's height, and the widget sits below the
// message's text, in the assistant's text column.
#include "gui/conversation/messagedelegate.h"

#include <QAbstractItemView>

namespace Sluice {

namespace {
constexpr int Gap = 4; // above and below the widget
} // namespace

int MessageDelegate::rowWidgetHeight(const QModelIndex &index) const
{
    const QWidget *widget = m_view->indexWidget(index);
    return widget ? widget->sizeHint().height() + 2 * Gap : 0;
}

void MessageDelegate::updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                                           const QModelIndex &index) const
{
    Q_UNUSED(index)
    const qreal width = messageTextWidth(m_theme, viewWidth(), false);
    const int h = editor->sizeHint().height();
    editor->setGeometry(option.rect.left() + qRound((viewWidth() - width) / 2),
                        option.rect.bottom() + 1 - Gap - h, int(width), h);
}

} // namespace Sluice
