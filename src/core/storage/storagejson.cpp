#include "core/storage/storagejson.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <utility>

namespace Sluice {

namespace {

void putNumber(QJsonObject &object, QLatin1StringView key, qint64 value)
{
    if (value >= 0)
        object.insert(key, value);
}

qint64 takeNumber(const QJsonObject &object, QLatin1StringView key)
{
    const QJsonValue value = object.value(key);
    return value.isDouble() ? value.toInteger(-1) : -1;
}

} // namespace

QJsonObject chatOptionsToJson(const ChatOptions &options)
{
    QJsonObject object;
    if (options.temperature)
        object.insert(QLatin1StringView("temperature"), *options.temperature);
    if (options.topP)
        object.insert(QLatin1StringView("topP"), *options.topP);
    if (options.topK)
        object.insert(QLatin1StringView("topK"), *options.topK);
    if (options.minP)
        object.insert(QLatin1StringView("minP"), *options.minP);
    if (options.repeatPenalty)
        object.insert(QLatin1StringView("repeatPenalty"), *options.repeatPenalty);
    if (options.frequencyPenalty)
        object.insert(QLatin1StringView("frequencyPenalty"), *options.frequencyPenalty);
    if (options.presencePenalty)
        object.insert(QLatin1StringView("presencePenalty"), *options.presencePenalty);
    if (options.contextSize)
        object.insert(QLatin1StringView("contextSize"), *options.contextSize);
    if (options.maxTokens)
        object.insert(QLatin1StringView("maxTokens"), *options.maxTokens);
    if (options.seed)
        object.insert(QLatin1StringView("seed"), *options.seed);
    if (!options.stop.isEmpty())
        object.insert(QLatin1StringView("stop"), QJsonArray::fromStringList(options.stop));
    if (!options.keepAlive.isEmpty())
        object.insert(QLatin1StringView("keepAlive"), options.keepAlive);
    if (!options.think.isEmpty())
        object.insert(QLatin1StringView("think"), options.think);
    return object;
}

ChatOptions chatOptionsFromJson(const QJsonObject &object)
{
    ChatOptions options;
    const auto number = [&object](QLatin1StringView key) {
        return object.value(key);
    };
    if (number(QLatin1StringView("temperature")).isDouble())
        options.temperature = number(QLatin1StringView("temperature")).toDouble();
    if (number(QLatin1StringView("topP")).isDouble())
        options.topP = number(QLatin1StringView("topP")).toDouble();
    if (number(QLatin1StringView("topK")).isDouble())
        options.topK = number(QLatin1StringView("topK")).toInt();
    for (const auto &[key, field] :
         {std::pair{QLatin1StringView("minP"), &ChatOptions::minP},
          std::pair{QLatin1StringView("repeatPenalty"), &ChatOptions::repeatPenalty},
          std::pair{QLatin1StringView("frequencyPenalty"), &ChatOptions::frequencyPenalty},
          std::pair{QLatin1StringView("presencePenalty"), &ChatOptions::presencePenalty}}) {
        if (number(key).isDouble())
            options.*field = number(key).toDouble();
    }
    if (number(QLatin1StringView("contextSize")).isDouble())
        options.contextSize = number(QLatin1StringView("contextSize")).toInt();
    if (number(QLatin1StringView("maxTokens")).isDouble())
        options.maxTokens = number(QLatin1StringView("maxTokens")).toInt();
    if (number(QLatin1StringView("seed")).isDouble())
        options.seed = number(QLatin1StringView("seed")).toInteger();
    const QJsonArray stop = object.value(QLatin1StringView("stop")).toArray();
    for (const QJsonValue &value : stop)
        options.stop.append(value.toString());
    options.keepAlive = object.value(QLatin1StringView("keepAlive")).toString();
    options.think = object.value(QLatin1StringView("think")).toString();
    return options;
}

QJsonObject replyStatsToJson(const ReplyStats &stats)
{
    QJsonObject object;
    putNumber(object, QLatin1StringView("promptTokens"), stats.promptTokens);
    putNumber(object, QLatin1StringView("outputTokens"), stats.outputTokens);
    putNumber(object, QLatin1StringView("timeToFirstTokenMs"), stats.timeToFirstTokenMs);
    putNumber(object, QLatin1StringView("totalMs"), stats.totalMs);
    putNumber(object, QLatin1StringView("loadMs"), stats.loadMs);
    putNumber(object, QLatin1StringView("promptEvalMs"), stats.promptEvalMs);
    putNumber(object, QLatin1StringView("evalMs"), stats.evalMs);
    if (stats.tokensPerSecond >= 0)
        object.insert(QLatin1StringView("tokensPerSecond"), stats.tokensPerSecond);
    if (!stats.finishReason.isEmpty())
        object.insert(QLatin1StringView("finishReason"), stats.finishReason);
    if (!stats.model.isEmpty())
        object.insert(QLatin1StringView("model"), stats.model);
    if (stats.chunks > 0)
        object.insert(QLatin1StringView("chunks"), stats.chunks);
    putNumber(object, QLatin1StringView("promptEstimate"), stats.promptEstimate);
    putNumber(object, QLatin1StringView("contextWindow"), stats.contextWindow);
    if (stats.droppedFromContext)
        object.insert(QLatin1StringView("droppedFromContext"), true);
    return object;
}

ReplyStats replyStatsFromJson(const QJsonObject &object)
{
    ReplyStats stats;
    stats.promptTokens = takeNumber(object, QLatin1StringView("promptTokens"));
    stats.outputTokens = takeNumber(object, QLatin1StringView("outputTokens"));
    stats.timeToFirstTokenMs = takeNumber(object, QLatin1StringView("timeToFirstTokenMs"));
    stats.totalMs = takeNumber(object, QLatin1StringView("totalMs"));
    stats.loadMs = takeNumber(object, QLatin1StringView("loadMs"));
    stats.promptEvalMs = takeNumber(object, QLatin1StringView("promptEvalMs"));
    stats.evalMs = takeNumber(object, QLatin1StringView("evalMs"));
    stats.tokensPerSecond = object.value(QLatin1StringView("tokensPerSecond")).toDouble(-1);
    stats.finishReason = object.value(QLatin1StringView("finishReason")).toString();
    stats.model = object.value(QLatin1StringView("model")).toString();
    stats.chunks = object.value(QLatin1StringView("chunks")).toInt(0);
    stats.promptEstimate = takeNumber(object, QLatin1StringView("promptEstimate"));
    stats.contextWindow = takeNumber(object, QLatin1StringView("contextWindow"));
    stats.droppedFromContext = object.value(QLatin1StringView("droppedFromContext")).toBool();
    return stats;
}

QString jsonObjectToText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject jsonObjectFromText(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

} // namespace Sluice
