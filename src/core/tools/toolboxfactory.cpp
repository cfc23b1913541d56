#include "core/tools/toolboxfactory.h"

#include "core/config/config.h"
#include "core/tools/toolbox.h"

namespace Sluice {

namespace {

ToolboxFactory &installed()
{
    static ToolboxFactory factory;
    return factory;
}

// The configured servers' toolbox. The MCP client (core/mcp) is not part of this build yet:
// with no servers to call there are no tools.
Toolbox *defaultToolbox(const Config &config, QObject *parent)
{
    Q_UNUSED(config)
    Q_UNUSED(parent)
    return nullptr;
}

} // namespace

Toolbox *createToolbox(const Config &config, QObject *parent)
{
    const ToolboxFactory &f = installed();
    return f ? f(config, parent) : defaultToolbox(config, parent);
}

void setToolboxFactory(ToolboxFactory factory)
{
    installed() = std::move(factory);
}

} // namespace Sluice
