#include "core/diagnostics/stepverdicts.h"

#include "core/models/modeltypes.h"
#include "core/net/endpoint.h"
#include "core/net/requestutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Sluice::StepVerdicts {

namespace {

using Status = Diagnostics::Step::Status;

QString humanBytes(double bytes)
{
    if (bytes >= 1e9)
        return QString::number(bytes / 1e9, 'f', 1) + QStringLiteral(" GB");
    return QString::number(bytes / 1e6, 'f', 0) + QStringLiteral(" MB");
}

} // namespace

QString listPreview(const QStringList &ids)
{
    QStringList shown = ids.mid(0, 5);
    if (ids.size() > 5)
        shown.append(QStringLiteral("…"));
    return shown.join(u", ");
}

Verdict modelList(ProviderType type, const QStringList &ids)
{
    if (ids.isEmpty())
        return {Status::Failed, Diagnostics::tr("the server lists no models"),
                type == ProviderType::Ollama ? Diagnostics::tr("pull one: ollama pull llama3.2")
                                             : QString(),
                false};
    return {Status::Passed,
            (ids.size() == 1 ? Diagnostics::tr("1 model: %1")
                             : Diagnostics::tr("%1 models: %2").arg(ids.size()))
                .arg(listPreview(ids)),
            {},
            false};
}

Verdict listFailed(const ChatError &error, ProviderType type, const QUrl &root, bool hasKey)
{
    QString fix;
    if (error.httpStatus == 401 || error.httpStatus == 403)
        fix = hasKey ? Diagnostics::tr("check the key: it may be revoked, mistyped, or for "
                                       "another service")
                     : Diagnostics::tr("set an API key for this provider");
    else if (error.httpStatus == 404 && type == ProviderType::OpenAI &&
             !root.path().endsWith(u"/v1"))
        fix = Diagnostics::tr("OpenAI-compatible servers usually serve under /v1: try %1/v1")
                  .arg(displayBase(root));
    return {Status::Failed, error.message, fix, true};
}

Verdict model(const QString &model, const QStringList &ids, bool ollama)
{
    // Ollama, natively or behind /v1, takes "llama3.2" for "llama3.2:latest".
    for (const QString &id : ids) {
        if (id == model || (ollama && sameModel(id, model)))
            return {Status::Passed, Diagnostics::tr("%1 is available").arg(model), {}, false};
    }
    // llama.cpp's llama-server lists the one model it serves by its file path (or --alias)
    // and answers to any name: real llama-server b4753 answered "tiny" with tiny.gguf.
    if (!ollama && ids.size() == 1 && ids.first().endsWith(u".gguf", Qt::CaseInsensitive))
        return {Status::Passed,
                Diagnostics::tr("%1 is answered by the server's one model, %2").arg(model, ids.first()),
                {}, false};
    return {Status::Failed, Diagnostics::tr("%1 is not among the server's models").arg(model),
            ollama ? Diagnostics::tr("try: ollama pull %1").arg(model)
                   : Diagnostics::tr("choose one of: %1").arg(listPreview(ids)),
            true};
}

