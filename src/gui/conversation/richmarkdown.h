// Highlighted code and typeset math in a rendered Markdown document (docs/rendering.md).
//
// renderMarkdown() takes the formulas out before the Markdown parser (gui/richtext/mathspans)
// and calls applyRichText() on the document it made: closed fenced code gets the colours of
// its tokens, each formula's placeholder becomes its typeset image, or its TeX source in
// monospace while it is being typeset or when it did not typeset (with a tooltip saying why).
// What is not made yet is asked of RichTextEngine; the document says it is pending, and is
// rendered again when RichTextEngine::resultsReady() comes.
#pragma once

#include "gui/conversation/markdowndocument.h"
#include "gui/conversation/messagegeometry.h"
#include "gui/richtext/mathspans.h"

#include <QTextFormat>

class QTextDocumentFragment;

namespace Sluice {

namespace RichText {
// On a formula (image or source text): its TeX source as written, delimiters included.
inline constexpr int TexSourceProperty = QTextFormat::UserProperty + 0x5100;
// On highlighted code: the scope's name ("keyword", "string", …).
inline constexpr int CodeScopeProperty = QTextFormat::UserProperty + 0x5101;
// On a block of fenced code: the language highlight.js used (the fence's or its guess).
inline constexpr int CodeLanguageProperty = QTextFormat::UserProperty + 0x5102;
} // namespace RichText

// The Markdown style of a message in the theme: its text and code background colours.
MarkdownStyle messageMarkdownStyle(const MessageTheme &theme);

// `lastBlockOpen`: the last code block is still streaming in (it stays plain for now).
// Returns true when part of it waits for RichTextEngine.
bool applyRichText(QTextDocument *doc, const QList<CodeBlockRange> &codeBlocks, bool lastBlockOpen,
                   const QList<MathSpan> &math, const MarkdownStyle &style);

// When highlighting or formulas arrive for many messages at once (a long conversation
// opened), rendering them all again in one turn of the event loop would freeze the window:
// all layouts share this budget per turn, and what does not fit renders in the next turns.
namespace RichRenderBudget {
inline constexpr qint64 PerTurnMs = 5;
bool allows();
void charge(qint64 nsecs);
} // namespace RichRenderBudget

// The document's text as a reader would copy it: each formula as its TeX source.
QString plainTextWithTex(const QTextDocument *doc);
QString plainTextWithTex(const QTextDocumentFragment &fragment);

// The tooltip of what is at `pos` (document coordinates): why a formula did not typeset.
QString richToolTipAt(const QTextDocument *doc, const QPointF &pos);

} // namespace Sluice
