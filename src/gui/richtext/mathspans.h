// Formulas taken out of a Markdown text before the Markdown parser sees it, so that its
// backslash escapes cannot eat TeX (`\,` stays `\,`).
//
// $…$ and \(…\) are inline, $$…$$ and \[…\] display. Code spans and fenced code keep their
// dollars. A `$` opens a formula only when a non-space follows it and the next `$` on the line
// closes it: after a non-space and before a non-digit ("costs $5 and $10" stays text). Each
// formula becomes one placeholder character from Unicode's private use area; the renderer
// puts the typeset formula (or its source) in its place.
#pragma once

#include <QList>
#include <QString>

namespace Sluice {

struct MathSpan
{
    QString source; // as written, delimiters included (what "copy" gives back)
    QString tex;    // between the delimiters
    bool display = false;
};

struct ExtractedMath
{
    QString text;                 // the Markdown, each formula replaced by its placeholder
    QList<MathSpan> spans;        // spans[i] stands at the placeholder mathPlaceholder(i)
    bool endsInOpenFence = false; // the text ends inside fenced code that is not closed yet
};

inline constexpr char16_t MathPlaceholderFirst = 0xE000;
inline constexpr char16_t MathPlaceholderLast = 0xF8FF;
inline constexpr int MaxFormulas = MathPlaceholderLast - MathPlaceholderFirst + 1;

inline QChar mathPlaceholder(int index)
{
    return QChar(char16_t(MathPlaceholderFirst + index));
}
// The formula a placeholder stands for, or -1.
inline int mathPlaceholderIndex(QChar c)
{
    return c.unicode() >= MathPlaceholderFirst && c.unicode() <= MathPlaceholderLast
               ? c.unicode() - MathPlaceholderFirst
               : -1;
}

// Private-use characters already in the text become U+FFFD, so none is taken for a formula.
ExtractedMath extractMath(const QString &markdown);

} // namespace Sluice
