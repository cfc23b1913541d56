#include "gui/history/historysidebar.h"

#include "gui/history/conversationlistmodel.h"
#include "gui/history/historydelegates.h"
#include "core/storage/conversationstore.h"
#include "gui/widgets/focushonestview.h"

#include <QAction>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPoint>
#include <QPushButton>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace Sluice {

namespace {

// The selection marks the open conversation; the keyboard moves only the focus mark (the
// current index), so moving through the list shows where Enter would go without opening it.
class HistoryListView final : public FocusHonestView<QListView>
{
public:
    using FocusHonestView<QListView>::FocusHonestView;

    // Marks the open conversation: selected, and where the keyboard starts in the list.
    void markOpen(const QModelIndex &index)
    {
        selectionModel()->select(index, QItemSelectionModel::ClearAndSelect);
        setKeyboardMark(index);
    }

protected:
    QItemSelectionModel::SelectionFlags selectionCommand(const QModelIndex &index,
                                                         const QEvent *event) const override
    {
        if (event && (event->type() == QEvent::KeyPress || event->type() == QEvent::FocusIn))
            return QItemSelectionModel::NoUpdate;
        return QListView::selectionCommand(index, event);
    }
};

constexpr int kConversationIdRole = Qt::UserRole + 1;
constexpr int kMessageIdRole = Qt::UserRole + 2;
constexpr int kSearchTextRole = Qt::UserRole + 3;
constexpr int kSearchLimit = 50;

} // namespace

HistorySidebar::HistorySidebar(ConversationStore *store, QWidget *parent)
    : QWidget(parent), m_store(store), m_model(new ConversationListModel(store, this)),
      m_search(new QLineEdit(this)), m_list(new HistoryListView(this)),
      m_results(new FocusHonestView<QListWidget>(this)), m_noResults(new QLabel(this)), m_undoBar(new QWidget(this)),
      m_undoLabel(new QLabel(m_undoBar)), m_searchTimer(new QTimer(this)),
      m_undoTimer(new QTimer(this))
{
    m_search->setObjectName(QStringLiteral("historySearch"));
    m_search->setPlaceholderText(tr("Search conversations"));
    m_search->setAccessibleName(tr("Search conversations"));
    m_search->setClearButtonEnabled(true);
    // The clear button (an icon only) takes the name of what it does.
    for (QAction *action : m_search->actions())
        action->setText(tr("Clear search"));
    for (QToolButton *button : m_search->findChildren<QToolButton *>())
        button->setAccessibleName(tr("Clear search"));
    m_search->installEventFilter(this);

    m_list->setObjectName(QStringLiteral("historyList"));
    m_list->setAccessibleName(tr("Conversations"));
    m_list->setModel(m_model);
    m_list->setItemDelegate(new ConversationDelegate(m_list));
    m_list->setEditTriggers(QAbstractItemView::EditKeyPressed);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setTextElideMode(Qt::ElideRight);

    m_results->setObjectName(QStringLiteral("historySearchResults"));
    m_results->setAccessibleName(tr("Search results"));
    m_results->setItemDelegate(new SearchResultDelegate(m_results));
    m_results->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_results->hide();
    m_noResults->setObjectName(QStringLiteral("historyNoResults"));
    m_noResults->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_noResults->setWordWrap(true);
    m_noResults->hide();

    m_undoBar->setObjectName(QStringLiteral("historyUndoBar"));
    auto *undoButton = new QPushButton(tr("Undo"), m_undoBar);
    undoButton->setObjectName(QStringLiteral("historyUndoButton"));
    auto *undoLayout = new QHBoxLayout(m_undoBar);
    undoLayout->setContentsMargins(4, 2, 4, 2);
    m_undoLabel->setWordWrap(true);
    undoLayout->addWidget(m_undoLabel, 1);
    undoLayout->addWidget(undoButton);
    m_undoBar->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_search);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_results, 1);
    layout->addWidget(m_noResults, 1);
    layout->addWidget(m_undoBar);

    auto addAction = [this](const QString &name, const QString &text, QKeySequence key) {
        auto *action = new QAction(text, m_list);
        action->setObjectName(name);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_list->addAction(action);
        return action;
    };
    connect(
        addAction(QStringLiteral("historyRenameAction"), tr("Rename"), QKeySequence(Qt::Key_F2)),
        &QAction::triggered, this, &HistorySidebar::renameCurrent);
    connect(addAction(QStringLiteral("historyPinAction"), tr("Pin or Unpin"), QKeySequence()),
            &QAction::triggered, this, &HistorySidebar::togglePinCurrent);
    connect(addAction(QStringLiteral("historyDeleteAction"), tr("Delete"),
                      QKeySequence(QKeySequence::Delete)),
            &QAction::triggered, this, &HistorySidebar::deleteCurrent);

    // A conversation opens when it is clicked or activated (Enter, double-click); the focus
    // and the arrow keys only move the focus mark over the list.
    connect(m_list, &QAbstractItemView::clicked, this, &HistorySidebar::openIndex);
    connect(m_list, &QAbstractItemView::activated, this, &HistorySidebar::openIndex);

    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(120);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::textChanged, this, &HistorySidebar::searchEdited);
    connect(m_searchTimer, &QTimer::timeout, this, &HistorySidebar::runSearch);
    connect(m_results, &QListWidget::itemClicked, this, &HistorySidebar::activateResult);
    connect(m_results, &QListWidget::itemActivated, this, &HistorySidebar::activateResult);

    m_undoTimer->setSingleShot(true);
    m_undoTimer->setInterval(10'000);
    connect(m_undoTimer, &QTimer::timeout, this, &HistorySidebar::hideUndoBar);
    connect(undoButton, &QPushButton::clicked, this, &HistorySidebar::undoDelete);
}

