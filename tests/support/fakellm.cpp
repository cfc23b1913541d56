#include "fakellm.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

namespace Sluice::Test {

namespace {

const QByteArray JsonType = QByteArrayLiteral("application/json; charset=utf-8");
const QByteArray NdjsonType = QByteArrayLiteral("application/x-ndjson");
const QByteArray SseType = QByteArrayLiteral("text/event-stream; charset=utf-8");
constexpr qint64 NsPerMs = 1000 * 1000;

QByteArray num(qint64 n)
{
    return QByteArray::number(n);
}

QByteArray str(QByteArrayView s, bool goStyle = false)
{
    return FakeLlm::jsonString(s, goStyle);
}

QByteArray utf8(const QJsonValue &v)
{
    return v.toString().toUtf8();
}

QByteArray nowRfc3339()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8();
}

QByteArray joined(const QList<QByteArray> &pieces)
{
    QByteArray out;
    for (const auto &p : pieces)
        out += p;
    return out;
}

// Rough token counts of a prompt: what matters is that they are plausible and non-zero.
int promptTokens(const QJsonObject &body)
{
    qsizetype chars = 0;
    const QJsonArray messages = body.value(u"messages").toArray();
    for (const auto &m : messages)
        chars += m.toObject().value(u"content").toString().size() + 4;
    chars += body.value(u"system").toString().size();
    return int(qMax<qsizetype>(1, chars / 4));
}

QByteArray ollamaError(const QByteArray &message)
{
    return "{\"error\":" + str(message, true) + '}';
}

QByteArray openAiError(const QByteArray &message, const QByteArray &type, const QByteArray &code)
{
    return "{\"error\":{\"message\":" + str(message) + ",\"type\":" + str(type) +
           ",\"param\":null,\"code\":" + (code.isEmpty() ? QByteArrayLiteral("null") : str(code)) +
           "}}";
}

QByteArray anthropicError(const QByteArray &type, const QByteArray &message)
{
    return "{\"type\":\"error\",\"error\":{\"type\":" + str(type) + ",\"message\":" + str(message) +
           "}}";
}

QByteArray sseEvent(const QByteArray &name, const QByteArray &json)
{
    return "event: " + name + "\ndata: " + json + "\n\n";
}

} // namespace

// What one request will be answered with.
struct FakeLlm::Plan
{
    QByteArray model;
    QList<QByteArray> thinking;
    QList<QByteArray> content;
    bool truncated = false;
    int promptTokens = 1;
    qint64 bench = 0; // > 0: this many benchToken chunks instead of `content`

    Plan(const FakeLlmOptions &o, const QJsonObject &body, bool thinkingOn, qint64 maxTokens)
        : model(utf8(body.value(u"model"))), promptTokens(Sluice::Test::promptTokens(body))
    {
        if (o.benchChunks > 0) {
            bench = o.benchChunks;
            return;
        }
        if (thinkingOn && !o.thinking.isEmpty())
            thinking = FakeLlm::tokens(o.thinking, o.tokenChars);
        content = FakeLlm::tokens(o.reply, o.tokenChars);
        if (maxTokens > 0 && content.size() > maxTokens) {
            content = content.first(maxTokens);
            truncated = true;
        }
    }
    qint64 outputTokens() const { return bench > 0 ? bench : thinking.size() + content.size(); }
};

QByteArray FakeLlmOptions::defaultReply()
{
    return QByteArrayLiteral("Hello from the Sluice test server! \xF0\x9F\x91\x8B "
                             "\xE4\xBD\xA0\xE5\xA5\xBD\xEF\xBC\x8C\xE4\xB8\x96\xE7\x95\x8C "
                             "\"quoted\", a back\\slash \\n (not a newline), <b>tags</b> & "
                             "ampersands.\nSecond line: caf\xC3\xA9 \xE2\x9C\x93 "
                             "\xF0\x9F\x8E\x89");
}

FakeLlm::FakeLlm(TestServer &server, FakeLlmOptions options)
    : QObject(&server), m_options(std::move(options)), m_server(server)
{}

FakeLlm *FakeLlm::install(TestServer &server, FakeLlmOptions options)
{
    auto *llm = new FakeLlm(server, std::move(options));
    llm->install();
    return llm;
}

void FakeLlm::install()
{
    m_server.handle("POST", "/v1/chat/completions",
                    [this](const RecordedRequest &q, Response &r) { openAiChat(q, r); });
    m_server.handle("GET", "/v1/models",
                    [this](const RecordedRequest &q, Response &r) { models(q, r); });
    m_server.handle("POST", "/v1/messages",
                    [this](const RecordedRequest &q, Response &r) { anthropicMessages(q, r); });
    if (!m_options.ollamaApi)
        return;
    const auto text = [](QByteArray body) {
        return [body](const RecordedRequest &, Response &r) {
            r.contentType(QByteArrayLiteral("text/plain; charset=utf-8")).body(body);
        };
    };
    m_server.handle("GET", "/", text(QByteArrayLiteral("Ollama is running")));
    m_server.handle("HEAD", "/", text({}));
    m_server.handle("GET", "/api/version", [this](const RecordedRequest &, Response &r) {
        r.json("{\"version\":" + str(m_options.ollamaVersion) + '}');
    });
    m_server.handle("GET", "/api/tags",
                    [this](const RecordedRequest &, Response &r) { ollamaTags(r); });
    m_server.handle("GET", "/api/ps",
                    [this](const RecordedRequest &, Response &r) { ollamaPs(r); });
    m_server.handle("POST", "/api/show",
                    [this](const RecordedRequest &q, Response &r) { ollamaShow(q, r); });
    m_server.handle("POST", "/api/chat",
                    [this](const RecordedRequest &q, Response &r) { ollamaChat(q, r); });
    m_server.handle("POST", "/api/generate",
                    [this](const RecordedRequest &q, Response &r) { ollamaGenerate(q, r); });
    installModelRoutes();
}

