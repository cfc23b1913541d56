// Server-sent events framing (WHATWG "interpreting an event stream"), as OpenAI-compatible
// servers and Anthropic send it, including the ways real servers bend it.
#include "splitutil.h"
#include "core/net/sseparser.h"

#include <QTest>

using namespace Sluice;
using namespace SluiceTest;

namespace {

struct Parsed
{
    QList<SseEvent> events;
    bool ok = true;
    int comments = 0;
};

Parsed parse(const QList<QByteArrayView> &reads, qsizetype cap = SseParser::DefaultMaxLineBytes)
{
    SseParser parser(cap);
    Parsed r;
    for (QByteArrayView read : reads)
        r.ok = parser.feed(read, r.events) && r.ok;
    r.ok = parser.finish(r.events) && r.ok;
    r.comments = parser.commentCount();
    return r;
}

Parsed parseWhole(QByteArrayView data, qsizetype cap = SseParser::DefaultMaxLineBytes)
{
    return parse({data}, cap);
}

// "type|data|id" per event, so that QCOMPARE shows what differs.
QStringList describe(const QList<SseEvent> &events)
{
    QStringList out;
    for (const SseEvent &e : events)
        out.append(QString::fromUtf8(e.type + '|' + e.data + '|' + e.id));
    return out;
}

QStringList describe(QByteArrayView data)
{
    return describe(parseWhole(data).events);
}

QStringList ev(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *s : list)
        out.append(QString::fromUtf8(s));
    return out;
}

// A stream that exercises every framing rule at once.
const QByteArray torture = QByteArray("\xEF\xBB\xBF") + // BOM
                           ": OPENROUTER PROCESSING\r\n\r\n"
                           ":\n"
                           "retry: 1000\r"
                           "event: first\r\n"
                           "data:no-space\r"
                           "data:  two spaces\n"
                           "data\r\n"
                           "unknown: ignored\n"
                           "id: 7\n"
                           "\r"
                           "data: 👋 你好 🇩🇪\r\r"
                           "event: lonely\n\n" // no data: not dispatched, type does not leak
                           "data: last, no newline";

} // namespace

class TestSseParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lineEnds_data();
    void lineEnds();
    void crlfSplitAcrossReads();
    void loneCrAtEndOfReadThenNonLf();
    void loneCrAtEndOfReadThenCr();
    void comments();
    void multiLineDataJoined();
    void eventNames();
    void fieldWithoutSpace();
    void onlyOneLeadingSpaceStripped();
    void unknownFieldsIgnored();
    void errorFieldOnlyWhenAsked();
    void dataWithoutColon();
    void eventWithoutDataNotDispatched();
    void bom();
    void bomSplitAcrossReads();
    void bomOnlyAtStart();
    void lastLineWithoutNewline();
    void utf8SplitAtEveryOffset();
    void lineOverCap();
    void dataOverCapAcrossLines();
    void noEventsAfterOverflowAtFinish();
    void resetStartsOver();
    void tortureAtEverySplit();
    void fixturesAtEverySplit_data();
    void fixturesAtEverySplit();
};

void TestSseParser::lineEnds_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("LF") << QByteArray("data: a\n\ndata: b\ndata: c\n\n");
    QTest::newRow("CRLF") << QByteArray("data: a\r\n\r\ndata: b\r\ndata: c\r\n\r\n");
    QTest::newRow("CR") << QByteArray("data: a\r\rdata: b\rdata: c\r\r");
    QTest::newRow("mixed") << QByteArray("data: a\r\n\rdata: b\ndata: c\r\r\n");
}

void TestSseParser::lineEnds()
{
    QFETCH(QByteArray, input);
    QCOMPARE(describe(input), ev({"|a|", "|b\nc|"}));
}

void TestSseParser::crlfSplitAcrossReads()
{
    // If the LF after a read-final CR counted as a blank line, "a" would be dispatched alone.
    const Parsed r = parse({"data: a\r", "\ndata: b\r\n\r\n"});
    QCOMPARE(describe(r.events), ev({"|a\nb|"}));
    // The same with the LF arriving in a read of its own.
    const Parsed r2 = parse({"data: a\r", "\n", "data: b\r", "\n", "\r", "\n"});
    QCOMPARE(describe(r2.events), ev({"|a\nb|"}));
}

void TestSseParser::loneCrAtEndOfReadThenNonLf()
{
    SseParser parser;
    QList<SseEvent> events;
    QVERIFY(parser.feed("data: a\r", events));
    QVERIFY(parser.feed("data: b\r\r", events)); // 'd' must not be swallowed as a LF
    QCOMPARE(describe(events), ev({"|a\nb|"}));
}

