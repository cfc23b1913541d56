// The progress of one /api/pull, from its streamed lines. Plain class: JSON lines and the
// time they arrived in, a summary out — so the arithmetic is tested without sockets or clocks.
#pragma once

#include "core/chat/chattypes.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>

namespace Sluice {

struct PullProgress
{
    QString status; // Ollama's status line: "pulling manifest", "pulling 6a0746a1ec1a" …
    qint64 completedBytes = 0;  // summed over every layer seen so far
    qint64 totalBytes = 0;      // … likewise; grows as Ollama names further layers
    double percent = -1;        // 0–100, never goes back; -1 before any layer has a size
    double bytesPerSecond = -1; // over the last few seconds; -1 until there is a measure
    qint64 etaMs = -1;          // time left at that speed; -1 when unknown
    int layers = 0;
    int layersDone = 0;
    bool downloading = false; // a layer is transferring (not manifest, verify, write)
};

class PullProgressTracker final
{
public:
    // What a line meant.
    enum class Line { Progress, Success, Error };

    // `nowMs` is any monotonic clock. Returns true (and fills `changed`) when the progress a
    // user would see moved on: a new status, or more bytes.
    Line feed(const QJsonObject &line, qint64 nowMs, bool *changed = nullptr);

    const PullProgress &progress() const { return m_progress; }
    const QString &errorText() const { return m_error; } // the {"error"} text, verbatim

private:
    struct Layer
    {
        qint64 total = 0;
        qint64 completed = 0;
        qint64 firstCompleted = -1; // what was already on disk (a resumed pull) or cached
    };
    void recompute(qint64 nowMs);

    QHash<QString, Layer> m_layers;
    QList<QPair<qint64, qint64>> m_samples; // (time, bytes transferred by this pull)
    PullProgress m_progress;
    QString m_error;
};

// An error Ollama reported while pulling `model`, as one sentence with the way out:
// unknown model, disk full, no network, a server too old, or Ollama's own words.
ChatError pullError(const QString &ollamaMessage, const QString &model, int httpStatus = 0);

// "1.2 GB / 2.0 GB  61%  12 MB/s  1 min 5 s left": the one-line summary the CLI prints.
QString formatPullLine(const PullProgress &p);
// "1 min 5 s", "42 s", "2 h 3 min".
QString formatDuration(qint64 ms);

} // namespace Sluice

Q_DECLARE_METATYPE(Sluice::PullProgress)
