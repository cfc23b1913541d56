// The window's side of tool calling: each conversation gets a ToolLoop over the window's
// Toolbox (MainWindow::setToolbox, from core/tools/toolboxfactory.h), and the consent bar
// above the composer asks about the shown conversation's waiting call. "Always allow this
// tool" holds for every conversation of the window until it closes. Without a toolbox
// nothing is offered and nothing shows. Servers start on the first send that offers tools;
// one that cannot start is named in message(), and the chat goes on without its tools.
// Saved MCP settings apply without a restart (followConfig): for the next message, once no
// conversation is busy (a turn with tool calls under way ends on the servers it began with).
#pragma once

#include "core/chat/toolloop.h"
#include "core/mcp/mcpserverconfig.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <memory>

class QBoxLayout;

namespace Sluice {

class ConversationController;
struct Config;
class ToolConsentBar;

class WindowTools final : public QObject
{
    Q_OBJECT
public:
    // The consent bar goes into `layout` at `position`.
    WindowTools(QBoxLayout *layout, int position, QObject *parent);
    ~WindowTools() override;

    void setToolbox(Toolbox *toolbox);
    // The MCP servers of `config` (sluice.json's "mcp"), at start and after every save: the
    // toolbox is made (createToolbox) or brought up to date (updateToolbox) at once when no
    // conversation is busy, else when the last busy one ends. "Always allow" answers for a
    // server whose entry changed or went are forgotten.
    void followConfig(const Config &config);
    // Whether saved settings wait for a busy conversation to end.
    bool hasPendingConfig() const { return m_pending != nullptr; }
    Toolbox *toolbox() const { return m_toolbox; }
    void attach(ConversationController *conversation);
    void setCurrent(ConversationController *conversation);
    // Rounds of tool calls per question (sluice.json app.max_tool_rounds), for every loop.
    void setMaxRounds(int rounds);
    ToolConsentBar *consentBar() const { return m_bar; }

Q_SIGNALS:
    // A sentence for the window's status line: a tool server that could not start.
    void message(const QString &text);

private:
    void showQuestion();
    void applyPendingConfig();

    QPointer<Toolbox> m_toolbox;
    ToolConsentBar *m_bar;
    QHash<ConversationController *, ToolLoop *> m_loops;
    QPointer<ConversationController> m_current;
    QSet<QString> m_alwaysAllowed; // "server\ntool"
    int m_maxRounds = ToolLoop::DefaultMaxRounds;
    std::unique_ptr<Config> m_pending;       // saved, not applied yet
    QList<McpServerConfig> m_appliedServers; // what the toolbox was made or updated for
    bool m_followsConfig = false;            // followConfig() has applied once
};

} // namespace Sluice
