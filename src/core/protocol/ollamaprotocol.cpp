// Ollama's native API: POST {root}/api/chat answering newline-delimited JSON.
#include "core/net/endpoint.h"
#include "core/net/fastchunk.h"
#include "core/net/lineframer.h"
#include "core/protocol/protocol.h"
#include "core/protocol/toolwire.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace Sluice {

using namespace ProtocolUtil;

namespace {

constexpr double NsPerMs = 1'000'000.0;

qint64 nsToMs(const QJsonValue &v)
{
    if (!v.isDouble())
        return -1;
    const double ms = v.toDouble() / NsPerMs;
    // A server's number may be anything: NaN, negative or beyond qint64 is "unknown".
    return ms >= 0 && ms < 9.0e15 ? qint64(ms) : -1;
}

ReplyStats statsFromFinalObject(const QJsonObject &obj)
{
    ReplyStats s;
    s.model = obj.value(u"model").toString();
    s.finishReason = obj.value(u"done_reason").toString(QStringLiteral("stop"));
    s.promptTokens = obj.value(u"prompt_eval_count").toInteger(-1);
    s.outputTokens = obj.value(u"eval_count").toInteger(-1);
    s.totalMs = nsToMs(obj.value(u"total_duration"));
    s.loadMs = nsToMs(obj.value(u"load_duration"));
    s.promptEvalMs = nsToMs(obj.value(u"prompt_eval_duration"));
    const double evalNs = obj.value(u"eval_duration").toDouble(-1);
    if (evalNs > 0) {
        s.evalMs = nsToMs(obj.value(u"eval_duration"));
        const double tps = s.outputTokens > 0 ? double(s.outputTokens) / evalNs * 1e9 : -1;
        if (tps > 0 && tps < 1e9) // finite and believable
            s.tokensPerSecond = tps;
    }
    return s;
}

// Content and thinking of one object, in the order a reader expects them.
void emitMessage(const QJsonObject &obj, QList<DecodedEvent> &out)
{
    const QJsonObject msg = obj.value(u"message").toObject();
    const QString thinking = msg.value(u"thinking").toString();
    if (!thinking.isEmpty())
        out.append({DecodedEvent::Type::Thinking, thinking, {}, {}});
    const QString content = msg.value(u"content").toString();
    if (!content.isEmpty())
        out.append({DecodedEvent::Type::Content, content, {}, {}});
}

bool emitErrorIfAny(const QJsonObject &obj, QList<DecodedEvent> &out)
{
    if (!obj.contains(u"error"))
        return false;
    DecodedEvent ev;
    ev.type = DecodedEvent::Type::Error;
    QString msg = errorMessageFromJson(obj);
    if (msg.isEmpty())
        msg = QStringLiteral("unknown error");
    ev.error.kind = ChatError::Kind::Protocol;
    ev.error.message = QStringLiteral("Ollama reported an error: %1").arg(oneLine(msg, 400));
    out.append(ev);
    return true;
}

class OllamaDecoder final : public StreamDecoder
{
public:
    void feed(QByteArrayView bytes, QList<DecodedEvent> &out) override
    {
        if (m_stopped)
            return;
        m_lines.clear();
        const bool ok = m_framer.feed(bytes, m_lines);
        handleLines(out);
        if (!ok)
            overflow(out);
    }

    void finish(QList<DecodedEvent> &out) override
    {
        if (m_stopped)
            return;
        m_lines.clear();
        m_framer.finish(m_lines);
        handleLines(out);
    }

private:
    void overflow(QList<DecodedEvent> &out)
    {
        if (m_stopped)
            return;
        m_stopped = true;
        out.append(oversizeEvent(QStringLiteral("a line of the reply (no line end)"),
                                 m_framer.maxLineBytes()));
    }

    void handleLines(QList<DecodedEvent> &out)
    {
        for (const QByteArray &line : std::as_const(m_lines)) {
            if (m_stopped)
                return;
            if (m_fast.readOllama(line, m_chunk)) { // the common case, without QJsonDocument
                if (!m_chunk.thinking.isEmpty())
                    out.append({DecodedEvent::Type::Thinking, m_chunk.thinking, {}, {}});
                if (!m_chunk.content.isEmpty())
                    out.append({DecodedEvent::Type::Content, m_chunk.content, {}, {}});
                continue;
            }
            QJsonParseError err{};
            const QJsonDocument doc = QJsonDocument::fromJson(line, &err);
            if (err.error != QJsonParseError::NoError || !doc.isObject()) {
                m_stopped = true;
                DecodedEvent ev;
                ev.type = DecodedEvent::Type::Error;
                ev.error.kind = ChatError::Kind::Protocol;
                const QByteArray start = line.trimmed().left(16).toLower();
                ev.error.message =
                    start.startsWith('<')
                        ? QStringLiteral("the server sent an HTML page instead of Ollama's "
                                         "stream; check the base URL (a proxy or web page "
                                         "answered)")
                        : QStringLiteral("the server sent a line that is not JSON: \"%1\" (is "
                                         "this an Ollama server?)")
                              .arg(oneLine(QString::fromUtf8(line), 80));
                out.append(ev);
                return;
            }
            const QJsonObject obj = doc.object();
            if (emitErrorIfAny(obj, out)) {
                m_stopped = true;
                return;
            }
            emitMessage(obj, out);
            m_toolCalls += ToolWire::ollamaCalls(
                obj.value(u"message").toObject().value(u"tool_calls").toArray(),
                int(m_toolCalls.size()));
            if (obj.value(u"done").toBool()) {
                m_stopped = true;
                ReplyStats stats = statsFromFinalObject(obj);
                stats.toolCalls = m_toolCalls;
                out.append({DecodedEvent::Type::Done, {}, stats, {}});
                return;
            }
        }
    }

