// Highlighted code and typeset formulas, made on a worker thread and kept.
//
// The GUI asks highlight() / math(): a result already made comes back at once; otherwise the
// work is queued for the worker thread (started, with its engines, on the first request) and
// resultsReady() follows when some results have arrived, once per event-loop turn, so the
// document that asked can be rendered again. Results stay in a bounded cache, so scrolling
// back to a message, or opening it again, never highlights or typesets anew.
#pragma once

#include "gui/richtext/scriptengines.h"

#include <QCache>
#include <QObject>
#include <QSet>
#include <QThread>

namespace Sluice {

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

private:
    explicit RichTextEngine(QObject *parent);
    void arrived();

    QThread m_thread;
    RichTextWorker *m_worker = nullptr;
    QCache<QString, HighlightResult> m_highlights;
    QCache<QString, MathImage> m_formulas;
    QSet<QString> m_pending;
    quint64 m_generation = 0;
    bool m_notifyQueued = false;
};

} // namespace Sluice
