// The context meter under the message box: about how many tokens the conversation shown
// will send with the message being written ("1.2k / 8k tokens") against the model's context
// window, and the check before sending a conversation that will not fit (contextwarning.h).
//
// The count is estimateContext() (core/conversation/contextbudget.h): the server's own count
// of the latest reply where it gave one, estimated for the rest. The window is
// contextWindowFor() (core/models/contextwindow.h) from the conversation's options and what
// the model picker learnt of the model.
#pragma once

#include "core/conversation/attachment.h"
#include "core/models/contextwindow.h"

#include <QHash>
#include <QObject>
#include <QPointer>

class QBoxLayout;
class QLabel;
class QWidget;

namespace Sluice {

class AttachmentStrip;
class Composer;
class ConversationController;
class ModelPicker;

class ContextMeter final : public QObject
{
    Q_OBJECT
public:
    // The meter's label goes at the end of `column` (under the message box).
    ContextMeter(QBoxLayout *column, Composer *composer, ModelPicker *picker,
                 QWidget *dialogParent);

    void setConversation(ConversationController *conversation);

    // Before `text` is sent: true to send it. A conversation over the window asks first
    // (contextwarning.h), and a choice may change the conversation (a larger num_ctx).
    bool approveSend(const QString &text);
    // The same before Edit & Resend puts `text` (with the documents of `attachments`) in
    // place of the question at `row`: what is sent is the conversation before it and the
    // new text. Dropping drops from the messages before it; no summary is offered.
    bool approveEdit(int row, const QString &text, const QList<Attachment> &attachments);

    // What is attached to the message being written (the composer's strip): its documents'
    // tokens count with the draft.
    void setAttachmentStrip(AttachmentStrip *strip);
    // Tokens of the documents attached to the message being written (images: 0, as no
    // count of an image's tokens can be made without the model).
    qint64 attachmentTokens() const;

    QLabel *label() const { return m_label; }

Q_SIGNALS:
    // "New chat with a summary" was chosen, for a conversation over `window` tokens.
    void summaryWanted(qint64 window);

public:
    // The tokens the next request would send with `draft`, and the window it meets.
    qint64 tokensWith(const QString &draft) const;
    ContextWindow window() const;

private:
    void invalidate();
    void update();
    QList<int> rowsToDrop(qint64 tokens, int endRow, qint64 target) const;
    bool ask(qint64 tokens, int endRow, bool summaryOffered);

    Composer *m_composer;
    ModelPicker *m_picker;
    QWidget *m_dialogParent;
    QLabel *m_label;
    QPointer<ConversationController> m_current;
    QPointer<AttachmentStrip> m_strip;
    QList<QMetaObject::Connection> m_connections;
    struct CachedCount
    {
        const QChar *text = nullptr; // the message's text when it was counted
        qsizetype size = -1;
        qint64 tokens = 0;
    };
    QHash<quint64, CachedCount> m_counts; // by message uid
    qint64 m_baseTokens = 0; // the conversation without the draft
    double m_factor = 1.0;   // the server's counts over the estimates (estimateContext())
    bool m_corrected = false;
    bool m_dirty = true;
    bool m_updateQueued = false;
};

} // namespace Sluice
