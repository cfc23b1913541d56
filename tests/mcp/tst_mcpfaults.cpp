// Every way a stdio MCP server can misbehave ends within its limit, with a sentence naming
// the server, and the server's whole process tree stopped (a grandchild it started too): a
// server that never answers initialize, one that hangs in tools/call, one that exits
// mid-call, one that floods stdout with 100 MB (one endless line, or lines that are not
// messages). Limits pass on a ManualClock. For each, the longest gap between two turns of
// the event loop from the fault to its end is measured (LoopGap) for docs/benchmarks.md.
#include "mcptesthelpers.h"
#include "manualclock.h"

#include <QFile>
#include <QTemporaryDir>

using namespace Sluice;
using namespace Sluice::Test;

namespace {

struct CallResult
{
    std::optional<McpResult> result;
};

qint64 callTool(McpClient *client, const QString &tool, const QJsonObject &args, CallResult &out,
                QObject *context)
{
    return client->callTool(tool, args, context, [&out](const McpResult &r) { out.result = r; });
}

// Calls `tool` and waits (on the real clock) for the answer; none if it did not come.
std::optional<McpResult> callAndWait(McpClient *client, const QString &tool,
                                     const QJsonObject &args = {}, int ms = 30000)
{
    QObject context;
    CallResult call;
    callTool(client, tool, args, call, &context);
    if (!spinUntil([&call] { return call.result.has_value(); }, ms))
        qWarning("%s did not answer in time", qPrintable(tool));
    return call.result;
}

// A call to a server that floods its stdout (and started a grandchild, whose pid goes to
// `pidFile`): the answer, with the event loop's longest gap while it came. No limit can pass
// meanwhile (a ManualClock): the flood ends by its cap.
// `treeGone`: whether the server and its grandchild were gone before the client was.
std::optional<McpResult> floodedCall(const QString &name, const QStringList &args,
                                     const QString &pidFile, bool *treeGone)
{
    ManualClock clock;
    QObject owner;
    McpClient *client =
        fakeClient(fakeServer(name, args + QStringList{"--grandchild", pidFile}), &owner);
    if (const QString problem = startAndWait(client); !problem.isEmpty()) {
        qWarning("%s", qPrintable(problem));
        return std::nullopt;
    }
    const qint64 pid = static_cast<McpStdioTransport *>(client->transport())->processId();
    const qint64 grandchild = grandchildPid(pidFile);
    if (!processAlive(pid) || !processAlive(grandchild))
        return std::nullopt;
    std::optional<McpResult> result;
    {
        LoopGap gap(name + QStringLiteral(" wrote 100 MB to its output"));
        result = callAndWait(client, QStringLiteral("echo"));
        *treeGone = spinUntil([&] { return !processAlive(pid) && !processAlive(grandchild); });
    }
    return result;
}

} // namespace

class McpFaultsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void legacyServerListsAndCalls();
    void modernServerIsSpokenModern();
    void silentProbeFallsBackToInitialize();
    void paginatedToolList();
    void neverAnsweringInitializeEndsAtStartupLimit();
    void hangingCallEndsAtCallLimitAndRestartsOnNextUse();
    void exitMidCallIsNamedWithItsLastWords();
    void floodingOneLineIsStopped();
    void floodingJunkLinesIsStopped();
    void serverRequestsAreAnsweredOrRefused();
    void cancelSendsCancelledNotification();
    void stopKillsTheWholeProcessGroup();
};

