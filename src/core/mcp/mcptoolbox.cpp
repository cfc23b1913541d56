#include "core/mcp/mcptoolbox.h"

#include "core/mcp/mcphttptransport.h"
#include "core/mcp/mcpmessages.h"
#include "core/mcp/mcpsecrets.h"
#include "core/mcp/mcpstdiotransport.h"
#include "core/util/clock.h"

#include <QCoreApplication>
#include <QPointer>
#include <QStandardPaths>

namespace Sluice {

namespace {

class Words final
{
    Q_DECLARE_TR_FUNCTIONS(Sluice::McpToolbox)
};

// One tools/call: waits for its server, sends the call, finishes exactly once.
class McpToolRun final : public ToolRun
{
public:
    McpToolRun(QObject *parent) : ToolRun(parent), m_started(Clock::current()->nowMs()) {}

    void finishWith(ToolOutcome outcome)
    {
        if (m_done)
            return;
        m_done = true;
        outcome.elapsedMs = Clock::current()->nowMs() - m_started;
        // Queued: finished() never comes before call() has returned.
        QMetaObject::invokeMethod(
            this, [this, outcome] { Q_EMIT finished(outcome); }, Qt::QueuedConnection);
    }
    static ToolOutcome failed(const QString &sentence)
    {
        ToolOutcome o;
        o.kind = ToolOutcome::Kind::Failed;
        o.text = sentence;
        return o;
    }
    void cancel() override
    {
        if (m_done)
            return;
        if (m_client && m_requestId > 0)
            m_client->cancel(m_requestId, QStringLiteral("The user stopped the tool call."));
        ToolOutcome o;
        o.kind = ToolOutcome::Kind::Cancelled;
        o.text = Words::tr("The tool call was stopped.");
        finishWith(o);
    }

    bool isFinished() const { return m_done; }

