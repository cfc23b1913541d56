#include "gui/conversation/markdowndocument.h"

#include "gui/conversation/richmarkdown.h"

#include <QFontDatabase>
#include <QGuiApplication>
#include <QPalette>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextFrame>
#include <QTextTable>
#include <QUrl>

namespace Sluice {

MarkdownStyle MarkdownStyle::fromFont(const QFont &font, const QColor &link)
{
    MarkdownStyle s;
    s.font = font;
    s.codeFont = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (font.pointSizeF() > 0)
        s.codeFont.setPointSizeF(font.pointSizeF() * 0.92);
    else
        s.codeFont.setPixelSize(qMax(8, int(font.pixelSize() * 0.92)));
    s.link = link;
    s.inlineCodeBackground = QColor(127, 127, 127, 40);
    s.tableBorder = QColor(127, 127, 127, 110);
    const QPalette palette = QGuiApplication::palette();
    s.text = palette.color(QPalette::Text);
    s.codeBackground = palette.color(QPalette::Base);
    s.dark = s.codeBackground.lightnessF() < 0.5;
    return s;
}

QVariant SafeTextDocument::loadResource(int type, const QUrl &name)
{
    Q_UNUSED(type)
    Q_UNUSED(name)
    return {};
}

namespace {

bool isCodeBlock(const QTextBlock &block)
{
    return block.blockFormat().hasProperty(QTextFormat::BlockCodeFence);
}

// Images become "[image: url]" links: nothing is fetched; the user may open it on click.
void replaceImages(QTextDocument *doc, const MarkdownStyle &style)
{
    QList<QPair<int, QString>> images; // position, url
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextFragment f = it.fragment();
            if (f.charFormat().isImageFormat())
                images.append({f.position(), f.charFormat().toImageFormat().name()});
        }
    }
    for (auto it = images.crbegin(); it != images.crend(); ++it) {
        QTextCursor c(doc);
        c.setPosition(it->first);
        c.setPosition(it->first + 1, QTextCursor::KeepAnchor);
        QTextCharFormat f;
        f.setAnchor(true);
        f.setAnchorHref(it->second);
        f.setForeground(style.link);
        f.setFontUnderline(true);
        f.setToolTip(it->second);
        c.insertText(QTextDocument::tr("[image: %1]").arg(it->second), f);
    }
}

void styleTables(QTextDocument *doc, const MarkdownStyle &style)
{
    const QList<QTextFrame *> frames = doc->rootFrame()->childFrames();
    for (QTextFrame *frame : frames) {
        auto *table = qobject_cast<QTextTable *>(frame);
        if (!table)
            continue;
        QTextTableFormat f = table->format();
        f.setBorder(1);
        f.setBorderBrush(style.tableBorder);
        f.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
        f.setBorderCollapse(true);
        f.setCellSpacing(0);
        f.setCellPadding(6);
        f.setHeaderRowCount(1);
        f.setTopMargin(14);
        f.setBottomMargin(10);
        table->setFormat(f);
        // The importer leaves an empty paragraph before the first cell's text; drop it.
        {
            const QTextTableCell first = table->cellAt(0, 0);
            const QTextBlock b = doc->findBlock(first.firstPosition());
            if (b.isValid() && b.text().isEmpty() && b.next().isValid() &&
                b.next().position() < first.lastPosition()) {
                QTextCursor c(b);
                c.deleteChar();
            }
        }
        // The importer gives some cells paragraph margins; cells align at the top instead.
        for (int row = 0; row < table->rows(); ++row) {
            for (int col = 0; col < table->columns(); ++col) {
                const QTextTableCell cell = table->cellAt(row, col);
                for (QTextFrame::iterator it = cell.begin(); !it.atEnd(); ++it) {
                    const QTextBlock b = it.currentBlock();
                    if (!b.isValid())
                        continue;
                    QTextBlockFormat bf = b.blockFormat();
                    bf.setTopMargin(0);
                    bf.setBottomMargin(0);
                    QTextCursor(b).setBlockFormat(bf);
                }
            }
        }
        for (int col = 0; col < table->columns(); ++col) {
            QTextTableCell cell = table->cellAt(0, col);
            QTextCharFormat cf = cell.format();
            cf.setBackground(style.inlineCodeBackground);
            cell.setFormat(cf);
            QTextCursor c = cell.firstCursorPosition();
            c.setPosition(cell.lastCursorPosition().position(), QTextCursor::KeepAnchor);
            QTextCharFormat bold;
            bold.setFontWeight(QFont::DemiBold);
            c.mergeCharFormat(bold);
        }
    }
}

} // namespace