void McpFaultsTest::legacyServerListsAndCalls()
{
    QObject owner;
    McpClient *client = fakeClient(fakeServer(QStringLiteral("fake"), {}), &owner);
    QCOMPARE(startAndWait(client), QString());
    QCOMPARE(client->era(), McpClient::Era::Legacy);
    QCOMPARE(client->protocolVersion(), QStringLiteral("2025-11-25"));
    QCOMPARE(client->tools().size(), 3);
    QCOMPARE(client->tools().first().name, QStringLiteral("echo"));

    const std::optional<McpResult> add = callAndWait(client, QStringLiteral("add"), {{"a", 2}, {"b", 3}});
    QVERIFY(add.has_value());
    const ToolOutcome outcome = Mcp::outcomeFromCallResult(add->result);
    QCOMPARE(outcome.kind, ToolOutcome::Kind::Ok);
    QCOMPARE(outcome.text, QStringLiteral("5"));
    QCOMPARE(outcome.structured.toObject().value("sum").toDouble(), 5.0);

    const std::optional<McpResult> fail = callAndWait(client, QStringLiteral("fail"));
    QVERIFY(fail.has_value());
    QCOMPARE(Mcp::outcomeFromCallResult(fail->result).kind, ToolOutcome::Kind::ToolError);

    const std::optional<McpResult> unknown = callAndWait(client, QStringLiteral("nope"));
    QVERIFY(unknown.has_value());
    QVERIFY(!unknown->ok);
    QVERIFY2(unknown->sentence.contains(QStringLiteral("Unknown tool: nope")),
             qPrintable(unknown->sentence));
}

void McpFaultsTest::modernServerIsSpokenModern()
{
    QObject owner;
    McpClient *client =
        fakeClient(fakeServer(QStringLiteral("modern"), {"--era", "modern"}), &owner);
    QCOMPARE(startAndWait(client), QString());
    QCOMPARE(client->era(), McpClient::Era::Modern);
    QCOMPARE(client->protocolVersion(), QStringLiteral("2026-07-28"));
    const std::optional<McpResult> echo = callAndWait(client, QStringLiteral("echo"), {{"text", "hi"}});
    QVERIFY(echo.has_value());
    QCOMPARE(Mcp::outcomeFromCallResult(echo->result).text, QStringLiteral("hi"));
}

void McpFaultsTest::silentProbeFallsBackToInitialize()
{
    ManualClock clock;
    QObject owner;
    McpClient *client =
        fakeClient(fakeServer(QStringLiteral("silent"), {"--era", "silent"}), &owner);
    std::optional<QString> problem;
    client->whenReady(&owner, [&](const QString &p) { problem = p; });
    QTRY_VERIFY(client->transport() && client->transport()->isRunning());
    QVERIFY(!problem.has_value());
    clock.advance(McpClient::ProbeLimitMs); // the probe's limit: silence means legacy
    QTRY_VERIFY(problem.has_value());
    QCOMPARE(*problem, QString());
    QCOMPARE(client->era(), McpClient::Era::Legacy);
}

void McpFaultsTest::paginatedToolList()
{
    QObject owner;
    McpClient *client = fakeClient(fakeServer(QStringLiteral("pages"), {"--pages", "3"}), &owner);
    QCOMPARE(startAndWait(client), QString());
    QStringList names;
    for (const ToolSpec &t : client->tools())
        names.append(t.name);
    QCOMPARE(names, QStringList({"echo", "add", "fail"}));
}

