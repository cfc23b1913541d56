#pragma once

#include <QStringList>

namespace Sluice::Cli {

// `sluice doctor [--provider NAME | --base-url URL --type …] [--model ID]`.
int doctorCommand(const QStringList &args);

} // namespace Sluice::Cli
