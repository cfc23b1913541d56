// `sluice models`, `doctor` and `config` as a user runs them, and API keys that never reach a
// log: the real binary against the loopback server, with the stdout, stderr and exit code a
// user (or a script) would see.
#include "clitest.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Sluice::Test;

class TestCliSetup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keyNeverLogged()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions opt;
        opt.apiKey = "sk-verysecret-4242";
        FakeLlm::install(server, opt);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("MY_KEY"), QStringLiteral("sk-verysecret-4242"));
        const Run ok = sluice(base(server, QStringLiteral("openai"))
                                  << QStringLiteral("--api-key-env") << QStringLiteral("MY_KEY")
                                  << QStringLiteral("--verbose") << QStringLiteral("Hi"),
                              {}, env);
        QCOMPARE(ok.exitCode, 0);
        QVERIFY(ok.err.contains(u"sluice.provider: request")); // verbose logging is on
        QVERIFY(!ok.err.contains(u"verysecret"));
        env.insert(QStringLiteral("MY_KEY"), QStringLiteral("sk-wrong-0000"));
        const Run bad = sluice(base(server, QStringLiteral("openai"))
                                   << QStringLiteral("--api-key-env") << QStringLiteral("MY_KEY")
                                   << QStringLiteral("--verbose") << QStringLiteral("Hi"),
                               {}, env);
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains(u"API key was refused"), qPrintable(bad.err));
        QVERIFY(!bad.err.contains(u"sk-wrong-0000"));
    }

    void models()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        const Run r = sluice(
            {QStringLiteral("models"), QStringLiteral("--base-url"), server.url().toString()});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("llama3.2:3b\nqwen3:4b\n"));
    }

    void doctorHealthy()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions opt;
        opt.tokenDelayMs = 5;
        FakeLlm::install(server, opt);
        const Run r =
            sluice({QStringLiteral("doctor"), QStringLiteral("--base-url"), server.url().toString(),
                    QStringLiteral("--model"), QStringLiteral("llama3.2:3b")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(u"✓ Server       Ollama 0.12.3"), qPrintable(r.out));
        QVERIFY(r.out.contains(u"✓ Stream"));
        QVERIFY(r.out.contains(u"arriving incrementally"));
        QVERIFY(r.out.endsWith(u"All checks passed.\n"));
    }

    // A model that repeats itself until Ollama cuts it off (as a random model did on a real
    // Ollama): the server works, so the chat and stream checks warn, and doctor passes.
    void doctorOnALoopingModel()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions opt;
        opt.tokenDelayMs = 2;
        opt.fault = FakeLlmFault::RepeatGuard;
        FakeLlm::install(server, opt);
        const Run r =
            sluice({QStringLiteral("doctor"), QStringLiteral("--base-url"), server.url().toString(),
                    QStringLiteral("--model"), QStringLiteral("llama3.2:3b")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(u"! Chat         Ollama cut the reply off because the model kept "
                                u"repeating the same token"),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(u"! Stream       Ollama cut the reply off: the model repeated "
                                u"\u201ce\u201d 31 times in a row"),
                 qPrintable(r.out));
        QVERIFY(r.out.contains(u"this model keeps repeating itself"));
        QVERIFY(!r.out.contains(u"✗"));
    }

    // llama.cpp's llama-server lists its one model by its path and answers to any name:
    // real llama-server b4753 answered "tiny" with /work/ext/model/tiny.gguf.
    void doctorOnLlamaServer()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions opt;
        opt.tokenDelayMs = 5;
        opt.ollamaApi = false;
        opt.llamaCppContext = 4096;
        opt.models = {"/models/tiny.gguf"};
        FakeLlm::install(server, opt);
        const Run r =
            sluice({QStringLiteral("doctor"), QStringLiteral("--base-url"),
                    server.url().toString() + u"/v1", QStringLiteral("--type"),
                    QStringLiteral("openai"), QStringLiteral("--model"), QStringLiteral("tiny")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(u"✓ Model        tiny is answered by the server's one model, "
                                u"/models/tiny.gguf"),
                 qPrintable(r.out));
    }

    void doctorFindsProblems_data()
    {
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("expected");
        QTest::newRow("model not pulled")
            << QString() << QStringLiteral("ollama") << QStringLiteral("mistral:7b") << 1
            << QStringLiteral("fix: try: ollama pull mistral:7b");
        QTest::newRow("ollama through /v1") << QStringLiteral("/v1") << QStringLiteral("openai")
                                            << QStringLiteral("llama3.2:3b") << 0
                                            << QStringLiteral("native API available: set type "
                                                              "ollama and base URL");
        QTest::newRow("/api with openai type")
            << QStringLiteral("/api") << QStringLiteral("openai") << QStringLiteral("llama3.2:3b")
            << 1 << QStringLiteral("set type ollama");
    }
    void doctorFindsProblems()
    {
        QFETCH(QString, suffix);
        QFETCH(QString, type);
        QFETCH(QString, model);
        QFETCH(int, exitCode);
        QFETCH(QString, expected);
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        const Run r = sluice({QStringLiteral("doctor"), QStringLiteral("--base-url"),
                              server.url().toString() + suffix, QStringLiteral("--type"), type,
                              QStringLiteral("--model"), model});
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.out.contains(expected), qPrintable(r.out));
    }

    void configImportThenRun()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        QTemporaryDir dir;
        const QString crush = dir.filePath(QStringLiteral("crush.json"));
        const QString config = dir.filePath(QStringLiteral("sluice.json"));
        QFile f(crush);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            QStringLiteral(R"({"providers": {"box": {"type": "openai-compat", "base_url": "%1/v1",
                  "api_key": "$BOX_KEY", "models": [{"id": "llama3.2:3b"}]},
                  "cloud": {"type": "bedrock"}}})")
                .arg(server.url().toString())
                .toUtf8());
        f.close();
        const Run imported = sluice({QStringLiteral("config"), QStringLiteral("import"), crush,
                                     QStringLiteral("--config"), config});
        QCOMPARE(imported.exitCode, 0);
        QVERIFY(imported.out.contains(u"imported box"));
        QVERIFY2(imported.out.contains(u"\"cloud\" was not imported"), qPrintable(imported.out));
        QVERIFY(QFile::exists(config));

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("BOX_KEY"), QStringLiteral("sk-box-1"));
        const Run r =
            sluice({QStringLiteral("run"), QStringLiteral("--config"), config,
                    QStringLiteral("--provider"), QStringLiteral("box"), QStringLiteral("Hi")},
                   {}, env);
        QCOMPARE(r.err, QString());
        QCOMPARE(r.exitCode, 0); // the model came from the provider's list
        QCOMPARE(server.lastRequest("/v1/chat/completions").header("Authorization"),
                 QByteArray("Bearer sk-box-1"));

        const Run missing =
            sluice({QStringLiteral("run"), QStringLiteral("--config"), config,
                    QStringLiteral("--provider"), QStringLiteral("nope"), QStringLiteral("Hi")});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains(u"no provider \"nope\"") && missing.err.contains(u"box"),
                 qPrintable(missing.err));
    }

    // On a fresh machine (no sluice.json) the built-in "ollama" is only implicit: crush's
    // "ollama" takes its place instead of becoming "ollama-2", and crush's default model wins.
    void configImportOnAFreshMachineKeepsTheIds()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        QTemporaryDir dir;
        const QString crush = dir.filePath(QStringLiteral("crush.json"));
        const QString config = dir.filePath(QStringLiteral("sluice.json"));
        QFile f(crush);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral(R"({"providers": {"ollama": {"type": "ollama", "base_url": "%1",
                  "models": [{"id": "qwen3:4b"}]}},
                  "models": {"large": {"provider": "ollama", "model": "qwen3:4b"}}})")
                    .arg(server.url().toString())
                    .toUtf8());
        f.close();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("OLLAMA_HOST"));
        const Run imported = sluice({QStringLiteral("config"), QStringLiteral("import"), crush,
                                     QStringLiteral("--config"), config},
                                    {}, env);
        QCOMPARE(imported.exitCode, 0);
        QVERIFY2(!imported.out.contains(u"ollama-2"), qPrintable(imported.out));

        const Run shown = sluice(
            {QStringLiteral("config"), QStringLiteral("show"), QStringLiteral("--config"), config},
            {}, env);
        QVERIFY2(!shown.out.contains(u"ollama-2") && !shown.out.contains(u"localhost:11434"),
                 qPrintable(shown.out));
        QVERIFY2(shown.out.contains(u"* ollama  ollama  " + server.url().toString()),
                 qPrintable(shown.out));

        const Run r =
            sluice({QStringLiteral("run"), QStringLiteral("--config"), config,
                    QStringLiteral("--provider"), QStringLiteral("ollama"), QStringLiteral("Hi")},
                   {}, env);
        QCOMPARE(r.err, QString());
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(server.requestCount("/api/chat"), 1); // the imported server, not localhost

        // Once the file exists, its providers are the user's: a second import renames.
        const Run again = sluice({QStringLiteral("config"), QStringLiteral("import"), crush,
                                  QStringLiteral("--config"), config},
                                 {}, env);
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains(u"\"ollama-2\""), qPrintable(again.out));
    }

    void brokenConfigFile()
    {
        QTemporaryDir dir;
        const QString config = dir.filePath(QStringLiteral("sluice.json"));
        QFile f(config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\n  \"version\": 1,\n  \"providers\": {\n    \"x\": {\"type\": \"ollama\",}\n");
        f.close();
        const Run r = sluice(
            {QStringLiteral("run"), QStringLiteral("--config"), config, QStringLiteral("Hi")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith(u"sluice: " + config) && r.err.contains(u"line 4"),
                 qPrintable(r.err));
        QCOMPARE(r.err.count(u'\n'), 1);
        QVERIFY(QFile::exists(config)); // never touched
    }

    void doctorNoServer()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
        }
        const Run r = sluice({QStringLiteral("doctor"), QStringLiteral("--base-url"),
                              QStringLiteral("http://127.0.0.1:%1").arg(port),
                              QStringLiteral("--type"), QStringLiteral("ollama")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.contains(u"✗ TCP connect"));
        QVERIFY(r.out.contains(u"fix: Ollama does not seem to be running"));
    }
};

QTEST_GUILESS_MAIN(TestCliSetup)
#include "tst_clisetup.moc"
