// The three protocol decoders: response-body bytes in, Content / Thinking / Done / Error out.
// Every fixture stream is decoded whole, at every split offset, in 1-byte reads and in random
// multi-read patterns; the user must see the same text, thinking, stats and errors each time.
// Non-streaming bodies too. Malformed bodies and the line cap: tst_decoderfaults.
#include "core/protocol/protocol.h"
#include "decodertest.h"
#include "splitutil.h"

#include <QTest>

using namespace Sluice;
using namespace SluiceTest;

namespace {

ProviderType typeOfFixture(const QString &name)
{
    if (name.startsWith(u"ollama"))
        return ProviderType::Ollama;
    if (name.startsWith(u"openai"))
        return ProviderType::OpenAI;
    return ProviderType::Anthropic;
}

const QString noError;

} // namespace

class TestDecoders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtures_data();
    void fixtures();
    void fixturesAtEverySplit_data();
    void fixturesAtEverySplit();
    void streamedAlthoughNotAsked_data();
    void streamedAlthoughNotAsked();
    void truncatedAtEveryOffset_data();
    void truncatedAtEveryOffset();
    void nonStreaming_data();
    void nonStreaming();
};

// What each fixture must decode to. -1 means "not reported".
void TestDecoders::fixtures_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("thinking");
    QTest::addColumn<bool>("done");
    QTest::addColumn<QString>("finishReason");
    QTest::addColumn<qint64>("promptTokens");
    QTest::addColumn<qint64>("outputTokens");
    QTest::addColumn<QString>("error"); // a part of the error sentence, or empty for none
    QTest::addColumn<bool>("complete"); // answerComplete() at the end

    // Ollama native
    QTest::newRow("ollama_normal")
        << u"ollama_normal.ndjson"_qs
        << u"Hello, wörld! 👋 你好世界 \"quoted\" back\\slash\ndone."_qs << QString() << true
        << u"stop"_qs << qint64(26) << qint64(12) << noError << false;
    QTest::newRow("ollama_thinking")
        << u"ollama_thinking.ndjson"_qs << u"2 + 2 = 4."_qs << u"Let me think about 2+2… 🤔"_qs
        << true << u"length"_qs << qint64(26) << qint64(40) << noError << false;
    QTest::newRow("ollama_error_midstream")
        << u"ollama_error_midstream.ndjson"_qs << u"Once upon a time"_qs << QString() << false
        << QString() << qint64(-1) << qint64(-1)
        << u"Ollama reported an error: an error was encountered while running the model: CUDA "
           u"error: out of memory"_qs
        << false;
    QTest::newRow("ollama_no_final_newline")
        << u"ollama_no_final_newline.ndjson"_qs << u"No newline at the end"_qs << QString() << true
        << u"stop"_qs << qint64(26) << qint64(12) << noError << false;
    QTest::newRow("ollama_go_escapes")
        << u"ollama_go_escapes.ndjson"_qs << u"<b>bold</b> & a < b > c 😀 é"_qs << QString() << true
        << u"stop"_qs << qint64(3) << qint64(5) << noError << false;
    QTest::newRow("ollama_done_with_content")
        << u"ollama_done_with_content.ndjson"_qs << u"The answer is 42."_qs << QString() << true
        << u"stop"_qs << qint64(26) << qint64(12) << noError << false;
    QTest::newRow("ollama_done_no_message")
        << u"ollama_done_no_message.ndjson"_qs << u"Short reply"_qs << QString() << true
        << u"stop"_qs << qint64(26) << qint64(12) << noError << false;
    QTest::newRow("ollama_truncated")
        << u"ollama_truncated.ndjson"_qs << u"Cut off mid"_qs << QString() << false << QString()
        << qint64(-1) << qint64(-1) << noError << false;

    // OpenAI-compatible
    QTest::newRow("openai_normal")
        << u"openai_normal.sse"_qs << u"Hello, wörld! 👋 你好 \"q\" \\ end."_qs << QString() << true
        << u"stop"_qs << qint64(11) << qint64(9) << noError << true;
    QTest::newRow("openai_reasoning_content")
        << u"openai_reasoning_content.sse"_qs << u"42"_qs << u"First, compute 6×7."_qs << true
        << u"stop"_qs << qint64(5) << qint64(30) << noError << true;
    QTest::newRow("openai_reasoning")
        << u"openai_reasoning.sse"_qs << u"Yes."_qs << u"Hmm, easy."_qs << true << u"length"_qs
        << qint64(7) << qint64(4) << noError << true;
    QTest::newRow("openai_finish_no_done")
        << u"openai_finish_no_done.sse"_qs << u"Fine thanks"_qs << QString() << true << u"stop"_qs
        << qint64(11) << qint64(9) << noError << true;
    QTest::newRow("openai_old_ollama")
        << u"openai_old_ollama.sse"_qs << u"Old Ollama"_qs << QString() << true << u"stop"_qs
        << qint64(-1) << qint64(-1) << noError << true;
    QTest::newRow("openai_ollama_truncated")
        << u"openai_ollama_truncated.sse"_qs << u"Partial answer"_qs << QString() << false
        << QString() << qint64(-1) << qint64(-1) << noError << false;
    QTest::newRow("openai_error_data")
        << u"openai_error_data.sse"_qs << u"Par"_qs << QString() << false << QString() << qint64(-1)
        << qint64(-1)
        << u"the server reported an error in the stream: The server had an error while "
           u"processing your request. (server_error)"_qs
        << false;
    QTest::newRow("openai_error_event")
        << u"openai_error_event.sse"_qs << u"Some"_qs << QString() << false << QString()
        << qint64(-1) << qint64(-1)
        << u"the server reported an error in the stream: Rate limit exceeded (429)"_qs << false;
    QTest::newRow("openai_openrouter_crlf")
        << u"openai_openrouter_crlf.sse"_qs << u"Hi there 🌍"_qs << QString() << true << u"stop"_qs
        << qint64(14) << qint64(3) << noError << true;
    QTest::newRow("openai_cr_only")
        << u"openai_cr_only.sse"_qs << u"CR only"_qs << QString() << true << u"stop"_qs
        << qint64(-1) << qint64(-1) << noError << true;
    QTest::newRow("openai_llamacpp")
        << u"openai_llamacpp.sse"_qs << u"llama.cpp"_qs << u"ok"_qs << true << u"stop"_qs
        << qint64(8) << qint64(3) << noError << true;
    // Real llama-server b4753 (--no-context-shift) on a prompt over its context, streaming:
    // 200, then an `error:` line and [DONE] (examples/server/utils.hpp server_sent_event).
    QTest::newRow("openai_llamacpp_error_field")
        << u"openai_llamacpp_error_field.sse"_qs << QString() << QString() << false << QString()
        << qint64(-1) << qint64(-1)
        << u"the conversation is longer than the context window of the server (the request "
           u"exceeds the available context size. try increasing the context size or enable "
           u"context shift): drop older messages, start a new chat, or start llama-server with a "
           u"larger --ctx-size"_qs
        << false;
    QTest::newRow("openai_multiline_data")
        << u"openai_multiline_data.sse"_qs << u"multi\nline"_qs << QString() << true << u"stop"_qs
        << qint64(-1) << qint64(-1) << noError << true;

    QTest::newRow("openai_multiline_crlf")
        << u"openai_multiline_crlf.sse"_qs << u"multi\nline"_qs << QString() << true << u"stop"_qs
        << qint64(-1) << qint64(-1) << noError << true;

    // Anthropic
    QTest::newRow("anthropic_full") << u"anthropic_full.sse"_qs
                                    << u"Hello! こんにちは \"x\" \\n"_qs << u"I need to greet 🙂."_qs
                                    << true << u"tool_use"_qs << qint64(25) << qint64(89) << noError
                                    << false; // only message_stop completes Anthropic, as Done
    QTest::newRow("anthropic_overloaded")
        << u"anthropic_overloaded.sse"_qs << u"Partial"_qs << QString() << false << QString()
        << qint64(-1) << qint64(-1)
        << u"the server reported an error in the stream: Overloaded (overloaded_error)"_qs << false;
    QTest::newRow("anthropic_no_stop")
        << u"anthropic_no_stop.sse"_qs << u"Cut short"_qs << QString() << false << QString()
        << qint64(-1) << qint64(-1) << noError << false;
}