    FastChunkReader m_fast;
    FastChunkReader::OllamaChunk m_chunk;
    LineFramer m_framer;
    QList<QByteArray> m_lines;
    QList<ToolCallRequest> m_toolCalls; // each arrives whole, in a chunk before the last
    bool m_stopped = false;
};

bool decodeWhole(const QJsonObject &obj, QList<DecodedEvent> &out)
{
    if (emitErrorIfAny(obj, out))
        return true;
    emitMessage(obj, out);
    if (obj.value(u"done").toBool(true)) {
        ReplyStats stats = statsFromFinalObject(obj);
        stats.toolCalls =
            ToolWire::ollamaCalls(obj.value(u"message").toObject().value(u"tool_calls").toArray(), 0);
        out.append({DecodedEvent::Type::Done, {}, stats, {}});
    }
    return true;
}

// A number of seconds goes as a JSON number: Ollama's api/types.go Duration reads a string
// with time.ParseDuration, which refuses "1.5" and "90" ("missing unit in duration", 400).
QJsonValue keepAliveValue(const QString &text)
{
    bool ok = false;
    const qlonglong n = text.toLongLong(&ok);
    if (ok)
        return QJsonValue(n);
    const double seconds = text.toDouble(&ok);
    if (ok && std::isfinite(seconds))
        return QJsonValue(seconds);
    return QJsonValue(text);
}

// One model of the list answer.
ModelInfo readModel(const QJsonObject &o)
{
    ModelInfo m;
    m.id = o.value(u"model").toString(o.value(u"name").toString());
    m.name = o.value(u"name").toString(m.id);
    m.sizeBytes = o.value(u"size").toInteger(-1);
    m.modified = o.value(u"modified_at").toString();
    const QJsonObject d = o.value(u"details").toObject();
    m.parameterSize = d.value(u"parameter_size").toString();
    m.quantization = d.value(u"quantization_level").toString();
    m.family = d.value(u"family").toString();
    return m;
}

const Protocol::Facts OllamaFacts{
    ProviderType::Ollama, QT_TRANSLATE_NOOP("Sluice::Protocol", "Ollama"),
    "Ollama's final \"done\": true line", u"/api/chat", u"/api/tags", u"models",
    "the model list from Ollama is not JSON", readModel};

class OllamaProtocol final : public DecodingProtocol<OllamaDecoder, decodeWhole>
{
public:
    OllamaProtocol() : DecodingProtocol(OllamaFacts) {}
    QString silentEndReason(const SilentEnd &end) const override
    {
        return ollamaRepeatGuardReason(end);
    }
    QByteArray chatBody(const ChatRequest &request) const override
    {
        QJsonArray messages;
        for (const ChatMessage &m : request.messages) {
            if (ToolWire::isToolMessage(m)) {
                messages.append(ToolWire::ollamaMessage(m));
                continue;
            }
            QJsonObject o{{QStringLiteral("role"), m.role}, {QStringLiteral("content"), m.content}};
            if (!m.images.isEmpty()) {
                QJsonArray images;
                for (const QByteArray &img : m.images)
                    images.append(QString::fromLatin1(img.toBase64()));
                o.insert(QStringLiteral("images"), images);
            }
            messages.append(o);
        }
        QJsonObject body{{QStringLiteral("model"), request.model},
                         {QStringLiteral("messages"), messages},
                         {QStringLiteral("stream"), request.stream}};
        if (!request.tools.isEmpty())
            body.insert(QStringLiteral("tools"), ToolWire::functionTools(request.tools));
        const ChatOptions &opt = request.options;
        QJsonObject options;
        if (opt.temperature)
            options.insert(QStringLiteral("temperature"), *opt.temperature);
        if (opt.topP)
            options.insert(QStringLiteral("top_p"), *opt.topP);
        if (opt.topK)
            options.insert(QStringLiteral("top_k"), *opt.topK);
        if (opt.minP) // Ollama's api/types.go Options: min_p, repeat_penalty, …_penalty
            options.insert(QStringLiteral("min_p"), *opt.minP);
        if (opt.repeatPenalty)
            options.insert(QStringLiteral("repeat_penalty"), *opt.repeatPenalty);
        if (opt.frequencyPenalty)
            options.insert(QStringLiteral("frequency_penalty"), *opt.frequencyPenalty);
        if (opt.presencePenalty)
            options.insert(QStringLiteral("presence_penalty"), *opt.presencePenalty);
        if (opt.contextSize)
            options.insert(QStringLiteral("num_ctx"), *opt.contextSize);
        if (opt.maxTokens)
            options.insert(QStringLiteral("num_predict"), *opt.maxTokens);
        if (opt.seed)
            options.insert(QStringLiteral("seed"), *opt.seed);
        if (!opt.stop.isEmpty())
            options.insert(QStringLiteral("stop"), QJsonArray::fromStringList(opt.stop));
        if (!options.isEmpty())
            body.insert(QStringLiteral("options"), options);
        if (!opt.keepAlive.isEmpty())
            body.insert(QStringLiteral("keep_alive"), keepAliveValue(opt.keepAlive));
        if (opt.think == u"true" || opt.think == u"false")
            body.insert(QStringLiteral("think"), opt.think == u"true");
        else if (!opt.think.isEmpty())
            body.insert(QStringLiteral("think"), opt.think);
        return QJsonDocument(body).toJson(QJsonDocument::Compact);
    }

    QByteArray acceptHeader(bool stream) const override
    {
        return stream ? QByteArray("application/x-ndjson") : QByteArray("application/json");
    }
};

} // namespace

std::unique_ptr<Protocol> createOllamaProtocol()
{
    return std::make_unique<OllamaProtocol>();
}

} // namespace Sluice
