// Streamable HTTP: a legacy server's session id is echoed with the protocol version header, a
// modern server gets its request headers (Mcp-Method, Mcp-Name, Mcp-Param-*) and no session,
// a server that stalls in the middle of an SSE answer ends at the call limit (the event
// loop's longest gap meanwhile measured for docs/benchmarks.md), a server that cannot be
// reached says so, and a legacy session is ended with DELETE when Sluice is
// done with the server (a 405 for it is fine); shutting down with a limit waits for the
// DELETE's answer, or gives up on it at the limit.
#include "fakehttpmcp.h"
#include "manualclock.h"
#include "mcptesthelpers.h"

#include "core/mcp/mcphttptransport.h"
#include "core/mcp/mcpmessages.h"
#include "core/mcp/mcptoolbox.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <optional>

using namespace Sluice;
using namespace Sluice::Test;

namespace {

McpServerConfig httpConfig(const QString &url)
{
    McpServerConfig c;
    c.name = QStringLiteral("web");
    c.transport = McpServerConfig::Transport::Http;
    c.url = url;
    c.headers = {{QStringLiteral("Authorization"), QStringLiteral("Bearer $SLUICE_TEST_MCP_TOKEN")}};
    return c;
}

std::optional<ToolOutcome> runTool(McpToolbox &box, const QString &tool, const QJsonObject &args)
{
    std::optional<ToolOutcome> out;
    ToolRun *run = box.call(QStringLiteral("web"), tool, args, &box);
    QObject::connect(run, &ToolRun::finished, &box, [&out](const ToolOutcome &o) { out = o; });
    if (!QTest::qWaitFor([&out] { return out.has_value(); }, 20000))
        qWarning("the tool call did not finish");
    return out;
}

} // namespace

class McpHttpTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { qputenv("SLUICE_TEST_MCP_TOKEN", "tok-secret-123456"); }
    void legacySessionIsEchoed();
    void modernRequestsCarryTheirHeaders();
    void stallMidSseEndsAtCallLimit();
    void closedStreamIsResumedWithLastEventId();
    void unreachableServerIsSaid();
    void sessionIsEndedWithDelete();
    void modernServerGetsNoDelete();
    void shutdownWaitsForTheSessionEnd();
    void shutdownGivesUpOnAnUnansweredSessionEnd();
};

void McpHttpTest::legacySessionIsEchoed()
{
    FakeHttpMcp server(false);
    McpToolbox box({httpConfig(server.url())}, nullptr);
    QSignalSpy ready(&box, &Toolbox::ready);
    box.prepare();
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 20000);
    QCOMPARE(ready.first().first().toStringList(), QStringList());
    QCOMPARE(box.tools().size(), 3);
    QCOMPARE(box.client(QStringLiteral("web"))->protocolVersion(), QStringLiteral("2025-11-25"));

    const std::optional<ToolOutcome> out = runTool(box, QStringLiteral("echo"), {});
    QCOMPARE(out->kind, ToolOutcome::Kind::Ok);
    QCOMPARE(out->text, QStringLiteral("echoed"));

    // probe (no session: refused) → initialize → initialized → tools/list → tools/call
    QStringList methods;
    for (const SeenRequest &r : std::as_const(server.seen))
        methods.append(r.body.value("method").toString());
    QCOMPARE(methods, QStringList({"server/discover", "initialize", "notifications/initialized",
                                   "tools/list", "tools/call"}));
    for (const SeenRequest &r : std::as_const(server.seen)) {
        QCOMPARE(r.headers.value("accept"), QByteArray("application/json, text/event-stream"));
        QCOMPARE(r.headers.value("authorization"), QByteArray("Bearer tok-secret-123456"));
    }
    QVERIFY(!server.seen.at(1).headers.contains("mcp-session-id"));
    QVERIFY(!server.seen.at(1).headers.contains("mcp-protocol-version"));
    for (qsizetype i = 2; i < server.seen.size(); ++i) {
        QCOMPARE(server.seen.at(i).headers.value("mcp-session-id"), QByteArray("session-42"));
        QCOMPARE(server.seen.at(i).headers.value("mcp-protocol-version"), QByteArray("2025-11-25"));
        QVERIFY(!server.seen.at(i).body.value("params").toObject().contains("_meta"));
    }
}

