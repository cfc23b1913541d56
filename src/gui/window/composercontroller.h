// What the chat window's composer does with the conversation shown: sending (Send, or Stop
// while a reply comes in), a failed send's text coming back, Retry, Continue, Regenerate, and
// editing a sent message (the banner above the composer, Esc leaves it).
//
// It works on the window's widgets (its form owns them) and on the conversation shown, set
// with setConversation(). Sentences for the status bar come out through message().
#pragma once

#include "core/conversation/attachment.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

class QPushButton;
class QToolButton;
class QWidget;

namespace Sluice {

class Composer;
class ComposerAttachments;
class ConversationController;
class ConversationView;

class ComposerController final : public QObject
{
    Q_OBJECT
public:
    struct Widgets
    {
        Composer *composer = nullptr;
        QPushButton *sendButton = nullptr; // Send, or Stop while a reply comes in
        QWidget *editBanner = nullptr;     // "Editing a sent message", shown while editing
        QToolButton *cancelEditButton = nullptr;
        ConversationView *view = nullptr;
        QWidget *modelField = nullptr; // takes the focus when a model must be chosen
    };

    explicit ComposerController(const Widgets &widgets, QObject *parent = nullptr);

    // The images waiting to go with the next message; their messages come out through
    // message(), they follow the conversation shown.
    void setAttachments(ComposerAttachments *attachments);
    ComposerAttachments *attachments() const { return m_attachments; }

    // The conversation shown; an edit under way ends.
    void setConversation(ConversationController *conversation);
    // Asked before a message is sent from the composer (the context check): false keeps it.
    void setSendGuard(std::function<bool(const QString &)> guard) { m_sendGuard = std::move(guard); }
    // The same before Edit & Resend puts new text in place of the question at a row.
    using EditGuard = std::function<bool(int row, const QString &text,
                                         const QList<Attachment> &attachments)>;
    void setEditGuard(EditGuard guard) { m_editGuard = std::move(guard); }

    // Send, or Stop while a reply comes in (the button and its keys).
    void sendOrStop();
    void send();
    void stop();
    // The last reply, again (Ctrl+R).
    void regenerate();
    void retry(int row);
    void continueReply(int row);
    void beginEdit(int row);
    void cancelEdit();
    // Text and tooltip of the Send button follow the conversation: Stop while it is busy.
    void updateSendButton();
    // A reply ended; if it failed before saying anything, its message returns to the composer.
    void onReplyEnded(int row);

Q_SIGNALS:
    // A sentence for the status bar.
    void message(const QString &text);

private:
    Widgets m_ui;
    ComposerAttachments *m_attachments = nullptr;
    QPointer<ConversationController> m_current;
    std::function<bool(const QString &)> m_sendGuard;
    EditGuard m_editGuard;
    quint64 m_editUid = 0;
    // The unanswered message whose text went back to the composer (see onReplyEnded()).
    QPointer<ConversationController> m_returnedTo;
    quint64 m_returnedUid = 0;
};

} // namespace Sluice
