// Anthropic Messages: POST {root}/v1/messages answering named server-sent events.
#include "core/net/endpoint.h"
#include "core/media/imageformat.h"
#include "core/protocol/protocol.h"
#include "core/net/ssedecoder.h"
#include "core/protocol/toolwire.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Sluice {

using namespace ProtocolUtil;

namespace {

constexpr int DefaultMaxTokens = 4096;

DecodedEvent errorEvent(const QJsonObject &obj)
{
    QString type;
    const QString msg = errorMessageFromJson(obj, &type);
    DecodedEvent ev;
    ev.type = DecodedEvent::Type::Error;
    ev.error = streamError(msg, type);
    return ev;
}

void readUsage(const QJsonObject &usage, ReplyStats &s)
{
    if (usage.contains(u"input_tokens"))
        s.promptTokens = usage.value(u"input_tokens").toInteger(s.promptTokens);
    if (usage.contains(u"output_tokens")) // cumulative in message_delta
        s.outputTokens = usage.value(u"output_tokens").toInteger(s.outputTokens);
}

class AnthropicDecoder final : public SseDecoder
{
public:
    // Only message_stop completes a message: a stream that ends before it is incomplete.
    ReplyStats stats() const override { return m_stats; }

private:
    void handleEvent(const SseEvent &ev, QList<DecodedEvent> &out) override
    {
        QJsonObject obj;
        if (!parseObject(ev, obj, out))
            return;
        QString type = QString::fromUtf8(ev.type);
        if (type.isEmpty())
            type = obj.value(u"type").toString();
        if (type == u"error" || obj.value(u"type").toString() == u"error") {
            m_stopped = true;
            out.append(errorEvent(obj));
            return;
        }
        if (type == u"content_block_delta") {
            const QJsonObject delta = obj.value(u"delta").toObject();
            const QString dt = delta.value(u"type").toString();
            if (dt == u"text_delta") {
                const QString text = delta.value(u"text").toString();
                if (!text.isEmpty())
                    out.append({DecodedEvent::Type::Content, text, {}, {}});
            } else if (dt == u"thinking_delta") {
                const QString text = delta.value(u"thinking").toString();
                if (!text.isEmpty())
                    out.append({DecodedEvent::Type::Thinking, text, {}, {}});
                m_toolCalls.thinkingDelta(obj);
            } else if (!m_toolCalls.inputDelta(obj)) {
                m_toolCalls.thinkingDelta(obj); // signature_delta
            }
        } else if (type == u"content_block_start") {
            m_toolCalls.blockStarted(obj);
        } else if (type == u"message_start") {
            const QJsonObject msg = obj.value(u"message").toObject();
            m_stats.model = msg.value(u"model").toString();
            readUsage(msg.value(u"usage").toObject(), m_stats);
        } else if (type == u"message_delta") {
            const QString stop = obj.value(u"delta").toObject().value(u"stop_reason").toString();
            if (!stop.isEmpty())
                m_stats.finishReason = stop;
            readUsage(obj.value(u"usage").toObject(), m_stats);
        } else if (type == u"message_stop") {
            m_stopped = true;
            if (m_stats.finishReason.isEmpty())
                m_stats.finishReason = QStringLiteral("end_turn");
            m_stats.toolCalls = m_toolCalls.calls();
            if (!m_stats.toolCalls.isEmpty()) // they go back with the calls' results
                m_stats.thinkingBlocks = m_toolCalls.thinkingBlocks();
            out.append({DecodedEvent::Type::Done, {}, m_stats, {}});
            return;
        }
        // ping, content_block_start/stop and unknown events carry no text.
    }

