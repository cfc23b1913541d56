// Tool calls checked against the official client libraries (toolproof.mjs): sluice-testserver
// asks for two parallel calls; `openai`, `@anthropic-ai/sdk` and `ollama` must each read
// exactly those calls with their own stream accumulators and get the answer after sending
// the results back. The messages each library sends back — built in the shapes their types
// document — must equal, as JSON, what Sluice's encoder sends for the same round; with
// Anthropic's extended thinking, the thinking block (signature included) the SDK read must be
// the one Sluice reads from the same stream, and go back first in the turn. Exits 77
// (skipped) when Node.js or tests/npm/node_modules is missing.
#include "core/chat/chatclient.h"
#include "core/chat/chatreply.h"
#include "core/protocol/protocol.h"
#include "fakellm.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <cstdio>

using namespace Sluice;
using namespace Sluice::Test;

namespace {

const QString NpmDir = QStringLiteral(SLUICE_NPM_DIR);

QString nodeExecutable()
{
    const QString fromEnv = qEnvironmentVariable("SLUICE_NODE");
    return fromEnv.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("node")) : fromEnv;
}

QJsonObject object(const QString &key, const QJsonValue &value)
{
    return QJsonObject{{key, value}};
}

// The calls a library saw, as {id?, name, arguments}.
QList<ToolCallRequest> callsOf(const QJsonArray &seen)
{
    QList<ToolCallRequest> out;
    for (const QJsonValue &v : seen) {
        ToolCallRequest c;
        c.id = v.toObject().value(u"id").toString();
        c.name = v.toObject().value(u"name").toString();
        c.arguments = v.toObject().value(u"arguments").toObject();
        out.append(c);
    }
    return out;
}

// What Sluice sends after the question for the same round (results as toolproof.mjs has them).
QJsonArray sluiceRound(ProviderType type, const QList<ToolCallRequest> &calls,
                       const QJsonArray &thinkingBlocks = {})
{
    ChatRequest r;
    r.model = QStringLiteral("llama3.2:3b");
    r.messages.append({QStringLiteral("user"), QStringLiteral("Read my notes"), {}, {}});
    ChatMessage assistant{QStringLiteral("assistant"), {}, {}, {}};
    assistant.toolCalls = calls;
    assistant.thinkingBlocks = thinkingBlocks;
    r.messages.append(assistant);
    for (const ToolCallRequest &c : calls) {
        ChatMessage result{QStringLiteral("tool"),
                           c.name == u"read_file" ? QStringLiteral("milk, eggs")
                                                  : QStringLiteral("noon"),
                           {},
                           {}};
        result.toolCallId = c.id;
        result.toolName = c.name;
        r.messages.append(result);
    }
    QJsonArray messages =
        QJsonDocument::fromJson(createProtocol(type)->chatBody(r)).object().value(u"messages").toArray();
    messages.removeFirst();
    return messages;
}

// The thinking blocks Sluice reads from the server's first turn with thinking on (streamed).
QJsonArray sluiceThinking(const QString &url, const QString &apiKey)
{
    ProviderConfig p;
    p.type = ProviderType::Anthropic;
    p.baseUrl = url;
    p.apiKey = apiKey;
    p.maxRetries = 0;
    ChatRequest r;
    r.model = QStringLiteral("llama3.2:3b");
    r.messages.append({QStringLiteral("user"), QStringLiteral("Read my notes"), {}, {}});
    r.tools = {{QStringLiteral("read_file"), {}, {}}, {QStringLiteral("now"), {}, {}}};
    r.options.think = QStringLiteral("low");
    ChatClient client;
    ChatReply *reply = client.chat(p, r);
    QSignalSpy finished(reply, &ChatReply::finished);
    if (!finished.wait(30000))
        return {};
    return finished.first().first().value<ReplyStats>().thinkingBlocks;
}

} // namespace

class NpmToolsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void officialLibrariesAgreeOnToolCalls();
};

