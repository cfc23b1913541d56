// Painting the sidebar's rows: conversations under section headers, and search results
// with their title and a snippet whose matched words are bold.
#pragma once

#include <QStyledItemDelegate>

namespace Sluice {

// Draws a section header (ConversationListModel::SectionRole) above the first row of each
// section, inside that row, so the model stays a plain list.
class ConversationDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const override;

    static bool startsSection(const QModelIndex &index);

private:
    int headerHeight(const QStyleOptionViewItem &option) const;
};

// Search results, one per conversation: the title (DisplayRole) with its matched words
// marked and, at its right, a note such as "3 matches"; below it one line of snippet whose
// matched words are bold, shifted left when needed so that the first match shows.
class SearchResultDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    // Ranges are QVariantLists of QPoint(start, length).
    static constexpr int TitleHighlightsRole = Qt::UserRole + 10;
    static constexpr int SnippetRole = Qt::UserRole + 11;
    static constexpr int SnippetHighlightsRole = Qt::UserRole + 12;
    static constexpr int NoteRole = Qt::UserRole + 13;
    static constexpr int SnippetLabelRole = Qt::UserRole + 14; // e.g. "Thinking:", dimmed

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The part of a snippet drawn in `width`: when its first match would be cut off, "…" and
    // a few words before the match instead of the snippet's start.
    static QString shownSnippet(const QString &snippet, const QVariant &highlights,
                                const QFontMetrics &metrics, int width);
};

} // namespace Sluice
