// A clock that moves only when the test says: while one lives, Clock::current() is this one
// (stall watchdogs made meanwhile, the chat model's thinking time), and a limit passes the
// moment advance() reaches it, without waiting.
#pragma once

#include "core/util/clock.h"

namespace Sluice::Test {

class ManualClock final : public Clock
{
public:
    ManualClock() { Clock::setCurrent(this); }
    ~ManualClock() override { Clock::setCurrent(nullptr); }
    ManualClock(const ManualClock &) = delete;
    ManualClock &operator=(const ManualClock &) = delete;

    // With a step set, every reading moves time on by it first (work that "takes" time).
    qint64 nowMs() const override { return m_now += m_stepPerRead; }
    bool runsByItself() const override { return false; }

    // Moves time on by ms; every watchdog on this clock looks at its limits at once.
    void advance(qint64 ms)
    {
        m_now += ms;
        Q_EMIT moved();
    }

    // Each reading of the time is ms later than the one before (0: time stands still).
    void setStepPerRead(qint64 ms) { m_stepPerRead = ms; }

private:
    mutable qint64 m_now = 1'000'000;
    qint64 m_stepPerRead = 0;
};

} // namespace Sluice::Test