void McpFaultsTest::neverAnsweringInitializeEndsAtStartupLimit()
{
    ManualClock clock;
    QTemporaryDir dir;
    const QString pidFile = dir.filePath(QStringLiteral("grandchild.pid"));
    QObject owner;
    McpServerConfig config =
        fakeServer(QStringLiteral("mute"), {"--never-init", "--grandchild", pidFile});
    config.startupTimeoutMs = 20'000;
    McpClient *client = fakeClient(config, &owner);
    LoopGap gap(QStringLiteral("a server never answered initialize"));
    std::optional<QString> problem;
    client->whenReady(&owner, [&](const QString &p) { problem = p; });
    QVERIFY(spinUntil([client] { return client->transport() && client->transport()->isRunning(); }));
    // Its log line read (the sentence quotes it), then time passes.
    QVERIFY(spinUntil([client] { return client->transport()->logTail().contains(u"ready"); }));
    const qint64 pid = static_cast<McpStdioTransport *>(client->transport())->processId();
    const qint64 grandchild = grandchildPid(pidFile);
    QVERIFY(processAlive(grandchild));
    clock.advance(McpClient::ProbeLimitMs);
    QCoreApplication::processEvents();
    QVERIFY(!problem.has_value());
    clock.advance(20'000 - McpClient::ProbeLimitMs - 1);
    QCoreApplication::processEvents();
    QVERIFY(!problem.has_value()); // not a millisecond early
    clock.advance(1);
    QVERIFY(spinUntil([&problem] { return problem.has_value(); }));
    QCOMPARE(*problem, QStringLiteral("The MCP server \"mute\" did not start within 20 s (no "
                                      "answer to initialize); Sluice stopped it. Its last "
                                      "words: fake MCP server ready"));
    QCOMPARE(client->state(), McpClient::State::Stopped);
    QVERIFY(spinUntil([=] { return !processAlive(pid) && !processAlive(grandchild); }));
}

void McpFaultsTest::hangingCallEndsAtCallLimitAndRestartsOnNextUse()
{
    ManualClock clock;
    QTemporaryDir dir;
    const QString pidFile = dir.filePath(QStringLiteral("grandchild.pid"));
    QObject owner;
    McpClient *client = fakeClient(
        fakeServer(QStringLiteral("stuck"), {"--hang-call", "--grandchild", pidFile}), &owner);
    QCOMPARE(startAndWait(client), QString());
    const qint64 pid = static_cast<McpStdioTransport *>(client->transport())->processId();
    const qint64 grandchild = grandchildPid(pidFile);
    QVERIFY(processAlive(grandchild));
    {
        LoopGap gap(QStringLiteral("a server hung in tools/call"));
        CallResult call;
        callTool(client, QStringLiteral("echo"), {{"text", "x"}}, call, &owner);
        clock.advance(McpServerConfig::DefaultCallTimeoutMs - 1);
        QCoreApplication::processEvents();
        QVERIFY(!call.result.has_value());
        clock.advance(1);
        QVERIFY(spinUntil([&call] { return call.result.has_value(); }));
        QVERIFY(call.result->timedOut);
        QVERIFY2(call.result->sentence.startsWith(QStringLiteral(
                     "The MCP server \"stuck\" did not answer tools/call within 60 s; Sluice "
                     "stopped it.")),
                 qPrintable(call.result->sentence));
        QVERIFY(spinUntil([=] { return !processAlive(pid) && !processAlive(grandchild); }));
    }

    // The next use starts it again.
    QCOMPARE(startAndWait(client), QString());
    QVERIFY(static_cast<McpStdioTransport *>(client->transport())->processId() != pid);
}

void McpFaultsTest::exitMidCallIsNamedWithItsLastWords()
{
    QTemporaryDir dir;
    const QString pidFile = dir.filePath(QStringLiteral("grandchild.pid"));
    QObject owner;
    McpClient *client = fakeClient(
        fakeServer(QStringLiteral("quitter"), {"--exit-call", "3", "--grandchild", pidFile}),
        &owner);
    QCOMPARE(startAndWait(client), QString());
    const qint64 grandchild = grandchildPid(pidFile);
    QVERIFY(processAlive(grandchild));
    LoopGap gap(QStringLiteral("a server exited mid-call"));
    const std::optional<McpResult> call = callAndWait(client, QStringLiteral("echo"), {{"text", "x"}});
    QVERIFY(call.has_value());
    QCOMPARE(call->sentence,
             QStringLiteral("The MCP server \"quitter\" exited with code 3. Its last words: boom"));
    QCOMPARE(client->state(), McpClient::State::Stopped);
    // What it started does not outlive it.
    QVERIFY(spinUntil([=] { return !processAlive(grandchild); }));
}

void McpFaultsTest::floodingOneLineIsStopped()
{
    QTemporaryDir dir;
    const QString pidFile = dir.filePath(QStringLiteral("grandchild.pid"));
    bool treeGone = false;
    const std::optional<McpResult> call =
        floodedCall(QStringLiteral("firehose"), {"--flood-line", "100"}, pidFile, &treeGone);
    QVERIFY(call.has_value());
    QVERIFY(!call->timedOut);
    QVERIFY2(call->sentence.startsWith(QStringLiteral(
                 "The MCP server \"firehose\" wrote a message longer than 16 MB; Sluice stopped it.")),
             qPrintable(call->sentence));
    QVERIFY(treeGone); // the server and its grandchild, while the client still lived
}

void McpFaultsTest::floodingJunkLinesIsStopped()
{
    QTemporaryDir dir;
    const QString pidFile = dir.filePath(QStringLiteral("grandchild.pid"));
    bool treeGone = false;
    const std::optional<McpResult> call =
        floodedCall(QStringLiteral("chatty"), {"--flood-junk", "100"}, pidFile, &treeGone);
    QVERIFY(call.has_value());
    QVERIFY(!call->timedOut);
    QVERIFY2(call->sentence.startsWith(
                 QStringLiteral("The MCP server \"chatty\" wrote more than 256 KB to its output "
                                "that is not MCP messages; Sluice stopped it.")),
             qPrintable(call->sentence));
    QVERIFY(treeGone); // the server and its grandchild, while the client still lived
}

void McpFaultsTest::serverRequestsAreAnsweredOrRefused()
{
    QObject owner;
    McpClient *client = fakeClient(fakeServer(QStringLiteral("asker"), {"--ask-client"}), &owner);
    QCOMPARE(startAndWait(client), QString());
    const std::optional<McpResult> call = callAndWait(client, QStringLiteral("echo"));
    QVERIFY(call.has_value());
    const QString text = Mcp::outcomeFromCallResult(call->result).text;
    // ping: an empty result; sampling (which Sluice does not offer): -32601.
    QVERIFY2(text.contains(QStringLiteral("{\"id\":\"s1\",\"jsonrpc\":\"2.0\",\"result\":{}}")),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("\"code\":-32601")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("\"id\":\"s2\"")), qPrintable(text));
}