// ---------------------------------------------------------------- helpers

QList<QByteArray> FakeLlm::tokens(const QByteArray &text, int chars)
{
    QList<QByteArray> out;
    const int per = qMax(1, chars);
    qsizetype start = 0;
    int count = 0;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        const bool boundary = i == text.size() || (uchar(text.at(i)) & 0xC0) != 0x80;
        if (!boundary)
            continue;
        if (count == per || (i == text.size() && i > start)) {
            out.append(text.mid(start, i - start));
            start = i;
            count = 0;
        }
        ++count;
    }
    return out;
}

QByteArray FakeLlm::jsonString(QByteArrayView utf8, bool goStyle)
{
    static const char hex[] = "0123456789abcdef";
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out += '"';
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const uchar c = uchar(utf8.at(i));
        switch (c) {
        case '"':
            out += "\\\"";
            continue;
        case '\\':
            out += "\\\\";
            continue;
        case '\n':
            out += "\\n";
            continue;
        case '\r':
            out += "\\r";
            continue;
        case '\t':
            out += "\\t";
            continue;
        default:
            break;
        }
        const bool html = goStyle && (c == '<' || c == '>' || c == '&');
        if (c < 0x20 || html) {
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 0xF];
            continue;
        }
        // Go also escapes U+2028 and U+2029 (E2 80 A8 / E2 80 A9).
        if (goStyle && c == 0xE2 && i + 2 < utf8.size() && uchar(utf8.at(i + 1)) == 0x80 &&
            (uchar(utf8.at(i + 2)) == 0xA8 || uchar(utf8.at(i + 2)) == 0xA9)) {
            out += uchar(utf8.at(i + 2)) == 0xA8 ? "\\u2028" : "\\u2029";
            i += 2;
            continue;
        }
        out += char(c);
    }
    out += '"';
    return out;
}

QByteArray FakeLlm::canonical(const QByteArray &model)
{
    return model.contains(':') ? model : model + ":latest";
}

bool FakeLlm::knownModel(const QByteArray &model) const
{
    if (m_options.models.isEmpty())
        return !model.isEmpty();
    for (const auto &m : m_options.models) {
        if (canonical(m) == canonical(model))
            return true;
    }
    return false;
}

bool FakeLlm::checkOpenAiKey(const RecordedRequest &req, Response &r) const
{
    if (m_options.apiKey.isEmpty())
        return true;
    const QByteArray auth = req.header("authorization");
    if (auth == "Bearer " + m_options.apiKey)
        return true;
    const QByteArray message =
        auth.isEmpty() ? QByteArrayLiteral("You didn't provide an API key. You need to provide "
                                           "your API key in an Authorization header using "
                                           "Bearer auth (i.e. Authorization: Bearer YOUR_KEY).")
                       : QByteArrayLiteral("Incorrect API key provided.");
    r.status(401).json(openAiError(message, "invalid_request_error",
                                   auth.isEmpty() ? QByteArray() : "invalid_api_key"));
    return false;
}

bool FakeLlm::checkAnthropicHeaders(const RecordedRequest &req, Response &r) const
{
    // x-api-key, or a Bearer token as newer SDKs send it.
    if (!m_options.apiKey.isEmpty() && req.header("x-api-key") != m_options.apiKey &&
        req.header("authorization") != "Bearer " + m_options.apiKey) {
        r.status(401).json(anthropicError("authentication_error", "invalid x-api-key"));
        return false;
    }
    if (m_options.requireAnthropicVersion && !req.hasHeader("anthropic-version")) {
        r.status(400).json(
            anthropicError("invalid_request_error", "anthropic-version: header is required"));
        return false;
    }
    return true;
}

bool FakeLlm::silenceAfterLoad(Response &r) const
{
    if (m_options.silenceAfterLoadMs < 0) {
        r.stallBeforeHeaders();
        return true;
    }
    if (m_options.silenceAfterLoadMs > 0)
        r.delayBeforeHeaders(m_options.silenceAfterLoadMs);
    return false;
}

void FakeLlm::writePiece(Response &r, const QByteArray &bytes) const
{
    if (!m_options.splitInsideUtf8) {
        r.write(bytes);
        return;
    }
    QList<int> offsets;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        if (uchar(bytes.at(i)) >= 0xC0)
            offsets.append(int(i + 1));
    }
    r.writeSplit(bytes, offsets);
}

