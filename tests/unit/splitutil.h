// Cutting one stream into reads in every way the tests try: at every byte offset, into
// 1-byte reads, and into random multi-read patterns from a fixed seed. Whatever the cut,
// a parser must produce the same events as when it gets the stream in one read.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDir>
#include <QFile>
#include <QList>
#include <QRandomGenerator>
#include <QString>

namespace SluiceTest {

struct Split
{
    QString name;          // for failure messages: "whole", "at 17", "1-byte", "random #3"
    QList<qsizetype> cuts; // ascending offsets where one read ends and the next begins
};

inline QList<QByteArrayView> cutInto(QByteArrayView data, const QList<qsizetype> &cuts)
{
    QList<QByteArrayView> reads;
    qsizetype from = 0;
    for (qsizetype c : cuts) {
        reads.append(data.sliced(from, c - from)); // may be empty: empty reads happen too
        from = c;
    }
    reads.append(data.sliced(from));
    return reads;
}

// Every split of a stream of `size` bytes the tests use. The seed is fixed so that a
// failure names a split that reproduces.
inline QList<Split> allSplits(qsizetype size, int randomPatterns = 25, quint32 seed = 20250501)
{
    QList<Split> splits;
    splits.append({QStringLiteral("whole"), {}});
    for (qsizetype i = 0; i <= size; ++i)
        splits.append({QStringLiteral("at %1").arg(i), {i}});
    Split bytes{QStringLiteral("1-byte reads"), {}};
    for (qsizetype i = 1; i < size; ++i)
        bytes.cuts.append(i);
    splits.append(bytes);
    QRandomGenerator rng(seed);
    for (int n = 0; n < randomPatterns && size > 1; ++n) {
        Split s{QStringLiteral("random #%1 (seed %2)").arg(n).arg(seed), {}};
        const int count = 2 + int(rng.bounded(quint32(qMin<qsizetype>(size, 40))));
        for (int k = 0; k < count; ++k)
            s.cuts.append(qsizetype(rng.bounded(quint32(size + 1))));
        std::sort(s.cuts.begin(), s.cuts.end());
        splits.append(s);
    }
    return splits;
}

inline QByteArray loadStream(const QString &name)
{
    QFile f(u":/streams/" + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture stream %s", qPrintable(name));
    return f.readAll();
}

inline QStringList streamNames(const QString &suffix)
{
    return QDir(QStringLiteral(":/streams")).entryList({u"*" + suffix}, QDir::Files, QDir::Name);
}

} // namespace SluiceTest
