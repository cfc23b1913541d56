// NDJSON line framing (Ollama's native API): bytes in, complete lines out, bounded by a cap.
#include "core/net/lineframer.h"
#include "splitutil.h"

#include <QTest>

using namespace Sluice;
using namespace SluiceTest;

namespace {

struct Framed
{
    QList<QByteArray> lines;
    bool ok = true;
};

Framed frame(const QList<QByteArrayView> &reads, qsizetype cap = LineFramer::DefaultMaxLineBytes)
{
    LineFramer framer(cap);
    Framed r;
    for (QByteArrayView read : reads)
        r.ok = framer.feed(read, r.lines) && r.ok;
    r.ok = framer.finish(r.lines) && r.ok;
    return r;
}

Framed frameWhole(QByteArrayView data, qsizetype cap = LineFramer::DefaultMaxLineBytes)
{
    return frame({data}, cap);
}

} // namespace

class TestLineFramer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lineEnds_data();
    void lineEnds();
    void crlfSplitAcrossReads();
    void lastLineWithoutNewline();
    void emptyLinesSkipped();
    void utf8SplitAtEveryOffset();
    void lineOverCapOverflows();
    void lineOverCapAcrossReadsKeepsNoMemory();
    void lineExactlyAtCapIsFine();
    void resetClearsOverflow();
    void fixturesAtEverySplit_data();
    void fixturesAtEverySplit();
};

void TestLineFramer::lineEnds_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("LF") << QByteArray("{\"a\":1}\n{\"b\":2}\n");
    QTest::newRow("CRLF") << QByteArray("{\"a\":1}\r\n{\"b\":2}\r\n");
    QTest::newRow("mixed") << QByteArray("{\"a\":1}\r\n{\"b\":2}\n");
}

void TestLineFramer::lineEnds()
{
    QFETCH(QByteArray, input);
    const Framed r = frameWhole(input);
    QVERIFY(r.ok);
    QCOMPARE(r.lines, (QList<QByteArray>{"{\"a\":1}", "{\"b\":2}"}));
}

void TestLineFramer::crlfSplitAcrossReads()
{
    LineFramer framer;
    QList<QByteArray> lines;
    QVERIFY(framer.feed("{\"a\":1}\r", lines));
    QVERIFY(lines.isEmpty()); // no line yet: the LF has not arrived
    QVERIFY(framer.feed("\n{\"b\"", lines));
    QCOMPARE(lines, QList<QByteArray>{"{\"a\":1}"}); // no stray '\r'
    QVERIFY(framer.feed(":2}\r", lines));
    QVERIFY(framer.feed("\n", lines));
    QCOMPARE(lines, (QList<QByteArray>{"{\"a\":1}", "{\"b\":2}"}));
}

void TestLineFramer::lastLineWithoutNewline()
{
    LineFramer framer;
    QList<QByteArray> lines;
    QVERIFY(framer.feed("{\"a\":1}\n{\"done\":true}", lines));
    QCOMPARE(lines, QList<QByteArray>{"{\"a\":1}"});
    QCOMPARE(framer.pendingBytes(), 13);
    QVERIFY(framer.finish(lines));
    QCOMPARE(lines, (QList<QByteArray>{"{\"a\":1}", "{\"done\":true}"}));
    QCOMPARE(framer.pendingBytes(), 0);
}

void TestLineFramer::emptyLinesSkipped()
{
    const Framed r = frameWhole("\n\r\n{\"a\":1}\n\n\n{\"b\":2}\r\n\r\n");
    QCOMPARE(r.lines, (QList<QByteArray>{"{\"a\":1}", "{\"b\":2}"}));
}

