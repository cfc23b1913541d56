// Shared by the fuzz targets: the first two bytes of an input choose how the rest of it is
// cut into reads, so the fuzzer explores the cuts along with the bytes. A target feeds the
// stream once whole and once cut, and aborts when the two disagree.
#pragma once

#include <QByteArrayView>
#include <QList>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace SluiceFuzz {

struct Input
{
    uint8_t mode = 0;
    uint8_t seed = 0;
    QByteArrayView stream;
};

inline Input splitInput(const uint8_t *data, size_t size)
{
    Input in;
    if (size >= 2) {
        in.mode = data[0];
        in.seed = data[1];
        data += 2;
        size -= 2;
    }
    in.stream = QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size));
    return in;
}

// Cuts `s` into reads. Modes: pseudo-random read sizes (seeded by the input), 1-byte reads,
// a cut after every CR (CRLF pairs straddling reads), a cut inside every multi-byte UTF-8
// sequence, and cuts where the stream's own bytes say (byte value modulo a small number).
inline QList<QByteArrayView> cut(const Input &in)
{
    QList<QByteArrayView> reads;
    const QByteArrayView s = in.stream;
    qsizetype from = 0;
    const auto cutAt = [&](qsizetype at) {
        reads.append(s.sliced(from, at - from));
        from = at;
    };
    switch (in.mode % 5) {
    case 0: {
        uint32_t x = (0x9E3779B9u ^ in.seed ^ uint32_t(s.size())) | 1u; // xorshift: never 0
        const uint32_t maxRead = 1u + (in.seed % 64u) * (in.mode / 5u % 8u + 1u);
        bool lastEmpty = false;
        while (from < s.size()) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            qsizetype len = qsizetype(x % (maxRead + 1)); // an empty read now and then
            if (len == 0 && lastEmpty)
                len = 1;
            lastEmpty = len == 0;
            cutAt(qMin<qsizetype>(s.size(), from + len));
        }
        break;
    }
    case 1:
        for (qsizetype i = 1; i < s.size(); ++i)
            cutAt(i);
        break;
    case 2:
        for (qsizetype i = 0; i < s.size(); ++i)
            if (s[i] == '\r')
                cutAt(i + 1);
        break;
    case 3:
        for (qsizetype i = 1; i < s.size(); ++i)
            if ((uchar(s[i]) & 0xC0) == 0x80) // a continuation byte: cut before it
                cutAt(i);
        break;
    case 4:
        for (qsizetype i = 1; i < s.size(); ++i)
            if (uchar(s[i]) % (in.seed % 7 + 2) == 0)
                cutAt(i);
        break;
    }
    reads.append(s.sliced(from));
    return reads;
}

[[noreturn]] inline void mismatch(const char *what, const QByteArray &whole,
                                  const QByteArray &split)
{
    std::fprintf(stderr, "MISMATCH in %s\n--- whole:\n%s\n--- split:\n%s\n", what,
                 whole.constData(), split.constData());
    std::abort();
}

} // namespace SluiceFuzz
