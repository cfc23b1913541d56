// The "mcp" section of sluice.json (read, written back with unknown fields kept, one sentence
// per mistake), the import from crush.json and from other clients' mcpServers files, and the
// secrets of env and headers resolved from $VAR and the keychain, never logged.
#include "core/config/configjson.h"
#include "core/config/crushimport.h"
#include "core/config/secretstore.h"
#include "core/mcp/mcpmessages.h"
#include "core/mcp/mcpsecrets.h"
#include "core/net/redaction.h"

#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Sluice;
using namespace Qt::StringLiterals;

class McpConfigTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsBothTransports();
    void writesBackKeepingUnknownFields();
    void mistakesAreOneSentence_data();
    void mistakesAreOneSentence();
    void importsCrushMcp();
    void importsClaudeDesktopFile();
    void secretsResolveAndAreRedacted();
    void headerValuesAreEncoded();
};

void McpConfigTest::readsBothTransports()
{
    const ConfigParseResult r = parseConfig(R"({"mcp": {
        "files": {"command": "npx", "args": ["-y", "server-filesystem", "/tmp"],
                  "env": {"DEBUG": "1"}, "cwd": "/tmp", "tools": ["read_file"],
                  "timeouts": {"startup": 10, "call": 2.5}},
        "web": {"type": "http", "url": "https://mcp.example.com/mcp",
                "headers": {"Authorization": "Bearer $TOKEN"}, "enabled": false}}})",
                                            u"s.json"_s);
    QVERIFY2(r.config, qPrintable(r.error.message));
    const QList<McpServerConfig> &servers = r.config->mcpServers;
    QCOMPARE(servers.size(), 2);
    const McpServerConfig &files = servers.at(0);
    QCOMPARE(files.transport, McpServerConfig::Transport::Stdio);
    QCOMPARE(files.summary(), u"npx -y server-filesystem /tmp"_s);
    QCOMPARE(files.env.value(0), qMakePair(u"DEBUG"_s, u"1"_s));
    QCOMPARE(files.cwd, u"/tmp"_s);
    QVERIFY(files.allows(u"read_file"_s));
    QVERIFY(!files.allows(u"write_file"_s));
    QCOMPARE(files.startupTimeoutMs, 10'000);
    QCOMPARE(files.callTimeoutMs, 2'500);
    QVERIFY(files.enabled);
    const McpServerConfig &web = servers.at(1);
    QCOMPARE(web.transport, McpServerConfig::Transport::Http);
    QCOMPARE(web.headers.value(0).second, u"Bearer $TOKEN"_s);
    QVERIFY(!web.enabled);
    QCOMPARE(web.callTimeoutMs, McpServerConfig::DefaultCallTimeoutMs);
}

void McpConfigTest::writesBackKeepingUnknownFields()
{
    const ConfigParseResult r = parseConfig(R"({"mcp": {"files": {"command": "x",
        "future": 1}}})", u"s.json"_s);
    QVERIFY(r.config);
    Config c = *r.config;
    c.mcpServers[0].allowedTools = {u"a"_s};
    c.mcpServers[0].callTimeoutMs = 90'000;
    McpServerConfig web;
    web.name = u"web"_s;
    web.transport = McpServerConfig::Transport::Http;
    web.url = u"http://localhost:3001/mcp"_s;
    c.mcpServers.append(web);
    const ConfigParseResult again = parseConfig(configToBytes(c), u"s.json"_s);
    QVERIFY2(again.config, qPrintable(again.error.message));
    QCOMPARE(again.config->mcpServers, c.mcpServers);
    const QJsonObject files =
        configToJson(c).value("mcp").toObject().value("files").toObject();
    QCOMPARE(files.value("future").toInt(), 1);
    QCOMPARE(files["timeouts"]["call"].toDouble(), 90.0);
    QVERIFY(!files["timeouts"].toObject().contains("startup")); // defaults are not written

    Config none;
    QVERIFY(!configToJson(none).contains("mcp")); // no section appears by itself
}

