// Full-text search over every stored message (SQLite FTS5, ranked by bm25).
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

class QSqlDatabase;

namespace Sluice {

struct SearchHit
{
    struct Range
    {
        int start = 0;
        int length = 0;
    };

    qint64 conversationId = 0;
    qint64 messageId = 0;
    QString title;           // the conversation's
    QString role;            // of the matching message
    QString snippet;         // plain text around the match, "…" where cut
    QList<Range> highlights; // the matched words inside snippet
    double score = 0;        // bm25: lower is better

    // The snippet with every highlighted range wrapped in open/close.
    QString markedSnippet(const QString &open, const QString &close) const;
    // The snippet as HTML (escaped) with matches in <b>…</b>.
    QString snippetHtml() const;
};

namespace HistorySearch {

// An FTS5 MATCH expression for what a person typed: every word becomes a quoted prefix
// term ("hel" finds "hello"), so FTS syntax in the input (AND, NEAR, *, ", :) is just text.
// Empty when nothing searchable was typed.
QString matchExpression(const QString &userText);

// Where the words of `text` that a search for `userText` matches are, the way the index
// matches them: a word (a run of letters and digits) that begins with one of the typed words,
// ignoring case and diacritics ("otter" marks "Otters", "cafe" marks "Café").
QList<SearchHit::Range> matchRanges(QStringView text, const QString &userText);

// Ranking a word found in nearly every message costs time for every match, so only the
// newest `rankWindow` matches are ranked: a very common word finds its best recent uses.
inline constexpr int kDefaultRankWindow = 5000;

// Best matches first, at most `limit`, skipping deleted conversations.
// Returns false (with *error) only on a database error.
bool run(const QSqlDatabase &db, const QString &userText, int limit, QList<SearchHit> *hits,
         QString *error, int rankWindow = kDefaultRankWindow);

} // namespace HistorySearch
} // namespace Sluice
