// The context budget: the token estimate (docs/context.md), its correction by the counts a
// server reported, the short counts the meter shows and the test for a prompt the server cut.
#include "core/conversation/contextbudget.h"
#include "core/models/contextwindow.h"
#include "core/models/serverprops.h"

#include <QLocale>
#include <QTest>

using namespace Sluice;

namespace {

ConversationMessage message(const QString &role, const QString &content, qint64 prompt = -1,
                            qint64 estimate = -1)
{
    ConversationMessage m;
    m.role = role;
    m.content = content;
    m.stats.promptTokens = prompt;
    m.stats.promptEstimate = estimate;
    return m;
}

} // namespace

class TestContextBudget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void estimatesText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("tokens");
        QTest::newRow("empty") << QString() << qint64(0);
        QTest::newRow("four ASCII characters a token") << QStringLiteral("abcdefgh") << qint64(2);
        QTest::newRow("rounded up") << QStringLiteral("abcde") << qint64(2);
        QTest::newRow("CJK one a character") << QStringLiteral("日本語の文") << qint64(5);
        QTest::newRow("accented two a token") << QStringLiteral("éééé") << qint64(2);
        QTest::newRow("emoji two each") << QStringLiteral("🙂🙂") << qint64(4);
    }

    void estimatesText()
    {
        QFETCH(QString, text);
        QFETCH(qint64, tokens);
        QCOMPARE(estimateTextTokens(text), tokens);
    }

    void estimatesAConversation()
    {
        const QList<ConversationMessage> sent{message(QStringLiteral("user"), QString(40, u'a'))};
        const ContextEstimate e =
            estimateContext(QString(20, u's'), sent, QString(8, u'd'), 100);
        // system 5 + 4, message 10 + 4, draft 2 + 4, attachments 100
        QCOMPARE(e.tokens, qint64(129));
        QVERIFY(!e.corrected);
    }

    // A message dropped from the context is not counted.
    void leavesOutDroppedMessages()
    {
        QList<ConversationMessage> sent{message(QStringLiteral("user"), QString(400, u'a')),
                                        message(QStringLiteral("user"), QString(40, u'b'))};
        sent[0].stats.droppedFromContext = true;
        QCOMPARE(estimateContext({}, sent, {}).tokens, qint64(14));
    }

    // The server counted 20% more than estimated: what follows is scaled by it.
    void correctedByTheServersCount()
    {
        const QList<ConversationMessage> sent{
            message(QStringLiteral("user"), QString(396, u'a')),               // 99 + 4
            message(QStringLiteral("assistant"), QString(396, u'b'), 120, 100), // 99 + 4
            message(QStringLiteral("user"), QString(396, u'c'))};              // 99 + 4
        const ContextEstimate e = estimateContext({}, sent, {});
        QVERIFY(e.corrected);
        QCOMPARE(e.factor, 1.2);
        QCOMPARE(e.tokens, qint64(371)); // 309 × 1.2, rounded up
    }

    // Each reply's estimate already had the earlier factor in it: the factors multiply.
    void factorsMultiply()
    {
        const QList<ConversationMessage> sent{
            message(QStringLiteral("user"), QString(396, u'a')),
            message(QStringLiteral("assistant"), QString(396, u'b'), 120, 100),
            message(QStringLiteral("user"), QString(396, u'c')),
            message(QStringLiteral("assistant"), QString(396, u'd'), 330, 300)};
        QCOMPARE(estimateContext({}, sent, {}).factor, 1.2 * 1.1);
    }

    // A count far below the estimate is a cut prompt, not a correction: it is not used.
    void aCutCountIsNotACorrection()
    {
        ConversationMessage answer =
            message(QStringLiteral("assistant"), QString(40, u'b'), 64, 1000);
        answer.stats.contextWindow = 64;
        const QList<ConversationMessage> sent{message(QStringLiteral("user"), QString(3984, u'a')),
                                              answer};
        const ContextEstimate e = estimateContext({}, sent, {});
        QVERIFY(!e.corrected);
        QCOMPARE(e.tokens, qint64(996 + 4 + 10 + 4));
    }

    void detectsACutPrompt_data()
    {
        QTest::addColumn<qint64>("estimate");
        QTest::addColumn<qint64>("window");
        QTest::addColumn<qint64>("counted");
        QTest::addColumn<bool>("cut");
        QTest::newRow("cut to the window") << qint64(5000) << qint64(4096) << qint64(4096) << true;
        QTest::newRow("old messages dropped") << qint64(5000) << qint64(4096) << qint64(1600) << true;
        QTest::newRow("the whole prompt") << qint64(3000) << qint64(4096) << qint64(2950) << false;
        QTest::newRow("estimate high, but it fit") << qint64(5000) << qint64(8192) << qint64(3000)
                                                   << false;
        QTest::newRow("window unknown, far below") << qint64(5000) << qint64(-1) << qint64(2048)
                                                   << true;
        QTest::newRow("window unknown, close") << qint64(5000) << qint64(-1) << qint64(4700)
                                               << false;
        QTest::newRow("no count") << qint64(5000) << qint64(4096) << qint64(-1) << false;
        QTest::newRow("a short prompt, counted lower") << qint64(9) << qint64(-1) << qint64(5)
                                                       << false;
    }

    void detectsACutPrompt()
    {
        QFETCH(qint64, estimate);
        QFETCH(qint64, window);
        QFETCH(qint64, counted);
        QFETCH(bool, cut);
        ReplyStats stats;
        stats.promptEstimate = estimate;
        stats.contextWindow = window;
        stats.promptTokens = counted;
        const ContextCut c = contextCut(stats);
        QCOMPARE(c.cut, cut);
        if (cut)
            QCOMPARE(contextCutSentence(c),
                     QStringLiteral("The model saw only the last %1 of %2 tokens.")
                         .arg(QLocale().toString(counted), QLocale().toString(estimate)));
    }

    // Where the window comes from, in Ollama's order (docs/context.md).
    void windowPerProtocol_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("own");      // the request's num_ctx / context_window; 0: none
        QTest::addColumn<int>("loaded");   // /api/ps context_length
        QTest::addColumn<int>("modelfile"); // /api/show parameters num_ctx
        QTest::addColumn<int>("trained");  // model_info <arch>.context_length
        QTest::addColumn<qint64>("window");
        QTest::addColumn<bool>("canRaise");
        const int ollama = int(ProviderType::Ollama), openai = int(ProviderType::OpenAI);
        QTest::newRow("ollama: the chat's num_ctx") << ollama << 8192 << 2048 << 4096 << 131072
                                                    << qint64(8192) << true;
        QTest::newRow("ollama: as loaded") << ollama << 0 << 2048 << 4096 << 131072
                                           << qint64(2048) << true;
        QTest::newRow("ollama: the Modelfile's") << ollama << 0 << -1 << 16384 << 131072
                                                 << qint64(16384) << true;
        QTest::newRow("ollama: the default") << ollama << 0 << -1 << -1 << 131072
                                             << qint64(4096) << true;
        QTest::newRow("ollama: never above the trained") << ollama << 65536 << -1 << -1 << 32768
                                                         << qint64(32768) << true;
        QTest::newRow("openai: configured") << openai << 32000 << -1 << -1 << 128000
                                            << qint64(32000) << false;
        QTest::newRow("openai: the server's model list") << openai << 0 << -1 << -1 << 128000
                                                         << qint64(128000) << false;
        QTest::newRow("openai: unknown") << openai << 0 << -1 << -1 << -1 << qint64(-1) << false;
        // llama-server's /props n_ctx (the "loaded" column): below the configured window,
        // above the model list's.
        QTest::newRow("llama.cpp: configured") << openai << 32000 << 4096 << -1 << 128000
                                               << qint64(32000) << false;
        QTest::newRow("llama.cpp: /props") << openai << 0 << 4096 << -1 << 128000
                                           << qint64(4096) << false;
    }

    void windowPerProtocol()
    {
        QFETCH(int, type);
        QFETCH(int, own);
        QFETCH(int, loaded);
        QFETCH(int, modelfile);
        QFETCH(int, trained);
        QFETCH(qint64, window);
        QFETCH(bool, canRaise);
        ChatOptions options;
        if (own > 0)
            options.contextSize = own;
        ModelCapabilities caps;
        caps.loadedContext = loaded;
        if (ProviderType(type) == ProviderType::OpenAI)
            caps.serverContext = loaded;
        caps.numCtx = modelfile;
        caps.contextLength = trained;
        const ContextWindow w = contextWindowFor(ProviderType(type), options, caps);
        if (ProviderType(type) == ProviderType::OpenAI && own <= 0 && loaded > 0)
            QVERIFY2(w.source.contains(QStringLiteral("llama.cpp")), qPrintable(w.source));
        QCOMPARE(w.tokens, window);
        QCOMPARE(w.canRaise, canRaise);
        QCOMPARE(w.source.isEmpty(), window < 0);
    }

    // llama-server's /props as two versions write it (examples/server/server.cpp, 2025:
    // the slot's whole JSON; tools/server/server-context.cpp: n_ctx and params, modalities).
    void llamaCppProps()
    {
        const ServerProps old = parseServerProps(
            R"({"default_generation_settings":{"id":0,"id_task":-1,"n_ctx":2048,)"
            R"("speculative":false,"params":{"n_predict":-1}},"total_slots":1,)"
            R"("model_path":"/work/ext/model/tiny.gguf","chat_template":"","build_info":"b1"})");
        QCOMPARE(old.contextSize, 2048);
        QVERIFY(!old.vision.has_value());
        const ServerProps newer = parseServerProps(
            R"({"default_generation_settings":{"params":{},"n_ctx":8192},"total_slots":4,)"
            R"("modalities":{"vision":true,"audio":false}})");
        QCOMPARE(newer.contextSize, 8192);
        QCOMPARE(newer.vision, std::optional<bool>(true));
        QCOMPARE(parseServerProps("<html>404</html>").contextSize, -1);
        QCOMPARE(parseServerProps(R"({"default_generation_settings":{"n_ctx":"big"}})").contextSize,
                 -1);
        const QHash<QString, ModelCapabilities> caps =
            capabilitiesFromProps(newer, {QStringLiteral("tiny"), QStringLiteral("other")});
        QCOMPARE(caps.value(QStringLiteral("other")).serverContext, 8192);
        QVERIFY(caps.value(QStringLiteral("tiny")).known && caps.value(QStringLiteral("tiny")).vision);

        ProviderConfig p;
        p.type = ProviderType::OpenAI;
        p.baseUrl = QStringLiteral("http://127.0.0.1:8080/v1");
        QCOMPARE(serverPropsUrl(p), QUrl(QStringLiteral("http://127.0.0.1:8080/props")));
        p.baseUrl = QStringLiteral("http://box/llama/v1/chat/completions");
        QCOMPARE(serverPropsUrl(p), QUrl(QStringLiteral("http://box/llama/props")));
    }

    void modelfileNumCtx()
    {
        QCOMPARE(Sluice::modelfileNumCtx(QStringLiteral("stop \"<|eot_id|>\"\nnum_ctx    8192\n")), 8192);
        QCOMPARE(Sluice::modelfileNumCtx(QStringLiteral("stop \"<|eot_id|>\"")), -1);
        QCOMPARE(Sluice::modelfileNumCtx(QStringLiteral("num_ctx lots")), -1);
    }

    void shortCounts_data()
    {
        QTest::addColumn<qint64>("tokens");
        QTest::addColumn<QString>("text");
        QTest::newRow("small") << qint64(950) << QStringLiteral("950");
        QTest::newRow("1.2k") << qint64(1234) << QStringLiteral("1.2k");
        QTest::newRow("8k window") << qint64(8192) << QStringLiteral("8k");
        QTest::newRow("128k window") << qint64(131072) << QStringLiteral("128k");
        QTest::newRow("12k") << qint64(12345) << QStringLiteral("12k");
        QTest::newRow("1.5M") << qint64(1'500'000) << QStringLiteral("1.5M");
    }

    void shortCounts()
    {
        QFETCH(qint64, tokens);
        QFETCH(QString, text);
        QCOMPARE(shortTokenCount(tokens), text);
    }
};

QTEST_GUILESS_MAIN(TestContextBudget)
#include "tst_contextbudget.moc"