void McpConfigTest::mistakesAreOneSentence_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    QTest::newRow("no command") << QByteArray(R"({"mcp": {"a": {"args": []}}})")
                                << u"In s.json, mcp.a.command must name the program that runs the server."_s;
    QTest::newRow("bad url") << QByteArray(R"({"mcp": {"a": {"type": "http", "url": "ftp://x"}}})")
                             << u"In s.json, mcp.a.url must be an http:// or https:// address."_s;
    QTest::newRow("bad type") << QByteArray(R"({"mcp": {"a": {"type": "sse", "url": "http://x"}}})")
                              << u"In s.json, mcp.a.type must be \"stdio\" or \"http\"."_s;
    QTest::newRow("env number") << QByteArray(R"({"mcp": {"a": {"command": "x", "env": {"K": 1}}}})")
                                << u"In s.json, mcp.a.env.K must be text in quotes."_s;
    QTest::newRow("timeout") << QByteArray(R"({"mcp": {"a": {"command": "x", "timeouts": {"call": 0}}}})")
                             << u"In s.json, mcp.a.timeouts.call must be a number of seconds from 0.001 to 86400."_s;
    QTest::newRow("name") << QByteArray(R"({"mcp": {"a b": {"command": "x"}}})")
                          << u"In s.json, mcp.a b is not a valid server name: use letters, digits, '-', '_' and '.'."_s;
}

void McpConfigTest::mistakesAreOneSentence()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    const ConfigParseResult r = parseConfig(json, u"s.json"_s);
    QVERIFY(!r.config);
    QCOMPARE(r.error.message, message);
}

void McpConfigTest::importsCrushMcp()
{
    // crush's MCP entries (charmbracelet/crush internal/config/config.go, MCPConfig: type
    // stdio/http/sse, command, args, env, url, headers, disabled, timeout in seconds).
    const CrushImport r = importCrushJson(R"({"providers": {}, "mcp": {
        "fs": {"type": "stdio", "command": "node", "args": ["fs.js"], "env": {"K": "$K"},
               "timeout": 120},
        "gh": {"type": "http", "url": "https://api.example.com/mcp",
               "headers": {"Authorization": "Bearer $GH"}, "disabled": true},
        "old": {"type": "sse", "url": "https://x/sse"}}})",
                                          u"crush.json"_s);
    QVERIFY(r.ok);
    QCOMPARE(r.mcpServers.size(), 2);
    QCOMPARE(r.mcpServers.at(0).name, u"fs"_s);
    QCOMPARE(r.mcpServers.at(0).callTimeoutMs, 120'000);
    QCOMPARE(r.mcpServers.at(0).env.value(0).second, u"$K"_s); // still a reference
    QCOMPARE(r.mcpServers.at(1).transport, McpServerConfig::Transport::Http);
    QVERIFY(!r.mcpServers.at(1).enabled);
    QVERIFY(r.notes.contains(u"The MCP server \"old\" was not imported: it uses the deprecated "
                             "HTTP+SSE transport, which Sluice does not speak; the server's "
                             "streamable HTTP address usually ends in /mcp."_s));
    Config c;
    McpServerConfig existing;
    existing.name = u"fs"_s;
    existing.command = u"x"_s;
    c.mcpServers.append(existing);
    QStringList notes;
    mergeImport(c, r, &notes);
    QCOMPARE(c.mcpServers.size(), 3);
    QCOMPARE(c.mcpServers.at(1).name, u"fs-2"_s);
    QVERIFY(notes.contains(u"The imported MCP server \"fs\" was added as \"fs-2\" because \"fs\" "
                           "already exists."_s));
}

