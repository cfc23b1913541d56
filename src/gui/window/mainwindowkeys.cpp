// MainWindow's keys that reach beyond the conversation: search (Ctrl+K, Ctrl+F), the next and
// previous conversation (Ctrl+Tab, Ctrl+Shift+Tab), the model picker (Ctrl+M).
#include "gui/window/mainwindow.h"

#include "gui/window/sessionsidebar.h"

#include "ui_mainwindow.h"

#include <QAbstractItemView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMetaMethod>
#include <QSplitter>

namespace Sluice {

void MainWindow::searchConversations()
{
    if (isSignalConnected(QMetaMethod::fromSignal(&MainWindow::searchRequested))) {
        Q_EMIT searchRequested();
        return;
    }
    showTransient(tr("Searching needs the history, which is not open."));
}

void MainWindow::stepConversation(int step)
{
    if (isSignalConnected(QMetaMethod::fromSignal(&MainWindow::conversationStepRequested))) {
        Q_EMIT conversationStepRequested(step);
        return;
    }
    if (m_ui->splitter->widget(0) == m_sessionSidebar)
        m_sessionSidebar->activateRelative(step);
}

void MainWindow::chooseModel()
{
    QComboBox *combo = m_ui->modelCombo;
    combo->setFocus(Qt::ShortcutFocusReason);
    if (combo->count() > 0)
        combo->showPopup();
    else if (combo->lineEdit())
        combo->lineEdit()->selectAll(); // nothing listed: type a name
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    // A text field claims the keys it edits with before any shortcut sees them; these few
    // belong to the window wherever the focus is.
    if (event->type() == QEvent::ShortcutOverride && watched->isWidgetType() &&
        static_cast<QWidget *>(watched)->window() == this) {
        const QKeySequence pressed(static_cast<QKeyEvent *>(event)->keyCombination());
        for (const QAction *action : std::as_const(m_windowKeys)) {
            if (action->isEnabled() && action->shortcuts().contains(pressed))
                return true; // not offered to the field: the action's shortcut runs
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

} // namespace Sluice
