// OpenAI-compatible Chat Completions: POST {root}/chat/completions answering server-sent events.
#include "core/media/imageformat.h"
#include "core/net/endpoint.h"
#include "core/net/fastchunk.h"
#include "core/net/ssedecoder.h"
#include "core/protocol/contextoverflow.h"
#include "core/protocol/protocol.h"
#include "core/protocol/toolwire.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Sluice {

using namespace ProtocolUtil;

namespace {

QString reasoningOf(const QJsonObject &o)
{
    // DeepSeek, llama.cpp and OpenRouter say reasoning_content; Ollama's /v1 and vLLM reasoning.
    QString r = o.value(u"reasoning_content").toString();
    if (r.isEmpty())
        r = o.value(u"reasoning").toString();
    return r;
}

void readUsage(const QJsonObject &obj, ReplyStats &s)
{
    const QJsonValue usage = obj.value(u"usage");
    if (usage.isObject()) {
        const QJsonObject u = usage.toObject();
        s.promptTokens = u.value(u"prompt_tokens").toInteger(s.promptTokens);
        s.outputTokens = u.value(u"completion_tokens").toInteger(s.outputTokens);
    }
    const QJsonValue timings = obj.value(u"timings"); // llama.cpp's server
    if (timings.isObject()) {
        const double tps = timings.toObject().value(u"predicted_per_second").toDouble(-1);
        if (tps > 0)
            s.tokensPerSecond = tps;
    }
    const QString model = obj.value(u"model").toString();
    if (!model.isEmpty())
        s.model = model;
}

DecodedEvent errorEvent(const QJsonObject &obj)
{
    QString type;
    QString msg = errorMessageFromJson(obj, &type);
    const QJsonObject e = obj.value(u"error").toObject();
    if (type.isEmpty())
        type = e.value(u"code").toVariant().toString();
    DecodedEvent ev;
    ev.type = DecodedEvent::Type::Error;
    ev.error = streamError(msg, type);
    const QJsonObject error = obj.value(u"error").isObject() ? e : obj; // llama-server: bare
    if (const auto tooLong = contextOverflowSentence(0, error, msg, type, QString()))
        ev.error.message = *tooLong;
    return ev;
}

class OpenAiDecoder final : public SseDecoder
{
public:
    OpenAiDecoder() { parser().setErrorFieldIsEvent(true); } // llama-server's `error:` lines
    bool answerComplete() const override { return m_finishSeen; }
    ReplyStats stats() const override { return m_stats; }

private:
    void streamEnded(QList<DecodedEvent> &out) override
    {
        // No [DONE], but a finish_reason: the answer is complete (some servers omit [DONE]).
        if (m_finishSeen) {
            m_stopped = true;
            m_stats.toolCalls = m_toolCalls.calls();
            out.append({DecodedEvent::Type::Done, {}, m_stats, {}});
        }
    }

    void handleEvent(const SseEvent &ev, QList<DecodedEvent> &out) override
    {
        if (ev.data == "[DONE]") {
            m_stopped = true;
            if (m_stats.finishReason.isEmpty())
                m_stats.finishReason = QStringLiteral("stop");
            m_stats.toolCalls = m_toolCalls.calls();
            out.append({DecodedEvent::Type::Done, {}, m_stats, {}});
            return;
        }
        if (ev.type != "error" && m_fast.readOpenAi(ev.data, m_chunk)) {
            // The common case, without QJsonDocument.
            if (!m_chunk.model.isEmpty())
                m_stats.model = m_chunk.model;
            if (!m_chunk.reasoning.isEmpty())
                out.append({DecodedEvent::Type::Thinking, m_chunk.reasoning, {}, {}});
            if (!m_chunk.content.isEmpty())
                out.append({DecodedEvent::Type::Content, m_chunk.content, {}, {}});
            return;
        }
        QJsonObject obj;
        if (!parseObject(ev, obj, out))
            return;
        if (ev.type == "error" || obj.contains(u"error")) {
            m_stopped = true;
            out.append(errorEvent(obj));
            return;
        }
        readUsage(obj, m_stats);
        const QJsonArray choices = obj.value(u"choices").toArray();
        if (choices.isEmpty())
            return; // a usage chunk: "choices": [] / null / missing
        const QJsonObject choice = choices.first().toObject();
        const QJsonObject delta = choice.value(u"delta").toObject();
        const QString reasoning = reasoningOf(delta);
        if (!reasoning.isEmpty())
            out.append({DecodedEvent::Type::Thinking, reasoning, {}, {}});
        const QString content = delta.value(u"content").toString(); // may be null
        if (!content.isEmpty())
            out.append({DecodedEvent::Type::Content, content, {}, {}});
        m_toolCalls.feed(delta.value(u"tool_calls").toArray());
        const QString finish = choice.value(u"finish_reason").toString();
        if (!finish.isEmpty()) { // null until the end; old Ollama sent ""
            m_finishSeen = true;
            m_stats.finishReason = finish;
        }
    }

