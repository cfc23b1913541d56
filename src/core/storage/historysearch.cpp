#include "historysearch.h"

#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

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

bool run(const QSqlDatabase &db, const QString &userText, int limit, QList<SearchHit> *hits,
         QString *error, int rankWindow)
{
    hits->clear();
    const QString expression = matchExpression(userText);
    if (expression.isEmpty() || limit <= 0)
        return true;

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

    // FTS5 sorts by rank itself and builds snippets only for the rows it returns, so the
    // ranked, limited part runs inside the FTS query; hits in deleted conversations are
    // skipped after it, asking for more rows in the rare case that leaves too few.
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(QStringLiteral(
            "SELECT m.conversation_id, m.id, c.title, m.role, f.marked, f.score,"
            " c.deleted_at IS NULL"
            " FROM (SELECT rowid, snippet(messages_fts, 0, :open, :close, '…', 16) AS marked,"
            "        rank AS score"
            "       FROM messages_fts WHERE messages_fts MATCH :match AND rowid >= :oldest"
            "       ORDER BY rank LIMIT :inner) AS f"
            " JOIN messages m ON m.id = f.rowid"
            " JOIN conversations c ON c.id = m.conversation_id"
            " ORDER BY f.score"))) {
        *error = query.lastError().text();
        return false;
    }
    int inner = limit + 16;
    for (;;) {
        query.bindValue(QStringLiteral(":open"), QString(kOpen));
        query.bindValue(QStringLiteral(":close"), QString(kClose));
        query.bindValue(QStringLiteral(":match"), expression);
        query.bindValue(QStringLiteral(":oldest"), oldestRanked);
        query.bindValue(QStringLiteral(":inner"), inner);
        if (!query.exec()) {
            *error = query.lastError().text();
            return false;
        }
        hits->clear();
        int rows = 0;
        while (query.next()) {
            ++rows;
            if (hits->size() >= limit || !query.value(6).toBool())
                continue;
            SearchHit hit;
            hit.conversationId = query.value(0).toLongLong();
            hit.messageId = query.value(1).toLongLong();
            hit.title = query.value(2).toString();
            hit.role = query.value(3).toString();
            takeMarkers(query.value(4).toString(), &hit);
            hit.score = query.value(5).toDouble();
            hits->append(hit);
        }
        // Fewer rows than asked for from FTS: there are no more matches.
        if (hits->size() >= limit || rows < inner)
            break;
        inner *= 4;
    }
    return true;
}

} // namespace HistorySearch
} // namespace Sluice
