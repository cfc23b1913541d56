#include "gui/app/windowbranches.h"

#include "gui/app/windowhistory.h"
#include "gui/conversation/conversationview.h"
#include "gui/window/mainwindow.h"
#include "session/branchnavigator.h"
#include "session/conversationcontroller.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTimer>

namespace Sluice {

WindowBranches::WindowBranches(ConversationStore *store, WindowHistory *history, MainWindow *window,
                               int pageSize)
    : QObject(history), m_store(store), m_history(history), m_window(window), m_pageSize(pageSize),
      m_undoBar(new QWidget(window)), m_undoLabel(new QLabel(m_undoBar)),
      m_undoTimer(new QTimer(this))
{
    m_undoBar->setObjectName(QStringLiteral("messageUndoBar"));
    auto *undo = new QPushButton(tr("Undo"), m_undoBar);
    undo->setObjectName(QStringLiteral("messageUndoButton"));
    undo->setAccessibleDescription(tr("Undo deleting the messages"));
    auto *layout = new QHBoxLayout(m_undoBar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_undoLabel);
    layout->addWidget(undo);
    window->statusBar()->addPermanentWidget(m_undoBar);
    m_undoBar->hide();
    m_undoTimer->setSingleShot(true);
    m_undoTimer->setInterval(kUndoTimeoutMs);
    connect(m_undoTimer, &QTimer::timeout, this, &WindowBranches::hideUndo);
    connect(undo, &QPushButton::clicked, this, &WindowBranches::undoDelete);

    ConversationView *view = window->conversationView();
    connect(view, &ConversationView::versionRequested, this, &WindowBranches::showVersion);
    connect(view, &ConversationView::branchRequested, this, &WindowBranches::branchFrom);
    window->setMessageDeleter(
        [this](ConversationController *, int row) { return requestDelete(row); });
}

BranchNavigator *WindowBranches::attach(ConversationController *c, HistorySink *sink)
{
    if (BranchNavigator *existing = navigatorOf(c))
        return existing;
    auto *navigator = new BranchNavigator(m_store, c, sink, m_pageSize);
    connect(navigator, &BranchNavigator::failed, m_window, [this](const QString &message) {
        m_window->statusBar()->showMessage(tr("Could not save to the history: %1").arg(message),
                                           10000);
    });
    connect(navigator, &BranchNavigator::pathChanged, this, [this, c](int row) {
        if (m_window->currentConversation() != c || row < 0)
            return;
        ConversationView *view = m_window->conversationView();
        const QModelIndex index = c->model()->index(qMin(row, c->model()->rowCount() - 1));
        view->setCurrentIndex(index);
        view->scrollTo(index);
    });
    return navigator;
}

BranchNavigator *WindowBranches::navigatorOf(ConversationController *c) const
{
    return c ? c->findChild<BranchNavigator *>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
}

bool WindowBranches::showVersion(int row, int delta)
{
    BranchNavigator *navigator = navigatorOf(m_window->currentConversation());
    return navigator && navigator->showVersion(row, delta);
}

bool WindowBranches::branchFrom(int row)
{
    BranchNavigator *navigator = navigatorOf(m_window->currentConversation());
    const std::optional<qint64> created = navigator ? navigator->branchFrom(row) : std::nullopt;
    if (!created)
        return false;
    m_history->openConversation(*created);
    m_window->statusBar()->showMessage(tr("Branched into a new conversation."), 5000);
    return true;
}

bool WindowBranches::requestDelete(int row)
{
    ConversationController *c = m_window->currentConversation();
    BranchNavigator *navigator = navigatorOf(c);
    const int count = navigator ? navigator->subtreeSize(row) : 0;
    if (count <= 0 || c->isBusy())
        return false; // not stored (yet): the window deletes the row itself
    if (m_confirm)
        m_confirm->close();
    m_confirm =
        new QMessageBox(QMessageBox::Question, tr("Delete messages"),
                        count == 1 ? tr("Delete this message?")
                                   : tr("Delete this message and everything below it, on every "
                                        "version — %n messages in all?",
                                        nullptr, count),
                        QMessageBox::Cancel, m_window);
    m_confirm->setObjectName(QStringLiteral("deleteMessagesBox"));
    QPushButton *yes = m_confirm->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    yes->setObjectName(QStringLiteral("deleteMessagesButton"));
    m_confirm->setDefaultButton(QMessageBox::Cancel);
    m_confirm->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<ConversationController> target = c;
    connect(yes, &QPushButton::clicked, this, [this, target, row] {
        if (target)
            deleteNow(target, row);
    });
    m_confirm->open();
    return true;
}

void WindowBranches::deleteNow(ConversationController *c, int row)
{
    BranchNavigator *navigator = navigatorOf(c);
    if (!navigator)
        return;
    std::optional<ConversationStore::RemovedSubtree> removed = navigator->deleteFrom(row);
    if (!removed)
        return;
    const int count = int(removed->messages.size());
    m_removed = std::move(removed);
    m_undoConversation = c;
    m_undoLabel->setText(tr("%n message(s) deleted", nullptr, count));
    m_undoBar->show();
    m_undoTimer->start();
}

bool WindowBranches::undoDelete()
{
    BranchNavigator *navigator = navigatorOf(m_undoConversation);
    const bool ok = navigator && m_removed && navigator->undoDelete(*m_removed);
    if (ok)
        hideUndo();
    return ok;
}

void WindowBranches::hideUndo()
{
    m_undoTimer->stop();
    m_undoBar->hide();
    m_removed.reset();
    m_undoConversation = nullptr;
}

void WindowBranches::setUndoTimeoutMs(int ms)
{
    m_undoTimer->setInterval(ms);
}

} // namespace Sluice
