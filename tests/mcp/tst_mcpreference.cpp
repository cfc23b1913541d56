// The official MCP reference servers from npm (tests/mcp/npm/package.json), called through
// Sluice's Toolbox as a chat calls them: @modelcontextprotocol/server-everything over stdio
// and over streamable HTTP, @modelcontextprotocol/server-filesystem on a temporary folder
// with an allow list. Exits 77 (skipped) without Node.js or `npm ci` in tests/mcp/npm.
#include "core/mcp/mcptoolbox.h"
#include "mcpreference.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <optional>

using namespace Sluice;
using namespace Qt::StringLiterals;

namespace {

using Sluice::Test::referenceServerScript;

McpServerConfig stdioServer(const QString &name, const QStringList &args)
{
    McpServerConfig c;
    c.name = name;
    c.command = Sluice::Test::nodeExecutable();
    c.args = args;
    return c;
}

QStringList names(const QList<ToolSpec> &tools)
{
    QStringList out;
    for (const ToolSpec &t : tools)
        out.append(t.name);
    return out;
}

ToolOutcome run(McpToolbox &box, const QString &server, const QString &tool,
                const QJsonObject &args)
{
    std::optional<ToolOutcome> out;
    ToolRun *r = box.call(server, tool, args, &box);
    QObject::connect(r, &ToolRun::finished, &box, [&out](const ToolOutcome &o) { out = o; });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, 60000))
        qFatal("the tool call did not finish");
    return *out;
}

QStringList prepare(McpToolbox &box)
{
    QSignalSpy ready(&box, &Toolbox::ready);
    box.prepare();
    if (!ready.wait(60000))
        qFatal("the toolbox did not get ready");
    return ready.first().first().toStringList();
}

} // namespace

class McpReferenceTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everythingOverStdio();
    void everythingOverStreamableHttp();
    void filesystemOnATemporaryFolder();

private:
    void checkEverything(McpToolbox &box, const QString &server);
};

void McpReferenceTest::checkEverything(McpToolbox &box, const QString &server)
{
    const QStringList tools = names(box.tools());
    QVERIFY2(tools.contains(u"echo"_s) && tools.contains(u"get-sum"_s), qPrintable(tools.join(u' ')));
    const ToolOutcome echo = run(box, server, u"echo"_s, {{"message", "hello Sluice"}});
    QCOMPARE(echo.kind, ToolOutcome::Kind::Ok);
    QCOMPARE(echo.text, u"Echo: hello Sluice"_s);
    const ToolOutcome sum = run(box, server, u"get-sum"_s, {{"a", 2}, {"b", 40}});
    QCOMPARE(sum.text, u"The sum of 2 and 40 is 42."_s);
    const ToolOutcome weather =
        run(box, server, u"get-structured-content"_s, {{"location", "Chicago"}});
    QCOMPARE(weather.kind, ToolOutcome::Kind::Ok);
    QVERIFY(weather.structured.isObject());
    // A schema violation is the tool's own error, told to the model.
    const ToolOutcome bad = run(box, server, u"get-sum"_s, {{"a", "two"}});
    QVERIFY2(bad.kind == ToolOutcome::Kind::ToolError || bad.kind == ToolOutcome::Kind::Failed,
             qPrintable(bad.text));
    QVERIFY(!bad.text.isEmpty());
}

void McpReferenceTest::everythingOverStdio()
{
    McpToolbox box(
        {stdioServer(u"everything"_s, {referenceServerScript(u"server-everything"_s), u"stdio"_s})},
        nullptr);
    QCOMPARE(prepare(box), QStringList());
    QCOMPARE(box.client(u"everything"_s)->protocolVersion(), u"2025-11-25"_s);
    checkEverything(box, u"everything"_s);
    box.shutdown();
}

void McpReferenceTest::everythingOverStreamableHttp()
{
    Sluice::Test::EverythingOverHttp server;
    QVERIFY(server.start());
    McpServerConfig c;
    c.name = u"everything-http"_s;
    c.transport = McpServerConfig::Transport::Http;
    c.url = server.url();
    {
        McpToolbox box({c}, nullptr);
        QCOMPARE(prepare(box), QStringList());
        QCOMPARE(box.client(c.name)->era(), McpClient::Era::Legacy);
        checkEverything(box, c.name);
        box.shutdown();
    }
}

void McpReferenceTest::filesystemOnATemporaryFolder()
{
    QTemporaryDir dir;
    QFile f(dir.filePath(u"notes.txt"_s));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("first line\nsecond line\n");
    f.close();
    const QString root = QFileInfo(dir.path()).canonicalFilePath();
    McpServerConfig c = stdioServer(u"files"_s, {referenceServerScript(u"server-filesystem"_s), root});
    c.allowedTools = {u"read_text_file"_s, u"list_directory"_s};
    McpToolbox box({c}, nullptr);
    QCOMPARE(prepare(box), QStringList());
    QCOMPARE(names(box.tools()), QStringList({u"read_text_file"_s, u"list_directory"_s}));
    QVERIFY(box.client(u"files"_s)->tools().size() > 2); // the server has more

    const ToolOutcome read =
        run(box, u"files"_s, u"read_text_file"_s, {{"path", QString(root + u"/notes.txt"_s)}});
    QCOMPARE(read.kind, ToolOutcome::Kind::Ok);
    QCOMPARE(read.text, u"first line\nsecond line\n"_s);
    QCOMPARE(read.structured.toObject().value(u"content").toString(), read.text);

    const ToolOutcome list = run(box, u"files"_s, u"list_directory"_s, {{"path", root}});
    QVERIFY2(list.text.contains(u"[FILE] notes.txt"_s), qPrintable(list.text));

    const ToolOutcome outside =
        run(box, u"files"_s, u"read_text_file"_s, {{"path", u"/etc/hostname"_s}});
    QCOMPARE(outside.kind, ToolOutcome::Kind::ToolError);
    QVERIFY2(outside.text.contains(u"Access denied"_s), qPrintable(outside.text));

    const ToolOutcome write = run(box, u"files"_s, u"write_file"_s,
                                  {{"path", QString(root + u"/x.txt"_s)}, {"content", "x"}});
    QCOMPARE(write.kind, ToolOutcome::Kind::Failed);
    QCOMPARE(write.text, u"The tool \"write_file\" of the MCP server \"files\" is not in its "
                         "allowed tools."_s);
    QVERIFY(!QFileInfo::exists(root + u"/x.txt"_s));
    box.shutdown();
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QString missing = Sluice::Test::referenceServersMissing(
        {u"server-everything"_s, u"server-filesystem"_s});
    if (!missing.isEmpty()) {
        std::printf("SKIP: %s\n", qPrintable(missing));
        return 77;
    }
    McpReferenceTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mcpreference.moc"
