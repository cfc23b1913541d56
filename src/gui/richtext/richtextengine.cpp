#include "gui/richtext/richtextengine.h"

#include <QCoreApplication>
#include <QPointer>

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
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start(QThread::LowPriority);
}

RichTextEngine::~RichTextEngine()
{
    m_worker->highlighter.interrupt();
    m_worker->typesetter.interrupt();
    m_thread.quit();
    m_thread.wait();
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
                    arrived();
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
    return false;
}

} // namespace Sluice
