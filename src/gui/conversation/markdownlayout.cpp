#include "gui/conversation/markdownlayout.h"

#include "core/storage/historysearch.h"
#include "gui/conversation/richmarkdown.h"
#include "gui/richtext/richtextengine.h"

#include <QAbstractTextDocumentLayout>
#include <QElapsedTimer>
#include <QPainter>
#include <QTextBlock>
#include <QTextCursor>

#include <algorithm>
#include <cmath>

namespace Sluice {

MarkdownLayout::MarkdownLayout(const MarkdownStyle &style, qsizetype chunkChars)
    : m_style(style), m_chunkChars(chunkChars)
{}

MarkdownLayout::~MarkdownLayout() = default;

void MarkdownLayout::render(Chunk &chunk)
{
    QString source = m_text.mid(chunk.start, chunk.end - chunk.start);
    if (!chunk.reopenFence.isEmpty())
        source.prepend(chunk.reopenFence + u'\n');
    chunk.rendered = renderMarkdown(source, m_style, m_streaming && chunk.end == m_text.size());
    chunk.richTextGeneration =
        RichTextEngine::exists() ? RichTextEngine::instance()->generation() : 0;
    chunk.laidOut = false;
    mark(chunk);
    ++m_renders;
}

void MarkdownLayout::mark(Chunk &chunk) const
{
    chunk.marks.clear();
    if (m_highlight.isEmpty() || !chunk.rendered.document)
        return;
    // Plain text positions are document positions: one character for each block break.
    const QString plain = chunk.rendered.document->toPlainText();
    for (const SearchHit::Range &r : HistorySearch::matchRanges(plain, m_highlight))
        chunk.marks.append({r.start, r.length});
}

void MarkdownLayout::setHighlight(const QString &search, const QColor &background)
{
    m_highlightColor = background;
    if (search == m_highlight)
        return;
    m_highlight = search;
    for (Chunk &c : m_chunks)
        mark(c);
}

QStringList MarkdownLayout::highlightedWords() const
{
    QStringList words;
    for (const Chunk &c : m_chunks) {
        const QString plain = c.rendered.document->toPlainText();
        for (const auto &[start, length] : c.marks)
            words.append(plain.mid(start, length));
    }
    return words;
}

void MarkdownLayout::layOut(Chunk &chunk)
{
    if (chunk.laidOut || m_width <= 0)
        return;
    QTextDocument *doc = chunk.rendered.document.get();
    doc->setTextWidth(m_width);
    chunk.height = std::ceil(doc->size().height());
    chunk.laidOut = true;
}

bool MarkdownLayout::isStale(const Chunk &chunk) const
{
    if (chunk.rendered.openFence && !(m_streaming && chunk.end == m_text.size()))
        return true; // the reply finished (or went on) with that code block
    return chunk.rendered.richTextPending && RichTextEngine::exists() &&
           RichTextEngine::instance()->generation() != chunk.richTextGeneration;
}

bool MarkdownLayout::hasPendingRichText() const
{
    return std::any_of(m_chunks.begin(), m_chunks.end(), [](const Chunk &c) {
        return c.rendered.richTextPending || c.rendered.openFence;
    });
}

bool MarkdownLayout::setText(const QString &text, qint64 budgetMs)
{
    if (text == m_text && m_complete &&
        std::none_of(m_chunks.begin(), m_chunks.end(),
                     [this](const Chunk &c) { return isStale(c); }))
        return true;
    QElapsedTimer clock;
    clock.start();
    // Pieces before the first change keep their documents, if their cut is still a cut.
    qsizetype common = 0;
    const qsizetype n = qMin(text.size(), m_text.size());
    while (common < n && text.at(common) == m_text.at(common))
        ++common;
    m_text = text;
    QList<MarkdownCut> cuts = markdownCuts(m_text, m_chunkChars);
    cuts.append(MarkdownCut{m_text.size(), {}});
    int rendered = 0;
    m_complete = true;

    std::vector<Chunk> chunks;
    chunks.reserve(cuts.size());
    qsizetype start = 0;
    QString reopen;
    size_t reuse = 0;
    for (const MarkdownCut &cut : std::as_const(cuts)) {
        const qsizetype end = cut.pos;
        Chunk c;
        c.start = start;
        c.end = end;
        c.reopenFence = reopen;
        reopen = cut.reopenFence;
        if (reuse < m_chunks.size() && m_chunks[reuse].start == start &&
            m_chunks[reuse].end == end && m_chunks[reuse].reopenFence == c.reopenFence &&
            end <= common) {
            c = std::move(m_chunks[reuse]);
            ++reuse;
            // Its highlighting or formulas arrived: rendered again in place, within this
            // layout's budget and the budget all layouts share per event-loop turn.
            if (isStale(c)) {
                if (budgetMs >= 0 && ((rendered > 0 && clock.elapsed() >= budgetMs) ||
                                      !RichRenderBudget::allows())) {
                    m_complete = false;
                } else {
                    QElapsedTimer spent;
                    spent.start();
                    render(c);
                    layOut(c);
                    ++rendered;
                    RichRenderBudget::charge(spent.nsecsElapsed());
                }
            }
        } else {
            reuse = m_chunks.size(); // nothing after a changed piece is reused
            if (budgetMs >= 0 && rendered > 0 && clock.elapsed() >= budgetMs) {
                m_complete = false;
                break;
            }
            render(c);
            layOut(c);
            ++rendered;
        }
        chunks.push_back(std::move(c));
        start = end;
    }
    m_chunks = std::move(chunks);
    layout();
    return m_complete;
}

void MarkdownLayout::setWidth(qreal width)
{
    if (qFuzzyCompare(width, m_width))
        return;
    m_width = width;
    for (Chunk &c : m_chunks)
        c.laidOut = false;
    layout();
}

void MarkdownLayout::layout()
{
    m_codeBlocks.clear();
    m_quoteBars.clear();
    qreal y = 0;
    qreal bottomMargin = -1; // of the last block above; none at the top
    for (Chunk &c : m_chunks) {
        QTextDocument *doc = c.rendered.document.get();
        layOut(c);
        // A QTextDocument drops its first block's top margin and its last block's bottom
        // margin. Between two pieces the larger of the two is put back, as one document would
        // collapse them; at the very top only a code block keeps its margin, which holds its
        // header (language, Copy), so that the header never covers what is above it.
        const qreal topMargin = doc->begin().blockFormat().topMargin();
        if (bottomMargin >= 0)
            y += qMax(bottomMargin, topMargin);
        else if (!c.rendered.codeBlocks.isEmpty() && c.rendered.codeBlocks.first().firstBlock == 0)
            y += topMargin;
        bottomMargin = doc->lastBlock().blockFormat().bottomMargin();
        c.top = y;
        QAbstractTextDocumentLayout *dl = doc->documentLayout();
        for (const CodeBlockRange &r : std::as_const(c.rendered.codeBlocks)) {
            const QRectF first = dl->blockBoundingRect(doc->findBlockByNumber(r.firstBlock));
            const QRectF last = dl->blockBoundingRect(doc->findBlockByNumber(r.lastBlock));
            const qreal top = first.top() - m_style.codeHeaderHeight - 4;
            const qreal bottom = last.bottom() + m_style.codePadding;
            CodeBlock b;
            b.rect = QRectF(0, y + top, m_width, bottom - top);
            b.header = QRectF(0, y + top, m_width, m_style.codeHeaderHeight);
            b.language = r.language;
            b.code = r.code;
            m_codeBlocks.append(b);
        }
        for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
            const int level = b.blockFormat().property(QTextFormat::BlockQuoteLevel).toInt();
            if (level <= 0)
                continue;
            const QRectF r = dl->blockBoundingRect(b);
            for (int l = 0; l < level; ++l) {
                const QRectF bar(l * m_style.quoteIndent + 2, y + r.top() - 3, 3, r.height() + 6);
                if (!m_quoteBars.isEmpty() &&
                    qFuzzyCompare(m_quoteBars.last().left(), bar.left()) &&
                    m_quoteBars.last().bottom() >= bar.top() - 8)
                    m_quoteBars.last().setBottom(bar.bottom());
                else
                    m_quoteBars.append(bar);
            }
        }
        y += c.height;
    }
    m_height = y;
}

