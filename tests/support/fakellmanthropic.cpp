// The FakeLlm persona's Anthropic Messages API: /v1/messages, streamed as named events.
#include "fakellm.h"
#include "fakellmwire.h"

#include <QJsonObject>

namespace Sluice::Test {

// ---------------------------------------------------------------- Anthropic

void FakeLlm::anthropicMessages(const RecordedRequest &req, Response &r)
{
    if (!checkAnthropicHeaders(req, r))
        return;
    const QJsonObject body = req.json();
    const QByteArray model = utf8(body.value(u"model"));
    if (model.isEmpty()) {
        r.status(400).json(anthropicError("invalid_request_error", "model: Field required"));
        return;
    }
    if (!body.contains(u"max_tokens")) {
        r.status(400).json(anthropicError("invalid_request_error", "max_tokens: Field required"));
        return;
    }
    if (!knownModel(model)) {
        r.status(404).json(anthropicError("not_found_error", "model: " + model));
        return;
    }
    if (refusesTools(model, body, Api::Anthropic, r))
        return;
    const bool stream = body.value(u"stream").toBool(false);
    const bool think = body.value(u"thinking").toObject().value(u"type").toString() == u"enabled";
    const Plan plan(m_options, body, think, body.value(u"max_tokens").toInteger(-1));
    r.splitWritesEvery(m_options.splitWritesEvery);
    if (const QByteArray why = think ? anthropicThinkingProblem(body) : QByteArray();
        !why.isEmpty()) {
        r.status(400).json(anthropicError("invalid_request_error", why));
        return;
    }
    if (toolTurn(body)) {
        anthropicToolCalls(r, model, stream, think);
        return;
    }

    const QByteArray id = "msg_01SluiceTest" + num(m_nextId++);
    const QByteArray stop = plan.truncated ? QByteArrayLiteral("max_tokens") : "end_turn";
    const QByteArray signature(FakeThinkingSignature);
    const qint64 outTokens = plan.outputTokens();

    const QByteArray overloaded = anthropicError("overloaded_error", "Overloaded");
    if (!stream) {
        if (nonStreamingFault(r, 529, overloaded))
            return;
        QByteArray content = "[";
        if (!plan.thinking.isEmpty())
            content += "{\"type\":\"thinking\",\"thinking\":" + str(joined(plan.thinking)) +
                       ",\"signature\":" + str(signature) + "},";
        content += "{\"type\":\"text\",\"text\":" + str(joined(plan.content)) + "}]";
        r.json("{\"id\":" + str(id) + ",\"type\":\"message\",\"role\":\"assistant\",\"model\":" +
               str(model) + ",\"content\":" + content + ",\"stop_reason\":" + str(stop) +
               ",\"stop_sequence\":null,\"usage\":{\"input_tokens\":" + num(plan.promptTokens) +
               ",\"output_tokens\":" + num(outTokens) + "}}");
        return;
    }
    r.contentType(SseType);
    r.header(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-cache"));
    QList<QByteArray> events;
    events.append(
        sseEvent("message_start",
                 "{\"type\":\"message_start\",\"message\":{\"id\":" + str(id) +
                     ",\"type\":\"message\",\"role\":\"assistant\",\"model\":" + str(model) +
                     ",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{"
                     "\"input_tokens\":" +
                     num(plan.promptTokens) + ",\"output_tokens\":1}}}"));
    int index = 0;
    const auto blockStart = [&](const QByteArray &block) {
        events.append(sseEvent("content_block_start",
                               "{\"type\":\"content_block_start\",\"index\":" + num(index) +
                                   ",\"content_block\":" + block + '}'));
    };
    const auto delta = [&](const QByteArray &d) -> QByteArray {
        return sseEvent("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" +
                                                   num(index) + ",\"delta\":" + d + '}');
    };
    const auto blockStop = [&] {
        events.append(sseEvent("content_block_stop",
                               "{\"type\":\"content_block_stop\",\"index\":" + num(index) + '}'));
        ++index;
    };
    StreamShape shape;
    shape.errorEvent = sseEvent("error", overloaded);
    shape.keepAlive = sseEvent("ping", QByteArrayLiteral("{\"type\": \"ping\"}"));
    if (!plan.thinking.isEmpty()) {
        blockStart(QByteArrayLiteral("{\"type\":\"thinking\",\"thinking\":\"\"}"));
        events.append(sseEvent("ping", QByteArrayLiteral("{\"type\": \"ping\"}")));
        shape.firstToken = events.size();
        for (const auto &t : plan.thinking)
            events.append(delta("{\"type\":\"thinking_delta\",\"thinking\":" + str(t) + '}'));
        events.append(delta("{\"type\":\"signature_delta\",\"signature\":" + str(signature) + '}'));
        blockStop();
    }
    blockStart(QByteArrayLiteral("{\"type\":\"text\",\"text\":\"\"}"));
    if (index == 0)
        events.append(sseEvent("ping", QByteArrayLiteral("{\"type\": \"ping\"}")));
    if (plan.thinking.isEmpty())
        shape.firstToken = events.size();
    for (const auto &t : plan.content)
        events.append(delta("{\"type\":\"text_delta\",\"text\":" + str(t) + '}'));
    if (plan.bench > 0) {
        writeTokens(r, events);
        events.clear();
        const QByteArray event =
            delta("{\"type\":\"text_delta\",\"text\":" + str(m_options.benchToken) + '}');
        r.generate([event, left = plan.bench, sent = m_options.benchBytesSent]() mutable
                   -> std::optional<QByteArray> {
            if (left-- <= 0)
                return std::nullopt;
            if (sent)
                *sent += event.size();
            return event;
        });
    }
    blockStop();
    shape.finaleStart = events.size();
    events.append(sseEvent(
        "message_delta",
        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":" + str(stop) +
            ",\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + num(outTokens) + "}}"));
    events.append(sseEvent("message_stop", QByteArrayLiteral("{\"type\":\"message_stop\"}")));
    if (plan.bench > 0)
        writeTokens(r, events);
    else
        streamEvents(r, events, shape);
}

} // namespace Sluice::Test