    ReplyStats m_stats;
    ToolWire::AnthropicCallJoiner m_toolCalls;
};

bool decodeWhole(const QJsonObject &obj, QList<DecodedEvent> &out)
{
    if (obj.value(u"type").toString() == u"error" || obj.contains(u"error")) {
        out.append(errorEvent(obj));
        return true;
    }
    const QJsonArray blocks = obj.value(u"content").toArray();
    for (const QJsonValue &v : blocks) {
        const QJsonObject b = v.toObject();
        const QString t = b.value(u"type").toString();
        if (t == u"thinking")
            out.append({DecodedEvent::Type::Thinking, b.value(u"thinking").toString(), {}, {}});
        else if (t == u"text")
            out.append({DecodedEvent::Type::Content, b.value(u"text").toString(), {}, {}});
    }
    ReplyStats stats;
    stats.model = obj.value(u"model").toString();
    stats.finishReason = obj.value(u"stop_reason").toString(QStringLiteral("end_turn"));
    readUsage(obj.value(u"usage").toObject(), stats);
    stats.toolCalls = ToolWire::anthropicCalls(blocks);
    if (!stats.toolCalls.isEmpty())
        stats.thinkingBlocks = ToolWire::anthropicThinking(blocks);
    out.append({DecodedEvent::Type::Done, {}, stats, {}});
    return true;
}

// One model of the list answer.
ModelInfo readModel(const QJsonObject &o)
{
    ModelInfo m;
    m.id = o.value(u"id").toString();
    m.name = o.value(u"display_name").toString(m.id);
    return m;
}

const Protocol::Facts AnthropicFacts{
    ProviderType::Anthropic, QT_TRANSLATE_NOOP("Sluice::Protocol", "Anthropic"), "message_stop",
    u"/v1/messages", u"/v1/models", u"data", "the model list from Anthropic is not JSON",
    readModel};

class AnthropicProtocol final : public DecodingProtocol<AnthropicDecoder, decodeWhole>
{
public:
    AnthropicProtocol() : DecodingProtocol(AnthropicFacts) {}
    QByteArray chatBody(const ChatRequest &request) const override
    {
        QJsonArray messages;
        QStringList system;
        for (const ChatMessage &m : request.messages) {
            if (m.role == u"system") {
                system.append(m.content);
                continue;
            }
            if (ToolWire::isToolMessage(m)) {
                ToolWire::appendAnthropicMessage(m, messages);
                continue;
            }
            if (m.images.isEmpty()) {
                messages.append(QJsonObject{{QStringLiteral("role"), m.role},
                                            {QStringLiteral("content"), m.content}});
                continue;
            }
            QJsonArray parts;
            for (const QByteArray &img : m.images) {
                parts.append(QJsonObject{
                    {QStringLiteral("type"), QStringLiteral("image")},
                    {QStringLiteral("source"),
                     QJsonObject{{QStringLiteral("type"), QStringLiteral("base64")},
                                 {QStringLiteral("media_type"),
                                  imageMediaType(img, QStringLiteral("image/png"))},
                                 {QStringLiteral("data"), QString::fromLatin1(img.toBase64())}}}});
            }
            if (!m.content.isEmpty()) // Anthropic refuses an empty text block
                parts.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                         {QStringLiteral("text"), m.content}});
            messages.append(
                QJsonObject{{QStringLiteral("role"), m.role}, {QStringLiteral("content"), parts}});
        }
        const ChatOptions &opt = request.options;
        QJsonObject body{{QStringLiteral("model"), request.model},
                         {QStringLiteral("messages"), messages},
                         {QStringLiteral("max_tokens"), opt.maxTokens.value_or(DefaultMaxTokens)},
                         {QStringLiteral("stream"), request.stream}};
        if (!system.isEmpty())
            body.insert(QStringLiteral("system"), system.join(u"\n\n"));
        if (opt.temperature)
            body.insert(QStringLiteral("temperature"), *opt.temperature);
        if (opt.topP)
            body.insert(QStringLiteral("top_p"), *opt.topP);
        if (opt.topK)
            body.insert(QStringLiteral("top_k"), *opt.topK);
        if (!opt.stop.isEmpty())
            body.insert(QStringLiteral("stop_sequences"), QJsonArray::fromStringList(opt.stop));
        if (!request.tools.isEmpty())
            body.insert(QStringLiteral("tools"), ToolWire::anthropicTools(request.tools));
        if (!opt.think.isEmpty() && opt.think != u"false") {
            const int maxTokens = opt.maxTokens.value_or(DefaultMaxTokens);
            const int budget = qMax(1024, opt.think == u"high" ? maxTokens * 3 / 4
                                          : opt.think == u"low" ? 1024
                                                                : maxTokens / 2);
            // The budget must stay below max_tokens, and the answer still needs room.
            if (budget >= maxTokens)
                body.insert(QStringLiteral("max_tokens"), budget + maxTokens);
            body.insert(QStringLiteral("thinking"),
                        QJsonObject{{QStringLiteral("type"), QStringLiteral("enabled")},
                                    {QStringLiteral("budget_tokens"), budget}});
        }
        return QJsonDocument(body).toJson(QJsonDocument::Compact);
    }

    void applyAuth(QNetworkRequest &request, const QString &apiKey) const override
    {
        request.setRawHeader("anthropic-version", "2023-06-01");
        if (!apiKey.isEmpty())
            request.setRawHeader("x-api-key", apiKey.toUtf8());
    }
};

} // namespace

std::unique_ptr<Protocol> createAnthropicProtocol()
{
    return std::make_unique<AnthropicProtocol>();
}

} // namespace Sluice