Verdict server(ProviderType type, const QString &path, const QUrl &ollamaRoot, int status,
               const QByteArray &body, QString *version)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    const bool isOllama =
        status == 200 && doc.isObject() && doc.object().value(u"version").isString();
    *version = isOllama ? doc.object().value(u"version").toString() : QString();
    const QString native = displayBase(ollamaRoot);
    if (type == ProviderType::Ollama) {
        if (isOllama)
            return {Status::Passed, Diagnostics::tr("Ollama %1").arg(*version), {}};
        if (status == 403 && body.trimmed().isEmpty())
            return {Status::Failed, Diagnostics::tr("HTTP 403 with an empty body"),
                    Diagnostics::tr("Ollama rejects unexpected Host or Origin headers: behind a "
                                    "reverse proxy, send Host: localhost:11434 or set "
                                    "OLLAMA_ORIGINS")};
        return {
            Status::Failed,
            Diagnostics::tr("no Ollama API here (GET /api/version answered HTTP %1)").arg(status),
            Diagnostics::tr("if this is an OpenAI-compatible server, set type openai and a "
                            "base URL ending in /v1")};
    }
    if (type == ProviderType::OpenAI) {
        if (path.endsWith(u"/api"))
            return {Status::Failed,
                    Diagnostics::tr("a base URL ending in /api is Ollama's native API, not the "
                                    "OpenAI-compatible one"),
                    Diagnostics::tr("set type ollama with base URL %1, or use %1/v1").arg(native)};
        if (isOllama)
            return {
                Status::Warning,
                Diagnostics::tr("Ollama %1 through its OpenAI-compatible /v1 API").arg(*version),
                Diagnostics::tr("native API available: set type ollama and base URL %1 (it "
                                "can set the context size and keep the model loaded)")
                    .arg(native)};
        return {Status::Passed, Diagnostics::tr("an OpenAI-compatible server"), {}};
    }
    return {Status::Passed,
            isOllama ? Diagnostics::tr("Ollama %1 (Anthropic-compatible endpoint)").arg(*version)
                     : Diagnostics::tr("an Anthropic Messages API"),
            {}};
}

Verdict stream(const QList<qint64> &arrivalsMs, const ReplyStats &stats)
{
    // Distinct arrival moments: a buffering proxy delivers everything in one burst.
    int bursts = 0;
    qint64 last = -100;
    for (qint64 t : arrivalsMs) {
        if (t - last > 2)
            ++bursts;
        last = t;
    }
    const QString detail = Diagnostics::tr("first token after %1; %2 chunks")
                               .arg(formatSeconds(stats.timeToFirstTokenMs))
                               .arg(arrivalsMs.size());
    if (arrivalsMs.size() >= 5 && bursts <= 1)
        return {Status::Warning, detail + Diagnostics::tr(", all at once"),
                Diagnostics::tr("the stream arrived in one burst: a proxy is buffering it (nginx: "
                                "proxy_buffering off, or send X-Accel-Buffering: no)")};
    return {Status::Passed, detail + Diagnostics::tr(", arriving incrementally"), {}};
}

Verdict loaded(const QString &model, const QByteArray &body, const QDateTime &now)
{
    const QJsonArray models = QJsonDocument::fromJson(body).object().value(u"models").toArray();
    for (const QJsonValue &v : models) {
        const QJsonObject o = v.toObject();
        if (!sameModel(o.value(u"name").toString(), model) &&
            !sameModel(o.value(u"model").toString(), model))
            continue;
        QString detail = Diagnostics::tr("%1 is loaded").arg(model);
        const double vram = o.value(u"size_vram").toDouble(-1);
        const double size = o.value(u"size").toDouble(-1);
        if (size > 0)
            detail +=
                Diagnostics::tr(" (%1, %2 in GPU memory)")
                    .arg(humanBytes(size), vram > 0 ? humanBytes(vram) : Diagnostics::tr("none"));
        const QDateTime expires =
            QDateTime::fromString(o.value(u"expires_at").toString(), Qt::ISODateWithMs);
        if (expires.isValid()) {
            const qint64 secs = now.secsTo(expires);
            if (secs > 0)
                detail += Diagnostics::tr("; unloads in %1 min").arg((secs + 59) / 60);
        }
        return {Status::Passed, detail, {}};
    }
    return {Status::Passed,
            Diagnostics::tr("%1 is not loaded now (the next request loads it)").arg(model),
            {}};
}

} // namespace Sluice::StepVerdicts

namespace Sluice {

QString statusMark(Diagnostics::Step::Status status)
{
    switch (status) {
    case Diagnostics::Step::Status::Passed:
        return QStringLiteral("✓");
    case Diagnostics::Step::Status::Warning:
        return QStringLiteral("!");
    case Diagnostics::Step::Status::Failed:
        return QStringLiteral("✗");
    case Diagnostics::Step::Status::Skipped:
        return QStringLiteral("-");
    case Diagnostics::Step::Status::Running:
        return QStringLiteral("…");
    case Diagnostics::Step::Status::Pending:
        break;
    }
    return QStringLiteral(" ");
}

} // namespace Sluice
