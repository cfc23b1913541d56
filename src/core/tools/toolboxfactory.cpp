#include "core/tools/toolboxfactory.h"

#include "core/config/config.h"
#include "core/config/keychainsecretstore.h"
#include "core/mcp/mcptoolbox.h"
#include "core/tools/toolbox.h"

#include <algorithm>

namespace Sluice {

namespace {

ToolboxFactory &installed()
{
    static ToolboxFactory factory;
    return factory;
}

// The configured MCP servers' toolbox; none when no server is enabled (then no tools).
Toolbox *defaultToolbox(const Config &config, QObject *parent)
{
    const bool any = std::any_of(config.mcpServers.cbegin(), config.mcpServers.cend(),
                                 [](const McpServerConfig &s) { return s.enabled; });
    if (!any)
        return nullptr;
    auto *box = new McpToolbox(config.mcpServers, nullptr, parent);
    box->ownSecretStore(std::make_unique<KeychainSecretStore>());
    return box;
}

} // namespace

Toolbox *createToolbox(const Config &config, QObject *parent)
{
    const ToolboxFactory &f = installed();
    return f ? f(config, parent) : defaultToolbox(config, parent);
}

Toolbox *updateToolbox(Toolbox *current, const Config &config, QObject *parent)
{
    // A factory of the tests makes each toolbox whole; the MCP toolbox follows in place.
    auto *mcp = qobject_cast<McpToolbox *>(current);
    const bool any = std::any_of(config.mcpServers.cbegin(), config.mcpServers.cend(),
                                 [](const McpServerConfig &s) { return s.enabled; });
    if (mcp && any && !installed()) {
        mcp->reconfigure(config.mcpServers);
        return mcp;
    }
    return createToolbox(config, parent);
}

void setToolboxFactory(ToolboxFactory factory)
{
    installed() = std::move(factory);
}

} // namespace Sluice
