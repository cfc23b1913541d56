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

// Search results: DisplayRole is the conversation's title, SnippetHtmlRole the snippet.
class SearchResultDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    static constexpr int SnippetHtmlRole = Qt::UserRole + 10;

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace Sluice
