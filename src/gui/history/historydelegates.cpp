#include "historydelegates.h"

#include "conversationlistmodel.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QPainter>
#include <QTextDocument>

namespace Sluice {

namespace {

constexpr int kPadding = 4;

QFont headerFont(const QFont &base)
{
    QFont font = base;
    font.setBold(true);
    font.setPointSizeF(base.pointSizeF() * 0.85);
    return font;
}

} // namespace

bool ConversationDelegate::startsSection(const QModelIndex &index)
{
    if (index.row() == 0)
        return true;
    const QModelIndex previous = index.siblingAtRow(index.row() - 1);
    return previous.data(ConversationListModel::SectionRole) !=
           index.data(ConversationListModel::SectionRole);
}

int ConversationDelegate::headerHeight(const QStyleOptionViewItem &option) const
{
    return QFontMetrics(headerFont(option.font)).height() + 2 * kPadding;
}

void ConversationDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    QStyleOptionViewItem item = option;
    if (startsSection(index)) {
        const int header = headerHeight(option);
        QRect headerRect = option.rect;
        headerRect.setHeight(header);
        painter->save();
        painter->setFont(headerFont(option.font));
        painter->setPen(option.palette.color(QPalette::PlaceholderText));
        painter->drawText(headerRect.adjusted(kPadding, kPadding, -kPadding, 0),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          index.data(ConversationListModel::SectionRole).toString());
        painter->restore();
        item.rect.setTop(option.rect.top() + header);
    }
    QStyledItemDelegate::paint(painter, item, index);
}

QSize ConversationDelegate::sizeHint(const QStyleOptionViewItem &option,
                                     const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(size.height() + 2 * kPadding);
    if (startsSection(index))
        size.setHeight(size.height() + headerHeight(option));
    return size;
}

void ConversationDelegate::updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                                                const QModelIndex &index) const
{
    QStyleOptionViewItem item = option;
    if (startsSection(index))
        item.rect.setTop(option.rect.top() + headerHeight(option));
    QStyledItemDelegate::updateEditorGeometry(editor, item, index);
}

void SearchResultDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    QStyleOptionViewItem item = option;
    initStyleOption(&item, index);
    const QString title = item.text;
    item.text.clear();
    QStyle *style = item.widget ? item.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &item, painter, item.widget);

    const bool selected = item.state & QStyle::State_Selected;
    const QColor text = item.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    const QRect area = item.rect.adjusted(kPadding, kPadding, -kPadding, -kPadding);

    painter->save();
    QFont bold = item.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(text);
    const QFontMetrics boldMetrics(bold);
    painter->drawText(area.topLeft() + QPoint(0, boldMetrics.ascent()),
                      boldMetrics.elidedText(title, Qt::ElideRight, area.width()));

    QTextDocument snippet;
    snippet.setDefaultFont(item.font);
    snippet.setDocumentMargin(0);
    snippet.setTextWidth(area.width());
    snippet.setHtml(index.data(SnippetHtmlRole).toString());
    painter->translate(area.left(), area.top() + boldMetrics.height());
    const QRect clip(0, 0, area.width(), area.height() - boldMetrics.height());
    QAbstractTextDocumentLayout::PaintContext context;
    context.palette.setColor(QPalette::Text, text);
    context.clip = clip;
    painter->setClipRect(clip);
    snippet.documentLayout()->draw(painter, context);
    painter->restore();
}

QSize SearchResultDelegate::sizeHint(const QStyleOptionViewItem &option,
                                     const QModelIndex &index) const
{
    Q_UNUSED(index)
    const QFontMetrics metrics(option.font);
    // The title and up to two lines of snippet.
    return {option.rect.width() > 0 ? option.rect.width() : 200,
            metrics.height() * 3 + 2 * kPadding};
}

} // namespace Sluice
