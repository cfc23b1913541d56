// Where time is read: the steady clock in the app, woken by QTimers. Tests install a clock
// whose time moves only when they say (tests/support/manualclock.h), so a limit passes at an
// exact instant and a duration is exact, without waiting. Read by the stall watchdog, the
// chat model's thinking time and the streaming saver's write interval.
#pragma once

#include <QObject>

namespace Sluice {

class Clock : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Milliseconds on a clock that never goes back.
    virtual qint64 nowMs() const;
    // Whether time passes by itself (a watchdog then arms a timer for its next limit).
    virtual bool runsByItself() const { return true; }

    // The clock to read: the steady clock unless a test set one.
    static Clock *current();
    // nullptr: the steady clock again. The caller keeps `clock` alive while it is in use.
    static void setCurrent(Clock *clock);

Q_SIGNALS:
    // Time jumped (a clock that does not run by itself): whoever waits looks again.
    void moved();
};

} // namespace Sluice
