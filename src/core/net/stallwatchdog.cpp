#include "core/net/stallwatchdog.h"

#include "core/util/logging.h"

#include <limits>

namespace Sluice {

StallWatchdog::StallWatchdog(const Timeouts &timeouts, QObject *parent)
    : QObject(parent), m_timeouts(timeouts), m_clock(Clock::current())
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &StallWatchdog::check);
    if (!m_clock->runsByItself())
        connect(m_clock, &Clock::moved, this, &StallWatchdog::check);
}

void StallWatchdog::start()
{
    if (m_total < 0)
        m_total = now();
    m_expired = Limit::None;
    enterPhase(Phase::Connecting);
}

void StallWatchdog::enterPhase(Phase phase, bool keepClock)
{
    if (!keepClock || m_phaseClock < 0)
        m_phaseClock = now();
    if (phase == Phase::Streaming)
        m_lastProgress = now();
    const bool changed = phase != m_phase;
    m_phase = phase;
    qCDebug(lcWatchdog).noquote() << u"phase=" + phaseName(phase);
    if (phase == Phase::Stopped || phase == Phase::Idle)
        m_timer.stop();
    else
        check();
    if (changed)
        Q_EMIT phaseChanged(phase);
}

void StallWatchdog::progress()
{
    if (m_phase == Phase::Streaming) {
        m_lastProgress = now();
        return;
    }
    if (m_phase == Phase::Connecting || m_phase == Phase::Waiting ||
        m_phase == Phase::LoadingModel)
        enterPhase(Phase::Streaming);
}

void StallWatchdog::stop()
{
    m_timer.stop();
    if (m_phase != Phase::Stopped) {
        m_phase = Phase::Stopped;
        Q_EMIT phaseChanged(m_phase);
    }
}

qint64 StallWatchdog::now() const
{
    return m_clock ? m_clock->nowMs() : Clock::current()->nowMs();
}

qint64 StallWatchdog::sinceMs(qint64 stamp) const
{
    return stamp < 0 ? 0 : now() - stamp;
}

qint64 StallWatchdog::phaseElapsedMs() const
{
    return sinceMs(m_phaseClock);
}

qint64 StallWatchdog::totalElapsedMs() const
{
    return sinceMs(m_total);
}

qint64 StallWatchdog::sinceProgressMs() const
{
    return m_lastProgress >= 0 ? sinceMs(m_lastProgress) : phaseElapsedMs();
}

qint64 StallWatchdog::limitMs(Limit limit) const
{
    switch (limit) {
    case Limit::Connect:
        return m_timeouts.connectMs;
    case Limit::FirstToken:
        return m_timeouts.firstTokenMs;
    case Limit::Load:
        return m_timeouts.loadMs;
    case Limit::Idle:
        return m_timeouts.idleMs;
    case Limit::Total:
        return m_timeouts.totalMs;
    case Limit::None:
        break;
    }
    return 0;
}

StallWatchdog::Limit StallWatchdog::phaseLimit() const
{
    switch (m_phase) {
    case Phase::Connecting:
        return Limit::Connect;
    case Phase::Waiting:
        return Limit::FirstToken;
    case Phase::LoadingModel:
        return Limit::Load;
    case Phase::Streaming:
        return Limit::Idle;
    case Phase::Idle:
    case Phase::Stopped:
        break;
    }
    return Limit::None;
}

qint64 StallWatchdog::phaseLimitElapsed() const
{
    return m_phase == Phase::Streaming ? sinceProgressMs() : phaseElapsedMs();
}

void StallWatchdog::check()
{
    if (m_phase == Phase::Idle || m_phase == Phase::Stopped)
        return;
    constexpr qint64 Never = std::numeric_limits<qint64>::max();
    qint64 next = Never;

    const Limit pl = phaseLimit();
    const qint64 plMs = limitMs(pl);
    if (plMs > 0) {
        const qint64 elapsed = phaseLimitElapsed();
        if (elapsed >= plMs) {
            m_expired = pl;
            m_timer.stop();
            qCDebug(lcWatchdog).noquote()
                << u"expired limit=" + limitName(pl) + u" elapsed_ms=" + QString::number(elapsed);
            Q_EMIT expired(pl, elapsed);
            return;
        }
        next = plMs - elapsed;
    }
    if (m_timeouts.totalMs > 0) {
        const qint64 elapsed = totalElapsedMs();
        if (elapsed >= m_timeouts.totalMs) {
            m_expired = Limit::Total;
            m_timer.stop();
            Q_EMIT expired(Limit::Total, elapsed);
            return;
        }
        next = qMin(next, m_timeouts.totalMs - elapsed);
    }
    if (next == Never || !m_clock || !m_clock->runsByItself())
        m_timer.stop(); // a clock moved by hand says when to look again (moved())
    else
        m_timer.start(int(qMin<qint64>(next, std::numeric_limits<int>::max())));
}

QString phaseName(StallWatchdog::Phase phase)
{
    switch (phase) {
    case StallWatchdog::Phase::Idle:
        return QStringLiteral("idle");
    case StallWatchdog::Phase::Connecting:
        return QStringLiteral("connecting");
    case StallWatchdog::Phase::Waiting:
        return QStringLiteral("waiting");
    case StallWatchdog::Phase::LoadingModel:
        return QStringLiteral("loading");
    case StallWatchdog::Phase::Streaming:
        return QStringLiteral("streaming");
    case StallWatchdog::Phase::Stopped:
        return QStringLiteral("stopped");
    }
    return {};
}

QString limitName(StallWatchdog::Limit limit)
{
    switch (limit) {
    case StallWatchdog::Limit::Connect:
        return QStringLiteral("connect limit");
    case StallWatchdog::Limit::FirstToken:
        return QStringLiteral("first-token limit");
    case StallWatchdog::Limit::Load:
        return QStringLiteral("load limit");
    case StallWatchdog::Limit::Idle:
        return QStringLiteral("idle limit");
    case StallWatchdog::Limit::Total:
        return QStringLiteral("total limit");
    case StallWatchdog::Limit::None:
        break;
    }
    return {};
}

} // namespace Sluice