void HistorySidebar::setCurrentConversation(qint64 id)
{
    m_currentId = id;
    const int row = m_model->rowOf(id);
    if (row >= 0)
        static_cast<HistoryListView *>(m_list)->markOpen(m_model->index(row));
    else
        m_list->selectionModel()->clear();
}

void HistorySidebar::activateRelative(int step)
{
    const int count = m_model->rowCount();
    if (count == 0 || step == 0)
        return;
    const int row = m_model->rowOf(m_currentId);
    // Not listed (a new chat): the first conversation is next, the last one previous.
    const int from = row >= 0 ? row : (step > 0 ? -1 : count);
    openIndex(m_model->index(((from + step) % count + count) % count));
}

void HistorySidebar::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void HistorySidebar::setUndoTimeoutMs(int ms)
{
    m_undoTimer->setInterval(ms);
}

void HistorySidebar::setSearchDelayMs(int ms)
{
    m_searchTimer->setInterval(ms);
}

void HistorySidebar::openIndex(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const qint64 id = m_model->idAt(index.row());
    if (id == m_currentId)
        return;
    setCurrentConversation(id);
    Q_EMIT conversationActivated(id);
}

void HistorySidebar::runSearch()
{
    const QString text = m_search->text().trimmed();
    m_results->clear();
    const bool searching = !text.isEmpty();
    m_list->setVisible(!searching);
    if (!searching) {
        m_results->hide();
        m_noResults->hide();
        return;
    }
    const QList<SearchHit> hits =
        m_store ? m_store->search(text, kSearchLimit) : QList<SearchHit>();
    const auto ranges = [](const QList<SearchHit::Range> &list) {
        QVariantList result;
        for (const SearchHit::Range &range : list)
            result.append(QPoint(range.start, range.length));
        return result;
    };
    for (const SearchHit &hit : hits) {
        const bool untitled = hit.title.isEmpty();
        auto *item =
            new QListWidgetItem(untitled ? untitledConversationTitle() : hit.title, m_results);
        item->setData(kConversationIdRole, hit.conversationId);
        item->setData(kMessageIdRole, hit.messageId);
        item->setData(kSearchTextRole, text);
        if (!untitled)
            item->setData(SearchResultDelegate::TitleHighlightsRole, ranges(hit.titleHighlights));
        QString label;
        if (hit.messageId == 0)
            label = tr("Title matches");
        else if (hit.inThinking)
            label = tr("Thinking:");
        item->setData(SearchResultDelegate::SnippetLabelRole, label);
        item->setData(SearchResultDelegate::SnippetRole, hit.snippet);
        item->setData(SearchResultDelegate::SnippetHighlightsRole, ranges(hit.highlights));
        QString note;
        if (hit.moreMatches)
            note = tr("%n+ matches", nullptr, hit.matchCount);
        else if (hit.matchCount > 1)
            note = tr("%n matches", nullptr, hit.matchCount);
        item->setData(SearchResultDelegate::NoteRole, note);
        if (!hit.snippet.isEmpty())
            item->setToolTip(hit.snippet);
        QStringList spoken{item->text()};
        for (const QString &part : {note, label, hit.snippet}) {
            if (!part.isEmpty())
                spoken << part;
        }
        item->setData(Qt::AccessibleTextRole, spoken.join(QStringLiteral(", ")));
    }
    m_results->setVisible(!hits.isEmpty());
    m_noResults->setVisible(hits.isEmpty());
    m_noResults->setText(tr("No conversation or message matches “%1”.").arg(text));
    if (!hits.isEmpty()) { // the best result: selected, and where Enter in the search goes
        const QModelIndex best = m_results->model()->index(0, 0);
        m_results->selectionModel()->select(best, QItemSelectionModel::ClearAndSelect);
        static_cast<FocusHonestView<QListWidget> *>(m_results)->setKeyboardMark(best);
    }
}

