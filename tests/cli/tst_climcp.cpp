// Tools from a real MCP server, end to end: the built `sluice run --tools` against the
// loopback test server scripted to ask for `read_text_file` on each protocol, with the official
// @modelcontextprotocol/server-filesystem (npm, tests/mcp/npm) configured in sluice.json. The
// file's text must reach the model in the tool result, and the model's answer the user. The
// same with @modelcontextprotocol/server-everything (its `echo` tool) over stdio and over
// streamable HTTP, so a chat drives an HTTP server too. Exits 77 (skipped) without Node.js or
// `npm ci` in tests/mcp/npm.
#include "clitest.h"
#include "mcpreference.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace Sluice::Test;

namespace {

QString filesystemServer()
{
    return referenceServerScript(QStringLiteral("server-filesystem"));
}

QString everythingServer()
{
    return referenceServerScript(QStringLiteral("server-everything"));
}

// Writes `config` as dir/sluice.json; its path.
QString writeConfig(const QTemporaryDir &dir, const QJsonObject &config)
{
    const QString path = dir.filePath(QStringLiteral("sluice.json"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(config).toJson()) <= 0)
        return {};
    return path;
}

QByteArray chatPath(const QString &type)
{
    if (type == u"openai")
        return "/v1/chat/completions";
    if (type == u"anthropic")
        return "/v1/messages";
    return "/api/chat";
}

} // namespace

class TestCliMcp : public QObject
{
    Q_OBJECT

private:
    static void addProtocols()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QByteArray>("callId");
        QTest::newRow("ollama") << QStringLiteral("ollama") << QByteArray();
        QTest::newRow("openai") << QStringLiteral("openai") << QByteArray("call_1");
        QTest::newRow("anthropic") << QStringLiteral("anthropic") << QByteArray("toolu_1");
    }

private Q_SLOTS:
    void everythingOverStdioAndHttp_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QByteArray>("callId");
        QTest::addColumn<bool>("http");
        for (const bool http : {false, true}) {
            const char *t = http ? "streamable HTTP" : "stdio";
            QTest::addRow("ollama, %s", t) << QStringLiteral("ollama") << QByteArray() << http;
            QTest::addRow("openai, %s", t) << QStringLiteral("openai") << QByteArray("call_1") << http;
            QTest::addRow("anthropic, %s", t)
                << QStringLiteral("anthropic") << QByteArray("toolu_1") << http;
        }
    }

    void everythingOverStdioAndHttp()
    {
        QFETCH(QString, type);
        QFETCH(QByteArray, callId);
        QFETCH(bool, http);
        const QString node = nodeExecutable();
        QJsonObject entry{{QStringLiteral("command"), node},
                          {QStringLiteral("args"),
                           QJsonArray{everythingServer(), QStringLiteral("stdio")}}};
        EverythingOverHttp everything;
        if (http) {
            QVERIFY(everything.start());
            entry = {{QStringLiteral("type"), QStringLiteral("http")},
                     {QStringLiteral("url"), everything.url()}};
        }

        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions o;
        o.reply = "It echoed.";
        o.toolCalls = {{callId, "echo", R"({"message":"hello from a chat"})"}};
        FakeLlm::install(server, o);
        QTemporaryDir dir;
        const QString configPath = writeConfig(
            dir, {{QStringLiteral("mcp"), QJsonObject{{QStringLiteral("everything"), entry}}}});
        QVERIFY(!configPath.isEmpty());

        const Run r = sluice(base(server, type) + QStringList{QStringLiteral("--config"), configPath,
                                                              QStringLiteral("--tools"),
                                                              QStringLiteral("--allow-tools"),
                                                              QStringLiteral("echo"),
                                                              QStringLiteral("Echo something")},
                             QByteArray());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("It echoed.\n"));
        QVERIFY2(r.err.contains(QStringLiteral("ran everything/echo")), qPrintable(r.err));
        // The second request carries the server's answer as the tool's result.
        const QByteArray body = server.lastRequest(chatPath(type)).body;
        QVERIFY2(body.contains("Echo: hello from a chat"), body.constData());
    }

    void readsAFileThroughTheServer_data() { addProtocols(); }

    void readsAFileThroughTheServer()
    {
        QFETCH(QString, type);
        QFETCH(QByteArray, callId);
        QTemporaryDir dir;
        const QString files = dir.filePath(QStringLiteral("files"));
        QVERIFY(QDir().mkpath(files));
        QFile note(files + QStringLiteral("/note.txt"));
        QVERIFY(note.open(QIODevice::WriteOnly));
        QVERIFY(note.write("The secret word is PELICAN.\n") > 0);
        note.close();

        // The model asks for the file, then answers once it has the result.
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions o;
        o.reply = "The note says PELICAN.";
        const QByteArray path = QJsonDocument(QJsonObject{{QStringLiteral("path"),
                                                           note.fileName()}})
                                    .toJson(QJsonDocument::Compact);
        o.toolCalls = {{callId, "read_text_file", path}};
        FakeLlm::install(server, o);

        const QJsonObject config{
            {QStringLiteral("mcp"),
             QJsonObject{{QStringLiteral("files"),
                          QJsonObject{{QStringLiteral("command"),
                                       nodeExecutable()},
                                      {QStringLiteral("args"),
                                       QJsonArray{filesystemServer(), files}}}}}}};
        const QString configPath = writeConfig(dir, config);
        QVERIFY(!configPath.isEmpty());

        const Run r = sluice(base(server, type) + QStringList{QStringLiteral("--config"), configPath,
                                                              QStringLiteral("--tools"),
                                                              QStringLiteral("--allow-tools"),
                                                              QStringLiteral("read_text_file"),
                                                              QStringLiteral("What does the note say?")},
                             QByteArray());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("The note says PELICAN.\n"));
        QVERIFY2(r.err.contains(QStringLiteral("ran files/read_text_file")), qPrintable(r.err));
        // The second request carries the file's text as the tool's result.
        const QByteArray body = server.lastRequest(chatPath(type)).body;
        QVERIFY2(body.contains("The secret word is PELICAN."), body.constData());
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString missing = referenceServersMissing(
        {QStringLiteral("server-everything"), QStringLiteral("server-filesystem")});
    if (!missing.isEmpty()) {
        std::printf("SKIP: %s\n", qPrintable(missing));
        return 77;
    }
    TestCliMcp test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_climcp.moc"
