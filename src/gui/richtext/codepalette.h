// The colours of highlighted code, for a light and a dark code background.
//
// highlight.js names what each piece of code is ("keyword", "title function_", "string"…);
// these fold into a few scopes, each with a colour per theme (after GitHub's light and dark
// themes). A colour that would read worse than WCAG AA (4.5:1) on the actual background is
// pulled towards the text colour until it reads at least that well, so a system palette with
// an unusual code background still keeps every token legible.
#pragma once

#include <QColor>
#include <QList>
#include <QString>

namespace Sluice {

enum class CodeScope : quint8 {
    Keyword,
    String,
    Number,
    Comment,
    Function,
    Type,
    Variable,
    Attribute,
    Meta,
    Tag,
    Addition,
    Deletion,
    Heading,
    Count
};

struct CodeToken
{
    int start = 0;
    int length = 0;
    CodeScope scope = CodeScope::Keyword;
};

// The scope of a highlight.js class attribute ("hljs-title function_"), or Count for none.
CodeScope codeScopeOf(QStringView classes);
QString codeScopeName(CodeScope scope); // "keyword", … (for tests and docs)

// WCAG 2 contrast ratio of two opaque colours (1…21).
qreal contrastRatio(const QColor &a, const QColor &b);

struct CodePalette
{
    QColor colors[int(CodeScope::Count)];
    QColor background; // the code block's background the colours were checked against

    QColor color(CodeScope scope) const { return colors[int(scope)]; }
    // `text` is the body text colour, to which a colour too faint on `background` tends.
    static CodePalette forBackground(const QColor &background, const QColor &text, bool dark);
};

inline constexpr qreal MinimumContrast = 4.5; // WCAG AA for normal text

} // namespace Sluice