RenderedMarkdown renderMarkdown(const QString &markdown, const MarkdownStyle &style,
                                bool moreToCome)
{
    RenderedMarkdown out;
    auto doc = std::make_unique<SafeTextDocument>();
    doc->setDocumentMargin(0);
    doc->setDefaultFont(style.font);
    doc->setUndoRedoEnabled(false);
    // A null page size keeps the document from laying itself out after every edit of the
    // import and the styling below; the owner sets the real width once, at the end.
    doc->setPageSize(QSizeF(0, 0));
    // Formulas come out first, so that Markdown's escapes leave their backslashes alone.
    const ExtractedMath math = extractMath(markdown);
    doc->setMarkdown(math.text,
                     QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub |
                                                     QTextDocument::MarkdownNoHTML));
    replaceImages(doc.get(), style);
    styleTables(doc.get(), style);

    QTextCursor cursor(doc.get());
    QStringList codeFamilies{style.codeFont.family()};
    CodeBlockRange *open = nullptr;
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
        QTextBlockFormat bf = b.blockFormat();
        cursor.setPosition(b.position());
        if (isCodeBlock(b)) {
            const bool first = !open;
            if (first) {
                out.codeBlocks.append({b.blockNumber(), b.blockNumber(),
                                       bf.property(QTextFormat::BlockCodeLanguage).toString(),
                                       b.text()});
                open = &out.codeBlocks.last();
            } else {
                open->lastBlock = b.blockNumber();
                open->code += u'\n' + b.text();
            }
            bf.setLeftMargin(style.codePadding + 2);
            bf.setRightMargin(style.codePadding + 2);
            bf.setTopMargin(first ? style.codeHeaderHeight + 10 : 0);
            const bool last = !b.next().isValid() || !isCodeBlock(b.next());
            bf.setBottomMargin(last ? style.codePadding + 10 : 0);
            bf.setNonBreakableLines(true);
            cursor.setBlockFormat(bf);
            cursor.setPosition(b.position() + b.length() - 1, QTextCursor::KeepAnchor);
            QTextCharFormat cf;
            cf.setFont(style.codeFont);
            cf.setFontFamilies(codeFamilies);
            cursor.mergeCharFormat(cf);
            if (last)
                open = nullptr;
            continue;
        }
        open = nullptr;
        const int quote = bf.property(QTextFormat::BlockQuoteLevel).toInt();
        if (quote > 0) {
            bf.setLeftMargin(style.quoteIndent * quote);
            cursor.setBlockFormat(bf);
        }
        if (bf.headingLevel() > 0) {
            bf.setTopMargin(b.blockNumber() == 0 ? 2 : 16);
            bf.setBottomMargin(8);
            cursor.setBlockFormat(bf);
        } else if (!cursor.currentTable()) {
            // Body text breathes a little more than the default single spacing.
            bf.setLineHeight(118, QTextBlockFormat::ProportionalHeight);
            bf.setTopMargin(qMax(bf.topMargin(), 5.0));
            bf.setBottomMargin(qMax(bf.bottomMargin(), 5.0));
            cursor.setBlockFormat(bf);
        }
        // Inline code and links.
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextFragment f = it.fragment();
            QTextCharFormat cf = f.charFormat();
            QTextCursor fc(doc.get());
            fc.setPosition(f.position());
            fc.setPosition(f.position() + f.length(), QTextCursor::KeepAnchor);
            if (cf.isAnchor()) {
                QTextCharFormat lf;
                lf.setForeground(style.link);
                lf.setFontUnderline(false);
                lf.setToolTip(cf.anchorHref());
                fc.mergeCharFormat(lf);
            } else if (cf.fontFixedPitch() ||
                       cf.fontFamilies().toStringList().contains(QStringLiteral("monospace"))) {
                QTextCharFormat code;
                code.setFontFamilies(codeFamilies);
                code.setFontPointSize(style.codeFont.pointSizeF() > 0 ? style.codeFont.pointSizeF()
                                                                      : style.font.pointSizeF());
                code.setBackground(style.inlineCodeBackground);
                fc.mergeCharFormat(code);
            }
        }
    }
    out.openFence = moreToCome && math.endsInOpenFence && !out.codeBlocks.isEmpty();
    out.richTextPending =
        applyRichText(doc.get(), out.codeBlocks, out.openFence, math.spans, style);
    out.document = std::move(doc);
    return out;
}

