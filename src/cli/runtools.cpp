#include "cli/runtools.h"

#include "cli/clicommon.h"
#include "core/config/configstore.h"
#include "core/mcp/mcptoolbox.h"
#include "core/tools/toolbox.h"
#include "core/tools/toolboxfactory.h"
#include "session/toolrefusal.h"

#include <QJsonDocument>

namespace Sluice::Cli {

void RunTools::addOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("tools"),
         QStringLiteral("Offer the tools of the configured tool (MCP) servers to the model.")},
        {QStringLiteral("allow-tools"),
         QStringLiteral("With --tools: run these tools when the model asks (comma-separated "
                        "names, or server/name); other calls are refused."),
         QStringLiteral("NAMES")},
        {QStringLiteral("yes"), QStringLiteral("With --tools: run every tool call without asking.")},
        {QStringLiteral("max-tool-rounds"),
         QStringLiteral("With --tools: stop after this many rounds of tool calls (default: "
                        "app.max_tool_rounds in sluice.json, else %1).")
             .arg(ToolLoop::DefaultMaxRounds),
         QStringLiteral("N")},
    });
}

std::unique_ptr<RunTools> RunTools::fromOptions(const QCommandLineParser &parser, bool json,
                                                QString *error)
{
    const bool tools = parser.isSet(QStringLiteral("tools"));
    for (const char *dependent : {"allow-tools", "yes", "max-tool-rounds"}) {
        if (!tools && parser.isSet(QLatin1String(dependent))) {
            *error = QStringLiteral("--%1 needs --tools").arg(QLatin1String(dependent));
            return nullptr;
        }
    }
    if (!tools)
        return nullptr;
    int rounds = 0; // 0: the config file's
    if (parser.isSet(QStringLiteral("max-tool-rounds"))) {
        bool ok = false;
        rounds = parser.value(QStringLiteral("max-tool-rounds")).toInt(&ok);
        if (!ok || rounds < 1 || rounds > 1000) {
            *error = QStringLiteral("--max-tool-rounds takes a number from 1 to 1000");
            return nullptr;
        }
    }
    ConfigStore store(ConfigStore::choosePath(parser.value(QStringLiteral("config"))));
    if (store.load() == ConfigStore::LoadResult::Broken) {
        *error = store.error().message;
        return nullptr;
    }
    Toolbox *toolbox = createToolbox(store.config(), nullptr);
    if (!toolbox) {
        *error = QStringLiteral("--tools: no tool servers are configured (add them to the "
                                "\"mcp\" section of %1)")
                     .arg(store.path());
        return nullptr;
    }
    std::unique_ptr<RunTools> t(new RunTools(toolbox, json));
    t->m_loop.setMaxRounds(rounds > 0 ? rounds : store.config().app.maxToolRounds);
    t->m_allowAll = parser.isSet(QStringLiteral("yes"));
    const QStringList names =
        parser.value(QStringLiteral("allow-tools")).split(u',', Qt::SkipEmptyParts);
    for (const QString &n : names)
        t->m_allowed.insert(n.trimmed());
    return t;
}

RunTools::RunTools(Toolbox *toolbox, bool json) : m_toolbox(toolbox), m_loop(toolbox), m_json(json)
{
    toolbox->setParent(this);
    m_loop.setPolicy([this](const ToolCallRecord &r) {
        const bool allowed = m_allowAll || m_allowed.contains(r.tool) ||
                             m_allowed.contains(r.server + u'/' + r.tool);
        return allowed ? ToolLoop::Consent::Allow : ToolLoop::Consent::Deny;
    });
    connect(&m_loop, &ToolLoop::callChanged, this, &RunTools::onCallChanged);
}

RunTools::~RunTools()
{
    m_loop.cancel();
    m_toolbox->shutdown();
}

void RunTools::prepare(std::function<void()> ready)
{
    connect(m_toolbox, &Toolbox::ready, this, [ready](const QStringList &problems) {
        for (const QString &p : problems)
            printError(p);
        ready();
    }, Qt::SingleShotConnection);
    m_toolbox->prepare();
}

void RunTools::offer(ChatRequest &request) const
{
    request.tools = m_loop.definitions();
}

bool RunTools::takeRound(const ReplyStats &stats, const QString &content, ChatRequest *request,
                         std::function<void()> next)
{
    if (stats.toolCalls.isEmpty() || m_cancelled)
        return false;
    connect(&m_loop, &ToolLoop::roundFinished, this,
            [this, content, request, next,
             thinking = stats.thinkingBlocks](const QList<ToolCallRecord> &records) {
                if (m_cancelled)
                    return;
                Q_EMIT roundEnded(records, m_loop.limitReached(), m_loop.limitSentence());
                if (m_loop.limitReached()) {
                    Q_EMIT limitReached(m_loop.limitSentence());
                    return;
                }
                ToolLoop::appendRound(request->messages, content, records, thinking);
                next();
            }, Qt::SingleShotConnection);
    m_loop.runRound(stats.toolCalls);
    return true;
}

void RunTools::cancel()
{
    m_cancelled = true;
    m_loop.cancel();
}

void RunTools::shutdown(std::function<void()> done)
{
    cancel();
    if (auto *mcp = qobject_cast<McpToolbox *>(m_toolbox))
        return mcp->shutdown(SessionEndLimitMs, this, std::move(done));
    m_toolbox->shutdown();
    done();
}

void RunTools::onCallChanged(int, const ToolCallRecord &r)
{
    const bool running = r.state == ToolCallRecord::State::Running;
    if ((!r.isFinished() && !(running && m_json)) || m_loop.limitReached())
        return;
    const QString name = r.server.isEmpty() ? r.name : r.server + u'/' + r.tool;
    if (m_json) { // one event as the call starts ("running"), one as it ends
        QJsonObject o{{QStringLiteral("type"), QStringLiteral("tool_call")},
                      {QStringLiteral("id"), r.callId},
                      {QStringLiteral("server"), r.server},
                      {QStringLiteral("tool"), r.server.isEmpty() ? r.name : r.tool},
                      {QStringLiteral("arguments"), r.arguments},
                      {QStringLiteral("state"), toolCallStateName(r.state)}};
        if (!running)
            o.insert(QStringLiteral("result"), r.resultText);
        if (r.elapsedMs >= 0)
            o.insert(QStringLiteral("elapsed_ms"), r.elapsedMs);
        Q_EMIT jsonEvent(o);
        return;
    }
    const QString args =
        QString::fromUtf8(QJsonDocument(r.arguments).toJson(QJsonDocument::Compact));
    switch (r.state) {
    case ToolCallRecord::State::Ok:
        writeStderr(QStringLiteral("sluice: ran %1 %2 (%3 ms)\n").arg(name, args).arg(r.elapsedMs));
        break;
    case ToolCallRecord::State::Denied:
        printError(QStringLiteral("refused %1 %2; allow it with --allow-tools %3 (or --yes)")
                       .arg(name, args, r.tool.isEmpty() ? r.name : r.tool));
        break;
    default:
        printError(QStringLiteral("%1 %2: %3").arg(name, args, r.resultText));
        break;
    }
}

ChatError RunTools::explained(const ChatError &error, const QString &model)
{
    ChatError e = error;
    e.message = toolRefusalSentence(error, model, false).value_or(error.message);
    return e;
}

} // namespace Sluice::Cli