void FakeLlm::writeTokens(Response &r, const QList<QByteArray> &pieces) const
{
    for (qsizetype i = 0; i < pieces.size(); ++i) {
        if (i > 0 && m_options.tokenDelayMs > 0)
            r.delay(m_options.tokenDelayMs);
        writePiece(r, pieces.at(i));
    }
}

void FakeLlm::streamEvents(Response &r, const QList<QByteArray> &events,
                           const StreamShape &shape) const
{
    const FakeLlmFault fault = m_options.fault;
    if (fault == FakeLlmFault::None || fault == FakeLlmFault::HoldAfterEnd) {
        writeTokens(r, events);
        if (fault == FakeLlmFault::HoldAfterEnd)
            r.hold();
        return;
    }
    const qsizetype cut =
        qMin(shape.finaleStart, shape.firstToken + qMax(0, m_options.faultAfterTokens));
    if (fault == FakeLlmFault::KeepAliveForever && cut == 0 && shape.keepAlive.isEmpty()) {
        r.stallBeforeHeaders(); // Ollama: nothing at all
        return;
    }
    writeTokens(r, events.first(cut));
    const int pause = qMax(10, m_options.tokenDelayMs);
    switch (fault) {
    case FakeLlmFault::ErrorMidStream:
        r.delay(pause);
        writePiece(r, shape.errorEvent);
        r.end();
        return;
    case FakeLlmFault::Drop:
        r.delay(pause).drop();
        return;
    case FakeLlmFault::Stall:
        // Nothing sent yet: Ollama writes its status line with the first chunk
        // (server/routes.go, streamResponse: gin's c.Stream), so a model that never
        // produces one leaves the client with no answer at all. The OpenAI and Anthropic
        // streams have sent their opening events by now and go quiet after them.
        if (cut == 0)
            r.stallBeforeHeaders();
        else
            r.hold();
        return;
    case FakeLlmFault::EndWithoutMarker:
        if (!shape.truncatedTail.isEmpty())
            writePiece(r, shape.truncatedTail);
        r.end();
        return;
    case FakeLlmFault::KeepAliveForever:
        if (shape.keepAlive.isEmpty())
            r.hold();
        else
            r.delay(m_options.keepAliveIntervalMs)
                .every(m_options.keepAliveIntervalMs, shape.keepAlive);
        return;
    default:
        return;
    }
}

bool FakeLlm::nonStreamingFault(Response &r, int errorStatus, const QByteArray &errorBody) const
{
    switch (m_options.fault) {
    case FakeLlmFault::ErrorMidStream:
        r.status(errorStatus).json(errorBody);
        return true;
    case FakeLlmFault::Drop:
        r.closeBeforeHeaders();
        return true;
    case FakeLlmFault::Stall:
    case FakeLlmFault::KeepAliveForever:
        r.stallBeforeHeaders();
        return true;
    default:
        return false;
    }
}

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
    const bool stream = body.value(u"stream").toBool(true);
    const bool think = body.value(u"think") != QJsonValue(false);
    const qint64 maxTokens = body.value(u"options").toObject().value(u"num_predict").toInteger(-1);
    const Plan plan(m_options, body, think, maxTokens);
    const bool loadOnly = body.value(u"messages").toArray().isEmpty();
    const bool unload = loadOnly && body.value(u"keep_alive") == QJsonValue(0);
    const qint64 loadNs = unload ? 0 : schedule(model, body, r);
    if (!loadOnly && silenceAfterLoad(r))
        return;
    r.splitWritesEvery(m_options.splitWritesEvery);

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
    if (!stream) {
        if (nonStreamingFault(r, 500, ollamaError(modelError)))
            return;
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
        r.generate([line, left = plan.bench]() mutable -> std::optional<QByteArray> {
            if (left-- <= 0)
                return std::nullopt;
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
               ",\"size_vram\":3291108352,\"context_length\":4096}";
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
    if (!knownModel(model)) {
        r.status(404).json(openAiError("The model `" + model + "` does not exist",
                                       "invalid_request_error", "model_not_found"));
        return;
    }
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
        r.generate([event, left = plan.bench]() mutable -> std::optional<QByteArray> {
            if (left-- <= 0)
                return std::nullopt;
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
    const bool stream = body.value(u"stream").toBool(false);
    const bool think = body.value(u"thinking").toObject().value(u"type").toString() == u"enabled";
    const Plan plan(m_options, body, think, body.value(u"max_tokens").toInteger(-1));
    r.splitWritesEvery(m_options.splitWritesEvery);

    const QByteArray id = "msg_01SluiceTest" + num(m_nextId++);
    const QByteArray stop = plan.truncated ? QByteArrayLiteral("max_tokens") : "end_turn";
    const QByteArray signature = QByteArrayLiteral("EqQBCkYIBRgCIkBzbHVpY2UtdGVzdC1zaWduYXR1cmU=");
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
        r.generate([event, left = plan.bench]() mutable -> std::optional<QByteArray> {
            if (left-- <= 0)
                return std::nullopt;
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