void TestLineFramer::utf8SplitAtEveryOffset()
{
    const QString text = QStringLiteral("héllo 👋 你好世界 🇩🇪");
    const QByteArray line = "{\"c\":\"" + text.toUtf8() + "\"}";
    const QByteArray stream = line + '\n' + line;
    for (const Split &s : allSplits(stream.size())) {
        const Framed r = frame(cutInto(stream, s.cuts));
        QVERIFY2(r.lines.size() == 2, qPrintable(s.name));
        for (const QByteArray &l : r.lines)
            QVERIFY2(QString::fromUtf8(l).contains(text), qPrintable(s.name));
    }
}

void TestLineFramer::lineOverCapOverflows()
{
    LineFramer framer(16);
    QList<QByteArray> lines;
    QVERIFY(framer.feed("{\"ok\":1}\n", lines));
    QVERIFY(!framer.feed("{\"x\":\"0123456789abcdef\"}\n{\"after\":1}\n", lines));
    QVERIFY(framer.overflowed());
    QCOMPARE(lines, QList<QByteArray>{"{\"ok\":1}"}); // what came before is kept, nothing after
    QCOMPARE(framer.pendingBytes(), 0);
    // Once overflowed, the framer refuses everything.
    QVERIFY(!framer.feed("{\"more\":1}\n", lines));
    QVERIFY(!framer.finish(lines));
    QCOMPARE(lines.size(), 1);
}

void TestLineFramer::lineOverCapAcrossReadsKeepsNoMemory()
{
    constexpr qsizetype cap = 1024;
    LineFramer framer(cap);
    QList<QByteArray> lines;
    const QByteArray chunk(100, 'x'); // a server that never sends a newline
    int reads = 0;
    while (framer.feed(chunk, lines)) {
        ++reads;
        QVERIFY(framer.pendingBytes() <= cap);
        QVERIFY(reads < 1000);
    }
    QCOMPARE(reads, 10); // 1000 bytes are fine, the 11th read would make 1100
    QVERIFY(framer.overflowed());
    QCOMPARE(framer.pendingBytes(), 0);
    QVERIFY(lines.isEmpty());
}

void TestLineFramer::lineExactlyAtCapIsFine()
{
    const QByteArray line(64, 'a');
    Framed r = frameWhole(QByteArray(line + '\n' + line), 64);
    QVERIFY(r.ok);
    QCOMPARE(r.lines, (QList<QByteArray>{line, line}));
    r = frameWhole(QByteArray(line + "a\n"), 64);
    QVERIFY(!r.ok);
    QVERIFY(r.lines.isEmpty());
    // Without a newline at all, the last line is still capped.
    r = frameWhole(QByteArray(line + 'a'), 64);
    QVERIFY(!r.ok);
}

void TestLineFramer::resetClearsOverflow()
{
    LineFramer framer(4);
    QList<QByteArray> lines;
    QVERIFY(!framer.feed("123456\n", lines));
    framer.reset();
    QVERIFY(!framer.overflowed());
    QVERIFY(framer.feed("1234\n", lines));
    QCOMPARE(lines, QList<QByteArray>{"1234"});
}

void TestLineFramer::fixturesAtEverySplit_data()
{
    QTest::addColumn<QString>("name");
    const QStringList names = streamNames(QStringLiteral(".ndjson"));
    QVERIFY(names.size() >= 8);
    for (const QString &n : names)
        QTest::newRow(qPrintable(n)) << n;
}

void TestLineFramer::fixturesAtEverySplit()
{
    QFETCH(QString, name);
    const QByteArray stream = loadStream(name);
    const Framed whole = frameWhole(stream);
    QVERIFY(whole.ok);
    QCOMPARE(whole.lines.size(), stream.count('\n') + (stream.endsWith('\n') ? 0 : 1));
    for (const Split &s : allSplits(stream.size())) {
        const Framed r = frame(cutInto(stream, s.cuts));
        QVERIFY2(r.ok, qPrintable(s.name));
        QVERIFY2(r.lines == whole.lines, qPrintable(s.name));
    }
}

QTEST_GUILESS_MAIN(TestLineFramer)
#include "tst_lineframer.moc"
