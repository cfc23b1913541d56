#pragma once

#include <QStringList>

namespace Sluice::Cli {

// `sluice run [options] [PROMPT…]`. `args` starts with the command name.
int runCommand(const QStringList &args);

} // namespace Sluice::Cli
