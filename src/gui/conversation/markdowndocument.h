// Markdown → a styled, safe QTextDocument.
//
// Raw HTML stays text (MarkdownNoHTML); images and other resources are never loaded — each
// image becomes a link placeholder; fenced code is monospace with room for a header strip
// (language + copy button) that the painter draws; tables get borders and padding.
#pragma once

#include <QColor>
#include <QFont>
#include <QList>
#include <QString>
#include <QTextDocument>

#include <memory>

namespace Sluice {

struct MarkdownStyle
{
    QFont font;     // body text
    QFont codeFont; // fenced and inline code
    QColor link;
    QColor inlineCodeBackground;
    QColor tableBorder;
    QColor text;                 // body text (typeset formulas are drawn in it)
    QColor codeBackground;       // highlighted code keeps WCAG AA contrast on it
    bool dark = false;           // dark theme: the dark code colours
    qreal codeHeaderHeight = 26; // space above the code for the language and copy button
    qreal codePadding = 10;
    qreal quoteIndent = 18;

    static MarkdownStyle fromFont(const QFont &font, const QColor &link);
};

// A document that never loads a resource: no files, no network.
class SafeTextDocument final : public QTextDocument
{
    Q_OBJECT
public:
    using QTextDocument::QTextDocument;

protected:
    QVariant loadResource(int type, const QUrl &name) override;
};

// The blocks of one fenced code block, for the painter and for "copy".
struct CodeBlockRange
{
    int firstBlock = 0;
    int lastBlock = 0;
    QString language;
    QString code;
};

struct RenderedMarkdown
{
    std::unique_ptr<QTextDocument> document;
    QList<CodeBlockRange> codeBlocks;
    bool richTextPending = false; // highlighting or typesetting is still to come (richmarkdown.h)
    bool openFence = false;       // the last code block was left plain: its fence is still open
};

// `moreToCome`: the text is the end of a reply still streaming in; a code block whose fence
// is not closed yet stays plain.
RenderedMarkdown renderMarkdown(const QString &markdown, const MarkdownStyle &style,
                                bool moreToCome = false);

// Where a long Markdown text may be cut into pieces that render (nearly) the same apart as
// together. A cut depends only on the text before it and the first character after it, so
// cuts found while a reply streams in stay valid as more arrives.
//  - Normally after a blank line outside fenced code, at least `minChunk` characters after
//    the previous cut, before a line that cannot continue a list, table or indented block.
//  - Text without such a place (one huge paragraph or code block) is cut at a line end once
//    4 × minChunk long, or after a space once 8 × minChunk long. A cut inside fenced code
//    carries the fence's opening line, so the next piece renders as code too.
struct MarkdownCut
{
    qsizetype pos = 0;
    QString reopenFence; // e.g. "```python" when the cut falls inside fenced code

    friend bool operator==(const MarkdownCut &a, const MarkdownCut &b)
    {
        return a.pos == b.pos && a.reopenFence == b.reopenFence;
    }
};
QList<MarkdownCut> markdownCuts(QStringView text, qsizetype minChunk);

} // namespace Sluice
