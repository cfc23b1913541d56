// Full-text search over the history (SQLite FTS5, ranked by bm25): conversation titles, and
// every message's text and thinking. One result per conversation.
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
    qint64 messageId = 0;         // the best matching message; 0 when only the title matches
    QString title;                // the conversation's
    QList<Range> titleHighlights; // the matched words inside title
    QString role;                 // of the matching message
    bool inThinking = false;      // the snippet is from the model's thinking, not its reply
    QString snippet;              // one line of plain text around the match, "…" where cut
    QList<Range> highlights;      // the matched words inside snippet
    int matchCount = 0;           // messages of the conversation that match…
    bool moreMatches = false;     // …at least: older ones were not counted (see rankWindow)
    double score = 0;             // bm25 of the best match: lower is better

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

// One line of plain text from a stretch of Markdown: no emphasis, code, heading, quote or
// list marks, links and images as their text, line breaks as spaces. The control
// characters U+0002 and U+0003 (the markers around a matched word) stay where they are.
QString plainSnippet(const QString &markdown);

// One hit per conversation, at most `limit`: conversations whose title matches first, then
// the best matching messages; deleted conversations are skipped.
// Returns false (with *error) only on a database error.
bool run(const QSqlDatabase &db, const QString &userText, int limit, QList<SearchHit> *hits,
         QString *error, int rankWindow = kDefaultRankWindow);

} // namespace HistorySearch
} // namespace Sluice
