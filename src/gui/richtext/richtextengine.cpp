#include "gui/richtext/richtextengine.h"

#include "core/util/clock.h"

#include <QCoreApplication>

namespace Sluice {

namespace {

QPointer<RichTextEngine> theEngine;

// Longer code stays plain: highlighting it would hold the worker for seconds.
constexpr qsizetype MaxHighlightChars = 200'000;
constexpr qsizetype MaxFormulaChars = 4'000;

QString highlightKey(const QString &code, const QString &language)
{
    return language + QChar(0) + code;
}

QString mathKey(const QString &tex, bool display, const MathLook &look)
{
    return QStringLiteral("%1|%2|%3|%4|%5|")
               .arg(display)
               .arg(look.color.rgba())
               .arg(look.exPx, 0, 'f', 2)
               .arg(look.xHeight, 0, 'f', 2)
               .arg(look.devicePixelRatio, 0, 'f', 2) +
           tex;
}

} // namespace

// Lives on the worker thread, with both engines (each loads its script on first use).
class RichTextWorker final : public QObject
{
public:
    HighlightEngine highlighter;
    MathEngine typesetter;
};

RichTextEngine *RichTextEngine::instance()
{
    if (!theEngine)
        theEngine = new RichTextEngine(QCoreApplication::instance());
    return theEngine;
}

bool RichTextEngine::exists()
{
    return !theEngine.isNull();
}

RichTextEngine::RichTextEngine(QObject *parent) : QObject(parent)
{
    m_highlights.setMaxCost(16 * 1024 * 1024); // characters of code
    m_formulas.setMaxCost(64 * 1024 * 1024);   // bytes of images
    m_thread.setObjectName(QStringLiteral("sluice-richtext"));
    m_worker = new RichTextWorker;
    m_worker->moveToThread(&m_thread);
    m_thread.start(QThread::LowPriority);
    m_idleTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, &RichTextEngine::unloadIdle);
}

RichTextEngine::~RichTextEngine()
{
    m_worker->highlighter.interrupt();
    m_worker->typesetter.interrupt();
    m_thread.quit();
    m_thread.wait();
    // Its thread has ended (nothing runs there any more): the engines go with it. (A queued
    // delete would not run: this happens while the application object is being destroyed.)
    delete m_worker;
}

void RichTextEngine::arrived()
{
    ++m_generation;
    if (m_notifyQueued)
        return;
    m_notifyQueued = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_notifyQueued = false;
            Q_EMIT resultsReady();
        },
        Qt::QueuedConnection);
}

void RichTextEngine::queued(Script script)
{
    ScriptState &s = state(script);
    s.loaded = true;
    ++s.queued;
}

void RichTextEngine::cameBack(Script script)
{
    ScriptState &s = state(script);
    --s.queued;
    s.lastUse = Clock::current()->nowMs();
    armIdleCheck();
}

void RichTextEngine::armIdleCheck()
{
    Clock *clock = Clock::current();
    if (!clock->runsByItself()) {
        if (m_watchedClock != clock) {
            if (m_watchedClock)
                disconnect(m_watchedClock, &Clock::moved, this, &RichTextEngine::unloadIdle);
            m_watchedClock = clock;
            connect(clock, &Clock::moved, this, &RichTextEngine::unloadIdle);
        }
        return;
    }
    qint64 next = -1;
    for (const ScriptState &s : m_scripts) {
        if (s.loaded && s.queued == 0) {
            const qint64 at = s.lastUse + IdleUnloadMs;
            next = next < 0 ? at : qMin(next, at);
        }
    }
    if (next >= 0)
        m_idleTimer.start(int(qBound<qint64>(0, next - clock->nowMs(), IdleUnloadMs)));
}

void RichTextEngine::unloadIdle()
{
    const qint64 now = Clock::current()->nowMs();
    for (Script script : {Script::Highlight, Script::Math}) {
        ScriptState &s = state(script);
        if (!s.loaded || s.queued > 0 || now - s.lastUse < IdleUnloadMs)
            continue;
        s.loaded = false;
        // Queued behind the jobs already sent; a job sent later loads the script again.
        RichTextWorker *worker = m_worker;
        QMetaObject::invokeMethod(
            worker,
            [this, worker, script] {
                if (script == Script::Math)
                    worker->typesetter.unload();
                else
                    worker->highlighter.unload();
                QMetaObject::invokeMethod(
                    this, [this, script] { Q_EMIT unloaded(script); }, Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    }
    armIdleCheck();
}

bool RichTextEngine::highlight(const QString &code, const QString &language, HighlightResult *out)
{
    if (code.size() > MaxHighlightChars) {
        *out = HighlightResult{};
        return true;
    }
    const QString key = highlightKey(code, language);
    if (const HighlightResult *r = m_highlights.object(key)) {
        *out = *r;
        return true;
    }
    if (m_pending.contains(key))
        return false;
    m_pending.insert(key);
    queued(Script::Highlight);
    RichTextWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker,
        [this, worker, key, code, language] {
            const HighlightResult r = worker->highlighter.highlight(code, language);
            QMetaObject::invokeMethod(
                this,
                [this, key, r] {
                    m_pending.remove(key);
                    m_highlights.insert(key, new HighlightResult(r),
                                        int(qMax<qsizetype>(1, key.size())));
                    cameBack(Script::Highlight);
                    arrived();
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
    return false;
}

bool RichTextEngine::math(const QString &tex, bool display, const MathLook &look, MathImage *out)
{
    if (tex.size() > MaxFormulaChars) {
        *out = MathImage{};
        out->error =
            tr("The formula is too long to typeset (over %1 characters).").arg(MaxFormulaChars);
        return true;
    }
    const QString key = mathKey(tex, display, look);
    if (const MathImage *r = m_formulas.object(key)) {
        *out = *r;
        return true;
    }
    if (m_pending.contains(key))
        return false;
    m_pending.insert(key);
    queued(Script::Math);
    RichTextWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker,
        [this, worker, key, tex, display, look] {
            const TypesetResult t = worker->typesetter.typeset(tex, display);
            const MathImage image =
                renderMathImage(t, look.exPx, look.xHeight, look.color, look.devicePixelRatio);
            QMetaObject::invokeMethod(
                this,
                [this, key, image] {
                    m_pending.remove(key);
                    const qsizetype bytes = image.image.sizeInBytes() + 256;
                    m_formulas.insert(key, new MathImage(image), int(bytes));
                    cameBack(Script::Math);
                    arrived();
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
    return false;
}

} // namespace Sluice
