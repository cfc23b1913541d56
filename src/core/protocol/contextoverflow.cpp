#include "core/protocol/contextoverflow.h"

namespace Sluice {

std::optional<QString> contextOverflowSentence(int status, const QJsonObject &error,
                                               const QString &detail, const QString &errorType,
                                               const QString &whereShown)
{
    if (status != 400 && status != 0)
        return std::nullopt;
    const QString where = whereShown.isEmpty() ? QStringLiteral("the server") : whereShown;
    const bool llamaCpp = errorType == u"exceed_context_size_error" ||
                          detail.contains(u"exceeds the available context size");
    if (!llamaCpp && error.value(u"code").toString() != u"context_length_exceeded")
        return std::nullopt;
    const qint64 sent = error.value(u"n_prompt_tokens").toInteger(-1);
    const qint64 fits = error.value(u"n_ctx").toInteger(-1);
    const QString larger = llamaCpp ? QStringLiteral("start llama-server with a larger --ctx-size")
                                    : QStringLiteral("choose a model with a larger context");
    if (sent > 0 && fits > 0)
        return QStringLiteral("the conversation (%1 tokens) is longer than the context window of "
                              "%2 (%3 tokens): drop older messages, start a new chat, or %4")
            .arg(QString::number(sent), where, QString::number(fits), larger);
    const QString said = status ? QStringLiteral("HTTP %1: %2").arg(status).arg(detail) : detail;
    return QStringLiteral("the conversation is longer than the context window of %1 (%2): drop "
                          "older messages, start a new chat, or %3")
        .arg(where, said, larger);
}

} // namespace Sluice