void TestSseParser::loneCrAtEndOfReadThenCr()
{
    // llmqore's bug: a CR ending one read and a CR starting the next is a blank line.
    SseParser parser;
    QList<SseEvent> events;
    QVERIFY(parser.feed("data: a\r", events));
    QVERIFY(events.isEmpty());
    QVERIFY(parser.feed("\r", events));
    QCOMPARE(describe(events), ev({"|a|"})); // dispatched now, not at the next read
}

void TestSseParser::comments()
{
    const Parsed r = parseWhole(": OPENROUTER PROCESSING\n\n:\n: ping\ndata: x\n: inside\n\n");
    QCOMPARE(describe(r.events), ev({"|x|"}));
    QCOMPARE(r.comments, 4);
}

void TestSseParser::multiLineDataJoined()
{
    QCOMPARE(describe("data: {\ndata: \"a\": 1\ndata: }\n\n"), ev({"|{\n\"a\": 1\n}|"}));
    QCOMPARE(describe("data:\ndata:\n\n"), ev({"|\n|"}));
}

void TestSseParser::eventNames()
{
    QCOMPARE(describe("event: message_start\ndata: 1\n\ndata: 2\n\nevent:ping\ndata: 3\n\n"),
             ev({"message_start|1|", "|2|", "ping|3|"})); // the name does not carry over
}

void TestSseParser::fieldWithoutSpace()
{
    QCOMPARE(describe("data:{\"x\":1}\n\nevent:error\ndata:oops\n\n"),
             ev({"|{\"x\":1}|", "error|oops|"}));
}

void TestSseParser::onlyOneLeadingSpaceStripped()
{
    QCOMPARE(describe("data:  two\n\ndata:   three \n\n"), ev({"| two|", "|  three |"}));
}

void TestSseParser::unknownFieldsIgnored()
{
    QCOMPARE(describe("foo: bar\nretry: 3000\nDATA: upper\ndata : spaced\ndata: kept\n\n"),
             ev({"|kept|"}));
}

// llama-server (examples/server/utils.hpp, before October 2025) sends a stream's error as an
// `error:` line and then [DONE]; as real llama-server b4753 did for a prompt over its context.
void TestSseParser::errorFieldOnlyWhenAsked()
{
    const QByteArray stream = "error: {\"code\":400,\"message\":\"too long\"}\n\ndata: [DONE]\n\n";
    QCOMPARE(describe(stream), ev({"|[DONE]|"})); // the standard: an unknown field
    SseParser parser;
    parser.setErrorFieldIsEvent(true);
    QList<SseEvent> events;
    QVERIFY(parser.feed(stream, events));
    QVERIFY(parser.finish(events));
    QCOMPARE(describe(events), ev({"error|{\"code\":400,\"message\":\"too long\"}|", "|[DONE]|"}));
}

void TestSseParser::dataWithoutColon()
{
    QCOMPARE(describe("data\n\n"), ev({"||"}));
    QCOMPARE(describe("data: a\ndata\ndata: b\n\n"), ev({"|a\n\nb|"}));
}

void TestSseParser::eventWithoutDataNotDispatched()
{
    QCOMPARE(describe("event: ping\n\ndata: x\n\n"), ev({"|x|"}));
    QCOMPARE(describe("id: 5\n\n"), QStringList{});
}

void TestSseParser::bom()
{
    QCOMPARE(describe("\xEF\xBB\xBF"
                      "data: a\n\n"),
             ev({"|a|"}));
}

void TestSseParser::bomSplitAcrossReads()
{
    const Parsed r = parse({"\xEF", "\xBB", "\xBF", "da", "ta: a\n\n"});
    QCOMPARE(describe(r.events), ev({"|a|"}));
}

void TestSseParser::bomOnlyAtStart()
{
    // A BOM later in the stream is not skipped: the field name "\uFEFFdata" is unknown.
    QCOMPARE(describe("data: a\n\n\xEF\xBB\xBF"
                      "data: b\n\n"),
             ev({"|a|"}));
}

void TestSseParser::lastLineWithoutNewline()
{
    SseParser parser;
    QList<SseEvent> events;
    QVERIFY(parser.feed("data: a\n\ndata: b", events));
    QCOMPARE(describe(events), ev({"|a|"}));
    QVERIFY(parser.finish(events));
    QCOMPARE(describe(events), ev({"|a|", "|b|"}));
    // An event without its closing blank line is still delivered at the end.
    QCOMPARE(describe("data: c\n"), ev({"|c|"}));
}

