// `sluice mcp` as a user runs it: import another client's mcpServers file into a fresh
// sluice.json, list the servers, test one (its tools listed, the allow list marked) and one
// that cannot start (one sentence, exit 1), and an unknown name (exit 2).
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class McpCliTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void importListAndTest();

private:
    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };
    Run sluice(const QStringList &args)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SLUICE_CONFIG"), m_dir.filePath(QStringLiteral("sluice.json")));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(SLUICE_BIN), args);
        if (!p.waitForFinished(60000))
            p.kill();
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }
    QTemporaryDir m_dir;
};

void McpCliTest::importListAndTest()
{
    QFile file(m_dir.filePath(QStringLiteral("mcp.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QStringLiteral(R"({"mcpServers": {
        "fake": {"command": "%1", "args": ["--pages", "2"]},
        "ghost": {"command": "/nonexistent/mcp-server"}}})")
                   .arg(QStringLiteral(SLUICE_FAKEMCP_BIN))
                   .toUtf8());
    file.close();

    const Run imported = sluice({"mcp", "import", file.fileName()});
    QCOMPARE(imported.code, 0);
    QVERIFY2(imported.out.contains("imported MCP server fake ("), qPrintable(imported.out));
    QVERIFY2(imported.out.contains("saved "), qPrintable(imported.out));

    const Run list = sluice({"mcp", "list"});
    QCOMPARE(list.code, 0);
    QVERIFY2(list.out.contains("fake  enabled   stdio  "), qPrintable(list.out));
    QVERIFY2(list.out.contains("ghost  enabled   stdio  /nonexistent/mcp-server"), qPrintable(list.out));

    const Run test = sluice({"mcp", "test", "fake"});
    QCOMPARE(test.code, 0);
    QCOMPARE(test.out, QStringLiteral("fake works (MCP 2025-11-25)\n"
                                      "* echo  The echo tool\n"
                                      "* fail  The fail tool\n" // page 1 of 2
                                      "* add  The add tool\n"));

    const Run ghost = sluice({"mcp", "test", "ghost"});
    QCOMPARE(ghost.code, 1);
    QVERIFY2(ghost.err.startsWith("sluice: The MCP server \"ghost\" could not start "
                                  "\"/nonexistent/mcp-server\": "),
             qPrintable(ghost.err));
    QCOMPARE(ghost.err.count('\n'), 1); // said once

    const Run unknown = sluice({"mcp", "test", "nope"});
    QCOMPARE(unknown.code, 2);
}

QTEST_GUILESS_MAIN(McpCliTest)
#include "tst_mcpcli.moc"
