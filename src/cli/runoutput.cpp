#include "cli/runoutput.h"

#include "cli/clicommon.h"

#include "core/util/terminaltext.h"

#include <QFile>
#include <QJsonDocument>

#include <cmath>

namespace Sluice::Cli {

QJsonObject statsJson(const ReplyStats &s)
{
    QJsonObject o;
    auto put = [&o](const char *key, qint64 v) {
        if (v >= 0)
            o.insert(QLatin1String(key), v);
    };
    put("prompt_tokens", s.promptTokens);
    put("output_tokens", s.outputTokens);
    put("time_to_first_token_ms", s.timeToFirstTokenMs);
    put("total_ms", s.totalMs);
    put("load_ms", s.loadMs);
    put("prompt_eval_ms", s.promptEvalMs);
    put("eval_ms", s.evalMs);
    put("chunks", s.chunks);
    if (s.tokensPerSecond >= 0)
        o.insert(QStringLiteral("tokens_per_second"), std::round(s.tokensPerSecond * 10) / 10.0);
    if (!s.model.isEmpty())
        o.insert(QStringLiteral("model"), s.model);
    return o;
}

QString jsonLine(const QJsonObject &o)
{
    // Exact and escaped: nothing in a line is a control character to a terminal.
    return escapeUnsafeInJson(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact))) +
           u'\n';
}

QString phaseText(ChatReply *reply)
{
    const QString secs = QString::number(reply->phaseElapsedMs() / 1000);
    switch (reply->phase()) {
    case ChatReply::Phase::Connecting:
        return QStringLiteral("Connecting… %1 s").arg(secs);
    case ChatReply::Phase::Waiting:
        return QStringLiteral("Waiting for the first token… %1 s").arg(secs);
    case ChatReply::Phase::LoadingModel:
        return QStringLiteral("Loading model %1… %2 s").arg(reply->request().model, secs);
    case ChatReply::Phase::Retrying:
        return QStringLiteral("Retrying… %1 s").arg(secs);
    default:
        return {};
    }
}

QJsonObject phaseEvent(const ChatReply *reply, ChatReply::Phase phase)
{
    const QString name = phaseJsonName(phase);
    if (name.isEmpty() || !reply)
        return {};
    QJsonObject o{{QStringLiteral("type"), QStringLiteral("phase")},
                  {QStringLiteral("phase"), name},
                  {QStringLiteral("elapsed_ms"), reply->elapsedMs()}};
    if (phase == ChatReply::Phase::LoadingModel)
        o.insert(QStringLiteral("model"), reply->request().model);
    if (phase == ChatReply::Phase::Waiting && reply->modelLoaded())
        o.insert(QStringLiteral("load_ms"), reply->loadMs());
    return o;
}

QString phaseJsonName(ChatReply::Phase phase)
{
    switch (phase) {
    case ChatReply::Phase::Connecting:
        return QStringLiteral("connecting");
    case ChatReply::Phase::Waiting:
        return QStringLiteral("waiting");
    case ChatReply::Phase::LoadingModel:
        return QStringLiteral("loading");
    case ChatReply::Phase::Streaming:
        return QStringLiteral("streaming");
    case ChatReply::Phase::Retrying:
    case ChatReply::Phase::Finished:
    case ChatReply::Phase::Failed:
        break; // "retry", "done" and "error" say these
    }
    return {};
}

void availableModelsHint(ChatClient &client, const ProviderConfig &provider, QObject *context,
                         std::function<void(const QString &available)> done)
{
    ModelListReply *list = client.listModels(provider);
    QObject::connect(list, &ModelListReply::finished, context,
                     [list, done](const QList<ModelInfo> &models) {
        list->deleteLater();
        QStringList ids;
        for (const ModelInfo &m : models)
            ids.append(m.id);
        if (ids.size() > 8)
            ids = ids.mid(0, 8) << QStringLiteral("…");
        done(ids.isEmpty() ? QStringLiteral(" (the server lists no models)")
                           : QStringLiteral(" (available: %1)").arg(ids.join(u", ")));
    });
    QObject::connect(list, &ModelListReply::failed, context, [list, done](const ChatError &) {
        list->deleteLater();
        done({});
    });
}

} // namespace Sluice::Cli
