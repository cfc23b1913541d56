#pragma once

#include <QStringList>

namespace Sluice::Cli {

// `sluice config path|show|import FILE`. `args` starts with the command name.
int configCommand(const QStringList &args);

} // namespace Sluice::Cli