qreal MarkdownLayout::idealWidth() const
{
    qreal w = 0;
    for (const Chunk &c : m_chunks)
        w = qMax(w, c.rendered.document->idealWidth());
    if (!m_codeBlocks.isEmpty() || w > m_width)
        return m_width;
    return w;
}

void MarkdownLayout::draw(QPainter *painter, const QPointF &origin, const QRectF &clip,
                          const QColor &color) const
{
    for (const Chunk &c : m_chunks) {
        const QRectF local(0, c.top, m_width, c.height);
        if (!local.intersects(clip))
            continue;
        painter->save();
        painter->translate(origin.x(), origin.y() + c.top);
        QAbstractTextDocumentLayout::PaintContext ctx;
        ctx.palette.setColor(QPalette::Text, color);
        ctx.clip = clip.translated(0, -c.top).intersected(QRectF(0, 0, m_width, c.height));
        if (!c.marks.isEmpty()) {
            QTextCharFormat format;
            format.setBackground(m_highlightColor);
            for (const auto &[start, length] : c.marks) {
                QTextCursor cursor(c.rendered.document.get());
                cursor.setPosition(start);
                cursor.setPosition(start + length, QTextCursor::KeepAnchor);
                ctx.selections.append({cursor, format});
            }
        }
        c.rendered.document->documentLayout()->draw(painter, ctx);
        painter->restore();
    }
}

int MarkdownLayout::chunkAt(const QPointF &pos) const
{
    for (size_t i = 0; i < m_chunks.size(); ++i) {
        if (pos.y() < m_chunks[i].top + m_chunks[i].height)
            return int(i);
    }
    return m_chunks.empty() ? -1 : int(m_chunks.size()) - 1;
}

QString MarkdownLayout::anchorAt(const QPointF &pos) const
{
    const int i = chunkAt(pos);
    if (i < 0)
        return {};
    const Chunk &c = m_chunks[size_t(i)];
    return c.rendered.document->documentLayout()->anchorAt(pos - QPointF(0, c.top));
}

QString MarkdownLayout::plainText() const
{
    QStringList parts;
    for (const Chunk &c : m_chunks)
        parts.append(plainTextWithTex(c.rendered.document.get()));
    return parts.join(QStringLiteral("\n\n"));
}

QString MarkdownLayout::toolTipAt(const QPointF &pos) const
{
    const int i = chunkAt(pos);
    if (i < 0)
        return {};
    const Chunk &c = m_chunks[size_t(i)];
    return richToolTipAt(c.rendered.document.get(), pos - QPointF(0, c.top));
}

QTextDocument *MarkdownLayout::chunkDocument(int chunk) const
{
    return m_chunks.at(size_t(chunk)).rendered.document.get();
}

qreal MarkdownLayout::chunkTop(int chunk) const
{
    return m_chunks.at(size_t(chunk)).top;
}

QString MarkdownLayout::chunkSource(int chunk) const
{
    const Chunk &c = m_chunks.at(size_t(chunk));
    return m_text.mid(c.start, c.end - c.start);
}

} // namespace Sluice
