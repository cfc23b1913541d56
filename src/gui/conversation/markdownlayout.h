// A laid-out Markdown text, cut into pieces so that a growing text re-renders only its tail.
//
// setText() keeps every piece whose source did not change, and can be given a time budget
// so that a burst of text renders over several event-loop turns; setWidth() lays out again
// only when the width changes. Coordinates are local: (0, 0) is the top left of the text.
#pragma once

#include "gui/conversation/markdowndocument.h"

#include <QColor>
#include <QList>
#include <QRectF>

#include <memory>
#include <vector>

class QPainter;

namespace Sluice {

class MarkdownLayout final
{
public:
    struct CodeBlock
    {
        QRectF rect;   // the tinted box, header included
        QRectF header; // the strip with the language and the copy button
        QString language;
        QString code;
    };

    static constexpr qsizetype DefaultChunkChars = 3000;

    explicit MarkdownLayout(const MarkdownStyle &style, qsizetype chunkChars = DefaultChunkChars);
    ~MarkdownLayout();
    MarkdownLayout(const MarkdownLayout &) = delete;
    MarkdownLayout &operator=(const MarkdownLayout &) = delete;

    // Renders the pieces of `text` that changed. With a budget (ms), stops after the first
    // piece that ends past it; the rest follows on the next calls. True when all is rendered.
    bool setText(const QString &text, qint64 budgetMs = -1);
    bool isComplete() const { return m_complete; }
    // While a reply streams in, a code block whose fence is still open stays plain.
    void setStreaming(bool streaming) { m_streaming = streaming; }
    // Some highlighting or typesetting is still to come, or came and is not shown yet: the
    // next setText() (even with the same text) renders those pieces again.
    bool hasPendingRichText() const;
    static bool pendingRichText(const std::unique_ptr<MarkdownLayout> &content,
                                const std::unique_ptr<MarkdownLayout> &thinking)
    {
        return (content && content->hasPendingRichText()) ||
               (thinking && thinking->hasPendingRichText());
    }
    const QString &text() const { return m_text; }
    bool isEmpty() const { return m_text.isEmpty(); }

    void setWidth(qreal width);
    qreal width() const { return m_width; }
    qreal height() const { return m_height; }
    qreal idealWidth() const; // the width the text really uses (≤ width)

    // Draws the text with `color` as the default text colour; clip is in local coordinates.
    void draw(QPainter *painter, const QPointF &origin, const QRectF &clip,
              const QColor &color) const;

    // Marks the words a history search for `search` matches (see HistorySearch::matchRanges)
    // with a background; an empty search marks nothing. Kept as the text changes.
    void setHighlight(const QString &search, const QColor &background);
    QString highlight() const { return m_highlight; }
    // The marked words, in order (for tests and accessibility).
    QStringList highlightedWords() const;

    QString anchorAt(const QPointF &pos) const;
    QString plainText() const; // what the reader sees, without Markdown syntax; TeX for math
    QString toolTipAt(const QPointF &pos) const; // why a formula there did not typeset
    const QList<CodeBlock> &codeBlocks() const { return m_codeBlocks; }
    const QList<QRectF> &quoteBars() const { return m_quoteBars; }

    // The pieces, for an overlay that shows one of them as selectable text.
    int chunkCount() const { return int(m_chunks.size()); }
    int chunkAt(const QPointF &pos) const;
    QTextDocument *chunkDocument(int chunk) const;
    qreal chunkTop(int chunk) const;
    QString chunkSource(int chunk) const;
    int renderCount() const { return m_renders; } // pieces rendered so far (for tests)

private:
    struct Chunk
    {
        qsizetype start = 0;
        qsizetype end = 0;
        QString reopenFence; // the piece starts inside fenced code
        RenderedMarkdown rendered;
        qreal top = 0;
        qreal height = 0;
        bool laidOut = false;
        QList<QPair<int, int>> marks; // highlighted (position, length) in the document
        quint64 richTextGeneration = 0; // RichTextEngine's, when it was rendered
    };

    bool isStale(const Chunk &chunk) const;

    void render(Chunk &chunk);
    void layOut(Chunk &chunk);
    void layout();
    void mark(Chunk &chunk) const;

    MarkdownStyle m_style;
    qsizetype m_chunkChars;
    QString m_text;
    std::vector<Chunk> m_chunks;
    QList<CodeBlock> m_codeBlocks;
    QList<QRectF> m_quoteBars;
    qreal m_width = -1;
    bool m_complete = true;
    bool m_streaming = false;
    qreal m_height = 0;
    int m_renders = 0;
    QString m_highlight;
    QColor m_highlightColor;
};

} // namespace Sluice
