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

    qint64 nowMs() const override { return m_now; }
    bool runsByItself() const override { return false; }

    // Moves time on by ms; every watchdog on this clock looks at its limits at once.
    void advance(qint64 ms)
    {
        m_now += ms;
        Q_EMIT moved();
    }

private:
    qint64 m_now = 1'000'000;
};

} // namespace Sluice::Test