void NpmToolsTest::officialLibrariesAgreeOnToolCalls()
{
    const QString apiKey = QStringLiteral("sk-sluice-proof");
    QProcess server;
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start(QStringLiteral(SLUICE_TESTSERVER_BIN),
                 {QStringLiteral("--reply"), QStringLiteral("Milk and eggs."),
                  QStringLiteral("--api-key"), apiKey, QStringLiteral("--tool-call"),
                  QStringLiteral("read_file={\"path\":\"notes.txt\"}"),
                  QStringLiteral("--tool-call"), QStringLiteral("now={}")});
    QVERIFY(server.waitForStarted());
    QVERIFY(server.waitForReadyRead(10000));
    const QByteArray line = server.readLine().trimmed();
    QVERIFY2(line.startsWith("listening on http://127.0.0.1:"), line.constData());
    const QString url = QString::fromUtf8(line.mid(int(qstrlen("listening on "))));

    QProcess node;
    node.setWorkingDirectory(NpmDir);
    node.start(nodeExecutable(), {QDir(NpmDir).filePath(QStringLiteral("toolproof.mjs")), url,
                                  QStringLiteral("llama3.2:3b"), apiKey});
    QVERIFY(node.waitForStarted());
    const bool done = node.waitForFinished(90000);
    const QJsonArray ownThinking = sluiceThinking(url, apiKey);
    server.kill();
    server.waitForFinished();
    QVERIFY2(done, "toolproof.mjs did not finish");
    const QByteArray errors = node.readAllStandardError();
    QVERIFY2(node.exitStatus() == QProcess::NormalExit && node.exitCode() == 0, errors.constData());
    const QJsonObject out = QJsonDocument::fromJson(node.readAllStandardOutput()).object();

    const QJsonObject path = object(QStringLiteral("path"), QStringLiteral("notes.txt"));
    const struct
    {
        const char *name;
        ProviderType type;
    } rows[] = {{"openai", ProviderType::OpenAI},
                {"anthropic", ProviderType::Anthropic},
                {"ollama", ProviderType::Ollama}};
    for (const auto &row : rows) {
        const QString name = QLatin1String(row.name);
        const QList<ToolCallRequest> calls = callsOf(out.value(name + u"_calls").toArray());
        QCOMPARE(calls.size(), 2);
        QCOMPARE(calls.at(0).name, u"read_file"_qs);
        QCOMPARE(calls.at(0).arguments, path);
        QCOMPARE(calls.at(1).name, u"now"_qs);
        QCOMPARE(calls.at(1).arguments, QJsonObject());
        QCOMPARE(out.value(name + u"_round").toArray(), sluiceRound(row.type, calls));
        QCOMPARE(out.value(name + u"_answer").toString(), u"Milk and eggs."_qs);
    }
    // Extended thinking: what Sluice reads from the server's thinking turn (streamed) is what
    // the SDK's accumulator read, and the round goes back as the SDK's types have it.
    const QJsonArray sdkThinking = out.value(u"anthropic_thinking_blocks").toArray();
    QCOMPARE(sdkThinking.size(), 1);
    QCOMPARE(sdkThinking.at(0)[u"signature"].toString(), QString::fromUtf8(FakeThinkingSignature));
    QCOMPARE(ownThinking, sdkThinking);
    const QList<ToolCallRequest> thinkingCalls =
        callsOf(out.value(u"anthropic_thinking_calls").toArray());
    QCOMPARE(thinkingCalls.size(), 2);
    QCOMPARE(out.value(u"anthropic_thinking_round").toArray(),
             sluiceRound(ProviderType::Anthropic, thinkingCalls, sdkThinking));
    QCOMPARE(out.value(u"anthropic_thinking_answer").toString(), u"Milk and eggs."_qs);

    QCOMPARE(out.value(u"openai_finish_reason").toString(), u"tool_calls"_qs);
    QCOMPARE(out.value(u"anthropic_stop_reason").toString(), u"tool_use"_qs);
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (nodeExecutable().isEmpty()) {
        std::printf("SKIP: Node.js (node) is not installed; the npm tool proof needs it.\n");
        return 77;
    }
    for (const char *module : {"node_modules/ollama", "node_modules/openai",
                               "node_modules/@anthropic-ai/sdk"}) {
        if (!QFileInfo::exists(QDir(NpmDir).filePath(QLatin1String(module)))) {
            std::printf("SKIP: %s/node_modules is missing; run `npm ci` there first.\n",
                        qPrintable(QDir::toNativeSeparators(NpmDir)));
            return 77;
        }
    }
    NpmToolsTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_npmtools.moc"