void TestDecoders::fixtures()
{
    QFETCH(QString, name);
    QFETCH(QString, content);
    QFETCH(QString, thinking);
    QFETCH(bool, done);
    QFETCH(QString, finishReason);
    QFETCH(qint64, promptTokens);
    QFETCH(qint64, outputTokens);
    QFETCH(QString, error);
    QFETCH(bool, complete);

    const Outcome o = decodeWhole(typeOfFixture(name), true, loadStream(name));
    QCOMPARE(o.content, content);
    QCOMPARE(o.thinking, thinking);
    QCOMPARE(o.dones, done ? 1 : 0);
    QCOMPARE(o.errors, error.isEmpty() ? 0 : 1);
    QCOMPARE(o.eventsAfterTerminal, 0);
    QCOMPARE(o.error, error);
    QCOMPARE(o.answerComplete, complete);
    if (done) {
        QCOMPARE(o.stats.finishReason, finishReason);
        QCOMPARE(o.stats.promptTokens, promptTokens);
        QCOMPARE(o.stats.outputTokens, outputTokens);
    }
    // Timings: Ollama's nanosecond durations, llama.cpp's own tokens per second.
    if (name == u"ollama_normal.ndjson") {
        QCOMPARE(o.stats.model, u"llama3.2:3b"_qs);
        QCOMPARE(o.stats.totalMs, 2500);
        QCOMPARE(o.stats.loadMs, 1200);
        QCOMPARE(o.stats.promptEvalMs, 130);
        QCOMPARE(o.stats.evalMs, 600);
        QCOMPARE(o.stats.tokensPerSecond, 20.0); // 12 tokens in 0.6 s
    } else if (name == u"openai_llamacpp.sse") {
        QCOMPARE(o.stats.tokensPerSecond, 75.0);
    } else if (name == u"anthropic_full.sse") {
        QCOMPARE(o.stats.model, u"claude-sonnet-4-5"_qs);
        QVERIFY(!o.content.contains(u"San Fra")); // tool input JSON is not answer text
    } else if (name == u"openai_normal.sse") {
        QCOMPARE(o.stats.model, u"gpt-4o-mini"_qs);
    }
}

