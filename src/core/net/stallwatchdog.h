// Watches one request phase by phase and says when a limit passes.
// Progress is recorded with a clock read only; the timer is re-armed lazily when it fires,
// so a fast stream costs no timer work per chunk.
#pragma once

#include "core/chat/chattypes.h"

#include <QElapsedTimer>
#include <QObject>
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
    void setTimeouts(const Timeouts &timeouts);

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

    Timeouts m_timeouts;
    QTimer m_timer;
    QElapsedTimer m_total;
    QElapsedTimer m_phaseClock;
    QElapsedTimer m_lastProgress;
    Phase m_phase = Phase::Idle;
    Limit m_expired = Limit::None;
};

QString phaseName(StallWatchdog::Phase phase);
QString limitName(StallWatchdog::Limit limit); // "connect limit", "idle limit" …

} // namespace Sluice
