// `sluice run --tools` ends an HTTP MCP server's session (DELETE) while its event loop still
// runs, before the process exits: the server in the test (FakeHttpMcp) has read the DELETE
// by the time the process is gone, and a server that never answers it holds the exit for
// RunTools::SessionEndLimitMs (2 s), not longer (the time is said, not asserted).
#include "fakehttpmcp.h"
#include "fakellm.h"
#include "sluicerun.h"
#include "testserver.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Sluice::Test;

class McpRunTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sessionEndsBeforeTheExit_data();
    void sessionEndsBeforeTheExit();
};

void McpRunTest::sessionEndsBeforeTheExit_data()
{
    QTest::addColumn<bool>("stall");
    QTest::newRow("answered") << false;
    QTest::newRow("never answered") << true;
}

void McpRunTest::sessionEndsBeforeTheExit()
{
    QFETCH(bool, stall);
    FakeHttpMcp mcp(false);
    mcp.stallDelete = stall;
    TestServer server;
    QVERIFY(server.listen());
    FakeLlmOptions o;
    o.reply = "It echoed.";
    o.toolCalls = {{"", "echo", "{}"}};
    FakeLlm::install(server, o);
    QTemporaryDir dir;
    QFile config(dir.filePath("sluice.json"));
    QVERIFY(config.open(QIODevice::WriteOnly));
    const QJsonObject web{{"type", "http"}, {"url", mcp.url()}};
    QVERIFY(config.write(QJsonDocument(QJsonObject{{"mcp", QJsonObject{{"web", web}}}}).toJson()) > 0);
    config.close();

    const SluiceRun r = sluice({"run", "--base-url", server.url().toString(), "--type", "ollama",
                                "--model", "llama3.2:3b", "--retries", "0", "--config",
                                config.fileName(), "--tools", "--yes", "Echo something"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.out, QStringLiteral("It echoed.\n"));
    QVERIFY2(r.err.contains("ran web/echo"), qPrintable(r.err));
    // Read by this process's loop while sluice ran (no wait here): the end of the session.
    QVERIFY(!mcp.seen.isEmpty());
    const SeenRequest &end = mcp.seen.last();
    QCOMPARE(end.headers.value("method"), QByteArray("DELETE"));
    QCOMPARE(end.headers.value("mcp-session-id"), QByteArray("session-42"));
    qInfo("sluice run --tools ended %lld ms after it started (the DELETE %s)", r.ms,
          stall ? "never answered" : "answered");
}

QTEST_GUILESS_MAIN(McpRunTest)
#include "tst_mcprun.moc"
