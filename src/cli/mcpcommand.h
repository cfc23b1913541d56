#pragma once

#include <QStringList>

namespace Sluice::Cli {

// `sluice mcp list|test NAME|import FILE`. `args` starts with the command name.
int mcpCommand(const QStringList &args);

} // namespace Sluice::Cli
