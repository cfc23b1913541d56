// The models of a server: `sluice models` lists them (any provider); `sluice pull MODEL`,
// `sluice ps`, `sluice rm MODEL…` manage Ollama's.
#pragma once

#include "core/models/pullprogress.h"

#include <QStringList>

namespace Sluice::Cli {

int modelsCommand(const QStringList &args); // `args` starts with the command name
int pullCommand(const QStringList &args);
int psCommand(const QStringList &args);
int rmCommand(const QStringList &args);

// The terminal's progress line, at most `width` columns:
// "pulling 6a0746a1ec1a  [#######-----]  1.2 GB / 2.0 GB  61%  12 MB/s  1 min 5 s left"
QString renderPullBar(const PullProgress &progress, int width);

// Decides which progress a log (stdout not a terminal) gets: a new phase, or the percent
// having moved by `stepPercent` since the last printed line.
class PullLogThrottle final
{
public:
    explicit PullLogThrottle(int stepPercent = 5) : m_step(stepPercent) {}
    bool shouldPrint(const PullProgress &progress);

private:
    int m_step;
    int m_lastPercent = -1;
    QString m_lastPhase;
};

} // namespace Sluice::Cli