void TestDecoders::fixturesAtEverySplit_data()
{
    QTest::addColumn<QString>("name");
    const QStringList names =
        streamNames(QStringLiteral(".ndjson")) + streamNames(QStringLiteral(".sse"));
    QVERIFY(names.size() >= 20);
    for (const QString &n : names)
        QTest::newRow(qPrintable(n)) << n;
}

void TestDecoders::fixturesAtEverySplit()
{
    QFETCH(QString, name);
    const QByteArray stream = loadStream(name);
    const ProviderType type = typeOfFixture(name);
    const Outcome whole = decodeWhole(type, true, stream);
    QVERIFY(!whole.sequence.isEmpty());
    for (const Split &s : allSplits(stream.size())) {
        const Outcome o = decode(type, true, cutInto(stream, s.cuts));
        if (o.describe() != whole.describe()) {
            QCOMPARE(o.describe(), whole.describe()); // shows the difference
            QFAIL(qPrintable(s.name));
        }
    }
}

void TestDecoders::streamedAlthoughNotAsked_data()
{
    fixturesAtEverySplit_data();
}

void TestDecoders::streamedAlthoughNotAsked()
{
    // stream:false was asked, but the server streamed anyway: the user still gets the reply.
    QFETCH(QString, name);
    const QByteArray stream = loadStream(name);
    const ProviderType type = typeOfFixture(name);
    const Outcome streamed = decodeWhole(type, true, stream);
    const Outcome buffered = decodeWhole(type, false, stream);
    QCOMPARE(buffered.describe(), streamed.describe());
    const Outcome bytewise =
        decode(type, false, cutInto(stream, allSplits(stream.size()).at(stream.size() + 2).cuts));
    QCOMPARE(bytewise.describe(), streamed.describe());
}

void TestDecoders::truncatedAtEveryOffset_data()
{
    fixturesAtEverySplit_data();
}

void TestDecoders::truncatedAtEveryOffset()
{
    // The connection drops anywhere: what arrived is a prefix of the real answer (never garbage,
    // never doubled), at most one terminal event, and a Done only once the end marker (or, for
    // OpenAI, a finish_reason) is in.
    QFETCH(QString, name);
    const QByteArray stream = loadStream(name);
    const ProviderType type = typeOfFixture(name);
    const Outcome whole = decodeWhole(type, true, stream);
    for (qsizetype n = 0; n < stream.size(); ++n) {
        const QByteArrayView prefix = QByteArrayView(stream).first(n);
        const Outcome o = decodeWhole(type, true, prefix);
        const QString where = name + u" cut at " + QString::number(n);
        QVERIFY2(whole.content.startsWith(o.content), qPrintable(where));
        QVERIFY2(whole.thinking.startsWith(o.thinking), qPrintable(where));
        QVERIFY2(o.dones + o.errors <= 1, qPrintable(where));
        QVERIFY2(o.eventsAfterTerminal == 0, qPrintable(where));
        if (o.dones == 1) {
            QVERIFY2(whole.dones == 1, qPrintable(where));
            QVERIFY2(o.content == whole.content, qPrintable(where));
        }
        if (type == ProviderType::Anthropic)
            QVERIFY2(o.dones == 0 || prefix.contains("message_stop"), qPrintable(where));
        if (type == ProviderType::OpenAI)
            QVERIFY2(o.dones == 0 || o.answerComplete, qPrintable(where));
    }
}

