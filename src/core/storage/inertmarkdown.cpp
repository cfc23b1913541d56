#include "core/storage/inertmarkdown.h"

#include <QRegularExpression>
#include <QStringList>

#include <algorithm>

namespace Sluice::InertMarkdown {

namespace {

// `<https://example.com>`: a link the reader may click, not something fetched; kept.
bool autolinkAt(QStringView text, qsizetype at, qsizetype *end)
{
    static const QRegularExpression autolink(
        QStringLiteral("<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\\s]*>"));
    const QRegularExpressionMatch match = autolink.match(
        text, at, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption);
    if (!match.hasMatch())
        return false;
    *end = match.capturedEnd();
    return true;
}

// Escapes what a viewer would treat as HTML or an image, outside code spans.
// Code spans may cross lines, so this runs over a whole paragraph at once.
QString escapeInline(QStringView text)
{
    QString out;
    out.reserve(text.size() + 8);
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n;) {
        const QChar c = text.at(i);
        if (c == u'\\' && i + 1 < n) { // already escaped: stays as written
            out += text.mid(i, 2);
            i += 2;
            continue;
        }
        if (c == u'`') {
            qsizetype run = i;
            while (run < n && text.at(run) == u'`')
                ++run;
            const qsizetype length = run - i;
            // The span ends at the next run of exactly as many backticks.
            qsizetype close = -1;
            for (qsizetype j = run; j < n;) {
                if (text.at(j) != u'`') {
                    ++j;
                    continue;
                }
                qsizetype k = j;
                while (k < n && text.at(k) == u'`')
                    ++k;
                if (k - j == length) {
                    close = k;
                    break;
                }
                j = k;
            }
            const qsizetype end = close >= 0 ? close : run;
            out += text.mid(i, end - i);
            i = end;
            continue;
        }
        if (c == u'<') {
            qsizetype end = 0;
            if (autolinkAt(text, i, &end)) {
                out += text.mid(i, end - i);
                i = end;
                continue;
            }
            const QChar next = i + 1 < n ? text.at(i + 1) : QChar();
            const bool tagLike = (next.unicode() < 128 && next.isLetter()) || next == u'/' ||
                                 next == u'!' || next == u'?';
            out += tagLike ? QStringLiteral("\\<") : QStringLiteral("<");
            ++i;
            continue;
        }
        if (c == u'!' && i + 1 < n && text.at(i + 1) == u'[') {
            out += QStringLiteral("\\!");
            ++i;
            continue;
        }
        out += c;
        ++i;
    }
    return out;
}

struct Fence
{
    QChar marker;
    qsizetype length = 0;
};

bool opensFence(const QString &line, Fence *fence)
{
    static const QRegularExpression opening(QStringLiteral("^ {0,3}(`{3,}|~{3,})(.*)$"));
    const QRegularExpressionMatch match = opening.match(line);
    if (!match.hasMatch())
        return false;
    const QString markers = match.captured(1);
    if (markers.at(0) == u'`' && match.captured(2).contains(u'`'))
        return false; // not a fence: a backtick fence's info string has no backticks
    fence->marker = markers.at(0);
    fence->length = markers.size();
    return true;
}

bool closesFence(const QString &line, const Fence &fence)
{
    qsizetype i = 0;
    while (i < line.size() && i < 3 && line.at(i) == u' ')
        ++i;
    qsizetype count = 0;
    while (i < line.size() && line.at(i) == fence.marker) {
        ++i;
        ++count;
    }
    return count >= fence.length && line.mid(i).trimmed().isEmpty();
}

QString hashes(int level)
{
    return QString(qMin(level, 6), u'#');
}

// Lines a setext underline cannot turn into a heading (lists, quotes, tables).
bool startsOtherBlock(const QString &line)
{
    static const QRegularExpression other(
        QStringLiteral("^ {0,3}([-*+]\\s|\\d{1,9}[.)]\\s|>|\\|)"));
    return other.match(line).hasMatch();
}

} // namespace

QString block(const QString &text, int headingOffset)
{
    static const QRegularExpression atx(QStringLiteral("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?\\s*$"));
    static const QRegularExpression setext(QStringLiteral("^ {0,3}(=+|-+)\\s*$"));

    QStringList out;
    QStringList paragraph; // text lines not yet escaped, for code spans across lines
    const auto flush = [&] {
        if (!paragraph.isEmpty())
            out += escapeInline(paragraph.join(u'\n')).split(u'\n');
        paragraph.clear();
    };

    Fence fence;
    bool inFence = false;
    const QStringList lines = text.split(u'\n');
    for (const QString &line : lines) {
        if (inFence) {
            out += line;
            inFence = !closesFence(line, fence);
            continue;
        }
        if (opensFence(line, &fence)) {
            flush();
            out += line;
            inFence = true;
            continue;
        }
        if (line.trimmed().isEmpty()) {
            flush();
            out += line;
            continue;
        }
        if (const QRegularExpressionMatch heading = atx.match(line); heading.hasMatch()) {
            flush();
            const int level = int(heading.capturedLength(1)) + headingOffset;
            const QString title = heading.captured(2);
            out += title.isEmpty() ? hashes(level) : hashes(level) + u' ' + escapeInline(title);
            continue;
        }
        if (const QRegularExpressionMatch underline = setext.match(line);
            underline.hasMatch() && !paragraph.isEmpty() &&
            std::none_of(paragraph.cbegin(), paragraph.cend(), startsOtherBlock)) {
            const int level = (underline.captured(1).at(0) == u'=' ? 1 : 2) + headingOffset;
            QStringList words;
            for (const QString &part : std::as_const(paragraph))
                words += part.trimmed();
            out += hashes(level) + u' ' + escapeInline(words.join(u' '));
            paragraph.clear();
            continue;
        }
        paragraph += line;
    }
    flush();
    if (inFence)
        out += QString(fence.length, fence.marker);
    return out.join(u'\n');
}

QString inlineText(const QString &text)
{
    QString line = text;
    line.replace(u'\r', u' ');
    line.replace(u'\n', u' ');
    return escapeInline(line);
}

} // namespace Sluice::InertMarkdown
