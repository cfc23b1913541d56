// The one seam through which the window and `sluice run` get their Toolbox: the MCP client
// (core/mcp) plugs in here, tests install a scripted one. No toolbox (nullptr) means no tools
// are configured: nothing is offered to the model and the window shows nothing of tools.
#pragma once

#include <QObject>

#include <functional>

namespace Sluice {

struct Config;
class Toolbox;

using ToolboxFactory = std::function<Toolbox *(const Config &config, QObject *parent)>;

// The toolbox for `config`, owned by `parent`; nullptr when no tool servers are configured.
Toolbox *createToolbox(const Config &config, QObject *parent);
// The toolbox for `config` after the settings changed, given `current` (made by createToolbox()
// or by this, for the settings before; may be null): `current` itself when it follows the new
// settings in place (the MCP toolbox keeps the servers whose entries did not change running,
// McpToolbox::reconfigure), else a new toolbox owned by `parent`, or nullptr when no server is
// enabled any more. A toolbox that is not returned is the caller's to shut down and delete.
Toolbox *updateToolbox(Toolbox *current, const Config &config, QObject *parent);
// Replaces what createToolbox() makes (tests; an empty function restores the default).
void setToolboxFactory(ToolboxFactory factory);

} // namespace Sluice
