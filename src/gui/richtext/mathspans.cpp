#include "gui/richtext/mathspans.h"

namespace Sluice {

namespace {

// A fence line: ``` or ~~~ (three or more) after optional indentation.
struct Fence
{
    QChar ch;
    qsizetype length = 0;
};

Fence fenceOf(QStringView line)
{
    const QStringView t = line.trimmed();
    if (t.size() < 3 || (t.front() != u'`' && t.front() != u'~'))
        return {};
    qsizetype run = 0;
    while (run < t.size() && t.at(run) == t.front())
        ++run;
    return run >= 3 ? Fence{t.front(), run} : Fence{};
}

class Extractor
{
public:
    explicit Extractor(const QString &in) : m_in(in) { m_out.text.reserve(in.size()); }

    ExtractedMath run()
    {
        qsizetype i = 0;
        while (i < m_in.size()) {
            if (i == 0 || m_in.at(i - 1) == u'\n') {
                const qsizetype next = fenceLine(i);
                if (next >= 0) {
                    i = next;
                    continue;
                }
            }
            i = step(i);
        }
        m_out.endsInOpenFence = m_fence.length > 0;
        return std::move(m_out);
    }

private:
    qsizetype lineEnd(qsizetype from) const
    {
        const qsizetype nl = m_in.indexOf(u'\n', from);
        return nl < 0 ? m_in.size() : nl;
    }

    void copy(qsizetype from, qsizetype to)
    {
        for (qsizetype k = from; k < to; ++k) {
            const QChar c = m_in.at(k);
            m_out.text.append(mathPlaceholderIndex(c) >= 0 ? QChar::ReplacementCharacter : c);
        }
    }

    // At a line start: a fence line, or a line inside fenced code, is copied whole.
    qsizetype fenceLine(qsizetype start)
    {
        const qsizetype end = lineEnd(start);
        const Fence f = fenceOf(QStringView(m_in).mid(start, end - start));
        const bool inFence = m_fence.length > 0;
        if (!inFence && f.length == 0)
            return -1;
        if (!inFence) {
            m_fence = f;
        } else if (f.length >= m_fence.length && f.ch == m_fence.ch &&
                   QStringView(m_in).mid(start, end - start).trimmed().size() == f.length) {
            m_fence = {};
        }
        const qsizetype next = end < m_in.size() ? end + 1 : end;
        copy(start, next);
        return next;
    }

    // Where `close` next occurs from `from`, before a blank line; -1 if not.
    qsizetype findClose(qsizetype from, QStringView close) const
    {
        qsizetype k = from;
        while (k < m_in.size()) {
            const qsizetype at = m_in.indexOf(close, k);
            const qsizetype blank = m_in.indexOf(QStringLiteral("\n\n"), k);
            if (at < 0 || (blank >= 0 && blank < at))
                return -1;
            // Backslash-escaped closers (\$) do not close.
            if (close == u"$" && at > 0 && m_in.at(at - 1) == u'\\') {
                k = at + 1;
                continue;
            }
            return at;
        }
        return -1;
    }

    qsizetype add(qsizetype start, qsizetype contentStart, qsizetype contentEnd, qsizetype end,
                  bool display)
    {
        const QString tex = m_in.mid(contentStart, contentEnd - contentStart);
        if (tex.trimmed().isEmpty() || m_out.spans.size() >= MaxFormulas) {
            copy(start, end);
            return end;
        }
        // A display formula alone on its lines becomes its own paragraph.
        const bool ownLine = display && (start == 0 || m_in.at(start - 1) == u'\n') &&
                             QStringView(m_in).mid(end, lineEnd(end) - end).trimmed().isEmpty();
        if (ownLine)
            m_out.text.append(u'\n');
        m_out.text.append(mathPlaceholder(int(m_out.spans.size())));
        if (ownLine)
            m_out.text.append(u'\n');
        m_out.spans.append({m_in.mid(start, end - start), tex, display});
        return end;
    }

    qsizetype step(qsizetype i)
    {
        const QChar c = m_in.at(i);
        const QChar next = i + 1 < m_in.size() ? m_in.at(i + 1) : QChar();
        if (c == u'`') {
            qsizetype run = 1;
            while (i + run < m_in.size() && m_in.at(i + run) == u'`')
                ++run;
            const QString ticks(run, u'`');
            qsizetype close = i + run;
            while ((close = m_in.indexOf(ticks, close)) >= 0) {
                qsizetype after = close + run;
                if (after < m_in.size() && m_in.at(after) == u'`') {
                    while (after < m_in.size() && m_in.at(after) == u'`')
                        ++after;
                    close = after;
                    continue;
                }
                break;
            }
            const qsizetype end = close < 0 ? i + run : close + run;
            copy(i, end);
            return end;
        }
        if (c == u'\\' && (next == u'(' || next == u'[')) {
            const QString close = next == u'(' ? QStringLiteral("\\)") : QStringLiteral("\\]");
            const qsizetype at = findClose(i + 2, close);
            if (at >= 0)
                return add(i, i + 2, at, at + 2, next == u'[');
        }
        if (c == u'\\' && !next.isNull()) {
            copy(i, i + 2); // an escape stays for the Markdown parser: \$ is a dollar
            return i + 2;
        }
        if (c == u'$' && next == u'$') {
            const qsizetype at = findClose(i + 2, u"$$");
            if (at >= 0)
                return add(i, i + 2, at, at + 2, true);
            copy(i, i + 2);
            return i + 2;
        }
        if (c == u'$' && !next.isNull() && !next.isSpace()) {
            const qsizetype end = lineEnd(i);
            qsizetype at = i + 1;
            while (at < end && (m_in.at(at) != u'$' || m_in.at(at - 1) == u'\\'))
                ++at;
            const bool closes = at < end && !m_in.at(at - 1).isSpace() &&
                                !(at + 1 < m_in.size() && m_in.at(at + 1).isDigit());
            if (closes)
                return add(i, i + 1, at, at + 1, false);
        }
        copy(i, i + 1);
        return i + 1;
    }

    const QString &m_in;
    ExtractedMath m_out;
    Fence m_fence;
};

} // namespace

ExtractedMath extractMath(const QString &markdown)
{
    return Extractor(markdown).run();
}

} // namespace Sluice