void TestDecoders::nonStreaming_data()
{
    QTest::addColumn<ProviderType>("type");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("thinking");
    QTest::addColumn<QString>("finishReason");
    QTest::addColumn<qint64>("outputTokens");

    QTest::newRow("ollama")
        << ProviderType::Ollama
        << QByteArray(R"({"model":"qwen3:8b","created_at":"x","message":{"role":"assistant",)"
                      R"("content":"Hi 👋 \u003cok\u003e","thinking":"hmm"},"done_reason":"stop",)"
                      R"("done":true,"total_duration":1000000000,"load_duration":5000000,)"
                      R"("prompt_eval_count":4,"eval_count":7,"eval_duration":350000000})")
        << u"Hi 👋 <ok>"_qs << u"hmm"_qs << u"stop"_qs << qint64(7);
    QTest::newRow("openai")
        << ProviderType::OpenAI
        << QByteArray(
               R"({"id":"c","object":"chat.completion","model":"gpt-4o","choices":[{"index":0,)"
               R"("message":{"role":"assistant","content":"Hi 你好","reasoning_content":"r1"},)"
               R"("finish_reason":"length"}],"usage":{"prompt_tokens":3,"completion_tokens":9}})")
        << u"Hi 你好"_qs << u"r1"_qs << u"length"_qs << qint64(9);
    QTest::newRow("openai ollama reasoning")
        << ProviderType::OpenAI
        << QByteArray(
               R"({"choices":[{"message":{"role":"assistant","content":"A","reasoning":"because"},)"
               R"("finish_reason":"stop"}]})")
        << u"A"_qs << u"because"_qs << u"stop"_qs << qint64(-1);
    QTest::newRow("anthropic")
        << ProviderType::Anthropic
        << QByteArray(
               R"({"id":"msg_1","type":"message","role":"assistant","model":"claude",)"
               R"("content":[{"type":"thinking","thinking":"t","signature":"s"},)"
               R"({"type":"text","text":"Hello "},{"type":"tool_use","id":"x","name":"f","input":{}},)"
               R"({"type":"text","text":"world"}],"stop_reason":"end_turn",)"
               R"("usage":{"input_tokens":10,"output_tokens":20}})")
        << u"Hello world"_qs << u"t"_qs << u"end_turn"_qs << qint64(20);
}

void TestDecoders::nonStreaming()
{
    QFETCH(ProviderType, type);
    QFETCH(QByteArray, body);
    QFETCH(QString, content);
    QFETCH(QString, thinking);
    QFETCH(QString, finishReason);
    QFETCH(qint64, outputTokens);

    const Outcome whole = decodeWhole(type, false, body);
    QCOMPARE(whole.content, content);
    QCOMPARE(whole.thinking, thinking);
    QCOMPARE(whole.dones, 1);
    QCOMPARE(whole.errors, 0);
    QCOMPARE(whole.stats.finishReason, finishReason);
    QCOMPARE(whole.stats.outputTokens, outputTokens);
    if (type == ProviderType::Ollama) {
        QCOMPARE(whole.stats.loadMs, 5);
        QCOMPARE(whole.stats.totalMs, 1000);
        QCOMPARE(whole.stats.tokensPerSecond, 20.0);
    }
    // Nothing is decided before the body is complete, however it arrives.
    for (const Split &s : allSplits(body.size(), 10)) {
        const auto decoder = createProtocol(type)->createDecoder(false);
        QList<DecodedEvent> events;
        for (QByteArrayView read : cutInto(body, s.cuts))
            decoder->feed(read, events);
        QVERIFY2(events.isEmpty(), qPrintable(s.name));
        decoder->finish(events);
        Outcome o;
        collect(events, o);
        QVERIFY2(o.describe().section(u'\n', 0, -2) == whole.describe().section(u'\n', 0, -2),
                 qPrintable(s.name));
    }
}

QTEST_GUILESS_MAIN(TestDecoders)
#include "tst_decoders.moc"
