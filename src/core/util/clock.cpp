#include "core/util/clock.h"

#include <QDeadlineTimer>

namespace Sluice {

namespace {
Clock *g_current = nullptr;
}

qint64 Clock::nowMs() const
{
    return QDeadlineTimer::current(Qt::PreciseTimer).deadline();
}

Clock *Clock::current()
{
    static Clock steady;
    return g_current ? g_current : &steady;
}

void Clock::setCurrent(Clock *clock)
{
    g_current = clock;
}

} // namespace Sluice
