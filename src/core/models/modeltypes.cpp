#include "core/models/modeltypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Sluice {

namespace {

// Far enough ahead that Ollama meant "forever" (keep_alive < 0 sets year 2318).
constexpr qint64 ForeverSecs = 10LL * 365 * 24 * 3600;

bool objectBody(const QByteArray &body, const char *what, QJsonObject *out, QString *error)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        if (error)
            *error = QStringLiteral("%1 from Ollama is not JSON").arg(QLatin1String(what));
        return false;
    }
    *out = doc.object();
    return true;
}

QDateTime parseTime(const QJsonValue &v)
{
    // Go writes nanoseconds ("…42.123456789+02:00"); Qt reads at most milliseconds.
    QString text = v.toString();
    const qsizetype dot = text.indexOf(u'.');
    if (dot > 0) {
        qsizetype end = dot + 1;
        while (end < text.size() && text.at(end).isDigit())
            ++end;
        if (end - dot > 4)
            text.remove(dot + 4, end - dot - 4);
    }
    return QDateTime::fromString(text, Qt::ISODateWithMs);
}

} // namespace

int RunningModel::gpuPercent() const
{
    if (sizeBytes <= 0 || vramBytes < 0)
        return -1;
    return int(qBound<qint64>(0, (vramBytes * 100 + sizeBytes / 2) / sizeBytes, qint64(100)));
}

bool RunningModel::staysLoaded() const
{
    return expiresAt.isValid() && QDateTime::currentDateTimeUtc().secsTo(expiresAt) > ForeverSecs;
}

bool ModelDetails::hasCapability(QStringView capability) const
{
    for (const QString &c : capabilities) {
        if (c == capability)
            return true;
    }
    return false;
}

QString canonicalModelName(const QString &name)
{
    const QString n = name.trimmed();
    // A ":" inside a registry host ("host:5000/m") is not a tag.
    const qsizetype slash = n.lastIndexOf(u'/');
    return n.indexOf(u':', slash + 1) >= 0 ? n : n + QStringLiteral(":latest");
}

bool sameModel(const QString &a, const QString &b)
{
    return canonicalModelName(a) == canonicalModelName(b);
}

bool parseInstalledModels(const QByteArray &body, QList<InstalledModel> *out, QString *error)
{
    QJsonObject root;
    if (!objectBody(body, "the model list", &root, error))
        return false;
    out->clear();
    const QJsonArray list = root.value(u"models").toArray(); // null when none installed
    for (const QJsonValue &v : list) {
        const QJsonObject o = v.toObject();
        const QJsonObject d = o.value(u"details").toObject();
        InstalledModel m;
        m.name = o.value(u"name").toString(o.value(u"model").toString());
        if (m.name.isEmpty())
            continue;
        m.digest = o.value(u"digest").toString();
        m.sizeBytes = o.value(u"size").toInteger(-1);
        m.parameterSize = d.value(u"parameter_size").toString();
        m.quantization = d.value(u"quantization_level").toString();
        m.family = d.value(u"family").toString();
        m.format = d.value(u"format").toString();
        m.modified = parseTime(o.value(u"modified_at"));
        out->append(m);
    }
    return true;
}

bool parseRunningModels(const QByteArray &body, QList<RunningModel> *out, QString *error)
{
    QJsonObject root;
    if (!objectBody(body, "the list of loaded models", &root, error))
        return false;
    out->clear();
    const QJsonArray list = root.value(u"models").toArray();
    for (const QJsonValue &v : list) {
        const QJsonObject o = v.toObject();
        RunningModel m;
        m.name = o.value(u"name").toString(o.value(u"model").toString());
        if (m.name.isEmpty())
            continue;
        m.sizeBytes = o.value(u"size").toInteger(-1);
        m.vramBytes = o.value(u"size_vram").toInteger(-1);
        m.contextLength = int(o.value(u"context_length").toInteger(-1));
        m.expiresAt = parseTime(o.value(u"expires_at"));
        out->append(m);
    }
    return true;
}

bool parseModelDetails(const QByteArray &body, const QString &name, ModelDetails *out,
                       QString *error)
{
    QJsonObject root;
    if (!objectBody(body, "the model details", &root, error))
        return false;
    ModelDetails m;
    m.name = name;
    const QJsonObject info = root.value(u"model_info").toObject();
    const QJsonObject d = root.value(u"details").toObject();
    m.architecture = info.value(u"general.architecture").toString();
    if (!m.architecture.isEmpty())
        m.contextLength =
            int(info.value(QString(m.architecture + u".context_length")).toInteger(-1));
    if (m.contextLength < 0) { // an architecture Ollama did not name: any *.context_length
        for (auto it = info.begin(); it != info.end(); ++it) {
            if (it.key().endsWith(u".context_length")) {
                m.contextLength = int(it.value().toInteger(-1));
                break;
            }
        }
    }
    m.parameterCount = info.value(u"general.parameter_count").toInteger(-1);
    m.parameterSize = d.value(u"parameter_size").toString();
    m.quantization = d.value(u"quantization_level").toString();
    m.family = d.value(u"family").toString();
    const QJsonArray caps = root.value(u"capabilities").toArray();
    for (const QJsonValue &c : caps)
        m.capabilities.append(c.toString());
    m.templateText = root.value(u"template").toString();
    m.parameters = root.value(u"parameters").toString();
    m.license = root.value(u"license").toString();
    *out = m;
    return true;
}

QString formatBytes(qint64 bytes)
{
    if (bytes < 0)
        return {};
    constexpr double K = 1000.0;
    const double b = double(bytes);
    if (b < K)
        return QStringLiteral("%1 B").arg(bytes);
    if (b < K * K)
        return QStringLiteral("%1 KB").arg(qRound(b / K));
    if (b < K * K * K)
        return QStringLiteral("%1 MB").arg(qRound(b / (K * K)));
    return QStringLiteral("%1 GB").arg(b / (K * K * K), 0, 'f', 1);
}

QString formatTimeUntil(const QDateTime &when, const QDateTime &now)
{
    if (!when.isValid())
        return {};
    const qint64 secs = now.secsTo(when);
    if (secs <= 0)
        return {};
    if (secs < 90)
        return QStringLiteral("in %1 s").arg(secs);
    if (secs < 90 * 60)
        return QStringLiteral("in %1 min").arg((secs + 30) / 60);
    if (secs < 48 * 3600)
        return QStringLiteral("in %1 h").arg((secs + 1800) / 3600);
    return QStringLiteral("in %1 days").arg((secs + 43200) / 86400);
}

} // namespace Sluice