    FastChunkReader m_fast;
    FastChunkReader::OpenAiChunk m_chunk;
    ReplyStats m_stats;
    ToolWire::OpenAiCallJoiner m_toolCalls;
    bool m_finishSeen = false;
};

bool decodeWhole(const QJsonObject &obj, QList<DecodedEvent> &out)
{
    if (obj.contains(u"error")) {
        out.append(errorEvent(obj));
        return true;
    }
    ReplyStats stats;
    readUsage(obj, stats);
    const QJsonArray choices = obj.value(u"choices").toArray();
    if (choices.isEmpty()) {
        DecodedEvent e;
        e.type = DecodedEvent::Type::Error;
        e.error.kind = ChatError::Kind::Protocol;
        e.error.message = QStringLiteral("the server's reply has no choices");
        out.append(e);
        return true;
    }
    const QJsonObject choice = choices.first().toObject();
    const QJsonObject message = choice.value(u"message").toObject();
    const QString reasoning = reasoningOf(message);
    if (!reasoning.isEmpty())
        out.append({DecodedEvent::Type::Thinking, reasoning, {}, {}});
    const QString content = message.value(u"content").toString();
    if (!content.isEmpty())
        out.append({DecodedEvent::Type::Content, content, {}, {}});
    stats.finishReason = choice.value(u"finish_reason").toString(QStringLiteral("stop"));
    stats.toolCalls = ToolWire::openAiCalls(message.value(u"tool_calls").toArray());
    out.append({DecodedEvent::Type::Done, {}, stats, {}});
    return true;
}

// One model of the list answer.
ModelInfo readModel(const QJsonObject &o)
{
    ModelInfo m;
    m.id = o.value(u"id").toString();
    m.name = o.value(u"name").toString(m.id);
    m.contextLength = o.value(u"context_length").toInt(-1);
    return m;
}

const Protocol::Facts OpenAiFacts{ProviderType::OpenAI,
                                  QT_TRANSLATE_NOOP("Sluice::Protocol", "OpenAI-compatible server"),
                                  "a finish_reason or data: [DONE]",
                                  u"/chat/completions",
                                  u"/models",
                                  u"data",
                                  "the model list is not JSON",
                                  readModel};

class OpenAiProtocol final : public DecodingProtocol<OpenAiDecoder, decodeWhole>
{
public:
    OpenAiProtocol() : DecodingProtocol(OpenAiFacts) {}
    QByteArray chatBody(const ChatRequest &request) const override
    {
        QJsonArray messages;
        for (const ChatMessage &m : request.messages) {
            if (ToolWire::isToolMessage(m)) {
                messages.append(ToolWire::openAiMessage(m));
                continue;
            }
            if (m.images.isEmpty()) {
                messages.append(QJsonObject{{QStringLiteral("role"), m.role},
                                            {QStringLiteral("content"), m.content}});
                continue;
            }
            QJsonArray parts{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                         {QStringLiteral("text"), m.content}}};
            for (const QByteArray &img : m.images) {
                const QString type = imageMediaType(img, QStringLiteral("image/png"));
                const QString url =
                    u"data:" + type + u";base64," + QString::fromLatin1(img.toBase64());
                parts.append(QJsonObject{
                    {QStringLiteral("type"), QStringLiteral("image_url")},
                    {QStringLiteral("image_url"), QJsonObject{{QStringLiteral("url"), url}}}});
            }
            messages.append(
                QJsonObject{{QStringLiteral("role"), m.role}, {QStringLiteral("content"), parts}});
        }
        QJsonObject body{{QStringLiteral("model"), request.model},
                         {QStringLiteral("messages"), messages},
                         {QStringLiteral("stream"), request.stream}};
        if (request.stream)
            body.insert(QStringLiteral("stream_options"),
                        QJsonObject{{QStringLiteral("include_usage"), true}});
        const ChatOptions &opt = request.options;
        if (opt.temperature)
            body.insert(QStringLiteral("temperature"), *opt.temperature);
        if (opt.topP)
            body.insert(QStringLiteral("top_p"), *opt.topP);
        if (opt.maxTokens)
            body.insert(QStringLiteral("max_tokens"), *opt.maxTokens);
        if (opt.seed)
            body.insert(QStringLiteral("seed"), *opt.seed);
        if (opt.frequencyPenalty) // top_k, min_p, repeat_penalty: core/chat/samplingsupport
            body.insert(QStringLiteral("frequency_penalty"), *opt.frequencyPenalty);
        if (opt.presencePenalty)
            body.insert(QStringLiteral("presence_penalty"), *opt.presencePenalty);
        if (!opt.stop.isEmpty())
            body.insert(QStringLiteral("stop"), QJsonArray::fromStringList(opt.stop));
        if (opt.think == u"low" || opt.think == u"medium" || opt.think == u"high")
            body.insert(QStringLiteral("reasoning_effort"), opt.think);
        if (!request.tools.isEmpty())
            body.insert(QStringLiteral("tools"), ToolWire::functionTools(request.tools));
        return QJsonDocument(body).toJson(QJsonDocument::Compact);
    }

    QString silentEndReason(const SilentEnd &end) const override
    {
        // Ollama's /v1 goes through the same Completion (openai/openai.go wraps ChatHandler).
        if (!end.ollama || !end.streamed)
            return {};
        return ollamaRepeatGuardReason(end);
    }

    QString silentEndHint(const QUrl &chatUrl, const QUrl &root) const override
    {
        // Ollama's /v1 swallows errors this way; its native API would have said what went wrong.
        if (chatUrl.port() != OllamaDefaultPort)
            return {};
        QUrl native = root;
        native.setPath(QString());
        return QStringLiteral(" (this looks like Ollama's /v1, which hides server errors: use "
                              "type ollama with base URL %1 to see them)")
            .arg(displayBase(native));
    }
};

} // namespace

std::unique_ptr<Protocol> createOpenAiProtocol()
{
    return std::make_unique<OpenAiProtocol>();
}

} // namespace Sluice
