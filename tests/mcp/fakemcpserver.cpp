// sluice-fakemcp: a stdio MCP server that misbehaves on request, for the fault tests.
// It answers the way the official TypeScript SDK's servers do (modelcontextprotocol/
// typescript-sdk src/shared/protocol.ts: an unknown method is answered with -32601 "Method
// not found"; src/server/index.ts: initialize answers the requested version when supported),
// unless a mode says otherwise:
//   --era legacy|modern|silent  legacy: server/discover is an unknown method; modern: answers
//                               server/discover; silent: ignores unknown methods (no answer)
//   --never-init                reads everything, answers nothing
//   --hang-call                 tools/call is never answered
//   --exit-call CODE            tools/call: logs "boom" on stderr and exits with CODE at once
//   --flood-line MB             tools/call: writes MB megabytes without a newline
//   --flood-junk MB             tools/call: writes MB megabytes of lines that are not JSON
//   --pages N                   tools/list in N pages of one tool each (nextCursor)
//   --ask-client                before answering tools/call, sends ping and
//                               sampling/createMessage requests and reports the answers
//   --grandchild FILE           starts `sleep 600` and writes its pid to FILE
// Tools: echo (text back), add (a + b, with structuredContent), fail (isError).
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

namespace {

void write(const QJsonObject &o)
{
    const QByteArray line = QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);
}

QJsonObject result(const QJsonValue &id, const QJsonObject &r)
{
    return {{"jsonrpc", "2.0"}, {"id", id}, {"result", r}};
}

QJsonObject error(const QJsonValue &id, int code, const QString &message)
{
    return {{"jsonrpc", "2.0"}, {"id", id},
            {"error", QJsonObject{{"code", code}, {"message", message}}}};
}

QJsonObject tool(const QString &name)
{
    return {{"name", name},
            {"description", QString("The " + name + " tool")},
            {"inputSchema", QJsonObject{{"type", "object"}}}};
}

void flood(qint64 megabytes, bool lines)
{
    QByteArray chunk(1024 * 1024, 'x');
    if (lines)
        for (int i = 99; i < chunk.size(); i += 100)
            chunk[i] = '\n';
    for (qint64 i = 0; i < megabytes; ++i)
        if (std::fwrite(chunk.constData(), 1, size_t(chunk.size()), stdout) == 0)
            return;
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList a = app.arguments();
    auto option = [&a](const char *name) {
        const int i = int(a.indexOf(QString::fromLatin1(name)));
        return i >= 0 && i + 1 < a.size() ? a.at(i + 1) : QString();
    };
    const QString era = option("--era").isEmpty() ? QStringLiteral("legacy") : option("--era");
    const int pages = qMax(1, option("--pages").toInt());
    if (const QString file = option("--grandchild"); !file.isEmpty()) {
        // A child in this process group (startDetached would give it a session of its own).
        auto *sleeper = new QProcess(&app);
        sleeper->start(QStringLiteral("sleep"), {QStringLiteral("600")});
        sleeper->waitForStarted();
        QFile f(file);
        if (f.open(QIODevice::WriteOnly))
            f.write(QByteArray::number(sleeper->processId()));
    }
    std::fprintf(stderr, "fake MCP server ready\n");
    std::string raw;
    QJsonValue pendingCall;
    int asked = 0;
    QStringList answers;
    while (std::getline(std::cin, raw)) {
        const QJsonObject m = QJsonDocument::fromJson(QByteArray::fromStdString(raw)).object();
        if (a.contains("--never-init"))
            continue;
        const QString method = m.value("method").toString();
        const QJsonValue id = m.value("id");
        if (method.isEmpty() && !pendingCall.isUndefined()) { // an answer to --ask-client
            answers.append(QString::fromUtf8(QJsonDocument(m).toJson(QJsonDocument::Compact)));
            if (++asked == 2)
                write(result(pendingCall,
                             {{"content", QJsonArray{QJsonObject{{"type", "text"},
                                                                 {"text", answers.join('\n')}}}}}));
            continue;
        }
        if (method == "server/discover" && era == "modern") {
            write(result(id, {{"resultType", "complete"},
                              {"supportedVersions", QJsonArray{"2026-07-28"}},
                              {"capabilities", QJsonObject{{"tools", QJsonObject()}}},
                              {"_meta", QJsonObject{{"io.modelcontextprotocol/serverInfo",
                                                     QJsonObject{{"name", "fake"},
                                                                 {"version", "1"}}}}}}));
        } else if (method == "initialize" && era != "modern") {
            write(result(id, {{"protocolVersion", m["params"]["protocolVersion"]},
                              {"capabilities", QJsonObject{{"tools", QJsonObject()}}},
                              {"serverInfo", QJsonObject{{"name", "fake"}, {"version", "1"}}}}));
        } else if (method == "tools/list") {
            const int page = m["params"]["cursor"].toString().toInt();
            QJsonArray tools;
            const QStringList names{"echo", "add", "fail"};
            for (int i = 0; i < names.size(); ++i)
                if (i % pages == page)
                    tools.append(tool(names.at(i)));
            QJsonObject r{{"tools", tools}};
            if (page + 1 < pages)
                r.insert("nextCursor", QString::number(page + 1));
            write(result(id, r));
        } else if (method == "tools/call") {
            const QString name = m["params"]["name"].toString();
            const QJsonObject args = m["params"]["arguments"].toObject();
            if (a.contains("--hang-call"))
                continue;
            if (const QString code = option("--exit-call"); !code.isEmpty()) {
                // At once, as a crash would: nothing cleans up what it started (a return
                // from main would let the QProcess of --grandchild kill its child).
                std::fprintf(stderr, "boom\n");
                std::fflush(stderr);
                std::_Exit(code.toInt());
            }
            if (const QString mb = option("--flood-line"); !mb.isEmpty()) {
                flood(mb.toLongLong(), false);
                continue;
            }
            if (const QString mb = option("--flood-junk"); !mb.isEmpty()) {
                flood(mb.toLongLong(), true);
                continue;
            }
            if (a.contains("--ask-client")) {
                pendingCall = id;
                write({{"jsonrpc", "2.0"}, {"id", "s1"}, {"method", "ping"}});
                write({{"jsonrpc", "2.0"}, {"id", "s2"}, {"method", "sampling/createMessage"},
                       {"params", QJsonObject{{"messages", QJsonArray()}, {"maxTokens", 5}}}});
                continue;
            }
            if (name == "echo")
                write(result(id, {{"content", QJsonArray{QJsonObject{
                                                  {"type", "text"},
                                                  {"text", args["text"].toString()}}}}}));
            else if (name == "add") {
                const double sum = args["a"].toDouble() + args["b"].toDouble();
                write(result(id, {{"content", QJsonArray{QJsonObject{
                                                  {"type", "text"},
                                                  {"text", QString::number(sum)}}}},
                                  {"structuredContent", QJsonObject{{"sum", sum}}}}));
            } else if (name == "fail")
                write(result(id, {{"content", QJsonArray{QJsonObject{{"type", "text"},
                                                                     {"text", "it failed"}}}},
                                  {"isError", true}}));
            else
                write(error(id, -32602, "Unknown tool: " + name));
        } else if (method == "notifications/cancelled") {
            std::fprintf(stderr, "cancelled %s\n",
                         QJsonDocument(m).toJson(QJsonDocument::Compact).constData());
        } else if (!id.isUndefined() && era != "silent") {
            write(error(id, -32601, "Method not found"));
        }
    }
    return 0;
}
