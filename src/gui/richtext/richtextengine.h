// Highlighted code and typeset formulas, made on a worker thread and kept.
//
// The GUI asks highlight() / math(): a result already made comes back at once; otherwise the
// work is queued for the worker thread (started, with its engines, on the first request) and
// resultsReady() follows when some results have arrived, once per event-loop turn, so the
// document that asked can be rendered again. Results stay in a bounded cache, so scrolling
// back to a message, or opening it again, never highlights or typesets anew.
//
// An engine idle for IdleUnloadMs (on Clock::current()) is unloaded, its memory given back
// (MathJax alone holds ~45 MiB); the cache stays, and the next new job loads it again.
#pragma once

#include "gui/richtext/scriptengines.h"

#include <QCache>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QThread>
#include <QTimer>

namespace Sluice {

class Clock;
class RichTextWorker;

struct MathLook
{
    QColor color;
    qreal exPx = 7;    // pixels to the ex of the formula's font
    qreal xHeight = 7; // of the surrounding text's font (for the baseline)
    qreal devicePixelRatio = 1;
};

class RichTextEngine final : public QObject
{
    Q_OBJECT
public:
    // The one engine of the application (made on first use, owned by the application).
    static RichTextEngine *instance();
    // Whether anything has been asked of it yet (start-up must not: for tests).
    static bool exists();

    enum class Script { Highlight, Math };
    Q_ENUM(Script)
    static constexpr qint64 IdleUnloadMs = 3 * 60 * 1000;
    // Whether the script is loaded on the worker thread (or will be, for a queued job).
    bool isLoaded(Script script) const { return state(script).loaded; }

    // True with the result when it is made; false after queueing it.
    bool highlight(const QString &code, const QString &language, HighlightResult *out);
    bool math(const QString &tex, bool display, const MathLook &look, MathImage *out);

    // Goes up each time results arrive: a document rendered at an older generation while
    // waiting for results may now be rendered complete.
    quint64 generation() const { return m_generation; }
    int pendingJobs() const { return int(m_pending.size()); }

    ~RichTextEngine() override;

Q_SIGNALS:
    void resultsReady();
    // The worker thread has freed the script's engine (after IdleUnloadMs without a job).
    void unloaded(Sluice::RichTextEngine::Script script);

private:
    struct ScriptState
    {
        bool loaded = false;
        int queued = 0;      // jobs not back yet
        qint64 lastUse = 0; // Clock::current(), when the last job came back
    };
    explicit RichTextEngine(QObject *parent);
    void arrived();
    ScriptState &state(Script script) { return m_scripts[int(script)]; }
    const ScriptState &state(Script script) const { return m_scripts[int(script)]; }
    void queued(Script script);
    void cameBack(Script script);
    void armIdleCheck();
    void unloadIdle();

    QThread m_thread;
    RichTextWorker *m_worker = nullptr;
    QCache<QString, HighlightResult> m_highlights;
    QCache<QString, MathImage> m_formulas;
    QSet<QString> m_pending;
    quint64 m_generation = 0;
    bool m_notifyQueued = false;
    ScriptState m_scripts[2];
    QTimer m_idleTimer;          // when the clock runs by itself
    QPointer<Clock> m_watchedClock; // a test's clock, whose moves are watched instead
};

} // namespace Sluice
