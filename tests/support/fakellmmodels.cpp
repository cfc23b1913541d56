// The FakeLlm persona's model management: POST /api/pull (streamed progress, resumable)
// and DELETE /api/delete, answered the way Ollama's server/routes.go does.
#include "fakellm.h"

#include <QCryptographicHash>
#include <QJsonValue>

namespace Sluice::Test {

namespace {

QByteArray ollamaErrorLine(const QByteArray &message)
{
    return "{\"error\":" + FakeLlm::jsonString(message, true) + "}\n";
}

QByteArray layerDigest(const QByteArray &model, int index)
{
    return QCryptographicHash::hash(QByteArray(model + '#' + QByteArray::number(index)),
                                    QCryptographicHash::Sha256)
        .toHex();
}

} // namespace

void FakeLlm::installModelRoutes()
{
    m_server.handle("POST", "/api/pull",
                    [this](const RecordedRequest &q, Response &r) { ollamaPull(q, r); });
    m_server.handle("DELETE", "/api/delete",
                    [this](const RecordedRequest &q, Response &r) { ollamaDelete(q, r); });
}

qint64 FakeLlm::keepAliveSeconds(const QJsonValue &value)
{
    if (value.isDouble())
        return qint64(value.toDouble());
    const QString text = value.toString().trimmed();
    if (text.isEmpty())
        return 300;
    const QChar unit = text.back();
    bool ok = false;
    const double n = (unit.isDigit() ? text : text.chopped(1)).toDouble(&ok);
    if (!ok)
        return 300;
    const double scale = unit == u'h' ? 3600 : unit == u'm' ? 60 : 1;
    return qint64(n * scale);
}

void FakeLlm::ollamaPull(const RecordedRequest &req, Response &r)
{
    const QJsonObject body = req.json();
    QByteArray model = body.value(u"model").toString().toUtf8();
    if (model.isEmpty())
        model = body.value(u"name").toString().toUtf8();
    if (model.trimmed().isEmpty() || model.contains(' ')) {
        r.status(400).json("{\"error\":\"invalid model name\"}");
        return;
    }
    const QByteArray key = canonical(model);
    const bool stream = body.value(u"stream").toBool(true);
    r.contentType(stream ? QByteArrayLiteral("application/x-ndjson")
                         : QByteArrayLiteral("application/json; charset=utf-8"));
    r.write(QByteArrayLiteral("{\"status\":\"pulling manifest\"}\n"));
    bool inRegistry = m_options.registry.isEmpty();
    for (const QByteArray &m : m_options.registry)
        inRegistry = inRegistry || canonical(m) == key;
    if (!inRegistry) {
        r.delay(qMax(1, m_options.pullDelayMs));
        r.write(ollamaErrorLine("pull model manifest: file does not exist"));
        return;
    }

    // Bytes already on disk from an earlier pull of this model are not sent again.
    qint64 onDisk = m_pulledBytes.value(key);
    int layerLines = 0;
    QByteArray lastLine;
    const qint64 step = qMax<qint64>(1, m_options.pullStepBytes);
    qint64 before = 0; // bytes of the layers before this one
    for (int i = 0; i < m_options.pullLayers.size(); ++i) {
        const qint64 total = m_options.pullLayers.at(i);
        const QByteArray digest = layerDigest(key, i);
        const QByteArray head = "{\"status\":\"pulling " + digest.left(12) +
                                "\",\"digest\":\"sha256:" + digest +
                                "\",\"total\":" + QByteArray::number(total);
        qint64 completed = qBound<qint64>(0, onDisk, total);
        onDisk -= completed;
        // Go's omitempty: no "completed" while it is 0.
        QList<QByteArray> lines;
        QList<qint64> lineCompleted{completed};
        lines.append(head +
                     (completed ? QByteArray(",\"completed\":" + QByteArray::number(completed))
                                : QByteArray()) +
                     "}\n");
        while (completed < total) {
            const qint64 chunk = qMin(step, total - completed);
            completed += chunk;
            lines.append(head + ",\"completed\":" + QByteArray::number(completed) + "}\n");
            lineCompleted.append(completed);
        }
        for (qsizetype j = 0; j < lines.size(); ++j) {
            r.delay(m_options.pullDelayMs);
            r.write(lines.at(j));
            lastLine = lines.at(j);
            // What reached the client is now on the fake server's disk.
            const qint64 upTo = before + lineCompleted.at(j);
            r.call(
                [this, key, upTo] { m_pulledBytes[key] = qMax(m_pulledBytes.value(key), upTo); });
            ++layerLines;
            if (m_options.pullFault != FakeLlmFault::None &&
                layerLines == m_options.pullFaultAfterLines) {
                switch (m_options.pullFault) {
                case FakeLlmFault::ErrorMidStream:
                    r.delay(qMax(1, m_options.pullDelayMs));
                    r.write(ollamaErrorLine(m_options.pullErrorMessage));
                    return;
                case FakeLlmFault::Drop:
                    r.delay(qMax(1, m_options.pullDelayMs)).drop();
                    return;
                default: // Stall: Ollama's progress ticker repeats the same numbers
                    r.every(60, lastLine);
                    return;
                }
            }
        }
        before += total;
    }
    r.delay(m_options.pullDelayMs);
    r.write(QByteArrayLiteral("{\"status\":\"verifying sha256 digest\"}\n"));
    r.write(QByteArrayLiteral("{\"status\":\"writing manifest\"}\n"));
    r.call([this, key] {
        m_pulledBytes.remove(key);
        bool installed = m_options.models.isEmpty();
        for (const QByteArray &m : std::as_const(m_options.models))
            installed = installed || canonical(m) == key;
        if (!installed)
            m_options.models.append(key);
    });
    r.write(QByteArrayLiteral("{\"status\":\"success\"}\n"));
}

void FakeLlm::ollamaDelete(const RecordedRequest &req, Response &r)
{
    const QJsonObject body = req.json();
    QByteArray model = body.value(u"model").toString().toUtf8();
    if (model.isEmpty())
        model = body.value(u"name").toString().toUtf8();
    const QByteArray key = canonical(model);
    for (qsizetype i = 0; i < m_options.models.size(); ++i) {
        if (canonical(m_options.models.at(i)) == key) {
            m_options.models.removeAt(i);
            m_models.remove(key);
            r.status(200).body({});
            return;
        }
    }
    r.status(404).json("{\"error\":\"model '" + model + "' not found\"}");
}

} // namespace Sluice::Test
