#include "core/storage/historysearch.h"

#include "core/storage/messageindex.h"

#include <QHash>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace Sluice {

namespace {

// Markers FTS5 puts around matches; control characters never typed into a chat.
constexpr QChar kOpen(0x0002);
constexpr QChar kClose(0x0003);

bool hasWordCharacter(const QString &token)
{
    for (const QChar c : token) {
        if (c.isLetterOrNumber())
            return true;
    }
    return false;
}

// Turns "a\x02b\x03c" into "abc" with one highlight over "b".
void takeMarkers(const QString &marked, SearchHit *hit)
{
    hit->snippet.reserve(marked.size());
    int openedAt = -1;
    for (const QChar c : marked) {
        if (c == kOpen) {
            openedAt = int(hit->snippet.size());
        } else if (c == kClose) {
            if (openedAt >= 0 && hit->snippet.size() > openedAt)
                hit->highlights.append({openedAt, int(hit->snippet.size()) - openedAt});
            openedAt = -1;
        } else {
            hit->snippet.append(c);
        }
    }
}

// Lower case without diacritics, as the index's tokenizer (remove_diacritics 2) compares.
QString folded(QStringView word)
{
    const bool ascii =
        std::all_of(word.begin(), word.end(), [](QChar c) { return c.unicode() < 0x80; });
    if (ascii) // nothing to decompose: the common case, much cheaper
        return word.toString().toLower();
    QString decomposed = word.toString().normalized(QString::NormalizationForm_D);
    decomposed.removeIf([](QChar c) { return c.category() == QChar::Mark_NonSpacing; });
    return decomposed.toCaseFolded();
}

// Runs of letters and digits: the index's tokens.
template <typename Visit> void forEachWord(QStringView text, Visit visit)
{
    qsizetype start = -1;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        const bool inWord = i < text.size() && text.at(i).isLetterOrNumber();
        if (inWord && start < 0)
            start = i;
        else if (!inWord && start >= 0) {
            visit(start, i - start);
            start = -1;
        }
    }
}

} // namespace

QString SearchHit::markedSnippet(const QString &open, const QString &close) const
{
    QString result;
    int from = 0;
    for (const Range &range : highlights) {
        result += QStringView(snippet).mid(from, range.start - from) + open +
                  QStringView(snippet).mid(range.start, range.length) + close;
        from = range.start + range.length;
    }
    result += QStringView(snippet).mid(from);
    return result;
}

QString SearchHit::snippetHtml() const
{
    QString result;
    int from = 0;
    for (const Range &range : highlights) {
        result += snippet.mid(from, range.start - from).toHtmlEscaped() + u"<b>" +
                  snippet.mid(range.start, range.length).toHtmlEscaped() + u"</b>";
        from = range.start + range.length;
    }
    result += snippet.mid(from).toHtmlEscaped();
    return result;
}

