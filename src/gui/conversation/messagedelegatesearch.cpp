// MessageDelegate, continued: the words of a search result marked in its message.
#include "gui/conversation/messagedelegate.h"

#include "gui/conversation/markdownlayout.h"

#include <QAbstractItemView>

namespace Sluice {

void MessageDelegate::setSearchHighlight(const QModelIndex &index, const QString &search)
{
    clearSearchHighlight();
    if (!index.isValid() || search.trimmed().isEmpty())
        return;
    // The message's layout takes the marks the next time it is used (painted).
    m_highlightUid = index.internalId();
    m_searchHighlight = search;
    m_view->viewport()->update();
}

void MessageDelegate::clearSearchHighlight()
{
    if (!m_highlightUid)
        return;
    m_highlightUid = 0;
    m_searchHighlight.clear();
    m_view->viewport()->update();
}

QModelIndex MessageDelegate::searchHighlightIndex() const
{
    if (!m_model || !m_highlightUid)
        return {};
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex i = m_model->index(row, 0);
        if (i.internalId() == m_highlightUid)
            return i;
    }
    return {};
}

QStringList MessageDelegate::highlightedWords(const QModelIndex &index) const
{
    const MarkdownLayout *layout = index.isValid() ? contentLayout(index) : nullptr;
    return layout ? layout->highlightedWords() : QStringList();
}

} // namespace Sluice
