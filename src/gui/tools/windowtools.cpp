#include "gui/tools/windowtools.h"

#include "core/config/config.h"
#include "core/tools/toolboxfactory.h"
#include "gui/tools/toolconsentbar.h"
#include "session/conversationcontroller.h"

#include <QBoxLayout>

#include <algorithm>

namespace Sluice {

WindowTools::WindowTools(QBoxLayout *layout, int position, QObject *parent)
    : QObject(parent), m_bar(new ToolConsentBar)
{
    layout->insertWidget(position, m_bar);
    connect(m_bar, &ToolConsentBar::answered, this, [this](bool allow, bool always) {
        ToolLoop *loop = m_loops.value(m_current);
        if (!loop || loop->waitingIndex() < 0)
            return;
        const ToolCallRecord &r = loop->records().at(loop->waitingIndex());
        if (allow && always)
            m_alwaysAllowed.insert(r.server + u'\n' + r.tool);
        m_bar->clear();
        loop->answerConsent(allow);
    });
}

WindowTools::~WindowTools()
{
    if (m_toolbox) {
        m_toolbox->disconnect(this); // nothing more is said: the window is going
        m_toolbox->shutdown();       // the window closes: every server stops
    }
}

void WindowTools::setToolbox(Toolbox *toolbox)
{
    if (m_toolbox)
        m_toolbox->disconnect(this);
    m_toolbox = toolbox;
    // Nothing starts here: the servers start on the first send that offers tools
    // (ConversationController::waitForTools). What could not start is said once, in the window.
    if (toolbox)
        connect(toolbox, &Toolbox::ready, this, [this](const QStringList &problems) {
            if (problems.isEmpty())
                return;
            //: %1 is one or more sentences, each naming an MCP server that could not start
            Q_EMIT message(tr("%1 The chat goes on without its tools.")
                               .arg(problems.join(u' ')));
        });
    const QList<ConversationController *> conversations = m_loops.keys();
    for (ConversationController *c : conversations)
        attach(c);
}

void WindowTools::followConfig(const Config &config)
{
    if (m_followsConfig && config.mcpServers == m_appliedServers) {
        m_pending.reset(); // back to what runs: nothing waits to change
        return;
    }
    m_pending = std::make_unique<Config>(config);
    applyPendingConfig();
}

void WindowTools::applyPendingConfig()
{
    if (!m_pending)
        return;
    for (auto it = m_loops.cbegin(); it != m_loops.cend(); ++it)
        if (it.key()->isBusy())
            return; // again when it is done (busyChanged)
    const std::unique_ptr<Config> config = std::move(m_pending);
    // Consent given to a server is not carried over to different settings under its name.
    for (const McpServerConfig &was : std::as_const(m_appliedServers)) {
        const bool same = std::any_of(config->mcpServers.cbegin(), config->mcpServers.cend(),
                                      [&was](const McpServerConfig &s) { return s == was; });
        if (same)
            continue;
        m_alwaysAllowed.removeIf(
            [prefix = was.name + u'\n'](const QString &key) { return key.startsWith(prefix); });
    }
    m_appliedServers = config->mcpServers;
    const bool first = !m_followsConfig;
    m_followsConfig = true;
    Toolbox *old = m_toolbox;
    Toolbox *next = first && !old ? createToolbox(*config, parent())
                                  : updateToolbox(old, *config, parent());
    if (next == old)
        return; // followed in place: the loops offer the new set from the next request on
    setToolbox(next);
    if (old) {
        old->disconnect(this);
        old->shutdown();
        old->deleteLater();
    }
}

void WindowTools::attach(ConversationController *c)
{
    if (!c)
        return;
    if (!m_loops.contains(c)) {
        connect(c, &QObject::destroyed, this, [this, c] { delete m_loops.take(c); });
        connect(c, &ConversationController::busyChanged, this, [this](bool busy) {
            if (!busy && m_pending) // after the signal: the controller is done with its turn
                QMetaObject::invokeMethod(this, &WindowTools::applyPendingConfig,
                                          Qt::QueuedConnection);
        });
    }
    ToolLoop *loop = m_loops.value(c);
    if (!m_toolbox) {
        if (loop && !loop->isRunning()) {
            c->setToolLoop(nullptr);
            delete loop;
        }
        m_loops.insert(c, nullptr);
        return;
    }
    if (loop && loop->toolbox() == m_toolbox)
        return;
    if (!c->isBusy())
        c->setToolLoop(nullptr);
    delete loop;
    loop = new ToolLoop(m_toolbox, this);
    loop->setMaxRounds(m_maxRounds);
    loop->setPolicy([this](const ToolCallRecord &r) {
        return m_alwaysAllowed.contains(r.server + u'\n' + r.tool) ? ToolLoop::Consent::Allow
                                                                   : ToolLoop::Consent::Ask;
    });
    m_loops.insert(c, loop);
    c->setToolLoop(loop);
    connect(loop, &ToolLoop::consentNeeded, this, [this, loop] {
        if (m_loops.value(m_current) == loop)
            showQuestion();
    });
    connect(loop, &ToolLoop::roundFinished, this, [this, loop] {
        if (m_loops.value(m_current) != loop)
            return;
        m_bar->clear();
        if (loop->limitReached()) // the thread says it too, as the reply's error
            Q_EMIT message(loop->limitSentence());
    });
}

void WindowTools::setMaxRounds(int rounds)
{
    m_maxRounds = rounds;
    for (ToolLoop *loop : std::as_const(m_loops))
        if (loop)
            loop->setMaxRounds(rounds);
}

void WindowTools::setCurrent(ConversationController *c)
{
    m_current = c;
    showQuestion();
}

void WindowTools::showQuestion()
{
    ToolLoop *loop = m_loops.value(m_current);
    if (!loop || loop->waitingIndex() < 0) {
        m_bar->clear();
        return;
    }
    m_bar->ask(loop->records().at(loop->waitingIndex()));
}

} // namespace Sluice