void TestSseParser::utf8SplitAtEveryOffset()
{
    const QString text = QStringLiteral("Grüße 👋 你好世界 ✓ 🇯🇵");
    const QByteArray stream =
        "data: " + text.toUtf8() + "\r\n\r\ndata: " + text.toUtf8() + "\r\n\r\n";
    for (const Split &s : allSplits(stream.size())) {
        const Parsed r = parse(cutInto(stream, s.cuts));
        QVERIFY2(r.events.size() == 2, qPrintable(s.name));
        for (const SseEvent &e : r.events)
            QVERIFY2(QString::fromUtf8(e.data) == text, qPrintable(s.name));
    }
}

void TestSseParser::lineOverCap()
{
    SseParser parser(32);
    QList<SseEvent> events;
    QVERIFY(parser.feed("data: ok\n\n", events));
    QVERIFY(
        !parser.feed(QByteArray("data: " + QByteArray(40, 'x') + "\n\ndata: after\n\n"), events));
    QVERIFY(parser.overflowed());
    QCOMPARE(describe(events), ev({"|ok|"}));
    QVERIFY(!parser.feed("data: more\n\n", events));
    QVERIFY(!parser.finish(events));
    QCOMPARE(events.size(), 1);

    // A line that never ends is refused as soon as it passes the cap.
    SseParser endless(32);
    int reads = 0;
    while (endless.feed(QByteArray(10, 'y'), events))
        QVERIFY(++reads < 100);
    QCOMPARE(reads, 3);
}

void TestSseParser::dataOverCapAcrossLines()
{
    // Every line is short, but together they make one event larger than the cap.
    QByteArray stream;
    for (int i = 0; i < 10; ++i)
        stream += "data: 0123456789\n";
    stream += "\n";
    const Parsed r = parseWhole(stream, 64);
    QVERIFY(!r.ok);
    QVERIFY(r.events.isEmpty());
}

void TestSseParser::noEventsAfterOverflowAtFinish()
{
    // The last line, without a line end, takes the event's data past the cap at finish().
    SseParser parser(20);
    QList<SseEvent> events;
    QVERIFY(parser.feed("data: 0123456789\ndata: 0123456789", events));
    QVERIFY(!parser.finish(events));
    QVERIFY(parser.overflowed());
    QCOMPARE(describe(events), QStringList{});
}

void TestSseParser::resetStartsOver()
{
    SseParser parser;
    QList<SseEvent> events;
    QVERIFY(parser.feed("event: x\ndata: half", events));
    parser.reset();
    QVERIFY(parser.feed("\xEF\xBB\xBF"
                        "data: fresh\n\n",
                        events));
    QCOMPARE(describe(events), ev({"|fresh|"}));
}

void TestSseParser::tortureAtEverySplit()
{
    const Parsed whole = parseWhole(torture);
    QVERIFY(whole.ok);
    QCOMPARE(describe(whole.events),
             ev({"first|no-space\n two spaces\n|7", "|👋 你好 🇩🇪|7", "|last, no newline|7"}));
    QCOMPARE(whole.comments, 2);
    for (const Split &s : allSplits(torture.size())) {
        const Parsed r = parse(cutInto(torture, s.cuts));
        QVERIFY2(describe(r.events) == describe(whole.events), qPrintable(s.name));
        QVERIFY2(r.comments == whole.comments, qPrintable(s.name));
    }
}

void TestSseParser::fixturesAtEverySplit_data()
{
    QTest::addColumn<QString>("name");
    const QStringList names = streamNames(QStringLiteral(".sse"));
    QVERIFY(names.size() >= 10);
    for (const QString &n : names)
        QTest::newRow(qPrintable(n)) << n;
}

void TestSseParser::fixturesAtEverySplit()
{
    QFETCH(QString, name);
    const QByteArray stream = loadStream(name);
    const Parsed whole = parseWhole(stream);
    QVERIFY(whole.ok);
    QVERIFY(!whole.events.isEmpty());
    for (const Split &s : allSplits(stream.size())) {
        const Parsed r = parse(cutInto(stream, s.cuts));
        QVERIFY2(r.ok, qPrintable(s.name));
        QVERIFY2(describe(r.events) == describe(whole.events), qPrintable(s.name));
    }
}

QTEST_GUILESS_MAIN(TestSseParser)
#include "tst_sseparser.moc"
