// Untrusted text (model output, server error bodies, model names, titles) on its way to a
// terminal. A terminal obeys control characters: ESC starts sequences that set the title,
// clear the screen, write the clipboard (OSC 52) or make links (OSC 8); CR and BS overwrite
// what was shown; bidi overrides reorder it. So on a terminal every such character is shown
// as visible text instead, and only LF and TAB keep their meaning. Off a terminal (a pipe, a
// file) the text stays exact: callers decide, these functions only transform.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <cstdio>

namespace Sluice {

// Whether `stream` (stdout, stderr) is a terminal rather than a pipe or a file.
bool isTerminal(FILE *stream);

// What a stream of pieces needs carried from one piece to the next: a high surrogate whose
// low half is in the next piece, and a CR that may be the first half of a CRLF.
struct TerminalTextState
{
    char16_t pendingHighSurrogate = 0;
    bool pendingCr = false;
};

// True for the characters a terminal would act on or that hide or reorder text: C0 controls
// but LF and TAB, DEL, C1 controls (U+0080–U+009F), bidi embeddings, overrides, isolates and
// marks, invisible separators and tag characters (U+E0000–U+E007F).
bool isTerminalUnsafe(char32_t c);

// The visible form of an unsafe character: caret notation for C0 and DEL ("^[" for ESC,
// "^M" for CR, "^?" for DEL), "<U+XXXX>" for the rest.
QString visibleForm(char32_t c);

// Makes one piece of a stream safe for a terminal. Pieces may split a surrogate pair or a
// CRLF anywhere; the output of all pieces plus finish() is the same whichever way the text
// was cut. A CR directly followed by LF is kept as the line end it is; any other CR is shown.
// A lone surrogate becomes U+FFFD.
QString sanitizeForTerminal(QStringView piece, TerminalTextState &state);
// What the state still holds at the end of the stream, made visible.
QString finishForTerminal(TerminalTextState &state);
// A complete text (one message, one name): sanitizeForTerminal + finishForTerminal.
QString sanitizeForTerminal(QStringView text);

// The same for UTF-8 bytes, which may be cut inside a sequence: the state carries the
// partial sequence; invalid bytes become U+FFFD.
struct TerminalBytesState
{
    QByteArray pendingUtf8;
    TerminalTextState text;
};
QString sanitizeForTerminal(QByteArrayView utf8Piece, TerminalBytesState &state);
QString finishForTerminal(TerminalBytesState &state);

// JSON text with DEL, C1, bidi and the other unsafe characters that JSON writers leave as
// they are (they escape only C0) written as \uXXXX escapes. Only valid inside JSON strings,
// which is the only place such characters can be, so the JSON means exactly the same.
QString escapeUnsafeInJson(QStringView json);

} // namespace Sluice
