// The FakeLlm persona's Ollama native API: /api/chat (and load-only requests), /api/tags,
// /api/ps and /api/show. Loads: fakellmsched.cpp; pulls and deletes: fakellmmodels.cpp.
#include "fakellm.h"
#include "fakellmwire.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

namespace Sluice::Test {

namespace {

// The prompt tokens Ollama evaluates for a chat against a window of numCtx tokens, as
// Ollama cuts a prompt that does not fit, silently, answering 200 all the same:
// server/prompt.go (chatPrompt) drops whole messages from the front — never the last one,
// and keeping the system messages — until the rest fits; what is then still too long the
// runner cuts to exactly numCtx tokens (runner/llamarunner/runner.go, NewSequence:
// "truncating input prompt"), and prompt_eval_count counts what was kept.
int cutPrompt(const QJsonObject &body, int numCtx)
{
    const int whole = promptTokens(body);
    if (numCtx <= 0 || whole <= numCtx)
        return whole;
    QJsonArray messages = body.value(u"messages").toArray();
    QJsonObject rest = body;
    for (qsizetype first = 0; first + 1 < messages.size();) {
        if (messages.at(first).toObject().value(u"role").toString() == u"system") {
            ++first;
            continue;
        }
        messages.removeAt(first);
        rest.insert(QStringLiteral("messages"), messages);
        if (promptTokens(rest) <= numCtx)
            return promptTokens(rest);
    }
    return numCtx;
}

} // namespace

// ---------------------------------------------------------------- Ollama

void FakeLlm::ollamaChat(const RecordedRequest &req, Response &r)
{
    const QJsonObject body = req.json();
    const QByteArray model = utf8(body.value(u"model"));
    if (model.isEmpty()) {
        r.status(400).json(ollamaError("model is required"));
        return;
    }
    if (!knownModel(model)) {
        r.status(404).json(ollamaError("model \"" + model + "\" not found, try pulling it first"));
        return;
    }
    if (refusesTools(model, body, Api::Ollama, r))
        return;
    const bool stream = body.value(u"stream").toBool(true);
    const bool think = body.value(u"think") != QJsonValue(false);
    const qint64 maxTokens = body.value(u"options").toObject().value(u"num_predict").toInteger(-1);
    Plan plan(m_options, body, think, maxTokens);
    plan.promptTokens = cutPrompt(body, int(body.value(u"options")
                                                .toObject()
                                                .value(u"num_ctx")
                                                .toInteger(m_options.ollamaContextLength)));
    const bool loadOnly = body.value(u"messages").toArray().isEmpty();
    const bool unload = loadOnly && body.value(u"keep_alive") == QJsonValue(0);
    const qint64 loadNs = unload ? 0 : schedule(model, body, r);
    if (!loadOnly && silenceAfterLoad(r))
        return;
    r.splitWritesEvery(m_options.splitWritesEvery);
    if (!loadOnly && toolTurn(body)) {
        ollamaToolCalls(r, model, stream);
        return;
    }

    const QByteArray head = "{\"model\":" + str(model, true) + ",\"created_at\":";
    const auto metrics = [&](const QByteArray &reason, qint64 evalCount) -> QByteArray {
        const qint64 promptNs = plan.promptTokens * 2 * NsPerMs;
        const qint64 evalNs =
            qMax<qint64>(1, evalCount) * qMax(1, m_options.tokenDelayMs) * NsPerMs;
        return ",\"done_reason\":" + str(reason) +
               ",\"done\":true,\"total_duration\":" + num(loadNs + promptNs + evalNs + 250000) +
               ",\"load_duration\":" + num(loadNs + 1500000) +
               ",\"prompt_eval_count\":" + num(plan.promptTokens) +
               ",\"prompt_eval_duration\":" + num(promptNs) + ",\"eval_count\":" + num(evalCount) +
               ",\"eval_duration\":" + num(evalNs) + "}\n";
    };
    const auto message = [](const QByteArray &content, const QByteArray &thinking) -> QByteArray {
        QByteArray m = "{\"role\":\"assistant\",\"content\":" + str(content, true);
        if (!thinking.isEmpty())
            m += ",\"thinking\":" + str(thinking, true);
        return m + '}';
    };
    const QByteArray reason = plan.truncated ? QByteArrayLiteral("length") : "stop";

    if (loadOnly) { // a load (or unload) request
        if (unload)
            m_models.remove(canonical(model));
        r.contentType(stream ? NdjsonType : JsonType);
        r.write(head + str(nowRfc3339()) + ",\"message\":" + message({}, {}) +
                ",\"done_reason\":" + (unload ? "\"unload\"" : "\"load\"") + ",\"done\":true}\n");
        r.chunked(stream);
        return;
    }
    const QByteArray modelError =
        QByteArrayLiteral("an error was encountered while running the model: unexpected EOF");
    const QByteArray repeated = QByteArray("e").repeated(31);
    if (!stream) {
        if (nonStreamingFault(r, 500, ollamaError(modelError)))
            return;
        if (m_options.fault == FakeLlmFault::RepeatGuard) {
            r.json(head + str(nowRfc3339()) + ",\"message\":" +
                   message(joined(plan.content) + repeated, joined(plan.thinking)) +
                   ",\"done\":false}");
            return;
        }
        r.json(head + str(nowRfc3339()) +
               ",\"message\":" + message(joined(plan.content), joined(plan.thinking)) +
               metrics(reason, plan.outputTokens()));
        return;
    }
    r.contentType(NdjsonType);
    if (plan.bench > 0) {
        const QByteArray line = head + str(nowRfc3339()) +
                                ",\"message\":" + message(m_options.benchToken, {}) +
                                ",\"done\":false}\n";
        r.generate([line, left = plan.bench,
                    sent = m_options.benchBytesSent]() mutable -> std::optional<QByteArray> {
            if (left-- <= 0)
                return std::nullopt;
            if (sent)
                *sent += line.size();
            return line;
        });
    } else {
        QList<QByteArray> lines;
        for (const auto &t : plan.thinking)
            lines.append(head + str(nowRfc3339()) + ",\"message\":" + message({}, t) +
                         ",\"done\":false}\n");
        for (const auto &t : plan.content)
            lines.append(head + str(nowRfc3339()) + ",\"message\":" + message(t, {}) +
                         ",\"done\":false}\n");
        if (m_options.fault == FakeLlmFault::RepeatGuard) {
            for (const char e : repeated)
                lines.append(head + str(nowRfc3339()) + ",\"message\":" +
                             message(QByteArray(1, e), {}) + ",\"done\":false}\n");
            writeTokens(r, lines);
            r.end();
            return;
        }
        StreamShape shape;
        shape.finaleStart = lines.size();
        shape.errorEvent = ollamaError(modelError) + '\n';
        lines.append(head + str(nowRfc3339()) + ",\"message\":" + message({}, {}) +
                     metrics(reason, plan.outputTokens()));
        streamEvents(r, lines, shape);
        return;
    }
    writePiece(r, head + str(nowRfc3339()) + ",\"message\":" + message({}, {}) +
                      metrics(reason, plan.outputTokens()));
}

namespace {

QByteArray ollamaDetails(const QByteArray &model)
{
    const bool qwen = model.startsWith("qwen");
    return QByteArrayLiteral("{\"parent_model\":\"\",\"format\":\"gguf\",\"family\":") +
           (qwen ? "\"qwen3\",\"families\":[\"qwen3\"],\"parameter_size\":\"4.0B\""
                 : "\"llama\",\"families\":[\"llama\"],\"parameter_size\":\"3.2B\"") +
           ",\"quantization_level\":\"Q4_K_M\"}";
}

QByteArray fakeDigest(const QByteArray &model)
{
    return QByteArray::number(qHash(model), 16).rightJustified(64, 'a');
}

} // namespace

void FakeLlm::ollamaTags(Response &r) const
{
    QByteArray out = "{\"models\":[";
    for (qsizetype i = 0; i < m_options.models.size(); ++i) {
        const QByteArray m = canonical(m_options.models.at(i));
        out += (i ? "," : "") + QByteArrayLiteral("{\"name\":") + str(m) + ",\"model\":" + str(m) +
               ",\"modified_at\":\"2025-09-30T10:15:42.123456789+02:00\",\"size\":2019393189"
               ",\"digest\":" +
               str(fakeDigest(m)) + ",\"details\":" + ollamaDetails(m) + '}';
    }
    r.json(out + "]}");
}

void FakeLlm::ollamaPs(Response &r) const
{
    QByteArray out = "{\"models\":[";
    bool first = true;
    for (auto it = m_models.cbegin(); it != m_models.cend(); ++it) {
        // Listed from the start of the load (fakellmsched.cpp), until keep_alive runs out.
        if (!it->loading && !isLoaded(it.key()))
            continue;
        // keep_alive < 0: Ollama reports a time far in the future.
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QByteArray expires =
            (it->keepAliveSecs < 0 ? now.addYears(293) : now.addSecs(it->keepAliveSecs))
                .toString(Qt::ISODateWithMs)
                .toUtf8();
        out += (first ? "" : ",") + QByteArrayLiteral("{\"name\":") + str(it.key()) +
               ",\"model\":" + str(it.key()) +
               ",\"size\":3291108352,\"digest\":" + str(fakeDigest(it.key())) +
               ",\"details\":" + ollamaDetails(it.key()) + ",\"expires_at\":" + str(expires) +
               ",\"size_vram\":3291108352,\"context_length\":" + num(it->contextLength) + '}';
        first = false;
    }
    r.json(out + "]}");
}

void FakeLlm::ollamaShow(const RecordedRequest &req, Response &r) const
{
    const QJsonObject body = req.json();
    QByteArray model = utf8(body.value(u"model"));
    if (model.isEmpty())
        model = utf8(body.value(u"name"));
    if (!knownModel(model)) {
        r.status(404).json(ollamaError("model '" + model + "' not found"));
        return;
    }
    const bool qwen = model.startsWith("qwen");
    const QByteArray arch = qwen ? "qwen3" : "llama";
    QByteArray caps = "[\"completion\",\"tools\"";
    if (!m_options.thinking.isEmpty())
        caps += ",\"thinking\"";
    if (model.contains("llava") || model.contains("vision"))
        caps += ",\"vision\"";
    caps += ']';
    r.json("{\"license\":\"test license\",\"modelfile\":\"FROM " + model +
           "\",\"parameters\":\"stop \\\"\\u003c|eot_id|\\u003e\\\"\",\"template\":"
           "\"{{ .Prompt }}\",\"details\":" +
           ollamaDetails(model) + ",\"model_info\":{\"general.architecture\":" + str(arch) +
           ",\"general.parameter_count\":3212749888,\"" + arch + ".context_length\":131072,\"" +
           arch + ".embedding_length\":3072},\"capabilities\":" + caps +
           ",\"modified_at\":\"2025-09-30T10:15:42.123456789+02:00\"}");
}

} // namespace Sluice::Test
