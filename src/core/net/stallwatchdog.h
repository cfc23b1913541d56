// Watches one request phase by phase and says when a limit passes.
// Progress is recorded with a clock read only; the timer is re-armed lazily when it fires,
// so a fast stream costs no timer work per chunk. Time comes from Clock::current()
// as it was when the watchdog was made (tests move it by hand).
#pragma once

#include "core/chat/chattypes.h"
#include "core/util/clock.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Sluice {

class StallWatchdog final : public QObject
{
    Q_OBJECT
public:
    enum class Phase { Idle, Connecting, Waiting, LoadingModel, Streaming, Stopped };
    Q_ENUM(Phase)
    enum class Limit { None, Connect, FirstToken, Load, Idle, Total };
    Q_ENUM(Limit)

    explicit StallWatchdog(const Timeouts &timeouts, QObject *parent = nullptr);

    const Timeouts &timeouts() const { return m_timeouts; }

    // Starts the total clock (once) and enters Connecting.
    void start();
    // Enters a phase. With keepClock the phase clock goes on (a load began when the request
    // was sent, so Waiting → LoadingModel keeps counting).
    void enterPhase(Phase phase, bool keepClock = false);
    // A token arrived: Waiting/LoadingModel become Streaming; the idle clock restarts.
    void progress();
    void stop();

    Phase phase() const { return m_phase; }
    qint64 phaseElapsedMs() const;
    qint64 totalElapsedMs() const;
    qint64 sinceProgressMs() const;
    qint64 limitMs(Limit limit) const;
    Limit expiredLimit() const { return m_expired; }

Q_SIGNALS:
    void phaseChanged(Sluice::StallWatchdog::Phase phase);
    void expired(Sluice::StallWatchdog::Limit limit, qint64 elapsedMs);

private:
    void check();
    Limit phaseLimit() const;
    qint64 phaseLimitElapsed() const;
    qint64 sinceMs(qint64 stamp) const; // 0 for a clock not started (-1)
    qint64 now() const;

    Timeouts m_timeouts;
    QPointer<Clock> m_clock;
    QTimer m_timer;
    qint64 m_total = -1; // when each clock started, on m_clock; -1: not started
    qint64 m_phaseClock = -1;
    qint64 m_lastProgress = -1;
    Phase m_phase = Phase::Idle;
    Limit m_expired = Limit::None;
};

QString phaseName(StallWatchdog::Phase phase);
QString limitName(StallWatchdog::Limit limit); // "connect limit", "idle limit" …

} // namespace Sluice
