#include "gui/history/historydelegates.h"

#include "gui/history/conversationlistmodel.h"

#include <QApplication>
#include <QPainter>

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

namespace {

struct Marked
{
    QString text;
    QList<QPoint> ranges; // (start, length), in order
};

Marked marked(const QString &text, const QVariant &ranges)
{
    Marked result{text, {}};
    const QVariantList list = ranges.toList();
    for (const QVariant &range : list)
        result.ranges.append(range.toPoint());
    return result;
}

// Drops the start of a line whose first match would not show: "…" and a few words before it.
void showFirstMatch(Marked *line, const QFontMetrics &metrics, int width)
{
    if (line->ranges.isEmpty())
        return;
    const QPoint first = line->ranges.constFirst();
    const int matchEnd = first.x() + first.y();
    if (metrics.horizontalAdvance(line->text.left(matchEnd)) <= width)
        return;
    const QString ellipsis(QChar(0x2026));
    const int budget = width * 4 / 5 - metrics.horizontalAdvance(ellipsis);
    int start = first.x();
    while (start > 0 &&
           metrics.horizontalAdvance(line->text.mid(start - 1, matchEnd - start + 1)) < budget)
        --start;
    // Begin at a word.
    if (start > 0 && start < first.x() && !line->text.at(start - 1).isSpace()) {
        const qsizetype space = line->text.indexOf(u' ', start);
        if (space >= 0 && space < first.x())
            start = int(space) + 1;
    }
    if (start <= 0)
        return;
    line->text = ellipsis + line->text.mid(start);
    for (QPoint &range : line->ranges)
        range.setX(range.x() - start + 1);
    line->ranges.removeIf([](const QPoint &range) { return range.x() < 1; });
}

// Draws text on one line from `at`, matched ranges bold or on a highlight, elided at `right`.
void drawMarked(QPainter *painter, const Marked &line, QPoint at, int right, const QFont &font,
                const QFont &matchFont, const QColor &matchBackground)
{
    int x = at.x();
    int from = 0;
    const auto draw = [&](const QString &part, bool match) {
        if (part.isEmpty() || x >= right)
            return;
        const QFont &f = match ? matchFont : font;
        const QFontMetrics metrics(f);
        QString shown = part;
        if (x + metrics.horizontalAdvance(shown) > right)
            shown = metrics.elidedText(part, Qt::ElideRight, right - x);
        const int width = metrics.horizontalAdvance(shown);
        if (match && matchBackground.isValid())
            painter->fillRect(QRect(x, at.y() - metrics.ascent(), width, metrics.height()),
                              matchBackground);
        painter->setFont(f);
        painter->drawText(QPoint(x, at.y()), shown);
        x += shown == part ? width : right - x; // nothing after an elided part
    };
    for (const QPoint &range : line.ranges) {
        if (range.x() < from)
            continue;
        draw(line.text.mid(from, range.x() - from), false);
        draw(line.text.mid(range.x(), range.y()), true);
        from = range.x() + range.y();
    }
    draw(line.text.mid(from), false);
}

} // namespace

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
    QColor dim = item.palette.color(QPalette::PlaceholderText);
    if (selected)
        dim = text;
    const QRect area = item.rect.adjusted(kPadding, kPadding, -kPadding, -kPadding);

    painter->save();
    painter->setClipRect(item.rect);
    QFont bold = item.font;
    bold.setBold(true);
    const QFontMetrics boldMetrics(bold);
    const QFontMetrics metrics(item.font);

    // Line 1: the title, and the note at its right.
    int titleRight = area.right();
    const QString note = index.data(NoteRole).toString();
    if (!note.isEmpty()) {
        painter->setFont(item.font);
        painter->setPen(dim);
        const int noteWidth = metrics.horizontalAdvance(note);
        painter->drawText(QPoint(area.right() - noteWidth, area.top() + boldMetrics.ascent()),
                          note);
        titleRight -= noteWidth + 2 * kPadding;
    }
    painter->setPen(text);
    QColor titleMark = item.palette.color(QPalette::Highlight);
    titleMark.setAlpha(selected ? 0 : 70);
    drawMarked(painter, marked(title, index.data(TitleHighlightsRole)),
               QPoint(area.left(), area.top() + boldMetrics.ascent()), titleRight, bold, bold,
               selected ? QColor() : titleMark);

    // Line 2: the snippet, after its label.
    const int baseline = area.top() + boldMetrics.height() + metrics.ascent();
    int left = area.left();
    const QString label = index.data(SnippetLabelRole).toString();
    if (!label.isEmpty()) {
        QFont italic = item.font;
        italic.setItalic(true);
        painter->setFont(italic);
        painter->setPen(dim);
        painter->drawText(QPoint(left, baseline), label);
        left += QFontMetrics(italic).horizontalAdvance(label + u' ');
    }
    Marked snippet = marked(index.data(SnippetRole).toString(), index.data(SnippetHighlightsRole));
    showFirstMatch(&snippet, metrics, area.right() - left);
    painter->setPen(text);
    drawMarked(painter, snippet, QPoint(left, baseline), area.right(), item.font, bold, QColor());
    painter->restore();
}

QString SearchResultDelegate::shownSnippet(const QString &snippet, const QVariant &highlights,
                                           const QFontMetrics &metrics, int width)
{
    Marked line = marked(snippet, highlights);
    showFirstMatch(&line, metrics, width);
    return line.text;
}

QSize SearchResultDelegate::sizeHint(const QStyleOptionViewItem &option,
                                     const QModelIndex &index) const
{
    Q_UNUSED(index)
    QFont bold = option.font;
    bold.setBold(true);
    // The title and one line of snippet.
    return {option.rect.width() > 0 ? option.rect.width() : 200,
            QFontMetrics(bold).height() + QFontMetrics(option.font).height() + 3 * kPadding};
}

} // namespace Sluice
