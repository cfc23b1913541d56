// LineFramer: the same bytes give the same lines whichever way they are cut into reads, and
// the framer never holds more than its cap.
#include "fuzzsplit.h"
#include "core/net/lineframer.h"

#include <QByteArray>

using namespace Sluice;

namespace {

QByteArray run(const QList<QByteArrayView> &reads, qsizetype cap)
{
    LineFramer framer(cap);
    QList<QByteArray> lines;
    bool ok = true;
    for (QByteArrayView r : reads) {
        ok = framer.feed(r, lines) && ok;
        if (framer.pendingBytes() > cap)
            SluiceFuzz::mismatch("pending bytes over the cap", {}, {});
    }
    ok = framer.finish(lines) && ok;
    if (ok == framer.overflowed() || framer.pendingBytes() != 0)
        SluiceFuzz::mismatch("state after finish()", {}, {});
    QByteArray out;
    for (const QByteArray &l : lines) {
        if (l.isEmpty() || l.size() > cap || l.contains('\n'))
            SluiceFuzz::mismatch("bad line", l.left(64), {});
        out += l + "\n";
    }
    out += ok ? "ok" : "overflow";
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const SluiceFuzz::Input in = SluiceFuzz::splitInput(data, size);
    const QList<QByteArrayView> reads = SluiceFuzz::cut(in);
    for (qsizetype cap : {qsizetype(LineFramer::DefaultMaxLineBytes), qsizetype(64)}) {
        const QByteArray whole = run({in.stream}, cap);
        const QByteArray split = run(reads, cap);
        if (whole != split)
            SluiceFuzz::mismatch("LineFramer lines", whole, split);
    }
    return 0;
}