void McpFaultsTest::cancelSendsCancelledNotification()
{
    QObject owner;
    McpClient *client = fakeClient(fakeServer(QStringLiteral("slow"), {"--hang-call"}), &owner);
    QCOMPARE(startAndWait(client), QString());
    CallResult call;
    const qint64 id = callTool(client, QStringLiteral("echo"), {}, call, &owner);
    client->cancel(id, QStringLiteral("stopped by the user"));
    QTRY_VERIFY(client->transport()->logTail().contains(QStringLiteral("cancelled")));
    const QString tail = client->transport()->logTail();
    QVERIFY2(tail.contains(QStringLiteral("\"method\":\"notifications/cancelled\"")), qPrintable(tail));
    QVERIFY2(tail.contains(QStringLiteral("\"requestId\":%1").arg(id)), qPrintable(tail));
    QVERIFY(!call.result.has_value()); // a cancelled request is not answered
    QCOMPARE(client->state(), McpClient::State::Ready); // and the server goes on
}

void McpFaultsTest::stopKillsTheWholeProcessGroup()
{
    QTemporaryDir dir;
    const QString pidFile = dir.filePath(QStringLiteral("grandchild.pid"));
    QObject owner;
    McpClient *client =
        fakeClient(fakeServer(QStringLiteral("parent"), {"--grandchild", pidFile}), &owner);
    QCOMPARE(startAndWait(client), QString());
    QFile f(pidFile);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const qint64 grandchild = f.readAll().toLongLong();
    QVERIFY(processAlive(grandchild));
    client->stop();
    QTRY_VERIFY(!processAlive(grandchild));
}

QTEST_GUILESS_MAIN(McpFaultsTest)
#include "tst_mcpfaults.moc"
