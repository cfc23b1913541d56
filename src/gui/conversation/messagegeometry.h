// Where everything of one message goes, for painting and for hit testing alike.
#pragma once

#include "core/conversation/conversation.h"

#include <QColor>
#include <QFont>
#include <QList>
#include <QPalette>
#include <QRectF>
#include <QString>

namespace Sluice {

class MarkdownLayout;

// What the user can click in a message.
enum class MessageHit {
    None,
    Text, // the message text (selectable through an overlay)
    Link,
    CopyCode,       // the copy button of a code block
    ThinkingToggle, // "Thought for 3.2 s"
    Retry,
    Continue,
    Copy,       // copy the whole message
    Edit,       // edit & resend (user messages)
    Regenerate, // the last reply
    Image,      // one of a message's images (opens the viewer)
    // The arrows of "‹ 2 / 3 ›" (versionswitcher.h).
    PreviousVersion,
    NextVersion,
};

struct MessageButton
{
    MessageHit kind = MessageHit::None;
    QRectF rect;
    QString label;
};

// Colours and sizes derived from the view's palette and font.
struct MessageTheme
{
    QFont font;
    QFont small;
    QFont smallBold;
    QColor text;
    QColor muted;
    QColor link;
    QColor userBubble;
    QColor codeBackground;
    QColor codeHeader;
    QColor codeBorder;
    QColor quoteBar;
    QColor errorBackground;
    QColor errorBorder;
    QColor errorText;
    QColor buttonBorder;
    QColor buttonHover;
    QColor accent;
    QColor searchMatch; // behind the words of a search result
    bool dark = false;
    qreal maxColumn = 760; // readable line length
    qreal sideMargin = 20;

    static MessageTheme from(const QPalette &palette, const QFont &font);
};

struct MessageGeometry
{
    QRectF column;      // the centred column of this row
    QRectF bubble;      // user: the tinted bubble; assistant: empty
    QList<QRectF> images; // user: the thumbnails above the bubble
    QRectF header;      // assistant: "model · 14:02"
    QPointF textOrigin; // where the content layout is drawn
    qreal textWidth = 0;
    QRectF thinkingToggle;
    QPointF thinkingOrigin;
    bool thinkingShown = false;
    bool thinkingLive = false;
    QRectF statusLine; // "Waiting for the model…" before anything arrived
    QRectF errorBox;
    QRectF errorText;
    QList<MessageButton> errorButtons; // Retry, Continue
    QRectF footer;
    QString footerText;           // the finished reply's stats
    QList<MessageButton> actions; // Copy, Edit, Regenerate — shown on hover
    qreal height = 0;
};

struct MessageInputs
{
    const ConversationMessage *message = nullptr;
    bool thinkingExpanded = false;
    bool isLast = false;
    bool canContinue = false;
    bool canRetry = false;
    bool canRegenerate = false;
};

// The text width a row of `viewWidth` gives a message of this role.
qreal messageTextWidth(const MessageTheme &theme, qreal viewWidth, bool user);

MessageGeometry computeMessageGeometry(const MessageTheme &theme, const MessageInputs &in,
                                       qreal viewWidth, const MarkdownLayout *content,
                                       const MarkdownLayout *thinking);

QString thinkingLabel(const ConversationMessage &m, bool live, bool expanded);
QString statsLine(const ReplyStats &stats);
QString waitingLine(const ConversationMessage &m);
// What a broken reply says under it: "Stopped", the error sentence, or that the app closed.
QString brokenNote(const ConversationMessage &m);
// The note in a card under a reply: brokenNote() for a broken one, or that the server cut
// its prompt ("The model saw only the last N of M tokens."); empty: none.
QString messageNote(const ConversationMessage &m);
// The footer of a message dropped from the context (ReplyStats::droppedFromContext).
QString droppedNote();

} // namespace Sluice
