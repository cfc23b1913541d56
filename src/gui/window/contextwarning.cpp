#include "gui/window/contextwarning.h"

#include <QLocale>
#include <QMessageBox>
#include <QPushButton>

namespace Sluice {

ContextWarning::ContextWarning(qint64 tokens, const ContextWindow &window, const QString &model,
                               int droppable, QWidget *parent)
    : m_tokens(tokens), m_window(window), m_model(model), m_parent(parent),
      m_droppable(droppable)
{
    if (!window.canRaise)
        return;
    // A quarter more than is sent, for the reply, rounded up to a power of two.
    qint64 raised = 2048;
    while (raised < tokens + tokens / 4)
        raised *= 2;
    if (window.max > 0)
        raised = qMin(raised, window.max);
    if (raised > window.tokens && raised >= tokens)
        m_raised = raised;
}

ContextWarning::Choice ContextWarning::ask()
{
    const QLocale locale;
    QMessageBox box(QMessageBox::Warning, tr("This conversation will not fit"),
                    tr("This conversation will not fit the model's context window."),
                    QMessageBox::NoButton, m_parent);
    box.setObjectName(QStringLiteral("contextWarning"));
    box.setTextFormat(Qt::PlainText);
    QString detail =
        tr("About %1 tokens would be sent, and %2 keeps %3 (%4). The server would cut the "
           "beginning of the conversation, the system prompt first, and the model would not "
           "know it.")
            .arg(locale.toString(m_tokens), m_model, locale.toString(m_window.tokens),
                 m_window.source);
    if (m_window.canRaise && m_raised < 0)
        detail += u' ' + tr("The model takes no more than %1 tokens.")
                             .arg(locale.toString(m_window.max));
    box.setInformativeText(detail);
    QPushButton *raise = nullptr;
    if (m_raised > 0) {
        raise = box.addButton(tr("&Raise the context to %1 tokens").arg(locale.toString(m_raised)),
                              QMessageBox::AcceptRole);
        raise->setObjectName(QStringLiteral("raiseContextButton"));
        raise->setToolTip(tr("Send with a larger context (num_ctx). The model is loaded again "
                             "and takes more memory."));
    }
    QPushButton *drop = nullptr;
    if (m_droppable > 0) {
        drop = box.addButton(m_droppable == 1
                                 ? tr("&Drop the oldest message")
                                 : tr("&Drop the oldest %1 messages").arg(m_droppable),
                             QMessageBox::AcceptRole);
        drop->setObjectName(QStringLiteral("dropOldestButton"));
        drop->setToolTip(tr("They stay in the conversation, marked as not sent, and are left "
                            "out of this request and the next ones."));
    }
    QPushButton *summarize = nullptr;
    if (m_summaryOffered) {
        summarize = box.addButton(tr("New chat with a &summary"), QMessageBox::AcceptRole);
        summarize->setObjectName(QStringLiteral("summarizeButton"));
        summarize->setToolTip(tr("The model summarises this conversation, in parts that fit; a "
                                 "new chat starts from the summary, with your message in the box."));
    }
    QPushButton *anyway = box.addButton(tr("Send &anyway"), QMessageBox::DestructiveRole);
    anyway->setObjectName(QStringLiteral("sendAnywayButton"));
    QPushButton *cancel = box.addButton(tr("Don't send"), QMessageBox::RejectRole);
    cancel->setObjectName(QStringLiteral("cancelSendButton"));
    box.setEscapeButton(cancel);
    box.setDefaultButton(raise ? raise : cancel);
    box.exec();
    if (raise && box.clickedButton() == raise)
        return Choice::RaiseContext;
    if (drop && box.clickedButton() == drop)
        return Choice::DropOldest;
    if (summarize && box.clickedButton() == summarize)
        return Choice::Summarize;
    if (box.clickedButton() == anyway)
        return Choice::SendAnyway;
    return Choice::Cancel;
}

} // namespace Sluice