namespace HistorySearch {

QString matchExpression(const QString &userText)
{
    static const QRegularExpression whitespace(QStringLiteral("\\s+"));
    const QStringList tokens = userText.split(whitespace, Qt::SkipEmptyParts);
    QStringList terms;
    for (QString token : tokens) {
        // Control characters would end up inside our highlight markers.
        token.removeIf([](QChar c) { return c.category() == QChar::Other_Control; });
        if (!hasWordCharacter(token))
            continue;
        token.replace(u'"', QStringLiteral("\"\""));
        terms.append(u'"' + token + QStringLiteral("\"*"));
    }
    return terms.join(u' ');
}

QList<SearchHit::Range> matchRanges(QStringView text, const QString &userText)
{
    QStringList terms;
    forEachWord(userText, [&](qsizetype start, qsizetype length) {
        const QString term = folded(QStringView(userText).mid(start, length));
        if (!terms.contains(term))
            terms.append(term);
    });
    QList<SearchHit::Range> ranges;
    if (terms.isEmpty())
        return ranges;
    forEachWord(text, [&](qsizetype start, qsizetype length) {
        const QString word = folded(text.mid(start, length));
        for (const QString &term : std::as_const(terms)) {
            if (word.startsWith(term)) {
                ranges.append({int(start), int(length)});
                break;
            }
        }
    });
    return ranges;
}

QString plainSnippet(const QString &markdown)
{
    // In the order they apply; none of them matches a marker (U+0002, U+0003).
    static const QRegularExpression fence(QStringLiteral("(`{3,}|~{3,})[^\\s`\\x{02}\\x{03}]*"));
    static const QRegularExpression image(
        QStringLiteral("!\\[([^\\]\\n]*)\\]\\([^)\\s\\x{02}\\x{03}]*\\)"));
    static const QRegularExpression link(
        QStringLiteral("\\[([^\\]\\n]*)\\]\\([^)\\s\\x{02}\\x{03}]*\\)"));
    static const QRegularExpression rule(
        QStringLiteral("(^|\\n)[ \\t]*([-*_=|:][ \\t]*){3,}(?=\\n|$)"));
    static const QRegularExpression lineStart(
        QStringLiteral("(^|\\n)[ \\t]*(((#{1,6}|[-*+]|\\d{1,9}[.)])[ \\t]+)|>[ \\t]*)+"));
    static const QRegularExpression escape(QStringLiteral("\\\\([!-/:-@\\[-`{-~])"));
    // Not where a backslash makes the mark a character ("\*").
    static const QRegularExpression stars(
        QStringLiteral("(?<!\\\\)\\*+(?=\\S)|(?<=[^\\s\\\\])\\*+|(?<!\\\\)(~~|`+)"));
    static const QRegularExpression underscores(QStringLiteral(
        "(?<![\\p{L}\\p{N}\\\\])_+(?=[\\p{L}\\p{N}\\x{02}])|(?<=[\\p{L}\\p{N}\\x{03}])_+"
        "(?![\\p{L}\\p{N}])"));
    static const QRegularExpression pipes(QStringLiteral("[ \\t]*\\|[ \\t]*"));
    static const QRegularExpression spaces(QStringLiteral("\\s+"));

    QString text = markdown;
    text.replace(fence, QStringLiteral(" "));
    text.replace(image, QStringLiteral("\\1"));
    text.replace(link, QStringLiteral("\\1"));
    text.replace(rule, QStringLiteral("\\1"));
    text.replace(lineStart, QStringLiteral("\\1"));
    text.replace(stars, QString());
    text.replace(underscores, QString());
    text.replace(escape, QStringLiteral("\\1"));
    text.replace(pipes, QStringLiteral(" "));
    text.replace(spaces, QStringLiteral(" "));
    return text.trimmed();
}

namespace {

// About `words` words of `text` around the first word a search for `userText` matches, with
// the matched words between the highlight markers and "…" where cut. Empty without a match.
// `before`/`after`: the text is a piece of a longer one that goes on before/after it.
QString excerpt(const QString &text, const QString &userText, bool before, bool after,
                int words = 12)
{
    const QList<SearchHit::Range> ranges = matchRanges(text, userText);
    if (ranges.isEmpty())
        return {};
    // Word starts, to count words before and after the first match.
    QList<qsizetype> starts;
    forEachWord(text, [&](qsizetype start, qsizetype) { starts.append(start); });
    const qsizetype first = starts.indexOf(ranges.constFirst().start);
    // A third of the words before the match, more when the text ends soon after it.
    const qsizetype from =
        qMax<qsizetype>(0, qMin<qsizetype>(first - words / 3, starts.size() - words));
    const qsizetype to = qMin<qsizetype>(starts.size(), from + words);
    qsizetype begin = from == 0 ? 0 : starts.at(from);
    while (begin > 0 && !text.at(begin - 1).isSpace())
        --begin; // with what is attached to the word ("<b>tag", "**bold")
    qsizetype end = text.size();
    if (to < starts.size()) {
        end = starts.at(to);
        while (end > begin && !text.at(end - 1).isLetterOrNumber())
            --end; // not the space or punctuation before the next word
    }
    QString marked = begin > 0 || before ? QStringLiteral("…") : QString();
    qsizetype at = begin;
    for (const SearchHit::Range &range : ranges) {
        if (range.start < begin)
            continue;
        if (range.start + range.length > end)
            break;
        marked += QStringView(text).mid(at, range.start - at) + kOpen +
                  QStringView(text).mid(range.start, range.length) + kClose;
        at = range.start + range.length;
    }
    marked += QStringView(text).mid(at, end - at);
    if (end < text.size() || after)
        marked += u'…';
    return marked;
}

// Matching titles, best first.
bool findTitles(const QSqlDatabase &db, const QString &expression, const QString &userText,
                int limit, QList<SearchHit> *hits, QString *error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
        "SELECT c.id, c.title FROM (SELECT rowid, rank AS score FROM conversations_fts"
        "  WHERE conversations_fts MATCH ? ORDER BY rank) AS f"
        " JOIN conversations c ON c.id = f.rowid WHERE c.deleted_at IS NULL"
        " ORDER BY f.score LIMIT ?"));
    query.addBindValue(expression);
    query.addBindValue(limit);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    while (query.next()) {
        SearchHit hit;
        hit.conversationId = query.value(0).toLongLong();
        hit.title = query.value(1).toString();
        hit.titleHighlights = matchRanges(hit.title, userText);
        hits->append(hit);
    }
    return true;
}

