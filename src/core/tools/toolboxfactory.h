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
// Replaces what createToolbox() makes (tests; an empty function restores the default).
void setToolboxFactory(ToolboxFactory factory);

} // namespace Sluice
