// The FakeLlm persona's OpenAI-compatible API: /v1/chat/completions and /v1/models (which
// answers Anthropic's model list too, told apart by its headers).
#include "fakellm.h"
#include "fakellmwire.h"

#include <QDateTime>
#include <QJsonObject>

namespace Sluice::Test {

// ---------------------------------------------------------------- OpenAI-compatible

void FakeLlm::openAiChat(const RecordedRequest &req, Response &r)
{
    if (!checkOpenAiKey(req, r))
        return;
    const QJsonObject body = req.json();
    const QByteArray model = utf8(body.value(u"model"));
    if (model.isEmpty()) {
        r.status(400).json(
            openAiError("you must provide a model parameter", "invalid_request_error", {}));
        return;
    }
    // llama-server serves its one model whatever the request names (llamaCppContext).
    if (m_options.llamaCppContext <= 0 && !knownModel(model)) {
        r.status(404).json(openAiError("The model `" + model + "` does not exist",
                                       "invalid_request_error", "model_not_found"));
        return;
    }
    if (refusesTools(model, body, Api::OpenAi, r) || llamaCppRefuses(body, r))
        return;
    const bool stream = body.value(u"stream").toBool(false);
    qint64 maxTokens = body.value(u"max_completion_tokens").toInteger(-1);
    if (maxTokens <= 0)
        maxTokens = body.value(u"max_tokens").toInteger(-1);
    const Plan plan(m_options, body, true, maxTokens);
    if (m_options.ollamaApi) {
        schedule(model, body, r); // Ollama's /v1 goes through the same scheduler
        if (silenceAfterLoad(r))
            return;
    }
    r.splitWritesEvery(m_options.splitWritesEvery);
    if (toolTurn(body)) {
        openAiToolCalls(r, model, stream);
        return;
    }

    const QByteArray id = "chatcmpl-" + num(m_nextId++);
    const QByteArray created = num(QDateTime::currentSecsSinceEpoch());
    const QByteArray reason = plan.truncated ? QByteArrayLiteral("length") : "stop";
    const qint64 outTokens = plan.outputTokens();
    const QByteArray usage = "{\"prompt_tokens\":" + num(plan.promptTokens) +
                             ",\"completion_tokens\":" + num(outTokens) +
                             ",\"total_tokens\":" + num(plan.promptTokens + outTokens) + '}';
    const QByteArray field = m_options.reasoningField;

    const QByteArray serverError =
        openAiError("an error was encountered while running the model", "server_error", {});
    if (!stream) {
        if (nonStreamingFault(r, 500, serverError))
            return;
        QByteArray message = "{\"role\":\"assistant\",\"content\":" + str(joined(plan.content));
        if (!plan.thinking.isEmpty())
            message += ",\"" + field + "\":" + str(joined(plan.thinking));
        message += '}';
        r.json("{\"id\":" + str(id) + ",\"object\":\"chat.completion\",\"created\":" + created +
               ",\"model\":" + str(model) +
               ",\"system_fingerprint\":\"fp_sluice\",\"choices\":[{\"index\":0,\"message\":" +
               message + ",\"finish_reason\":" + str(reason) + "}],\"usage\":" + usage + '}');
        return;
    }
    const QByteArray head = "data: {\"id\":" + str(id) +
                            ",\"object\":\"chat.completion.chunk\",\"created\":" + created +
                            ",\"model\":" + str(model) + ",\"system_fingerprint\":\"fp_sluice\"";
    const auto chunk = [&head](const QByteArray &delta, const QByteArray &finish) -> QByteArray {
        return head + ",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" +
               (finish.isEmpty() ? QByteArrayLiteral("null") : str(finish)) + "}]}\n\n";
    };
    r.contentType(SseType);
    r.header(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-cache"));
    QList<QByteArray> events;
    events.append(chunk(QByteArrayLiteral("{\"role\":\"assistant\",\"content\":\"\"}"), {}));
    for (const auto &t : plan.thinking)
        events.append(chunk("{\"" + field + "\":" + str(t) + '}', {}));
    for (const auto &t : plan.content)
        events.append(chunk("{\"content\":" + str(t) + '}', {}));
    if (plan.bench > 0) {
        writeTokens(r, events);
        const QByteArray event = chunk("{\"content\":" + str(m_options.benchToken) + '}', {});
        r.generate([event, left = plan.bench, sent = m_options.benchBytesSent]() mutable
                   -> std::optional<QByteArray> {
            if (left-- <= 0)
                return std::nullopt;
            if (sent)
                *sent += event.size();
            return event;
        });
        events.clear();
    }
    StreamShape shape;
    shape.firstToken = plan.bench > 0 ? 0 : 1;
    shape.finaleStart = events.size();
    shape.errorEvent = "data: " + serverError + "\n\n";
    shape.keepAlive = QByteArrayLiteral(": keep-alive\n\n");
    shape.truncatedTail = chunk(QByteArrayLiteral("{\"role\":\"assistant\",\"content\":\"\"}"), {});
    events.append(chunk(QByteArrayLiteral("{}"), reason));
    if (body.value(u"stream_options").toObject().value(u"include_usage").toBool(false))
        events.append(head + ",\"choices\":[],\"usage\":" + usage + "}\n\n");
    events.append(QByteArrayLiteral("data: [DONE]\n\n"));
    if (plan.bench > 0)
        writeTokens(r, events);
    else
        streamEvents(r, events, shape);
}

void FakeLlm::models(const RecordedRequest &req, Response &r) const
{
    const bool anthropic = req.hasHeader("anthropic-version") || req.hasHeader("x-api-key");
    if (anthropic) {
        if (!checkAnthropicHeaders(req, r))
            return;
        QByteArray out = "{\"data\":[";
        for (qsizetype i = 0; i < m_options.models.size(); ++i) {
            const QByteArray &m = m_options.models.at(i);
            out += (i ? "," : "") + QByteArrayLiteral("{\"type\":\"model\",\"id\":") + str(m) +
                   ",\"display_name\":" + str(m) + ",\"created_at\":\"2025-02-19T00:00:00Z\"}";
        }
        const QByteArray firstId =
            m_options.models.isEmpty() ? "null" : str(m_options.models.first());
        const QByteArray lastId =
            m_options.models.isEmpty() ? "null" : str(m_options.models.last());
        r.json(out + "],\"has_more\":false,\"first_id\":" + firstId + ",\"last_id\":" + lastId +
               '}');
        return;
    }
    if (!checkOpenAiKey(req, r))
        return;
    QByteArray out = "{\"object\":\"list\",\"data\":[";
    for (qsizetype i = 0; i < m_options.models.size(); ++i) {
        out += (i ? "," : "") + QByteArrayLiteral("{\"id\":") + str(m_options.models.at(i)) +
               ",\"object\":\"model\",\"created\":1727690142,\"owned_by\":\"library\"}";
    }
    r.json(out + "]}");
}

} // namespace Sluice::Test