void McpConfigTest::importsClaudeDesktopFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"claude_desktop_config.json"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"mcpServers": {
        "filesystem": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/home/ana"]},
        "remote": {"type": "streamable-http", "url": "https://r.example/mcp"},
        "nothing": {}}})");
    f.close();
    QList<McpServerConfig> servers;
    QStringList notes;
    QString error;
    QVERIFY(readMcpServersFile(path, &servers, &notes, &error));
    QCOMPARE(servers.size(), 2);
    QCOMPARE(servers.at(0).args.last(), u"/home/ana"_s);
    QCOMPARE(servers.at(1).url, u"https://r.example/mcp"_s);
    QCOMPARE(notes, QStringList{u"The MCP server \"nothing\" was not imported: it has neither a "
                                "command nor a url."_s});
    QVERIFY(!readMcpServersFile(dir.filePath(u"missing.json"_s), &servers, &notes, &error));
    QVERIFY2(error.startsWith(dir.filePath(u"missing.json"_s) + u" cannot be read: "_s),
             qPrintable(error));
}

void McpConfigTest::secretsResolveAndAreRedacted()
{
    McpServerConfig s;
    s.name = u"gh"_s;
    s.env = {{u"GITHUB_TOKEN"_s, u"keychain:mcp.gh.GITHUB_TOKEN"_s}, {u"HOME_DIR"_s, u"${HOME}"_s}};
    s.headers = {{u"Authorization"_s, u"Bearer $MCP_TEST_TOKEN"_s}};
    MemorySecretStore store;
    store.secrets.insert(u"mcp.gh.GITHUB_TOKEN"_s, u"ghp_keychainsecret42"_s);
    QProcessEnvironment env;
    env.insert(u"HOME"_s, u"/home/ana"_s);
    env.insert(u"MCP_TEST_TOKEN"_s, u"envsecret-123456"_s);
    std::optional<McpResolved> resolved;
    QObject context;
    resolveMcpSecrets(s, &store, env, &context, [&](const McpResolved &r) { resolved = r; });
    QTRY_VERIFY(resolved.has_value());
    QCOMPARE(resolved->problem, QString());
    QCOMPARE(resolved->env.value(0).second, u"ghp_keychainsecret42"_s);
    QCOMPARE(resolved->env.value(1).second, u"/home/ana"_s);
    QCOMPARE(resolved->headers.value(0).second, QByteArray("Bearer envsecret-123456"));
    const QString line = redactKnownSecrets(u"server said ghp_keychainsecret42 and envsecret-123456"_s);
    QVERIFY2(!line.contains(u"ghp_keychainsecret42"_s) && !line.contains(u"envsecret-123456"_s),
             qPrintable(line));

    s.env = {{u"K"_s, u"$NOT_SET_ANYWHERE"_s}};
    resolved.reset();
    resolveMcpSecrets(s, &store, env, &context, [&](const McpResolved &r) { resolved = r; });
    QTRY_VERIFY(resolved.has_value());
    QCOMPARE(resolved->problem, u"The MCP server \"gh\" needs the environment variable "
                                "NOT_SET_ANYWHERE for K, and it is not set."_s);
}

void McpConfigTest::headerValuesAreEncoded()
{
    // streamable-http.mdx (2026-07-28) "Value Encoding" examples.
    QCOMPARE(Mcp::headerValue(u"us-west1"_s), QByteArray("us-west1"));
    QCOMPARE(Mcp::headerValue(u"Hello, 世界"_s), QByteArray("=?base64?SGVsbG8sIOS4lueVjA==?="));
    QCOMPARE(Mcp::headerValue(u" padded "_s), QByteArray("=?base64?IHBhZGRlZCA=?="));
    QCOMPARE(Mcp::headerValue(u"line1\nline2"_s), QByteArray("=?base64?bGluZTEKbGluZTI=?="));
    QCOMPARE(Mcp::headerValue(u"=?base64?literal?="_s),
             QByteArray("=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?="));
}

QTEST_GUILESS_MAIN(McpConfigTest)
#include "tst_mcpconfig.moc"