void McpHttpTest::modernRequestsCarryTheirHeaders()
{
    FakeHttpMcp server(true);
    McpToolbox box({httpConfig(server.url())}, nullptr);
    QSignalSpy ready(&box, &Toolbox::ready);
    box.prepare();
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 20000);
    QCOMPARE(box.client(QStringLiteral("web"))->era(), McpClient::Era::Modern);
    const std::optional<ToolOutcome> out =
        runTool(box, QStringLiteral("echo"), {{"region", "Zürich"}});
    QCOMPARE(out->text, QStringLiteral("echoed"));
    const SeenRequest &call = server.seen.last();
    QCOMPARE(call.headers.value("mcp-protocol-version"), QByteArray("2026-07-28"));
    QCOMPARE(call.headers.value("mcp-method"), QByteArray("tools/call"));
    QCOMPARE(call.headers.value("mcp-name"), QByteArray("echo"));
    QCOMPARE(call.headers.value("mcp-param-region"), "=?base64?" + QByteArray("Zürich").toBase64() + "?=");
    QVERIFY(!call.headers.contains("mcp-session-id"));
    const QJsonObject meta = call.body["params"]["_meta"].toObject();
    QCOMPARE(meta.value("io.modelcontextprotocol/protocolVersion").toString(), QStringLiteral("2026-07-28"));
    QVERIFY(meta.value("io.modelcontextprotocol/clientCapabilities").isObject());
}

void McpHttpTest::stallMidSseEndsAtCallLimit()
{
    ManualClock clock;
    FakeHttpMcp server(false);
    McpServerConfig config = httpConfig(server.url());
    config.callTimeoutMs = 15'000;
    McpToolbox box({config}, nullptr);
    QSignalSpy ready(&box, &Toolbox::ready);
    box.prepare();
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 20000);
    LoopGap gap(QStringLiteral("an HTTP server stalled mid-SSE"));
    std::optional<ToolOutcome> out;
    ToolRun *run = box.call(QStringLiteral("web"), QStringLiteral("stall"), {}, &box);
    connect(run, &ToolRun::finished, &box, [&out](const ToolOutcome &o) { out = o; });
    QVERIFY(spinUntil([&server] { return server.seen.last().body.value("method") == "tools/call"; }));
    clock.advance(14'999);
    QCoreApplication::processEvents();
    QVERIFY(!out.has_value());
    clock.advance(1);
    QVERIFY(spinUntil([&out] { return out.has_value(); }));
    QCOMPARE(out->kind, ToolOutcome::Kind::Failed);
    QCOMPARE(out->text, QStringLiteral("The MCP server \"web\" did not answer tools/call within "
                                       "15 s; Sluice gave up on it."));
    QCOMPARE(out->elapsedMs, 15'000);
    // The legacy revision is told with notifications/cancelled.
    QVERIFY(spinUntil(
        [&server] { return server.seen.last().body.value("method") == "notifications/cancelled"; }));
}

void McpHttpTest::closedStreamIsResumedWithLastEventId()
{
    FakeHttpMcp server(false);
    McpToolbox box({httpConfig(server.url())}, nullptr);
    QSignalSpy ready(&box, &Toolbox::ready);
    box.prepare();
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 20000);
    const std::optional<ToolOutcome> out = runTool(box, QStringLiteral("poll"), {});
    QCOMPARE(out->kind, ToolOutcome::Kind::Ok);
    QCOMPARE(out->text, QStringLiteral("polled"));
    const SeenRequest &get = server.seen.last();
    QCOMPARE(get.headers.value("method"), QByteArray("GET"));
    QCOMPARE(get.headers.value("last-event-id"), QByteArray("ev-1"));
    QCOMPARE(get.headers.value("mcp-session-id"), QByteArray("session-42"));
    QCOMPARE(get.headers.value("accept"), QByteArray("text/event-stream"));
}

void McpHttpTest::unreachableServerIsSaid()
{
    QTcpServer closed;
    closed.listen(QHostAddress::LocalHost);
    const quint16 port = closed.serverPort();
    closed.close();
    McpToolbox box({httpConfig(QStringLiteral("http://127.0.0.1:%1/mcp").arg(port))}, nullptr);
    QSignalSpy ready(&box, &Toolbox::ready);
    box.prepare();
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 20000);
    const QStringList problems = ready.first().first().toStringList();
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.first().startsWith(QStringLiteral("The MCP server \"web\" could not be reached: ")),
             qPrintable(problems.first()));
}

