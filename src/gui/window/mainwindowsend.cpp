// MainWindow's composer side: sending, a failed send's text coming back, Retry, and editing
// a sent message.
#include "gui/window/mainwindow.h"

#include "session/chatmodel.h"
#include "gui/window/composer.h"
#include "session/conversationcontroller.h"
#include "gui/conversation/conversationview.h"

#include "ui_mainwindow.h"

#include <QSettings>

namespace Sluice {

void MainWindow::onSendClicked()
{
    if (m_current && m_current->isBusy()) {
        m_current->stop();
        return;
    }
    send();
}

void MainWindow::send()
{
    if (!m_current)
        return;
    Composer *composer = m_ui->composer;
    const QString text = composer->toPlainText();
    if (text.trimmed().isEmpty())
        return;
    if (m_editUid) {
        const int row = m_current->model()->rowOfUid(m_editUid);
        if (row >= 0 && m_current->editAndResend(row, text)) {
            composer->clear();
            cancelEdit();
            m_ui->conversationView->jumpToLatest();
        } else {
            showTransient(tr("Could not resend: choose a server and a model first."));
        }
        return;
    }
    int replacing = -1;
    if (m_returnedUid && m_returnedTo == m_current)
        replacing = m_current->model()->rowOfUid(m_returnedUid);
    switch (m_current->send(text, replacing)) {
    case ConversationController::SendResult::Sent:
        m_returnedUid = 0;
        composer->clear();
        m_ui->conversationView->jumpToLatest();
        QSettings().setValue(MainWindow::lastModelKey(m_current->provider().id), m_current->options().model);
        break;
    case ConversationController::SendResult::Busy:
        showTransient(tr("A reply is still coming in. Press Esc to stop it first."));
        break;
    case ConversationController::SendResult::NoProvider:
        showTransient(tr("No server is configured. Open Settings (Ctrl+,) to add one."));
        break;
    case ConversationController::SendResult::NoModel:
        showTransient(tr("Choose a model first."));
        m_ui->modelCombo->setFocus(Qt::OtherFocusReason);
        break;
    case ConversationController::SendResult::Empty:
        break;
    }
}

// A request that fails before the reply says anything (connection refused, an HTTP error, an
// unknown model) gives the message back: its text returns to the composer, unless the user
// has typed something there meanwhile, so they can fix the server or model and press the
// send key again. The failed turn stays in the conversation, with its error sentence and
// Retry, until then; sending from the composer replaces it (message and failed reply)
// instead of adding a second copy. Retry instead takes the text out of the composer again.
void MainWindow::onReplyEnded(int row)
{
    if (!m_current || m_editUid)
        return;
    const int user = m_current->unansweredRow();
    if (user < 0 || user != row - 1 || !m_ui->composer->toPlainText().trimmed().isEmpty())
        return;
    const ConversationMessage &m = m_current->model()->message(user);
    m_returnedTo = m_current;
    m_returnedUid = m.uid;
    m_ui->composer->setPlainText(m.content);
    m_ui->composer->moveCursor(QTextCursor::End);
}

void MainWindow::retry(int row)
{
    if (!m_current)
        return;
    const int user = m_current->unansweredRow();
    const QString returned =
        user >= 0 && user == row - 1 && m_returnedTo == m_current &&
                m_current->model()->message(user).uid == m_returnedUid
            ? m_current->model()->message(user).content
            : QString();
    if (!m_current->retry(row))
        return;
    if (!returned.isEmpty() && m_ui->composer->toPlainText() == returned)
        m_ui->composer->clear();
    m_returnedUid = 0;
    m_ui->conversationView->jumpToLatest();
}

void MainWindow::beginEdit(int row)
{
    if (!m_current || !m_current->canEdit(row))
        return;
    const ConversationMessage &m = m_current->model()->message(row);
    m_editUid = m.uid;
    m_ui->composer->setPlainText(m.content);
    m_ui->composer->moveCursor(QTextCursor::End);
    m_ui->editBanner->show();
    m_ui->composer->setFocus(Qt::OtherFocusReason);
}

void MainWindow::cancelEdit()
{
    if (!m_editUid)
        return;
    m_editUid = 0;
    m_ui->editBanner->hide();
    m_ui->composer->clear();
}

} // namespace Sluice
