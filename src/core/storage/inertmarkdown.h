// Markdown from a model (or anyone) made safe to place inside an exported document: a
// viewer shows it as text and fetches or runs nothing, and it cannot break the document's
// own structure.
#pragma once

#include <QString>

namespace Sluice::InertMarkdown {

// A block of Markdown (a message) to embed below headings of the export's own:
// - raw HTML (`<img src=…>`, `<script>`, `</details>`, comments) is escaped to show as text;
// - images `![alt](url)` become a "!" and a link, so nothing is fetched on opening;
// - headings are demoted by `headingOffset` levels (at most level 6), setext ones too;
// - a code fence left open (a reply cut off mid-code) is closed at the end.
// Code spans and fenced code are left exactly as they are.
QString block(const QString &text, int headingOffset);

// One line of text for a heading or a quote: the same escapes, line breaks as spaces.
QString inlineText(const QString &text);

} // namespace Sluice::InertMarkdown
