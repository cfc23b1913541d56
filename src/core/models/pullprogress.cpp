#include "core/models/pullprogress.h"

#include "core/models/modeltypes.h"
#include "core/protocol/protocol.h"

namespace Sluice {

namespace {
constexpr qint64 SpeedWindowMs = 5000;
constexpr qint64 MinSpeedSpanMs = 200;
} // namespace

PullProgressTracker::Line PullProgressTracker::feed(const QJsonObject &line, qint64 nowMs,
                                                    bool *changed)
{
    if (changed)
        *changed = false;
    if (line.contains(u"error")) {
        m_error = ProtocolUtil::errorMessageFromJson(line);
        if (m_error.isEmpty())
            m_error = QStringLiteral("unknown error");
        return Line::Error;
    }
    const QString status = line.value(u"status").toString();
    bool moved = !status.isEmpty() && status != m_progress.status;
    if (!status.isEmpty())
        m_progress.status = status;

    const QString digest = line.value(u"digest").toString();
    if (!digest.isEmpty()) {
        Layer &layer = m_layers[digest];
        // Go omits zero values: a line without "completed" means nothing yet.
        const qint64 total = line.value(u"total").toInteger(layer.total);
        const qint64 completed = qMin(line.value(u"completed").toInteger(0), qMax(total, 0LL));
        if (layer.firstCompleted < 0)
            layer.firstCompleted = completed;
        if (total != layer.total || completed > layer.completed)
            moved = true;
        layer.total = total;
        layer.completed = qMax(layer.completed, completed);
    }
    recompute(nowMs);
    m_progress.downloading = !digest.isEmpty();
    if (status == u"success") {
        m_progress.percent = m_progress.totalBytes > 0 ? 100.0 : m_progress.percent;
        m_progress.etaMs = 0;
        if (changed)
            *changed = true;
        return Line::Success;
    }
    if (changed)
        *changed = moved;
    return Line::Progress;
}

void PullProgressTracker::recompute(qint64 nowMs)
{
    qint64 total = 0;
    qint64 completed = 0;
    qint64 transferred = 0;
    int done = 0;
    for (const Layer &l : std::as_const(m_layers)) {
        total += l.total;
        completed += l.completed;
        transferred += l.completed - qMax<qint64>(0, l.firstCompleted);
        if (l.total > 0 && l.completed >= l.total)
            ++done;
    }
    PullProgress &p = m_progress;
    p.totalBytes = total;
    p.completedBytes = completed;
    p.layers = int(m_layers.size());
    p.layersDone = done;
    if (total > 0) {
        // A later layer makes the known total grow; the bar must not jump back for it.
        const double now = 100.0 * double(completed) / double(total);
        p.percent = qMax(p.percent, qMin(now, 100.0));
    }

    if (m_layers.isEmpty())
        return; // the manifest is not part of the download speed
    if (m_samples.isEmpty() || m_samples.constLast().second != transferred ||
        nowMs - m_samples.constLast().first >= 1000)
        m_samples.append({nowMs, transferred});
    while (m_samples.size() > 2 && nowMs - m_samples.at(1).first >= SpeedWindowMs)
        m_samples.removeFirst();
    const auto &first = m_samples.constFirst();
    const qint64 span = nowMs - first.first;
    if (span >= MinSpeedSpanMs) {
        p.bytesPerSecond = double(transferred - first.second) * 1000.0 / double(span);
        const qint64 left = total - completed;
        const double eta = p.bytesPerSecond > 0 ? double(left) * 1000.0 / p.bytesPerSecond : -1;
        p.etaMs = eta >= 0 && eta < 9.0e15 ? qint64(eta) : -1; // the server's numbers may be absurd
    }
}

ChatError pullError(const QString &ollamaMessage, const QString &model, int httpStatus)
{
    ChatError e;
    e.kind = httpStatus ? ChatError::Kind::Http : ChatError::Kind::Protocol;
    e.httpStatus = httpStatus;
    const QString msg = ProtocolUtil::oneLine(ollamaMessage, 300);
    const QString lower = msg.toLower();
    if (lower.contains(u"file does not exist") || lower.contains(u"manifest unknown") ||
        (lower.contains(u"not found") && lower.contains(u"manifest"))) {
        e.message = QStringLiteral("\"%1\" is not in the Ollama library; check the name and "
                                   "tag (see ollama.com/library) (Ollama: %2)")
                        .arg(model, msg);
    } else if (lower.contains(u"no space left") || lower.contains(u"not enough space") ||
               lower.contains(u"disk full") || lower.contains(u"insufficient space")) {
        e.message = QStringLiteral("the Ollama server ran out of disk space while pulling "
                                   "\"%1\"; free some space (sluice rm MODEL), then pull again "
                                   "to resume (Ollama: %2)")
                        .arg(model, msg);
    } else if (lower.contains(u"dial tcp") || lower.contains(u"no such host") ||
               lower.contains(u"i/o timeout") || lower.contains(u"lookup ") ||
               lower.contains(u"network is unreachable") ||
               lower.contains(u"tls handshake timeout") || lower.contains(u"connection reset")) {
        e.retryable = true;
        e.message = QStringLiteral("the Ollama server could not reach the model registry; check "
                                   "its internet connection or proxy, then pull \"%1\" again to "
                                   "resume (Ollama: %2)")
                        .arg(model, msg);
    } else if (lower.contains(u"max retries exceeded") || lower.contains(u"unexpected eof")) {
        e.retryable = true;
        e.message = QStringLiteral("the download of \"%1\" kept failing on the Ollama server's "
                                   "connection; pull again to resume where it stopped "
                                   "(Ollama: %2)")
                        .arg(model, msg);
    } else if (lower.contains(u"invalid model name") || lower.contains(u"invalid model path")) {
        e.kind = ChatError::Kind::Config;
        e.message = QStringLiteral("\"%1\" is not a valid model name (Ollama: %2)").arg(model, msg);
    } else {
        e.message = QStringLiteral("Ollama could not pull \"%1\": %2").arg(model, msg);
    }
    return e;
}

QString formatDuration(qint64 ms)
{
    const qint64 s = (ms + 500) / 1000;
    if (s < 60)
        return QStringLiteral("%1 s").arg(s);
    if (s < 3600)
        return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60);
    return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

QString formatPullLine(const PullProgress &p)
{
    if (p.totalBytes <= 0)
        return p.status;
    QString line = QStringLiteral("%1 / %2  %3%")
                       .arg(formatBytes(p.completedBytes), formatBytes(p.totalBytes))
                       .arg(int(p.percent));
    if (p.bytesPerSecond > 0 && p.downloading)
        line += QStringLiteral("  %1/s").arg(formatBytes(qint64(p.bytesPerSecond)));
    if (p.etaMs > 0 && p.downloading)
        line += QStringLiteral("  %1 left").arg(formatDuration(p.etaMs));
    if (!p.downloading)
        line += QStringLiteral("  ") + p.status;
    return line;
}

} // namespace Sluice
