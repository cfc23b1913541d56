// What differs between Ollama, OpenAI-compatible and Anthropic servers: how a request is
// built, how the reply body decodes into events, and how an error body reads.
// Everything here is synchronous and socket-free, so it is tested and fuzzed on bytes.
#pragma once

#include "core/chat/chattypes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QList>
#include <QNetworkRequest>
#include <QUrl>

#include <functional>
#include <memory>

class QJsonObject;

namespace Sluice {

struct DecodedEvent
{
    enum class Type {
        Content,  // a piece of the answer
        Thinking, // a piece of reasoning
        Done,     // the protocol's end marker: the reply is complete
        Error,    // the server reported an error inside the stream
    };
    Type type = Type::Content;
    QString text;
    ReplyStats stats; // filled on Done
    ChatError error;  // filled on Error
};

// Turns response-body bytes into events. After a Done or Error event the caller stops feeding.
class StreamDecoder
{
public:
    virtual ~StreamDecoder() = default;
    virtual void feed(QByteArrayView bytes, QList<DecodedEvent> &out) = 0;
    // The body ended cleanly. A decoder that saw no end marker emits nothing here; the caller
    // then reports a truncated reply.
    virtual void finish(QList<DecodedEvent> &out) = 0;
    // True once the protocol said the answer is complete (e.g. a finish_reason), even if the
    // final marker has not arrived yet.
    virtual bool answerComplete() const { return false; }
    // Stats gathered so far (usage, finish reason), for a reply completed without a marker.
    virtual ReplyStats stats() const { return {}; }
};

class Protocol
{
public:
    // What a protocol only states.
    struct Facts
    {
        ProviderType type;
        const char *serverName;     // QT_TRANSLATE_NOOP("Sluice::Protocol", …)
        const char *endMarker;      // what ends a complete reply on the wire
        const char16_t *chatPath;   // below the API root
        const char16_t *modelsPath; // below the API root
        const char16_t *modelsKey;  // the array of a model list answer
        const char *modelsNotJson;  // the error when a model list is no JSON object
        ModelInfo (*readModel)(const QJsonObject &); // one entry of that array
    };

    explicit Protocol(const Facts &facts) : m_facts(facts) {}
    virtual ~Protocol() = default;
    ProviderType type() const { return m_facts.type; }
    // The kind of server, as people name it (translated): "Ollama", "OpenAI-compatible
    // server", "Anthropic".
    QString serverName() const;
    // What ends a complete reply on the wire, for "the stream ended without …".
    QString endMarker() const;
    // The Accept header of a chat request.
    virtual QByteArray acceptHeader(bool stream) const;
    // Advice for a reply that ended without its end marker, or empty: a server known to hide
    // its errors that way, and where to see them.
    virtual QString silentEndHint(const QUrl &chatUrl, const QUrl &root) const;
    // How a reply that ended without its end marker looked at its end.
    struct SilentEnd
    {
        QUrl chatUrl;
        QUrl root;
        bool streamed = true;
        bool ollama = false;  // the server is known to be Ollama (an OpenAI-compatible one too)
        QString lastPiece;    // the last piece of text received, trimmed
        int lastPieceRun = 0; // how many pieces in a row, at the end, were that same text
    };
    // Why such a reply ended, when the server is known to end replies that way on purpose
    // because the model kept repeating itself (one sentence, said instead of "the stream ended
    // without …"); empty when unknown.
    virtual QString silentEndReason(const SilentEnd &end) const;
    // Ollama aborts a prediction whose model produced the same token (trimmed) more than 30
    // times in a row, and says nothing: the stream just ends, and a non-streaming answer comes
    // back with "done": false and no done_reason (llm/server.go, Completion: tokenRepeat > 30
    // returns ctx.Err(), nil; server/routes.go, ChatHandler, answers its last chunk). Seen on a
    // real Ollama built from source. Ollama's PR #18374 (2026-09) raises the limit to 100 and
    // makes it an error, "prediction aborted, token repeat limit reached", said as such. The
    // sentence for the silent kind, or empty.
    static QString ollamaRepeatGuardReason(const SilentEnd &end);
    static constexpr int OllamaRepeatGuardRun = 31; // identical pieces the client sees

    QUrl chatUrl(const QUrl &root) const;
    QUrl modelsUrl(const QUrl &root) const;
    QList<ModelInfo> parseModels(const QByteArray &body, QString *error) const;
    virtual QByteArray chatBody(const ChatRequest &request) const = 0;
    // Authentication and protocol headers (the content type is set by the caller). Default: a
    // bearer token (Ollama itself has no keys, but hosted Ollama and proxies take one).
    virtual void applyAuth(QNetworkRequest &request, const QString &apiKey) const;
    virtual std::unique_ptr<StreamDecoder> createDecoder(bool stream) const = 0;
    // A non-2xx answer becomes one sentence. `root` and `model` give the advice its names.
    virtual ChatError httpError(int status, const QByteArray &body, const QByteArray &contentType,
                                const QUrl &root, const QString &model, bool hasKey) const;

private:
    Facts m_facts;
};

std::unique_ptr<Protocol> createProtocol(ProviderType type);

// A protocol whose replies `Decoder` reads: as a stream, or, not streaming, as one whole
// answer read by `whole` (ProtocolUtil::makeBufferedDecoder).
template <typename Decoder, bool (*whole)(const QJsonObject &, QList<DecodedEvent> &)>
class DecodingProtocol : public Protocol
{
public:
    explicit DecodingProtocol(const Facts &facts) : Protocol(facts) {}
    std::unique_ptr<StreamDecoder> createDecoder(bool stream) const final;
};

// Helpers shared by the protocols.
namespace ProtocolUtil {
// The message inside any of the error shapes servers use, or empty.
QString errorMessageFromJson(const QJsonObject &obj, QString *type = nullptr);
// First line of a text, trimmed to `max` characters with an ellipsis.
QString oneLine(QStringView text, int max = 200);
bool looksLikeHtml(const QByteArray &body, const QByteArray &contentType);
// A transient error type that is safe to retry when nothing has arrived yet.
bool isTransientErrorType(QStringView type);
ChatError streamError(const QString &message, const QString &type = {});
// The Error event for a line over the framing cap: "<what> exceeded 8 MiB …; stopped reading".
DecodedEvent oversizeEvent(const QString &what, qsizetype maxBytes);
// Wraps a streaming decoder for non-streaming mode: collects the body (bounded) and hands it
// to `whole`, or to the streaming decoder when the server streamed anyway.
std::unique_ptr<StreamDecoder>
makeBufferedDecoder(std::unique_ptr<StreamDecoder> streaming,
                    std::function<bool(const QJsonObject &, QList<DecodedEvent> &)> whole);
} // namespace ProtocolUtil

template <typename Decoder, bool (*whole)(const QJsonObject &, QList<DecodedEvent> &)>
std::unique_ptr<StreamDecoder> DecodingProtocol<Decoder, whole>::createDecoder(bool stream) const
{
    if (stream)
        return std::make_unique<Decoder>();
    return ProtocolUtil::makeBufferedDecoder(std::make_unique<Decoder>(), whole);
}

} // namespace Sluice
