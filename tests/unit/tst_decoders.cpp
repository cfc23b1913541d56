// The three protocol decoders: response-body bytes in, Content / Thinking / Done / Error out.
// Every fixture stream is decoded whole, at every split offset, in 1-byte reads and in random
// multi-read patterns; the user must see the same text, thinking, stats and errors each time.
#include "core/protocol/protocol.h"
#include "splitutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Sluice;
using namespace SluiceTest;

Q_DECLARE_METATYPE(Sluice::ProviderType)

namespace {

// What a user would notice of one decoded reply.
struct Outcome
{
    QString content;
    QString thinking;
    int dones = 0;
    int errors = 0;
    int eventsAfterTerminal = 0; // anything after a Done or Error is a bug
    ReplyStats stats;            // of the Done event
    QString error;               // message of the Error event
    bool answerComplete = false;
    QStringList sequence; // every event in order, for exact comparison across splits

    QString describe() const
    {
        return sequence.join(u"\n") + u"\ncomplete=" + (answerComplete ? u"1" : u"0");
    }
};

QString statsText(const ReplyStats &s)
{
    return QStringLiteral("finish=%1 model=%2 in=%3 out=%4 total=%5 load=%6 eval=%7 tps=%8")
        .arg(s.finishReason, s.model)
        .arg(s.promptTokens)
        .arg(s.outputTokens)
        .arg(s.totalMs)
        .arg(s.loadMs)
        .arg(s.evalMs)
        .arg(s.tokensPerSecond);
}

void collect(const QList<DecodedEvent> &events, Outcome &o)
{
    for (const DecodedEvent &e : events) {
        if (o.dones + o.errors > 0)
            ++o.eventsAfterTerminal;
        switch (e.type) {
        case DecodedEvent::Type::Content:
            o.content += e.text;
            o.sequence.append(u"C:" + e.text);
            break;
        case DecodedEvent::Type::Thinking:
            o.thinking += e.text;
            o.sequence.append(u"T:" + e.text);
            break;
        case DecodedEvent::Type::Done:
            ++o.dones;
            o.stats = e.stats;
            o.sequence.append(u"D:" + statsText(e.stats));
            break;
        case DecodedEvent::Type::Error:
            ++o.errors;
            o.error = e.error.message;
            o.sequence.append(u"E:" + e.error.message + u" retry=" +
                              QString::number(e.error.retryable));
            break;
        }
    }
}

Outcome decode(ProviderType type, bool stream, const QList<QByteArrayView> &reads)
{
    const auto decoder = createProtocol(type)->createDecoder(stream);
    Outcome o;
    QList<DecodedEvent> events;
    for (QByteArrayView read : reads) {
        events.clear();
        decoder->feed(read, events);
        collect(events, o);
    }
    events.clear();
    decoder->finish(events);
    collect(events, o);
    o.answerComplete = decoder->answerComplete();
    return o;
}

Outcome decodeWhole(ProviderType type, bool stream, QByteArrayView body)
{
    return decode(type, stream, {body});
}

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
    void malformedJson_data();
    void malformedJson();
    void answerCompleteSemantics();
    void lineOverCapFailsOnce_data();
    void lineOverCapFailsOnce();
    void chatBodyOllama();
    void chatBodyOpenAi();
    void chatBodyAnthropic();
    void parseModels();
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

void TestDecoders::malformedJson_data()
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

void TestDecoders::malformedJson()
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

void TestDecoders::answerCompleteSemantics()
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

void TestDecoders::lineOverCapFailsOnce_data()
{
    QTest::addColumn<ProviderType>("type");
    QTest::addColumn<QByteArray>("prefix");
    QTest::newRow("ollama") << ProviderType::Ollama << QByteArray("{\"message\":{\"content\":\"");
    QTest::newRow("openai") << ProviderType::OpenAI
                            << QByteArray("data: {\"choices\":[{\"delta\":{\"content\":\"");
    QTest::newRow("anthropic") << ProviderType::Anthropic
                               << QByteArray("event: content_block_delta\ndata: ");
}

void TestDecoders::lineOverCapFailsOnce()
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

void TestDecoders::chatBodyOllama()
{
    const auto p = createProtocol(ProviderType::Ollama);
    ChatRequest r;
    r.model = QStringLiteral("llama3.2:3b");
    r.messages = {{u"system"_qs, u"Be brief."_qs, {}, {}},
                  {u"user"_qs, u"Hi \"there\" 👋"_qs, {}, {QByteArray("\x89PNG")}}};
    r.stream = false;
    QJsonObject b = QJsonDocument::fromJson(p->chatBody(r)).object();
    QCOMPARE(b.value(u"model").toString(), r.model);
    QVERIFY(b.contains(u"stream")); // Ollama streams when it is omitted
    QCOMPARE(b.value(u"stream").toBool(true), false);
    QVERIFY(!b.contains(u"options")); // nothing set: the server's defaults apply
    QVERIFY(!b.contains(u"keep_alive"));
    QVERIFY(!b.contains(u"think"));
    const QJsonArray msgs = b.value(u"messages").toArray();
    QCOMPARE(msgs.size(), 2);
    QCOMPARE(msgs.at(0).toObject().value(u"role").toString(), u"system"_qs);
    QCOMPARE(msgs.at(1).toObject().value(u"content").toString(), u"Hi \"there\" 👋"_qs);
    QCOMPARE(msgs.at(1).toObject().value(u"images").toArray().at(0).toString(), u"iVBORw=="_qs);

    r.stream = true;
    r.options.contextSize = 8192;
    r.options.maxTokens = 256;
    r.options.temperature = 0.25;
    r.options.seed = 42;
    r.options.topK = 40;
    r.options.topP = 0.9;
    r.options.stop = QStringList{u"</s>"_qs};
    r.options.keepAlive = QStringLiteral("5m");
    r.options.think = QStringLiteral("true");
    b = QJsonDocument::fromJson(p->chatBody(r)).object();
    QCOMPARE(b.value(u"stream").toBool(false), true);
    const QJsonObject o = b.value(u"options").toObject();
    QCOMPARE(o.value(u"num_ctx").toInt(), 8192);
    QCOMPARE(o.value(u"num_predict").toInt(), 256);
    QCOMPARE(o.value(u"temperature").toDouble(), 0.25);
    QCOMPARE(o.value(u"seed").toInteger(), 42);
    QCOMPARE(o.value(u"top_k").toInt(), 40);
    QCOMPARE(o.value(u"top_p").toDouble(), 0.9);
    QCOMPARE(o.value(u"stop").toArray().at(0).toString(), u"</s>"_qs);
    QVERIFY(!b.contains(u"num_ctx")); // inside options, not at the top
    QCOMPARE(b.value(u"keep_alive").toString(), u"5m"_qs);
    QVERIFY(b.value(u"think").isBool());
    QCOMPARE(b.value(u"think").toBool(), true);

    // keep_alive: numbers (seconds, -1 forever, 0 unload) go as numbers, durations as strings.
    const QList<QPair<QString, QJsonValue>> keepAlive = {{u"-1"_qs, QJsonValue(-1)},
                                                         {u"0"_qs, QJsonValue(0)},
                                                         {u"300"_qs, QJsonValue(300)},
                                                         {u"1h30m"_qs, QJsonValue(u"1h30m"_qs)}};
    for (const auto &[text, expected] : keepAlive) {
        r.options.keepAlive = text;
        b = QJsonDocument::fromJson(p->chatBody(r)).object();
        QCOMPARE(b.value(u"keep_alive"), expected);
    }
    // think: a bool, or a level string for models that take one.
    r.options.think = QStringLiteral("false");
    QCOMPARE(QJsonDocument::fromJson(p->chatBody(r)).object().value(u"think"), QJsonValue(false));
    r.options.think = QStringLiteral("high");
    QCOMPARE(QJsonDocument::fromJson(p->chatBody(r)).object().value(u"think"),
             QJsonValue(u"high"_qs));
}

void TestDecoders::chatBodyOpenAi()
{
    const auto p = createProtocol(ProviderType::OpenAI);
    ChatRequest r;
    r.model = QStringLiteral("gpt-4o-mini");
    r.messages = {{u"system"_qs, u"sys"_qs, {}, {}},
                  {u"user"_qs, u"look"_qs, {}, {QByteArray("img")}}};
    r.stream = true;
    r.options.maxTokens = 100;
    r.options.contextSize = 4096;   // not an OpenAI parameter
    r.options.keepAlive = u"5m"_qs; // neither
    r.options.think = u"medium"_qs;
    r.options.temperature = 0.5;
    QJsonObject b = QJsonDocument::fromJson(p->chatBody(r)).object();
    QCOMPARE(b.value(u"stream"), QJsonValue(true));
    QCOMPARE(b.value(u"stream_options").toObject().value(u"include_usage"), QJsonValue(true));
    QCOMPARE(b.value(u"max_tokens").toInt(), 100);
    QCOMPARE(b.value(u"temperature").toDouble(), 0.5);
    QCOMPARE(b.value(u"reasoning_effort").toString(), u"medium"_qs);
    QVERIFY(!b.contains(u"num_ctx"));
    QVERIFY(!b.contains(u"options"));
    QVERIFY(!b.contains(u"keep_alive"));
    const QJsonArray msgs = b.value(u"messages").toArray();
    QCOMPARE(msgs.at(0).toObject().value(u"content").toString(), u"sys"_qs);
    const QJsonArray parts = msgs.at(1).toObject().value(u"content").toArray();
    QCOMPARE(parts.size(), 2);
    QCOMPARE(parts.at(1).toObject().value(u"image_url").toObject().value(u"url").toString(),
             u"data:image/png;base64,aW1n"_qs);

    r.stream = false;
    r.options.think = u"true"_qs; // not a level: nothing to send
    b = QJsonDocument::fromJson(p->chatBody(r)).object();
    QCOMPARE(b.value(u"stream"), QJsonValue(false)); // always explicit
    QVERIFY(!b.contains(u"stream_options"));         // servers reject it without streaming
    QVERIFY(!b.contains(u"reasoning_effort"));
}

void TestDecoders::chatBodyAnthropic()
{
    const auto p = createProtocol(ProviderType::Anthropic);
    ChatRequest r;
    r.model = QStringLiteral("claude-sonnet-4-5");
    r.messages = {{u"system"_qs, u"Rule one."_qs, {}, {}},
                  {u"user"_qs, u"Hi"_qs, {}, {}},
                  {u"assistant"_qs, u"Hello"_qs, {}, {}},
                  {u"system"_qs, u"Rule two."_qs, {}, {}},
                  {u"user"_qs, u"Bye"_qs, {}, {}}};
    r.stream = false;
    QJsonObject b = QJsonDocument::fromJson(p->chatBody(r)).object();
    QVERIFY(b.value(u"max_tokens").toInt() > 0); // required by the API even when unset
    QCOMPARE(b.value(u"stream"), QJsonValue(false));
    QCOMPARE(b.value(u"system").toString(), u"Rule one.\n\nRule two."_qs);
    const QJsonArray msgs = b.value(u"messages").toArray();
    QCOMPARE(msgs.size(), 3); // no "system" role inside messages: the API rejects it
    for (const QJsonValue &m : msgs)
        QVERIFY(m.toObject().value(u"role").toString() != u"system");
    QVERIFY(!b.contains(u"thinking"));

    r.stream = true;
    r.options.maxTokens = 8000;
    r.options.think = u"medium"_qs;
    r.options.stop = QStringList{u"END"_qs};
    b = QJsonDocument::fromJson(p->chatBody(r)).object();
    QCOMPARE(b.value(u"stream"), QJsonValue(true));
    QCOMPARE(b.value(u"max_tokens").toInt(), 8000);
    QCOMPARE(b.value(u"stop_sequences").toArray().at(0).toString(), u"END"_qs);
    const QJsonObject thinking = b.value(u"thinking").toObject();
    QCOMPARE(thinking.value(u"type").toString(), u"enabled"_qs);
    const int budget = thinking.value(u"budget_tokens").toInt();
    QVERIFY(budget >= 1024); // the API's minimum
    QVERIFY(budget < 8000);  // and it must stay below max_tokens
    QVERIFY(!b.contains(u"stream_options"));
}

void TestDecoders::parseModels()
{
    QString error;
    const auto ollama =
        createProtocol(ProviderType::Ollama)
            ->parseModels(
                R"({"models":[{"name":"llama3.2:3b","model":"llama3.2:3b","size":2019393189,)"
                R"("details":{"family":"llama","parameter_size":"3.2B","quantization_level":"Q4_K_M"}},)"
                R"({"name":"qwen3:8b","model":"qwen3:8b"}]})",
                &error);
    QCOMPARE(ollama.size(), 2);
    QCOMPARE(ollama.at(0).id, u"llama3.2:3b"_qs);
    QCOMPARE(ollama.at(0).parameterSize, u"3.2B"_qs);
    QCOMPARE(ollama.at(0).quantization, u"Q4_K_M"_qs);

    const auto openai =
        createProtocol(ProviderType::OpenAI)
            ->parseModels(
                R"({"object":"list","data":[{"id":"gpt-4o","object":"model"},{"id":"o3"}]})",
                &error);
    QCOMPARE(openai.size(), 2);
    QCOMPARE(openai.at(1).id, u"o3"_qs);
    // Ollama's /v1/models with nothing installed says "data": null.
    QVERIFY(createProtocol(ProviderType::OpenAI)
                ->parseModels(R"({"object":"list","data":null})", &error)
                .isEmpty());

    const auto anthropic =
        createProtocol(ProviderType::Anthropic)
            ->parseModels(
                R"({"data":[{"id":"claude-sonnet-4-5","display_name":"Claude Sonnet 4.5","type":"model"}],"has_more":false})",
                &error);
    QCOMPARE(anthropic.size(), 1);
    QCOMPARE(anthropic.at(0).name, u"Claude Sonnet 4.5"_qs);

    for (ProviderType t : {ProviderType::Ollama, ProviderType::OpenAI, ProviderType::Anthropic}) {
        error.clear();
        QVERIFY(createProtocol(t)->parseModels("<html>nope</html>", &error).isEmpty());
        QVERIFY(error.contains(u"not JSON"));
    }
}

QTEST_GUILESS_MAIN(TestDecoders)
#include "tst_decoders.moc"
