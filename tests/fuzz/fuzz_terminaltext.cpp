// The terminal sanitiser: whatever bytes a server sends, however they are cut into reads,
// nothing a terminal would act on survives (ESC, C0 but LF and TAB, DEL, C1, bidi and the
// other invisible format controls), and the cut changes nothing.
#include "fuzzsplit.h"
#include "core/util/terminaltext.h"

#include <QByteArray>
#include <QString>

using namespace Sluice;

namespace {

QString run(const QList<QByteArrayView> &reads)
{
    TerminalBytesState state;
    QString out;
    for (QByteArrayView r : reads)
        out += sanitizeForTerminal(r, state);
    out += finishForTerminal(state);
    return out;
}

void checkSafe(const QString &out)
{
    const QList<uint> chars = out.toUcs4();
    for (const uint c : chars) {
        const bool c0 = c < 0x20 && c != '\n' && c != '\t' && c != '\r';
        const bool c1 = c >= 0x7f && c <= 0x9f;
        const bool bidi = (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
                          c == 0x200e || c == 0x200f || c == 0x061c;
        if (c0 || c1 || bidi || (c != '\r' && isTerminalUnsafe(char32_t(c))))
            SluiceFuzz::mismatch("an unsafe character survived", out.toUtf8().toHex(' '), {});
    }
    // CR is kept only as the first half of a CRLF line end.
    for (qsizetype i = out.indexOf(u'\r'); i >= 0; i = out.indexOf(u'\r', i + 1)) {
        if (i + 1 >= out.size() || out.at(i + 1) != u'\n')
            SluiceFuzz::mismatch("a lone CR survived", out.toUtf8().toHex(' '), {});
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const SluiceFuzz::Input in = SluiceFuzz::splitInput(data, size);
    const QString whole = run({in.stream});
    checkSafe(whole);
    const QString split = run(SluiceFuzz::cut(in));
    if (whole != split)
        SluiceFuzz::mismatch("sanitised text", whole.toUtf8(), split.toUtf8());
    // The JSON form: nothing unsafe either (C0 are left to the JSON writer, which escapes them).
    const QString json = escapeUnsafeInJson(QString::fromUtf8(in.stream));
    for (const uint c : json.toUcs4())
        if (c >= 0x20 && isTerminalUnsafe(char32_t(c)))
            SluiceFuzz::mismatch("unsafe character in JSON", json.toUtf8().toHex(' '), {});
    return 0;
}