namespace {

bool cannotStartChunk(QChar c)
{
    // Whitespace continues an indented block or list item; list markers and table rows could
    // belong to the list or table before the blank line; digits could be "2." of a list.
    return c.isSpace() || c == u'-' || c == u'*' || c == u'+' || c == u'|' || c.isDigit() ||
           c == u'[';
}

} // namespace

QList<MarkdownCut> markdownCuts(QStringView text, qsizetype minChunk)
{
    QList<MarkdownCut> cuts;
    const qsizetype hardLine = 4 * minChunk;
    const qsizetype hardSpace = 8 * minChunk;
    qsizetype chunkStart = 0;
    qsizetype pos = 0;
    bool inFence = false;
    QChar fenceChar;
    qsizetype fenceLength = 0;
    QString fenceLine;
    while (pos < text.size()) {
        qsizetype nl = text.indexOf(u'\n', pos);
        const qsizetype lineEnd = nl < 0 ? text.size() : nl;
        // A single enormous line: cut after spaces (never inside fenced code).
        if (!inFence && lineEnd - chunkStart > hardSpace) {
            qsizetype from = qMax(pos, chunkStart + hardSpace);
            while (from < lineEnd) {
                const qsizetype space = text.indexOf(u' ', from);
                if (space < 0 || space + 1 >= lineEnd)
                    break;
                cuts.append(MarkdownCut{space + 1, {}});
                chunkStart = space + 1;
                from = chunkStart + hardSpace;
            }
        }
        if (nl < 0)
            break; // the last line may still grow
        const QStringView line = text.mid(pos, nl - pos);
        const QStringView t = line.trimmed();
        if (t.size() >= 3 && (t.front() == u'`' || t.front() == u'~')) {
            qsizetype run = 0;
            while (run < t.size() && t.at(run) == t.front())
                ++run;
            if (!inFence && run >= 3) {
                inFence = true;
                fenceChar = t.front();
                fenceLength = run;
                fenceLine = t.toString();
            } else if (inFence && t.front() == fenceChar && run >= fenceLength &&
                       t.mid(run).trimmed().isEmpty()) {
                inFence = false;
            }
        }
        const qsizetype next = nl + 1;
        const qsizetype size = next - chunkStart;
        if (next < text.size()) {
            if (!inFence && t.isEmpty() && size >= minChunk && !cannotStartChunk(text.at(next))) {
                cuts.append(MarkdownCut{next, {}});
                chunkStart = next;
            } else if (size >= hardLine) {
                cuts.append(MarkdownCut{next, inFence ? fenceLine : QString()});
                chunkStart = next;
            }
        }
        pos = next;
    }
    return cuts;
}

} // namespace Sluice
