// Draws the parts of a message around its text: who wrote it and when, the frames of code
// blocks (language, Copy button, a tick once copied), quote bars, the error card, and the
// buttons under a message. The text itself is drawn by its MarkdownLayout.
#pragma once

#include "gui/conversation/messagegeometry.h"
#include "gui/conversation/markdownlayout.h"

#include <QCoreApplication>

#include <utility>

class QPainter;

namespace Sluice {

class MessagePainter final
{
    Q_DECLARE_TR_FUNCTIONS(Sluice::MessagePainter)
public:
    explicit MessagePainter(const MessageTheme &theme) : m_theme(theme) {}

    // The Copy button in a code block's header, in the layout's coordinates.
    static QRectF copyButtonRect(const MarkdownLayout::CodeBlock &block);

    // The user's bubble, or the reply's model name and time.
    void header(QPainter *p, const ConversationMessage &m, const MessageGeometry &g) const;
    // "Thought for 3.2 s" (or "Thinking…"), the toggle of the reply's thinking.
    void thinkingToggle(QPainter *p, const ConversationMessage &m, const MessageGeometry &g,
                        bool hovered) const;
    // The bar beside the shown thinking, `height` tall.
    void thinkingBar(QPainter *p, const MessageGeometry &g, qreal height) const;
    // A laid-out text, within `visible`; the pieces `hidden` (first, last; -1: none) are left
    // out (selection overlays show them).
    void text(QPainter *p, const MarkdownLayout &layout, const QPointF &origin, const QColor &color,
              const QRectF &visible, std::pair<int, int> hidden) const;
    // "Waiting for the model…" while a reply has not begun.
    void statusLine(QPainter *p, const ConversationMessage &m, const MessageGeometry &g) const;
    // The line under a reply (its statistics).
    void footer(QPainter *p, const MessageGeometry &g) const;
    // `copiedBlock` says "Copied" (-1: none); `hover` and `visible` (what is on screen) in
    // the same coordinates as `origin`.
    void codeBlocks(QPainter *p, const MarkdownLayout &layout, const QPointF &origin,
                    int copiedBlock, bool hovered, const QPoint &hover,
                    const QRectF &visible) const;
    // A failed or stopped reply: the note, with Retry / Continue.
    void errorCard(QPainter *p, const ConversationMessage &m, const MessageGeometry &g,
                   bool hovered, const QPoint &hover) const;
    void button(QPainter *p, const MessageButton &b, bool hovered, bool primary,
                bool flashed) const;

private:
    const MessageTheme &m_theme;
};

} // namespace Sluice