    QPointer<McpClient> m_client;
    qint64 m_requestId = 0;

private:
    qint64 m_started;
    bool m_done = false;
};

} // namespace

McpToolbox::McpToolbox(const QList<McpServerConfig> &servers, SecretStore *secrets,
                       QObject *parent)
    : Toolbox(parent), m_secrets(secrets),
      m_environment(QProcessEnvironment::systemEnvironment())
{
    for (const McpServerConfig &config : servers) {
        if (config.enabled)
            m_clients.append(makeClient(config));
    }
}

McpClient *McpToolbox::makeClient(const McpServerConfig &config)
{
    const QString name = config.name;
    return new McpClient(config, [this, name](QObject *p) { return makeTransport(name, p); },
                         this);
}

void McpToolbox::reconfigure(const QList<McpServerConfig> &servers)
{
    QList<McpClient *> next;
    QList<McpClient *> gone = m_clients;
    for (const McpServerConfig &config : servers) {
        if (!config.enabled)
            continue;
        McpClient *same = nullptr;
        for (McpClient *c : std::as_const(gone))
            if (c->config() == config)
                same = c;
        if (same) {
            gone.removeOne(same);
            next.append(same);
        } else {
            m_failed.remove(config.name);
            next.append(makeClient(config));
        }
    }
    m_clients = next;
    if (m_preparing > 0) {
        // Whoever waits for the preparation under way goes on with what is ready now (the
        // servers stopped below do not answer it any more); the rest start on the next use.
        ++m_round;
        m_preparing = 0;
        QMetaObject::invokeMethod(
            this, [this, problems = m_problems] { Q_EMIT ready(problems); },
            Qt::QueuedConnection);
    }
    for (McpClient *c : std::as_const(gone)) {
        m_resolved.remove(c->name());
        m_failed.remove(c->name());
        //: %1 is a server's name
        c->stop(Words::tr("The settings of the MCP server \"%1\" changed.").arg(c->name()),
                false);
        c->deleteLater();
    }
}

McpToolbox::~McpToolbox()
{
    shutdown();
}

void McpToolbox::ownSecretStore(std::unique_ptr<SecretStore> store)
{
    m_ownedSecrets = std::move(store);
    m_secrets = m_ownedSecrets.get();
}

McpTransport *McpToolbox::makeTransport(const QString &server, QObject *parent)
{
    const McpClient *c = client(server);
    const McpResolved resolved = m_resolved.value(server);
    const McpServerConfig &config = c->config();
    if (config.transport == McpServerConfig::Transport::Http)
        return new McpHttpTransport(server, QUrl(config.url), resolved.headers, parent);
    QProcessEnvironment env = m_environment;
    for (const auto &[k, v] : resolved.env)
        env.insert(k, v);
    // A bare program name is looked up in the PATH the server will have.
    QString program = config.command;
    if (!program.contains(u'/')) {
        const QString found = QStandardPaths::findExecutable(
            program, env.value(QStringLiteral("PATH")).split(u':', Qt::SkipEmptyParts));
        if (!found.isEmpty())
            program = found;
    }
    return new McpStdioTransport(server, program, config.args, env, config.cwd, parent);
}

McpClient *McpToolbox::client(const QString &server) const
{
    for (McpClient *c : m_clients)
        if (c->name() == server)
            return c;
    return nullptr;
}

QStringList McpToolbox::serverNames() const
{
    QStringList names;
    for (const McpClient *c : m_clients)
        names.append(c->name());
    return names;
}

void McpToolbox::ensureReady(McpClient *c, QObject *context,
                             std::function<void(const QString &)> done)
{
    if (c->state() == McpClient::State::Ready) {
        c->whenReady(context, std::move(done));
        return;
    }
    QPointer<McpClient> guard(c);
    resolveMcpSecrets(c->config(), m_secrets, m_environment, context,
                      [this, guard, context, done](const McpResolved &resolved) {
                          if (!guard)
                              return;
                          if (!resolved.problem.isEmpty()) {
                              QMetaObject::invokeMethod(
                                  context, [done, p = resolved.problem] { done(p); },
                                  Qt::QueuedConnection);
                              return;
                          }
                          m_resolved.insert(guard->name(), resolved);
                          guard->whenReady(context, done);
                      });
}

void McpToolbox::prepare()
{
    if (m_preparing > 0)
        return; // ready() follows for the preparation under way
    m_problems.clear();
    QList<McpClient *> starting;
    for (McpClient *c : std::as_const(m_clients))
        if (c->state() != McpClient::State::Ready && !m_failed.contains(c->name()))
            starting.append(c);
    if (starting.isEmpty()) {
        QMetaObject::invokeMethod(
            this, [this] { Q_EMIT ready({}); }, Qt::QueuedConnection);
        return;
    }
    m_preparing = int(starting.size());
    for (McpClient *c : std::as_const(starting)) {
        ensureReady(c, this, [this, name = c->name(), round = m_round](const QString &problem) {
            if (round != m_round)
                return; // shut down meanwhile: nobody waits for this preparation any more
            if (!problem.isEmpty()) {
                m_problems.append(problem);
                m_failed.insert(name);
            }
            if (--m_preparing == 0)
                Q_EMIT ready(m_problems);
        });
    }
}

bool McpToolbox::needsPrepare() const
{
    for (const McpClient *c : m_clients)
        if (c->state() != McpClient::State::Ready && !m_failed.contains(c->name()))
            return true;
    return false;
}

QList<ToolSpec> McpToolbox::tools() const
{
    QList<ToolSpec> all;
    for (const McpClient *c : m_clients) {
        if (c->state() != McpClient::State::Ready)
            continue;
        for (const ToolSpec &t : c->tools())
            if (c->config().allows(t.name))
                all.append(t);
    }
    return all;
}

ToolRun *McpToolbox::call(const QString &server, const QString &tool,
                          const QJsonObject &arguments, QObject *parent)
{
    auto *run = new McpToolRun(parent);
    McpClient *c = client(server);
    if (!c) {
        //: %1 is a server's name
        run->finishWith(McpToolRun::failed(
            Words::tr("There is no enabled MCP server named \"%1\".").arg(server)));
        return run;
    }
    if (!c->config().allows(tool)) {
        //: %1 is a tool's name, %2 a server's name
        run->finishWith(McpToolRun::failed(
            Words::tr("The tool \"%1\" of the MCP server \"%2\" is not in its allowed tools.")
                .arg(tool, server)));
        return run;
    }
    run->m_client = c;
    ensureReady(c, run, [run, c, tool, arguments](const QString &problem) {
        if (run->isFinished())
            return; // cancelled while the server started
        if (!problem.isEmpty()) {
            run->finishWith(McpToolRun::failed(problem));
            return;
        }
        run->m_requestId = c->callTool(tool, arguments, run, [run](const McpResult &r) {
            run->finishWith(r.ok ? Mcp::outcomeFromCallResult(r.result)
                                 : McpToolRun::failed(r.sentence));
        });
    });
    return run;
}

void McpToolbox::shutdown()
{
    ++m_round; // a preparation under way ends here, without ready()
    m_preparing = 0;
    for (McpClient *c : std::as_const(m_clients))
        if (c->state() != McpClient::State::Stopped)
            c->stop(Words::tr("Sluice is closing."), false);
}

void McpToolbox::shutdown(int limitMs, QObject *context, std::function<void()> ended)
{
    shutdown();
    McpHttpTransport::whenSessionsEnded(limitMs, context, std::move(ended));
}

} // namespace Sluice
