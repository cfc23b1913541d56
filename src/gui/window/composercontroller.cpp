#include "gui/window/composercontroller.h"

#include "session/chatmodel.h"
#include "gui/window/composer.h"
#include "gui/attachments/composerattachments.h"
#include "gui/attachments/documentactions.h"
#include "gui/attachments/imageviewer.h"
#include "session/conversationcontroller.h"
#include "gui/conversation/conversationview.h"
#include "gui/window/modelpicker.h"

#include <QPushButton>
#include <QStyle>
#include <QToolButton>

namespace Sluice {

namespace {

bool isDocument(const ConversationController *conversation, int row, int index)
{
    if (!conversation || row < 0 || row >= conversation->model()->rowCount())
        return false;
    const QList<Attachment> &all = conversation->model()->message(row).attachments;
    return index >= 0 && index < all.size() && all.at(index).isDocument();
}

} // namespace

ComposerController::ComposerController(const Widgets &widgets, QObject *parent)
    : QObject(parent), m_ui(widgets)
{
    m_ui.editBanner->hide();
    connect(m_ui.composer, &Composer::submitted, this, &ComposerController::send);
    connect(m_ui.composer, &Composer::escapePressed, this, &ComposerController::cancelEdit);
    connect(m_ui.sendButton, &QPushButton::clicked, this, &ComposerController::sendOrStop);
    connect(m_ui.cancelEditButton, &QToolButton::clicked, this, &ComposerController::cancelEdit);
    ConversationView *view = m_ui.view;
    connect(view, &ConversationView::retryRequested, this, &ComposerController::retry);
    connect(view, &ConversationView::continueRequested, this, &ComposerController::continueReply);
    connect(view, &ConversationView::regenerateRequested, this, [this](int) { regenerate(); });
    connect(view, &ConversationView::editRequested, this, &ComposerController::beginEdit);
}

void ComposerController::setAttachments(ComposerAttachments *attachments)
{
    m_attachments = attachments;
    connect(attachments, &ComposerAttachments::message, this, &ComposerController::message);
    const auto say = [this](const QString &text) { Q_EMIT message(text); };
    connect(m_ui.view, &ConversationView::imageRequested, this, [this, say](int row, int index) {
        if (isDocument(m_current, row, index))
            DocumentActions::open(m_ui.view->window(), m_current, row, index, say);
        else
            openImageViewer(m_ui.view->window(), m_current, row, index, say);
    });
    connect(m_ui.view, &ConversationView::documentSaveRequested, this,
            [this, say](int row, int index) {
                DocumentActions::save(m_ui.view->window(), m_current, row, index, say);
            });
    attachments->setConversation(m_current);
}

void ComposerController::setConversation(ConversationController *conversation)
{
    cancelEdit();
    m_current = conversation;
    if (m_attachments)
        m_attachments->setConversation(conversation);
}

void ComposerController::stop()
{
    if (m_current)
        m_current->stop();
}

void ComposerController::regenerate()
{
    if (m_current)
        retry(m_current->model()->rowCount() - 1); // the last reply, again
}

void ComposerController::continueReply(int row)
{
    if (m_current && m_current->continueReply(row))
        m_ui.view->jumpToLatest();
}

void ComposerController::updateSendButton()
{
    const bool busy = m_current && m_current->isBusy();
    QPushButton *send = m_ui.sendButton;
    send->setText(busy ? tr("Stop") : tr("Send"));
    // Set only when it changes: each call tells assistive technology the name changed.
    if (const QString name = busy ? tr("Stop") : tr("Send"); send->accessibleName() != name)
        send->setAccessibleName(name);
    send->setToolTip(busy ? tr("Stop the reply (Esc)")
                          : tr("Send the message (%1)").arg(m_ui.composer->sendKeyText()));
    if (send->property("stopMode").toBool() != busy) {
        send->setProperty("stopMode", busy);
        send->style()->unpolish(send);
        send->style()->polish(send);
    }
}

void ComposerController::sendOrStop()
{
    if (m_current && m_current->isBusy()) {
        m_current->stop();
        return;
    }
    send();
}

void ComposerController::send()
{
    if (!m_current)
        return;
    Composer *composer = m_ui.composer;
    const QString text = composer->toPlainText();
    const QList<Attachment> images = m_attachments && !m_editUid ? m_attachments->attachments()
                                                                 : QList<Attachment>();
    if (text.trimmed().isEmpty() && images.isEmpty())
        return;
    if (m_editUid) {
        const int row = m_current->model()->rowOfUid(m_editUid);
        if (row >= 0 && m_editGuard && !m_current->isBusy() &&
            !m_editGuard(row, text, m_current->model()->message(row).attachments))
            return; // over the context window and not sent: the edit stays in the box
        if (row >= 0 && m_current->editAndResend(row, text)) {
            composer->clear();
            cancelEdit();
            m_ui.view->jumpToLatest();
        } else {
            Q_EMIT message(tr("Could not resend: choose a server and a model first."));
        }
        return;
    }
    if (m_sendGuard && !m_current->isBusy() && !m_sendGuard(text))
        return;
    int replacing = -1;
    if (m_returnedUid && m_returnedTo == m_current)
        replacing = m_current->model()->rowOfUid(m_returnedUid);
    if (m_attachments && !m_attachments->readyToSend())
        return; // a model that reads no images: said once, the next send goes
    switch (m_current->send(text, replacing, images)) {
    case ConversationController::SendResult::Sent:
        m_returnedUid = 0;
        composer->clear();
        if (m_attachments)
            m_attachments->clear();
        m_ui.view->jumpToLatest();
        ModelPicker::rememberModel(m_current->provider().id, m_current->options().model);
        break;
    case ConversationController::SendResult::Busy:
        Q_EMIT message(tr("A reply is still coming in. Press Esc to stop it first."));
        break;
    case ConversationController::SendResult::NoProvider:
        Q_EMIT message(tr("No server is configured. Open Settings (Ctrl+,) to add one."));
        break;
    case ConversationController::SendResult::NoModel:
        Q_EMIT message(tr("Choose a model first."));
        m_ui.modelField->setFocus(Qt::OtherFocusReason);
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
void ComposerController::onReplyEnded(int row)
{
    if (!m_current || m_editUid)
        return;
    const int user = m_current->unansweredRow();
    if (user < 0 || user != row - 1 || !m_ui.composer->toPlainText().trimmed().isEmpty() ||
        (m_attachments && !m_attachments->attachments().isEmpty()))
        return;
    const ConversationMessage &m = m_current->model()->message(user);
    if (m_attachments) // the images come back with the text (a server that refused them)
        m_attachments->add(m.attachments);
    m_returnedTo = m_current;
    m_returnedUid = m.uid;
    m_ui.composer->setPlainText(m.content);
    m_ui.composer->moveCursor(QTextCursor::End);
}

void ComposerController::retry(int row)
{
    if (!m_current)
        return;
    const int user = m_current->unansweredRow();
    const QString returned = user >= 0 && user == row - 1 && m_returnedTo == m_current &&
                                     m_current->model()->message(user).uid == m_returnedUid
                                 ? m_current->model()->message(user).content
                                 : QString();
    if (!m_current->retry(row))
        return;
    if (m_attachments && m_returnedUid && m_returnedTo == m_current)
        m_attachments->clear(); // they went back with the message, which is sent again
    if (!returned.isEmpty() && m_ui.composer->toPlainText() == returned)
        m_ui.composer->clear();
    m_returnedUid = 0;
    // The row the focus was on went away with the old reply: the focus goes to the new one,
    // not to the question above it.
    const ChatModel *model = m_current->model();
    m_ui.view->setCurrentIndex(model->index(model->rowCount() - 1));
    m_ui.view->jumpToLatest();
}

void ComposerController::beginEdit(int row)
{
    if (!m_current || !m_current->canEdit(row))
        return;
    const ConversationMessage &m = m_current->model()->message(row);
    m_editUid = m.uid;
    m_ui.composer->setPlainText(m.content);
    m_ui.composer->moveCursor(QTextCursor::End);
    m_ui.editBanner->show();
    m_ui.composer->setFocus(Qt::OtherFocusReason);
}

void ComposerController::cancelEdit()
{
    if (!m_editUid)
        return;
    m_editUid = 0;
    m_ui.editBanner->hide();
    m_ui.composer->clear();
}

} // namespace Sluice
