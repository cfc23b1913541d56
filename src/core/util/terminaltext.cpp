#include "core/util/terminaltext.h"

#include <QStringDecoder>

#ifdef Q_OS_WIN
#include <io.h>
#else
#include <unistd.h>
#endif

namespace Sluice {

bool isTerminal(FILE *stream)
{
#ifdef Q_OS_WIN
    return _isatty(_fileno(stream)) != 0;
#else
    return isatty(fileno(stream)) != 0;
#endif
}

bool isTerminalUnsafe(char32_t c)
{
    if (c < 0x20)
        return c != u'\n' && c != u'\t';
    if (c < 0x7f)
        return false;
    if (c <= 0x9f) // DEL and the C1 controls (U+009B is CSI to some terminals)
        return true;
    switch (c) {
    case 0x061c: // ARABIC LETTER MARK
    case 0x180e: // MONGOLIAN VOWEL SEPARATOR (invisible)
    case 0x200b: // ZERO WIDTH SPACE (hides text inside a word)
    case 0x200e: // LEFT-TO-RIGHT MARK
    case 0x200f: // RIGHT-TO-LEFT MARK
    case 0x2028: // LINE SEPARATOR (a line break to some terminals)
    case 0x2029: // PARAGRAPH SEPARATOR
    case 0xfeff: // ZERO WIDTH NO-BREAK SPACE
        return true;
    default:
        break;
    }
    return (c >= 0x202a && c <= 0x202e)       // bidi embeddings and overrides
           || (c >= 0x2060 && c <= 0x2064)    // word joiner, invisible operators
           || (c >= 0x2066 && c <= 0x206f)    // bidi isolates, deprecated format controls
           || (c >= 0xfff9 && c <= 0xfffb)    // interlinear annotation
           || (c >= 0xe0000 && c <= 0xe007f); // tag characters (invisible ASCII)
}

QString visibleForm(char32_t c)
{
    if (c < 0x20)
        return QString(u'^') + QChar(char16_t(c + 0x40));
    if (c == 0x7f)
        return QStringLiteral("^?");
    return QStringLiteral("<U+%1>").arg(
        QString::number(uint(c), 16).toUpper().rightJustified(4, u'0'));
}

namespace {

void append(QString &out, char32_t c)
{
    if (isTerminalUnsafe(c))
        out += visibleForm(c);
    else if (QChar::requiresSurrogates(c))
        out += QStringView(QChar::fromUcs4(c));
    else
        out += QChar(char16_t(c));
}

// A CR waits for the next character: before LF it is part of a line end.
void appendAfterCr(QString &out, char32_t c, TerminalTextState &state)
{
    if (state.pendingCr) {
        state.pendingCr = false;
        if (c == u'\n') {
            out += QStringLiteral("\r\n");
            return;
        }
        out += visibleForm(u'\r');
    }
    if (c == u'\r') {
        state.pendingCr = true;
        return;
    }
    append(out, c);
}

} // namespace

QString sanitizeForTerminal(QStringView piece, TerminalTextState &state)
{
    QString out;
    out.reserve(piece.size() + 8);
    for (const QChar ch : piece) {
        const char16_t u = ch.unicode();
        if (state.pendingHighSurrogate) {
            const char16_t high = state.pendingHighSurrogate;
            state.pendingHighSurrogate = 0;
            if (QChar::isLowSurrogate(u)) {
                appendAfterCr(out, QChar::surrogateToUcs4(high, u), state);
                continue;
            }
            appendAfterCr(out, QChar::ReplacementCharacter, state);
        }
        if (QChar::isHighSurrogate(u))
            state.pendingHighSurrogate = u;
        else if (QChar::isLowSurrogate(u))
            appendAfterCr(out, QChar::ReplacementCharacter, state);
        else
            appendAfterCr(out, u, state);
    }
    return out;
}

QString finishForTerminal(TerminalTextState &state)
{
    QString out;
    if (state.pendingHighSurrogate) {
        state.pendingHighSurrogate = 0;
        appendAfterCr(out, QChar::ReplacementCharacter, state);
    }
    if (state.pendingCr) {
        state.pendingCr = false;
        out += visibleForm(u'\r');
    }
    return out;
}

QString sanitizeForTerminal(QStringView text)
{
    TerminalTextState state;
    QString out = sanitizeForTerminal(text, state);
    out += finishForTerminal(state);
    return out;
}

namespace {
// QString::fromUtf8() drops a byte order mark at the start of what it is given, which would
// make the output depend on where the stream was cut: every one is kept (and shown).
QString decodeKeepingBom(QByteArrayView utf8)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless |
                                                     QStringDecoder::Flag::ConvertInitialBom);
    return decoder.decode(utf8);
}
} // namespace

QString sanitizeForTerminal(QByteArrayView utf8Piece, TerminalBytesState &state)
{
    QByteArray data = state.pendingUtf8;
    data.append(utf8Piece);
    // A multi-byte sequence the piece ends inside of waits for the rest: then the bytes are
    // decoded together exactly as they would be in one piece.
    qsizetype complete = data.size();
    for (qsizetype back = 1; back <= 3 && back <= data.size(); ++back) {
        const uchar b = uchar(data.at(data.size() - back));
        if ((b & 0xC0) == 0x80)
            continue; // a continuation byte: look further back for the lead byte
        const qsizetype need = b >= 0xF8 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        if (need > back)
            complete = data.size() - back;
        break;
    }
    state.pendingUtf8 = data.sliced(complete);
    data.truncate(complete);
    return sanitizeForTerminal(decodeKeepingBom(data), state.text);
}

QString finishForTerminal(TerminalBytesState &state)
{
    // A sequence cut off at the end is invalid: U+FFFD.
    QString out = sanitizeForTerminal(decodeKeepingBom(state.pendingUtf8), state.text);
    state.pendingUtf8.clear();
    out += finishForTerminal(state.text);
    return out;
}

QString escapeUnsafeInJson(QStringView json)
{
    QString out;
    out.reserve(json.size());
    const auto escape = [&out](char16_t u) {
        out += QStringLiteral("\\u%1").arg(uint(u), 4, 16, QLatin1Char('0'));
    };
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char16_t u = json[i].unicode();
        if (QChar::isHighSurrogate(u) && i + 1 < json.size() &&
            QChar::isLowSurrogate(json[i + 1].unicode())) {
            const char16_t low = json[i + 1].unicode();
            if (isTerminalUnsafe(QChar::surrogateToUcs4(u, low))) {
                escape(u);
                escape(low);
            } else {
                out += json.sliced(i, 2);
            }
            ++i;
        } else if (u >= 0x20 && isTerminalUnsafe(u)) {
            escape(u);
        } else {
            out += QChar(u);
        }
    }
    return out;
}

} // namespace Sluice