// The best matching message of each conversation, best first, for up to `wanted`
// conversations.
bool findMessages(const QSqlDatabase &db, const QString &expression, const QString &userText,
                  int wanted, int rankWindow, QList<SearchHit> *hits, QString *error)
{
    // The rowid of the rankWindow-th newest match, if there are that many: walking the
    // matches in rowid order is cheap, scoring them is not.
    qint64 oldestRanked = 0;
    {
        QSqlQuery window(db);
        window.prepare(QStringLiteral("SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?"
                                      " ORDER BY rowid DESC LIMIT 1 OFFSET ?"));
        window.addBindValue(expression);
        window.addBindValue(qMax(0, rankWindow - 1));
        if (!window.exec()) {
            *error = window.lastError().text();
            return false;
        }
        if (window.next())
            oldestRanked = window.value(0).toLongLong();
    }

    // The best match of each live conversation (SQLite takes the bare columns from the row
    // with the smallest score), and how many of the ranked messages it has… A row is a
    // piece of a message (messageindex.h): rowid / kRowsPerMessage is the message.
    QSqlQuery best(db);
    best.setForwardOnly(true);
    best.prepare(QStringLiteral("SELECT m.conversation_id, m.id, c.title, m.role, min(f.score),"
                                " count(DISTINCT m.id), f.rowid"
                                " FROM (SELECT rowid, rank AS score FROM messages_fts"
                                "       WHERE messages_fts MATCH :match AND rowid >= :oldest) AS f"
                                " JOIN messages m ON m.id = f.rowid / %1"
                                " JOIN conversations c ON c.id = m.conversation_id"
                                " WHERE c.deleted_at IS NULL"
                                " GROUP BY m.conversation_id ORDER BY min(f.score) LIMIT :wanted")
                     .arg(MessageIndex::kRowsPerMessage));
    best.bindValue(QStringLiteral(":match"), expression);
    best.bindValue(QStringLiteral(":oldest"), oldestRanked);
    best.bindValue(QStringLiteral(":wanted"), wanted);
    if (!best.exec()) {
        *error = best.lastError().text();
        return false;
    }
    QHash<qint64, qsizetype> byRow;
    QStringList rows;
    while (best.next()) {
        SearchHit hit;
        hit.conversationId = best.value(0).toLongLong();
        hit.messageId = best.value(1).toLongLong();
        hit.title = best.value(2).toString();
        hit.role = best.value(3).toString();
        hit.score = best.value(4).toDouble();
        hit.matchCount = best.value(5).toInt();
        hit.moreMatches = oldestRanked > 0;
        const qint64 row = best.value(6).toLongLong();
        byRow.insert(row, hits->size());
        rows << QString::number(row);
        hits->append(hit);
    }
    if (hits->isEmpty())
        return true;

    // … and their snippets, cut from the best matching piece around its first matched word:
    // the reply's own text when it matches, else its thinking. (FTS5's snippet() would run
    // the whole MATCH again for every message, a few milliseconds each for a common prefix.)
    QSqlQuery texts(db);
    texts.setForwardOnly(true);
    texts.prepare(QStringLiteral("SELECT p.rowid, p.content, p.thinking, n.content != '',"
                                 " n.thinking != ''"
                                 " FROM messages_fts p LEFT JOIN messages_fts n"
                                 "  ON n.rowid = p.rowid + 1 AND p.rowid % %1 < %1 - 1"
                                 " WHERE p.rowid IN (%2)")
                      .arg(MessageIndex::kRowsPerMessage)
                      .arg(rows.join(u',')));
    if (!texts.exec()) {
        *error = texts.lastError().text();
        return false;
    }
    while (texts.next()) {
        const qint64 row = texts.value(0).toLongLong();
        SearchHit &hit = (*hits)[byRow.value(row)];
        const bool before = row % MessageIndex::kRowsPerMessage > 0;
        QString marked = excerpt(texts.value(1).toString(), userText, before,
                                 texts.value(3).toBool());
        if (marked.isEmpty()) {
            marked = excerpt(texts.value(2).toString(), userText, before,
                             texts.value(4).toBool());
            hit.inThinking = !marked.isEmpty();
        }
        takeMarkers(plainSnippet(marked), &hit);
    }
    return true;
}

} // namespace

bool run(const QSqlDatabase &db, const QString &userText, int limit, QList<SearchHit> *hits,
         QString *error, int rankWindow)
{
    hits->clear();
    const QString expression = matchExpression(userText);
    if (expression.isEmpty() || limit <= 0)
        return true;

    QList<SearchHit> titles;
    QList<SearchHit> messages;
    if (!findTitles(db, expression, userText, limit, &titles, error) ||
        !findMessages(db, expression, userText, limit + int(titles.size()), rankWindow, &messages,
                      error))
        return false;

    // Conversations whose title matches come first, with their best message if it is among
    // the best; then the other conversations by their best message.
    QHash<qint64, qsizetype> byConversation;
    for (const SearchHit &title : std::as_const(titles)) {
        byConversation.insert(title.conversationId, hits->size());
        hits->append(title);
    }
    for (const SearchHit &message : std::as_const(messages)) {
        if (const auto it = byConversation.constFind(message.conversationId);
            it != byConversation.cend()) {
            SearchHit &hit = (*hits)[*it];
            const QList<SearchHit::Range> titleHighlights = hit.titleHighlights;
            hit = message;
            hit.titleHighlights = titleHighlights;
        } else if (hits->size() < limit) {
            SearchHit hit = message;
            hit.titleHighlights = matchRanges(hit.title, userText);
            hits->append(hit);
        }
    }
    if (hits->size() > limit)
        hits->resize(limit);
    return true;
}

} // namespace HistorySearch
} // namespace Sluice
