// `sluice run`'s sampling parameters and what it says about the context, end to end: the
// exact request each protocol receives for every parameter, the parameters a protocol has no
// field for (left out, and said on stderr), bad values, and a prompt the server cut as
// Ollama cuts it (the test server's ollamaContextLength) marked on stderr and in --json.
#include "clitest.h"
#include "fakellm.h"
#include "testserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Sluice::Test;

namespace {

QByteArray chatPath(const QString &type)
{
    return type == u"ollama"   ? "/api/chat"
           : type == u"openai" ? "/v1/chat/completions"
                               : "/v1/messages";
}

QStringList everyParameter()
{
    return {QStringLiteral("--temperature"),       QStringLiteral("0.25"),
            QStringLiteral("--top-p"),             QStringLiteral("0.8"),
            QStringLiteral("--top-k"),             QStringLiteral("20"),
            QStringLiteral("--min-p"),             QStringLiteral("0.05"),
            QStringLiteral("--repeat-penalty"),    QStringLiteral("1.1"),
            QStringLiteral("--frequency-penalty"), QStringLiteral("0.5"),
            QStringLiteral("--presence-penalty"),  QStringLiteral("-0.5"),
            QStringLiteral("--seed"),              QStringLiteral("42"),
            QStringLiteral("--stop"),              QStringLiteral("END"),
            QStringLiteral("--stop"),              QStringLiteral("###"),
            QStringLiteral("--max-tokens"),        QStringLiteral("500"),
            QStringLiteral("--num-ctx"),           QStringLiteral("8192"),
            QStringLiteral("--keep-alive"),        QStringLiteral("10m")};
}

QJsonObject object(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

} // namespace

class TestCliSampling : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyParameterOnEachProtocol_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QJsonObject>("sent");  // the fields of the request's parameters
        QTest::addColumn<QStringList>("unsent"); // said on stderr, in this order
        // Ollama: api/types.go Options inside "options", keep_alive beside them.
        QTest::newRow("ollama") << QStringLiteral("ollama")
                                << object("{\"options\":{\"temperature\":0.25,\"top_p\":0.8, \"top_k\":20,\"min_p\":0.05,\"repeat_penalty\":1.1, \"frequency_penalty\":0.5,\"presence_penalty\":-0.5,\"seed\":42, \"stop\":[\"END\",\"###\"],\"num_predict\":500,\"num_ctx\":8192}, \"keep_alive\":\"10m\"}")
                                << QStringList();
        // OpenAI: the `openai` package's ChatCompletionCreateParams.
        QTest::newRow("openai") << QStringLiteral("openai")
                                << object("{\"temperature\":0.25,\"top_p\":0.8, \"frequency_penalty\":0.5,\"presence_penalty\":-0.5,\"seed\":42, \"stop\":[\"END\",\"###\"],\"max_tokens\":500}")
                                << QStringList{QStringLiteral("top-k"), QStringLiteral("min-p"),
                                               QStringLiteral("repeat-penalty"),
                                               QStringLiteral("num-ctx"),
                                               QStringLiteral("keep-alive")};
        // Anthropic: `@anthropic-ai/sdk`'s MessageCreateParams.
        QTest::newRow("anthropic")
            << QStringLiteral("anthropic")
            << object("{\"temperature\":0.25,\"top_p\":0.8,\"top_k\":20, \"stop_sequences\":[\"END\",\"###\"],\"max_tokens\":500}")
            << QStringList{QStringLiteral("min-p"), QStringLiteral("repeat-penalty"),
                           QStringLiteral("frequency-penalty"), QStringLiteral("presence-penalty"),
                           QStringLiteral("seed"), QStringLiteral("num-ctx"),
                           QStringLiteral("keep-alive")};
    }

    void everyParameterOnEachProtocol()
    {
        QFETCH(QString, type);
        QFETCH(QJsonObject, sent);
        QFETCH(QStringList, unsent);
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        const Run r = sluice(base(server, type) << everyParameter() << QStringLiteral("Hi"), QByteArray());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out, reply() + u'\n');

        QJsonObject body = server.lastRequest(chatPath(type)).json();
        for (const QString &key : {QStringLiteral("model"), QStringLiteral("messages"),
                                   QStringLiteral("stream"), QStringLiteral("stream_options")})
            body.remove(key);
        QCOMPARE(body, sent);

        QStringList lines = r.err.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), unsent.size());
        for (qsizetype i = 0; i < unsent.size(); ++i)
            QVERIFY2(lines.at(i).startsWith(QStringLiteral("sluice: --%1 is not sent: ")
                                                .arg(unsent.at(i))),
                     qPrintable(lines.at(i)));
    }

    void badValuesAreUsageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("said");
        QTest::newRow("top-p above 1") << QStringList{QStringLiteral("--top-p"), QStringLiteral("1.5")}
                                       << QStringLiteral("--top-p must be a number from 0 to 1");
        QTest::newRow("top-k a word") << QStringList{QStringLiteral("--top-k"), QStringLiteral("many")}
                                      << QStringLiteral("--top-k must be a whole number");
        QTest::newRow("seed a fraction") << QStringList{QStringLiteral("--seed"), QStringLiteral("1.5")}
                                         << QStringLiteral("--seed must be a whole number");
        QTest::newRow("keep-alive a word")
            << QStringList{QStringLiteral("--keep-alive"), QStringLiteral("forever")}
            << QStringLiteral("--keep-alive must be a duration");
        // Go's time.ParseDuration wants a unit on every part: Ollama answers 400 to "5m30".
        QTest::newRow("keep-alive without a last unit")
            << QStringList{QStringLiteral("--keep-alive"), QStringLiteral("5m30")}
            << QStringLiteral("--keep-alive must be a duration");
        QTest::newRow("empty stop") << QStringList{QStringLiteral("--stop"), QString()}
                                    << QStringLiteral("--stop needs a text");
    }

    void badValuesAreUsageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, said);
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        const Run r = sluice(base(server, QStringLiteral("ollama")) << args << QStringLiteral("Hi"),
                             QByteArray());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith(QStringLiteral("sluice: ") + said), qPrintable(r.err));
        QCOMPARE(r.err.count(u'\n'), 1);
        QCOMPARE(server.requestCount("/api/chat"), 0); // nothing was sent
    }

    // Ollama cuts a prompt longer than num_ctx and answers 200 all the same; the count it
    // reports is the only sign, and `run` says it.
    void cutPromptIsMarked_data()
    {
        QTest::addColumn<QStringList>("window");
        QTest::newRow("the server's default window") << QStringList();
        QTest::newRow("--num-ctx") << QStringList{QStringLiteral("--num-ctx"), QStringLiteral("64")};
    }

    void cutPromptIsMarked()
    {
        QFETCH(QStringList, window);
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions opt;
        opt.ollamaContextLength = window.isEmpty() ? 64 : 4096;
        FakeLlm::install(server, opt);
        const QString prompt = QStringLiteral("tell me about rivers ").repeated(40); // 840 chars
        const QStringList args = base(server, QStringLiteral("ollama")) << window << prompt;

        const Run plain = sluice(args, QByteArray());
        QCOMPARE(plain.exitCode, 0);
        QCOMPARE(plain.out, reply() + u'\n'); // answered all the same
        const QStringList lines = plain.err.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1);
        QVERIFY2(QRegularExpression(QStringLiteral(
                     "^sluice: The model saw only the last 64 of (\\d+) tokens\\.$"))
                     .match(lines.first())
                     .hasMatch(),
                 qPrintable(plain.err));

        const Run json = sluice(QStringList(args) << QStringLiteral("--json"), QByteArray());
        QCOMPARE(json.exitCode, 0);
        const QJsonObject done = json.events().constLast();
        QCOMPARE(done.value(u"type").toString(), QStringLiteral("done"));
        const QJsonObject cut = done.value(u"context_cut").toObject();
        QCOMPARE(cut.value(u"seen").toInt(), 64);
        QVERIFY2(cut.value(u"sent").toInt() > 200, qPrintable(QString::number(cut.value(u"sent").toInt())));
        QVERIFY(json.err.contains(QStringLiteral("saw only the last 64 of")));
    }

    // --preset: the config file's preset gives the system prompt, the model and every
    // parameter; an option on the command line wins over the preset's value.
    void presetAppliesAllItsFields()
    {
        QTemporaryDir dir;
        const QString config = dir.filePath(QStringLiteral("sluice.json"));
        QFile f(config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"providers\":{},\"presets\":[{\"name\":\"Reviewer\",\"system_prompt\":\"Be brief.\", \"model\":\"qwen3:4b\",\"parameters\":{\"temperature\":0.2,\"top_p\":0.7,\"top_k\":30, \"min_p\":0.05,\"repeat_penalty\":1.15,\"frequency_penalty\":0.1,\"presence_penalty\":0.2, \"seed\":7,\"stop\":[\"END\"],\"max_tokens\":90,\"num_ctx\":2048,\"keep_alive\":\"30m\", \"think\":\"false\"}}]}");
        f.close();
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        const QStringList common{QStringLiteral("run"), QStringLiteral("--config"), config,
                                 QStringLiteral("--base-url"), server.url().toString(),
                                 QStringLiteral("--type"), QStringLiteral("ollama"),
                                 QStringLiteral("--retries"), QStringLiteral("0")};
        const Run r = sluice(QStringList(common) << QStringLiteral("--preset")
                                                 << QStringLiteral("reviewer")
                                                 << QStringLiteral("--top-k")
                                                 << QStringLiteral("40") << QStringLiteral("Hi"),
                             QByteArray());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject body = server.lastRequest("/api/chat").json();
        QCOMPARE(body.value(u"model").toString(), QStringLiteral("qwen3:4b"));
        const QJsonArray messages = body.value(u"messages").toArray();
        QCOMPARE(messages.at(0).toObject().value(u"role").toString(), QStringLiteral("system"));
        QCOMPARE(messages.at(0).toObject().value(u"content").toString(),
                 QStringLiteral("Be brief."));
        QCOMPARE(body.value(u"options").toObject(),
                 object("{\"temperature\":0.2,\"top_p\":0.7,\"top_k\":40,\"min_p\":0.05, \"repeat_penalty\":1.15,\"frequency_penalty\":0.1,\"presence_penalty\":0.2, \"seed\":7,\"stop\":[\"END\"],\"num_predict\":90,\"num_ctx\":2048}"));
        QCOMPARE(body.value(u"keep_alive").toString(), QStringLiteral("30m"));
        QCOMPARE(body.value(u"think"), QJsonValue(false));

        const Run unknown = sluice(QStringList(common) << QStringLiteral("--preset")
                                                       << QStringLiteral("Nope")
                                                       << QStringLiteral("Hi"),
                                   QByteArray());
        QCOMPARE(unknown.exitCode, 2);
        QCOMPARE(unknown.err, QStringLiteral("sluice: no preset \"Nope\" in %1 (presets: Reviewer)\n")
                                  .arg(config));
    }

    // A preset that names a server is sent there, unless the command line names one.
    void presetNamesItsServer()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        QTemporaryDir dir;
        const QString config = dir.filePath(QStringLiteral("sluice.json"));
        QFile f(config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("{\"default\":{\"provider\":\"off\"},\"providers\":{"
                               "\"off\":{\"type\":\"ollama\",\"base_url\":\"http://127.0.0.1:9\"},"
                               "\"gpu\":{\"type\":\"ollama\",\"base_url\":\"%1\"}},"
                               "\"presets\":[{\"name\":\"Remote\",\"provider\":\"gpu\","
                               "\"model\":\"qwen3:4b\"}]}")
                    .arg(server.url().toString())
                    .toUtf8());
        f.close();
        const Run r = sluice({QStringLiteral("run"), QStringLiteral("--config"), config,
                              QStringLiteral("--retries"), QStringLiteral("0"),
                              QStringLiteral("--preset"), QStringLiteral("Remote"),
                              QStringLiteral("Hi")},
                             QByteArray());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(server.lastRequest("/api/chat").json().value(u"model").toString(),
                 QStringLiteral("qwen3:4b"));
    }

    void wholePromptIsNotMarked()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions opt;
        opt.ollamaContextLength = 4096;
        FakeLlm::install(server, opt);
        const QString prompt = QStringLiteral("tell me about rivers ").repeated(40);
        const Run r = sluice(base(server, QStringLiteral("ollama"))
                                 << QStringLiteral("--json") << prompt,
                             QByteArray());
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
        const QJsonObject done = r.events().constLast();
        QVERIFY(done.value(u"stats").toObject().value(u"prompt_tokens").toInt() > 200);
        QVERIFY(!done.contains(u"context_cut"));
    }

    // llama-server refuses a prompt of its context or more with a 400 (the test server answers
    // as tools/server/server-context.cpp does): one sentence, with both counts and what to do.
    void promptOverLlamaServersContextIsSaid()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions opt;
        opt.ollamaApi = false;
        opt.llamaCppContext = 64;
        FakeLlm::install(server, opt);
        const QString prompt = QStringLiteral("tell me about rivers ").repeated(40);
        const Run r = sluice(base(server, QStringLiteral("openai")) << prompt, QByteArray());
        QCOMPARE(r.exitCode, 1); // a server error
        QVERIFY(r.out.isEmpty());
        QVERIFY2(QRegularExpression(QStringLiteral(
                     "^sluice: the conversation \\(\\d+ tokens\\) is longer than the context "
                     "window of \\S+ \\(64 tokens\\): drop older messages, start a new chat, "
                     "or start llama-server with a larger --ctx-size\n$"))
                     .match(r.err)
                     .hasMatch(),
                 qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCliSampling)
#include "tst_clisampling.moc"
