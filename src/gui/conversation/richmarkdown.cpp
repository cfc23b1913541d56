#include "gui/conversation/richmarkdown.h"

#include "gui/richtext/codepalette.h"
#include "gui/richtext/richtextengine.h"

#include <QAbstractTextDocumentLayout>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocumentFragment>
#include <QTimer>
#include <QUrl>

#include <utility>

namespace Sluice {

namespace {

// Colours for the style's code background; made once per background and text colour.
const CodePalette &paletteFor(const MarkdownStyle &style)
{
    static CodePalette cached;
    static QRgb key[2] = {0, 0};
    static bool made = false;
    const QRgb bg = style.codeBackground.rgba();
    const QRgb fg = style.text.rgba();
    if (!made || key[0] != bg || key[1] != fg) {
        cached = CodePalette::forBackground(style.codeBackground, style.text, style.dark);
        key[0] = bg;
        key[1] = fg;
        made = true;
    }
    return cached;
}

bool highlightBlock(QTextDocument *doc, const CodeBlockRange &range, const MarkdownStyle &style)
{
    HighlightResult r;
    if (!RichTextEngine::instance()->highlight(range.code, range.language, &r))
        return false;
    const QTextBlock first = doc->findBlockByNumber(range.firstBlock);
    if (!first.isValid())
        return true;
    if (!r.language.isEmpty()) {
        QTextCursor c(first);
        QTextBlockFormat bf = first.blockFormat();
        bf.setProperty(RichText::CodeLanguageProperty, r.language);
        c.setBlockFormat(bf);
    }
    if (r.tokens.isEmpty())
        return true;
    const CodePalette &palette = paletteFor(style);
    const int base = first.position();
    QTextCursor cursor(doc);
    for (const CodeToken &t : std::as_const(r.tokens)) {
        QTextCharFormat f;
        f.setForeground(palette.color(t.scope));
        f.setProperty(RichText::CodeScopeProperty, codeScopeName(t.scope));
        if (t.scope == CodeScope::Comment)
            f.setFontItalic(true);
        cursor.setPosition(base + t.start);
        cursor.setPosition(base + t.start + t.length, QTextCursor::KeepAnchor);
        cursor.mergeCharFormat(f);
    }
    return true;
}

MathLook lookFor(const MarkdownStyle &style)
{
    MathLook look;
    look.color = style.text;
    const QFontMetricsF metrics(style.font);
    look.xHeight = metrics.xHeight();
    look.exPx = metrics.xHeight();
    look.devicePixelRatio = qGuiApp ? qGuiApp->devicePixelRatio() : 1.0;
    return look;
}

// Each placeholder, last first, becomes its image or its source.
bool placeFormulas(QTextDocument *doc, const QList<MathSpan> &math, const MarkdownStyle &style)
{
    if (math.isEmpty())
        return false;
    bool pending = false;
    const MathLook look = lookFor(style);
    const QString text = doc->toPlainText();
    for (qsizetype pos = text.size() - 1; pos >= 0; --pos) {
        const int index = mathPlaceholderIndex(text.at(pos));
        if (index < 0 || index >= math.size())
            continue;
        const MathSpan &span = math.at(index);
        MathImage image;
        const bool ready = RichTextEngine::instance()->math(span.tex, span.display, look, &image);
        pending = pending || !ready;
        QTextCursor cursor(doc);
        cursor.setPosition(int(pos));
        cursor.setPosition(int(pos) + 1, QTextCursor::KeepAnchor);
        const QTextCharFormat around = cursor.charFormat();
        if (ready && image.error.isEmpty() && !image.image.isNull()) {
            const QString name = QStringLiteral("sluice-math:%1").arg(index);
            doc->addResource(QTextDocument::ImageResource, QUrl(name), image.image);
            QTextImageFormat f;
            f.setName(name);
            f.setWidth(image.image.width() / image.image.devicePixelRatio());
            f.setHeight(image.image.height() / image.image.devicePixelRatio());
            f.setVerticalAlignment(QTextCharFormat::AlignMiddle);
            f.setProperty(RichText::TexSourceProperty, span.source);
            f.setToolTip(span.source);
            if (around.isAnchor()) {
                f.setAnchor(true);
                f.setAnchorHref(around.anchorHref());
            }
            cursor.removeSelectedText();
            cursor.insertImage(f);
        } else {
            QTextCharFormat f = around;
            f.setFontFamilies(QStringList{style.codeFont.family()});
            f.setFontFixedPitch(true);
            f.setProperty(RichText::TexSourceProperty, span.source);
            if (ready)
                f.setToolTip(
                    QTextDocument::tr("This formula could not be typeset: %1").arg(image.error));
            cursor.insertText(span.source, f);
        }
        if (span.display) {
            const QTextBlock block = doc->findBlock(int(pos));
            if (block.text().trimmed().size() == 1 && ready && image.error.isEmpty()) {
                QTextBlockFormat bf = block.blockFormat();
                bf.setAlignment(Qt::AlignHCenter);
                QTextCursor(block).setBlockFormat(bf);
            }
        }
    }
    return pending;
}

} // namespace

MarkdownStyle messageMarkdownStyle(const MessageTheme &theme)
{
    MarkdownStyle style = MarkdownStyle::fromFont(theme.font, theme.link);
    style.text = theme.text;
    style.codeBackground = theme.codeBackground;
    style.dark = theme.dark;
    return style;
}

bool applyRichText(QTextDocument *doc, const QList<CodeBlockRange> &codeBlocks, bool lastBlockOpen,
                   const QList<MathSpan> &math, const MarkdownStyle &style)
{
    bool pending = false;
    for (qsizetype i = 0; i < codeBlocks.size(); ++i) {
        if (lastBlockOpen && i == codeBlocks.size() - 1)
            break; // still streaming in: highlighted once its fence closes
        if (!highlightBlock(doc, codeBlocks.at(i), style))
            pending = true;
    }
    // Formulas last: replacing placeholders shifts positions, not block numbers.
    if (placeFormulas(doc, math, style))
        pending = true;
    return pending;
}

namespace RichRenderBudget {

namespace {
qint64 spentNs = 0;
bool resetQueued = false;
} // namespace

bool allows()
{
    return spentNs < PerTurnMs * 1'000'000;
}

void charge(qint64 nsecs)
{
    spentNs += nsecs;
    if (!std::exchange(resetQueued, true)) {
        // A zero timer runs at the next turn, before the catch-ups queued after it.
        QTimer::singleShot(0, [] {
            spentNs = 0;
            resetQueued = false;
        });
    }
}

} // namespace RichRenderBudget

QString plainTextWithTex(const QTextDocument *doc)
{
    QString text = doc->toPlainText();
    QList<QPair<int, QString>> formulas;
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextFragment f = it.fragment();
            const QTextCharFormat cf = f.charFormat();
            if (cf.isImageFormat() && cf.hasProperty(RichText::TexSourceProperty)) {
                for (int k = 0; k < f.length(); ++k)
                    formulas.append(
                        {f.position() + k, cf.property(RichText::TexSourceProperty).toString()});
            }
        }
    }
    for (auto it = formulas.crbegin(); it != formulas.crend(); ++it) {
        if (it->first < text.size() && text.at(it->first) == QChar::ObjectReplacementCharacter)
            text.replace(it->first, 1, it->second);
    }
    return text;
}

QString plainTextWithTex(const QTextDocumentFragment &fragment)
{
    QTextDocument doc;
    QTextCursor(&doc).insertFragment(fragment);
    return plainTextWithTex(&doc);
}

QString richToolTipAt(const QTextDocument *doc, const QPointF &pos)
{
    const int at = doc->documentLayout()->hitTest(pos, Qt::ExactHit);
    if (at < 0)
        return {};
    const QTextBlock block = doc->findBlock(at);
    for (auto it = block.begin(); !it.atEnd(); ++it) {
        const QTextFragment f = it.fragment();
        if (f.contains(at) && f.charFormat().hasProperty(RichText::TexSourceProperty))
            return f.charFormat().toolTip();
    }
    return {};
}

} // namespace Sluice