void HistorySidebar::activateResult(QListWidgetItem *item)
{
    if (!item)
        return;
    Q_EMIT searchResultActivated(item->data(kConversationIdRole).toLongLong(),
                                 item->data(kMessageIdRole).toLongLong(),
                                 item->data(kSearchTextRole).toString());
}

bool HistorySidebar::eventFilter(QObject *watched, QEvent *event)
{
    // Esc clears the search first; the window's Esc (Stop) must not take it from the field.
    if (watched == m_search && event->type() == QEvent::ShortcutOverride &&
        static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape && !m_search->text().isEmpty()) {
        event->accept();
        return true;
    }
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Escape && !m_search->text().isEmpty()) {
            m_search->clear();
            return true;
        }
        if ((key == Qt::Key_Return || key == Qt::Key_Enter) && m_searchTimer->isActive())
            runSearch(); // Enter right after typing: search now, then open the best result
        if ((key == Qt::Key_Return || key == Qt::Key_Enter) && m_results->isVisible()) {
            activateResult(m_results->item(
                static_cast<FocusHonestView<QListWidget> *>(m_results)->keyboardMark().row()));
            return true;
        }
        if (key == Qt::Key_Down && m_results->isVisible()) {
            m_results->setFocus(Qt::TabFocusReason);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void HistorySidebar::renameCurrent()
{
    const QModelIndex index = static_cast<HistoryListView *>(m_list)->keyboardMark();
    if (index.isValid())
        m_list->edit(index);
}

void HistorySidebar::togglePinCurrent()
{
    const QModelIndex index = static_cast<HistoryListView *>(m_list)->keyboardMark();
    if (index.isValid() && m_store) {
        m_store->setPinned(index.data(ConversationListModel::IdRole).toLongLong(),
                           !index.data(ConversationListModel::PinnedRole).toBool());
    }
}

void HistorySidebar::deleteCurrent()
{
    const QModelIndex index = static_cast<HistoryListView *>(m_list)->keyboardMark();
    if (!index.isValid() || !m_store)
        return;
    const qint64 id = index.data(ConversationListModel::IdRole).toLongLong();
    const QString title = index.data(Qt::DisplayRole).toString();
    if (!m_store->deleteConversation(id))
        return;
    if (id == m_currentId)
        m_currentId = 0;
    setCurrentConversation(m_currentId); // no neighbour looks open when it isn't
    m_undoId = id;
    m_undoLabel->setText(tr("Deleted “%1”.").arg(title));
    m_undoBar->show();
    m_undoTimer->start();
}

void HistorySidebar::undoDelete()
{
    if (m_undoId && m_store)
        m_store->restoreConversation(m_undoId);
    hideUndoBar();
}

void HistorySidebar::hideUndoBar()
{
    m_undoTimer->stop();
    m_undoBar->hide();
    m_undoId = 0;
}

} // namespace Sluice
