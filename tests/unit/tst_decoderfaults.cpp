// The protocol decoders on bodies that go wrong: malformed JSON at every split, answers that
// are not complete yet, and a line over the cap. Each fails the reply once, with one clear line.
#include "core/protocol/protocol.h"
#include "decodertest.h"
#include "splitutil.h"

#include <QTest>

using namespace Sluice;
using namespace SluiceTest;

class TestDecoderFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void malformedJson_data();
    void malformedJson();
    void answerCompleteSemantics();
    void lineOverCapFailsOnce_data();
    void lineOverCapFailsOnce();
};

void TestDecoderFaults::malformedJson_data()
{
    QTest::addColumn<ProviderType>("type");
    QTest::addColumn<bool>("stream");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("ollama stream")
        << ProviderType::Ollama << true
        << QByteArray("{\"message\":{\"content\":\"a\"},\"done\":false}\n"
                      "{\"message\":{\"content\":\"b\"\n"
                      "{\"message\":{\"content\":\"c\"},\"done\":true}\n");
    QTest::newRow("ollama stream html")
        << ProviderType::Ollama << true << QByteArray("<html><body>Bad gateway</body></html>\n");
    QTest::newRow("ollama whole") << ProviderType::Ollama << false
                                  << QByteArray("{\"message\":{\"content\":\"a\"},\"done\":tr");
    QTest::newRow("openai stream")
        << ProviderType::OpenAI << true
        << QByteArray("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n"
                      "data: {\"choices\":[{\"delta\":{\"content\":\"b\"\n\n"
                      "data: [DONE]\n\n");
    QTest::newRow("openai whole") << ProviderType::OpenAI << false
                                  << QByteArray("{\"choices\":[{\"message\":{\"content\":\"a\"}");
    QTest::newRow("openai whole html")
        << ProviderType::OpenAI << false
        << QByteArray("<!DOCTYPE html><html><body>Login</body></html>");
    QTest::newRow("anthropic stream")
        << ProviderType::Anthropic << true
        << QByteArray(
               "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":"
               "{\"type\":\"text_delta\",\"text\":\"a\"}}\n\n"
               "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\n\n"
               "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    QTest::newRow("anthropic whole")
        << ProviderType::Anthropic << false
        << QByteArray("{\"content\":[{\"type\":\"text\",\"text\":\"a\"");
}

void TestDecoderFaults::malformedJson()
{
    QFETCH(ProviderType, type);
    QFETCH(bool, stream);
    QFETCH(QByteArray, body);

    for (const Split &s : allSplits(body.size(), 5)) {
        const Outcome o = decode(type, stream, cutInto(body, s.cuts));
        QVERIFY2(o.errors == 1, qPrintable(s.name + u": " + o.describe()));
        QCOMPARE(o.dones, 0);
        QCOMPARE(o.eventsAfterTerminal, 0);
        QVERIFY(!o.answerComplete);
        // One readable sentence: says what was wrong, no raw newlines, not a wall of bytes.
        QVERIFY2(o.error.contains(u"JSON") || o.error.contains(u"HTML page"), qPrintable(o.error));
        QVERIFY(!o.error.contains(u"<html"));
        QVERIFY(!o.error.contains(u'\n'));
        QVERIFY(o.error.size() < 300);
        QVERIFY(!o.content.contains(u'b')); // nothing after the broken piece is shown
        if (!stream && body.contains("<html"))
            QVERIFY2(o.error.contains(u"HTML page") && !o.error.contains(u'<'),
                     qPrintable(o.error));
    }
}

void TestDecoderFaults::answerCompleteSemantics()
{
    // OpenAI: a finish_reason completes the answer even if [DONE] never comes (the watchdog
    // then finishes the reply instead of reporting a stall).
    {
        const auto d = createProtocol(ProviderType::OpenAI)->createDecoder(true);
        QList<DecodedEvent> events;
        d->feed("data: {\"choices\":[{\"delta\":{\"content\":\"x\"},\"finish_reason\":null}]}\n\n",
                events);
        QVERIFY(!d->answerComplete());
        d->feed("data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"length\"}]}\n\n", events);
        QVERIFY(d->answerComplete());
        QCOMPARE(d->stats().finishReason, u"length"_qs);
        QCOMPARE(events.size(), 1); // no Done until [DONE] or the end of the body
        d->feed(
            "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":1}}\n\n",
            events);
        QCOMPARE(d->stats().outputTokens, 1); // usage after the finish still counts
    }
    // Old Ollama's "" finish_reason is not a finish.
    {
        const auto d = createProtocol(ProviderType::OpenAI)->createDecoder(true);
        QList<DecodedEvent> events;
        d->feed("data: {\"choices\":[{\"delta\":{\"content\":\"x\"},\"finish_reason\":\"\"}]}\n\n",
                events);
        QVERIFY(!d->answerComplete());
        d->finish(events);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().type, DecodedEvent::Type::Content);
    }
    // Anthropic: only message_stop completes the message; a stop_reason alone does not.
    {
        const auto d = createProtocol(ProviderType::Anthropic)->createDecoder(true);
        QList<DecodedEvent> events;
        d->feed("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":"
                "{\"type\":\"text_delta\",\"text\":\"x\"}}\n\n",
                events);
        QVERIFY(!d->answerComplete());
        d->feed("event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                "\"max_tokens\"},\"usage\":{\"output_tokens\":5}}\n\n",
                events);
        QVERIFY(!d->answerComplete());
        QCOMPARE(d->stats().finishReason, u"max_tokens"_qs);
        QCOMPARE(d->stats().outputTokens, 5);
        QCOMPARE(events.size(), 1);
    }
    // Ollama: only done:true completes.
    {
        const auto d = createProtocol(ProviderType::Ollama)->createDecoder(true);
        QList<DecodedEvent> events;
        d->feed("{\"message\":{\"content\":\"x\"},\"done\":false}\n", events);
        QVERIFY(!d->answerComplete());
        d->finish(events);
        QCOMPARE(events.size(), 1);
    }
}

void TestDecoderFaults::lineOverCapFailsOnce_data()
{
    QTest::addColumn<ProviderType>("type");
    QTest::addColumn<QByteArray>("prefix");
    QTest::newRow("ollama") << ProviderType::Ollama << QByteArray("{\"message\":{\"content\":\"");
    QTest::newRow("openai") << ProviderType::OpenAI
                            << QByteArray("data: {\"choices\":[{\"delta\":{\"content\":\"");
    QTest::newRow("anthropic") << ProviderType::Anthropic
                               << QByteArray("event: content_block_delta\ndata: ");
}

void TestDecoderFaults::lineOverCapFailsOnce()
{
    // A server that sends a line longer than 8 MiB fails the reply with a clear error instead of
    // growing memory; the rest of the body is ignored.
    QFETCH(ProviderType, type);
    QFETCH(QByteArray, prefix);
    const auto d = createProtocol(type)->createDecoder(true);
    QList<DecodedEvent> events;
    d->feed(prefix, events);
    const QByteArray mib(1024 * 1024, 'x');
    for (int i = 0; i < 9; ++i)
        d->feed(mib, events);
    d->feed("\n\n", events);
    d->finish(events);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().type, DecodedEvent::Type::Error);
    QVERIFY2(events.first().error.message.contains(u"exceeded 8 MiB"),
             qPrintable(events.first().error.message));
}

QTEST_GUILESS_MAIN(TestDecoderFaults)
#include "tst_decoderfaults.moc"