void McpHttpTest::sessionIsEndedWithDelete()
{
    for (const bool refused : {false, true}) {
        FakeHttpMcp server(false);
        server.refuseDelete = refused;
        McpToolbox box({httpConfig(server.url())}, nullptr);
        QSignalSpy ready(&box, &Toolbox::ready);
        box.prepare();
        QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 20000);
        const qsizetype before = server.seen.size();
        box.shutdown();
        QTRY_COMPARE(server.seen.size(), before + 1);
        const SeenRequest &end = server.seen.last();
        QCOMPARE(end.headers.value("method"), QByteArray("DELETE"));
        QCOMPARE(end.headers.value("mcp-session-id"), QByteArray("session-42"));
        QCOMPARE(end.headers.value("mcp-protocol-version"), QByteArray("2025-11-25"));
        QCOMPARE(end.headers.value("authorization"), QByteArray("Bearer tok-secret-123456"));
        QCOMPARE(box.client(QStringLiteral("web"))->lastError(), QString()); // not a problem

        // The next use starts a new session, whatever the server said to the DELETE.
        box.prepare();
        QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 2, 20000);
        QCOMPARE(ready.last().first().toStringList(), QStringList());
        const std::optional<ToolOutcome> out = runTool(box, QStringLiteral("echo"), {});
        QCOMPARE(out->text, QStringLiteral("echoed"));
        box.shutdown(); // a second session, ended too
        QTRY_COMPARE(server.seen.last().headers.value("method"), QByteArray("DELETE"));
    }
}

void McpHttpTest::modernServerGetsNoDelete()
{
    FakeHttpMcp server(true);
    McpToolbox box({httpConfig(server.url())}, nullptr);
    QSignalSpy ready(&box, &Toolbox::ready);
    box.prepare();
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 20000);
    // 2026-07-28 has no sessions: nothing to end.
    auto *http = qobject_cast<McpHttpTransport *>(box.client(QStringLiteral("web"))->transport());
    QVERIFY(http);
    QCOMPARE(http->sessionId(), QByteArray());
    box.shutdown();
    box.prepare(); // a request after it: everything sent before has arrived with it
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 2, 20000);
    for (const SeenRequest &r : std::as_const(server.seen))
        QCOMPARE(r.headers.value("method"), QByteArray("POST"));
}

// What `sluice run --tools` does before it quits: shut down, and go on once the server has
// answered the DELETE (here at once; no time passes on the clock).
void McpHttpTest::shutdownWaitsForTheSessionEnd()
{
    ManualClock clock;
    FakeHttpMcp server(false);
    McpToolbox box({httpConfig(server.url())}, nullptr);
    QSignalSpy ready(&box, &Toolbox::ready);
    box.prepare();
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 20000);
    int ended = 0;
    bool pendingAfterShutdown = false;
    QObject context;
    // From inside the event loop, as `sluice run` does (outside one, the DELETE's answer is
    // waited for in place: nothing else could read it).
    QTimer::singleShot(0, &context, [&] {
        box.shutdown(2000, &context, [&] {
            ++ended;
            // By now the server has answered its session's end.
            QCOMPARE(server.seen.last().headers.value("method"), QByteArray("DELETE"));
            QVERIFY(!McpHttpTransport::sessionEndsPending());
        });
        pendingAfterShutdown = McpHttpTransport::sessionEndsPending() && ended == 0;
    });
    QVERIFY(spinUntil([&ended] { return ended > 0; }));
    QVERIFY(pendingAfterShutdown); // it went on without waiting, and called back later
    QCOMPARE(ended, 1);
    clock.advance(2000); // the limit passing later changes nothing
    QCoreApplication::processEvents();
    QCOMPARE(ended, 1);
}

// A server that never answers the DELETE holds the shutdown for the limit, not a
// millisecond more or less; what is in flight is then aborted (quitting waits no longer).
void McpHttpTest::shutdownGivesUpOnAnUnansweredSessionEnd()
{
    ManualClock clock;
    FakeHttpMcp server(false);
    server.stallDelete = true;
    McpToolbox box({httpConfig(server.url())}, nullptr);
    QSignalSpy ready(&box, &Toolbox::ready);
    box.prepare();
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 20000);
    int ended = 0;
    QObject context;
    QTimer::singleShot(0, &context, [&] { box.shutdown(2000, &context, [&ended] { ++ended; }); });
    // Spun, not QTRY_*: processEvents() is no event loop, and a DELETE sent outside one is
    // waited for in place.
    QVERIFY(spinUntil([&server] { return server.seen.last().headers.value("method") == "DELETE"; }));
    clock.advance(1999);
    QCoreApplication::processEvents();
    QCOMPARE(ended, 0);
    QVERIFY(McpHttpTransport::sessionEndsPending());
    clock.advance(1);
    QVERIFY(spinUntil([&ended] { return ended > 0; }));
    QCOMPARE(ended, 1);
    QVERIFY(!McpHttpTransport::sessionEndsPending());
}

QTEST_GUILESS_MAIN(McpHttpTest)
#include "tst_mcphttp.moc"
