// SseParser: the same bytes give the same events whichever way they are cut into reads,
// with the default cap and with a small one (so overflow is explored too).
#include "fuzzsplit.h"
#include "core/net/sseparser.h"

#include <QByteArray>

using namespace Sluice;

namespace {

QByteArray run(const QList<QByteArrayView> &reads, qsizetype cap)
{
    SseParser parser(cap);
    QList<SseEvent> events;
    bool ok = true;
    for (QByteArrayView r : reads) {
        ok = parser.feed(r, events) && ok;
        if (!ok && parser.feed("data: x\n\n", events))
            SluiceFuzz::mismatch("feed accepted after overflow", {}, {});
    }
    ok = parser.finish(events) && ok;
    if (ok == parser.overflowed())
        SluiceFuzz::mismatch("finish() result vs overflowed()", {}, {});
    QByteArray out;
    for (const SseEvent &e : events) {
        if (e.data.size() > cap)
            SluiceFuzz::mismatch("event data over the cap", e.data.left(64), {});
        out += "[" + e.type + "|" + e.data + "|" + e.id + "]\n";
    }
    out += ok ? "ok " : "overflow ";
    out += QByteArray::number(parser.commentCount());
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const SluiceFuzz::Input in = SluiceFuzz::splitInput(data, size);
    const QList<QByteArrayView> reads = SluiceFuzz::cut(in);
    for (qsizetype cap : {qsizetype(SseParser::DefaultMaxLineBytes), qsizetype(64)}) {
        const QByteArray whole = run({in.stream}, cap);
        const QByteArray split = run(reads, cap);
        if (whole != split)
            SluiceFuzz::mismatch("SseParser events", whole, split);
    }
    return 0;
}
