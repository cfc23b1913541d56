#include "core/protocol/protocol.h"
#include "core/protocol/contextoverflow.h"

#include "core/net/endpoint.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

namespace Sluice {

namespace ProtocolUtil {

QString errorMessageFromJson(const QJsonObject &obj, QString *type)
{
    const QJsonValue error = obj.value(u"error");
    if (error.isString())
        return error.toString(); // Ollama: {"error":"…"}
    if (error.isObject()) {      // OpenAI / Anthropic: {"error":{"message","type"}}
        const QJsonObject e = error.toObject();
        if (type)
            *type = e.value(u"type").toString();
        QString msg = e.value(u"message").toString();
        if (msg.isEmpty())
            msg = e.value(u"msg").toString();
        return msg;
    }
    if (obj.value(u"message").isString()) { // vLLM {"object":"error","message"}
        if (type)
            *type = obj.value(u"type").toString();
        return obj.value(u"message").toString();
    }
    if (obj.value(u"detail").isString()) // FastAPI-based servers
        return obj.value(u"detail").toString();
    return {};
}

QString oneLine(QStringView text, int max)
{
    QString s = text.trimmed().toString();
    const qsizetype nl = s.indexOf(u'\n');
    if (nl >= 0)
        s = s.left(nl).trimmed();
    if (s.size() > max)
        s = s.left(max - 1) + u'…';
    return s;
}

bool looksLikeHtml(const QByteArray &body, const QByteArray &contentType)
{
    if (contentType.toLower().contains("text/html"))
        return true;
    const QByteArray head = body.left(256).trimmed().toLower();
    return head.startsWith("<!doctype html") || head.startsWith("<html") ||
           head.startsWith("<head") || head.startsWith("<body");
}

bool isTransientErrorType(QStringView type)
{
    return type == u"server_error" || type == u"overloaded_error" ||
           type == u"rate_limit_error" || type == u"api_error" || type == u"timeout";
}

ChatError streamError(const QString &message, const QString &type)
{
    ChatError e;
    e.kind = ChatError::Kind::Protocol;
    e.retryable = isTransientErrorType(type);
    QString msg = oneLine(message, 400);
    if (msg.isEmpty())
        msg = type.isEmpty() ? QStringLiteral("unknown error") : type;
    e.message = QStringLiteral("the server reported an error in the stream: %1").arg(msg);
    if (!type.isEmpty() && !msg.contains(type))
        e.message += QStringLiteral(" (%1)").arg(type);
    return e;
}

DecodedEvent oversizeEvent(const QString &what, qsizetype maxBytes)
{
    DecodedEvent ev;
    ev.type = DecodedEvent::Type::Error;
    ev.error.kind = ChatError::Kind::Protocol;
    ev.error.message = QStringLiteral("%1 exceeded %2 MiB; stopped reading")
                           .arg(what)
                           .arg(maxBytes / (1024 * 1024));
    return ev;
}

namespace {

class BufferedDecoder final : public StreamDecoder
{
public:
    BufferedDecoder(std::unique_ptr<StreamDecoder> streaming,
                    std::function<bool(const QJsonObject &, QList<DecodedEvent> &)> whole)
        : m_streaming(std::move(streaming)), m_whole(std::move(whole))
    {
    }

    void feed(QByteArrayView bytes, QList<DecodedEvent> &out) override
    {
        if (m_overflow)
            return;
        if (m_body.size() + bytes.size() > MaxBody) {
            m_overflow = true;
            m_body.clear();
            DecodedEvent ev;
            ev.type = DecodedEvent::Type::Error;
            ev.error.kind = ChatError::Kind::Protocol;
            ev.error.message = QStringLiteral("the reply body exceeded %1 MiB; stopped reading")
                                   .arg(MaxBody / (1024 * 1024));
            out.append(ev);
            return;
        }
        m_body.append(bytes);
    }

    void finish(QList<DecodedEvent> &out) override
    {
        if (m_overflow)
            return;
        QJsonParseError err{};
        const QJsonDocument doc = QJsonDocument::fromJson(m_body, &err);
        if (err.error == QJsonParseError::NoError && doc.isObject()) {
            m_whole(doc.object(), out);
            return;
        }
        // The server streamed although we asked it not to (or sent several objects).
        const qsizetype before = out.size();
        m_streaming->feed(m_body, out);
        m_streaming->finish(out);
        // Not a stream either (an SSE decoder silently skips what is not a field): say so,
        // rather than leaving the caller to report an empty reply.
        if (out.size() == before && !m_streaming->answerComplete() && !m_body.trimmed().isEmpty()) {
            DecodedEvent ev;
            ev.type = DecodedEvent::Type::Error;
            ev.error.kind = ChatError::Kind::Protocol;
            ev.error.message =
                looksLikeHtml(m_body, {})
                    ? QStringLiteral("the server answered with an HTML page instead of JSON "
                                     "(often a proxy's or a login page)")
                    : QStringLiteral("the server's reply is not valid JSON (%1): \"%2\"")
                          .arg(err.error == QJsonParseError::NoError ? QStringLiteral("not an object")
                                                                  : err.errorString(),
                               oneLine(QString::fromUtf8(m_body), 80));
            out.append(ev);
        }
    }

    bool answerComplete() const override { return m_streaming->answerComplete(); }
    ReplyStats stats() const override { return m_streaming->stats(); }

private:
    static constexpr qsizetype MaxBody = 64 * 1024 * 1024;
    std::unique_ptr<StreamDecoder> m_streaming;
    std::function<bool(const QJsonObject &, QList<DecodedEvent> &)> m_whole;
    QByteArray m_body;
    bool m_overflow = false;
};

} // namespace

std::unique_ptr<StreamDecoder>
makeBufferedDecoder(std::unique_ptr<StreamDecoder> streaming,
                    std::function<bool(const QJsonObject &, QList<DecodedEvent> &)> whole)
{
    return std::make_unique<BufferedDecoder>(std::move(streaming), std::move(whole));
}

} // namespace ProtocolUtil

using namespace ProtocolUtil;

QString Protocol::serverName() const
{
    return QCoreApplication::translate("Sluice::Protocol", m_facts.serverName);
}

QString Protocol::endMarker() const
{
    return QString::fromUtf8(m_facts.endMarker);
}

QUrl Protocol::chatUrl(const QUrl &root) const
{
    return joinPath(root, m_facts.chatPath);
}

QUrl Protocol::modelsUrl(const QUrl &root) const
{
    return joinPath(root, m_facts.modelsPath);
}

QList<ModelInfo> Protocol::parseModels(const QByteArray &body, QString *error) const
{
    QList<ModelInfo> models;
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject()) {
        if (error)
            *error = QString::fromUtf8(m_facts.modelsNotJson);
        return models;
    }
    // May be null: no models.
    const QJsonArray list = doc.object().value(QStringView(m_facts.modelsKey)).toArray();
    for (const QJsonValue &v : list) {
        const ModelInfo m = m_facts.readModel(v.toObject());
        if (!m.id.isEmpty())
            models.append(m);
    }
    return models;
}

QByteArray Protocol::acceptHeader(bool stream) const
{
    return stream ? QByteArray("text/event-stream") : QByteArray("application/json");
}

QString Protocol::silentEndHint(const QUrl &, const QUrl &) const
{
    return {};
}

QString Protocol::silentEndReason(const SilentEnd &) const
{
    return {};
}

QString Protocol::ollamaRepeatGuardReason(const SilentEnd &end)
{
    if (end.lastPieceRun >= OllamaRepeatGuardRun) {
        QString piece = end.lastPiece;
        if (piece.size() > 24)
            piece = piece.left(24) + u'…';
        const QString what = piece.isEmpty()
                                 ? QStringLiteral("a blank piece (only spaces or line breaks)")
                                 : QStringLiteral("\u201c%1\u201d").arg(piece);
        return QStringLiteral("Ollama cut the reply off: the model repeated %1 %2 times in a "
                              "row, and Ollama ends such a reply without saying so; partial reply "
                              "kept (Retry, or raise the repeat penalty)")
            .arg(what)
            .arg(end.lastPieceRun);
    }
    if (!end.streamed)
        return QStringLiteral("Ollama cut the reply off because the model kept repeating the "
                              "same token (it answered \"done\": false, with no reason); partial "
                              "reply kept (Retry, or raise the repeat penalty)");
    return {};
}

void Protocol::applyAuth(QNetworkRequest &request, const QString &apiKey) const
{
    if (!apiKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + apiKey.toUtf8());
}

ChatError Protocol::httpError(int status, const QByteArray &body, const QByteArray &contentType,
                              const QUrl &root, const QString &model, bool hasKey) const
{
    ChatError e;
    e.kind = ChatError::Kind::Http;
    e.httpStatus = status;
    e.retryable = status == 408 || status == 429 || status >= 500;

    const QString where = displayBase(root);
    const bool html = looksLikeHtml(body, contentType);
    QString detail;
    QString errType;
    if (!html && !body.trimmed().isEmpty()) {
        const QJsonDocument doc = QJsonDocument::fromJson(body);
        if (doc.isObject())
            detail = oneLine(errorMessageFromJson(doc.object(), &errType));
        if (detail.isEmpty())
            detail = oneLine(QString::fromUtf8(body));
    }
    const QString statusText = QStringLiteral("HTTP %1").arg(status);
    // llama-server answers 500 to requests it will never take ("Cannot use tools with stream",
    // "Failed to parse messages: Unsupported content part type …; messages = [<the request>]"):
    // not worth a retry, and the request it echoes is not shown.
    if (const qsizetype echo = detail.indexOf(u"; messages = ["); echo > 0)
        detail.truncate(echo);
    if (detail.contains(u"Cannot use tools with stream") ||
        detail.contains(u"Unsupported content part type"))
        e.retryable = false;
    const QString lower = detail.toLower();

    const bool anthropicMissingModel = errType == u"not_found_error" && lower.startsWith(u"model");
    if (status == 404 && lower.contains(u"model") &&
        (lower.contains(u"not found") || lower.contains(u"does not exist") ||
         lower.contains(u"no such") || anthropicMissingModel)) {
        e.message = QStringLiteral("model \"%1\" not found at %2 (%3)").arg(model, where, statusText);
        if (type() == ProviderType::Ollama)
            e.message += QStringLiteral("; try: ollama pull %1").arg(model);
        else
            e.message += QStringLiteral("; see the available models with: sluice models");
        return e;
    }
    const QJsonObject errorObject = QJsonDocument::fromJson(body).object().value(u"error").toObject();
    if (const auto tooLong = contextOverflowSentence(status, errorObject, detail, errType, where)) {
        e.message = *tooLong;
        return e;
    }
    if (status == 401) {
        e.message = hasKey ? QStringLiteral("the API key was refused by %1 (%2%3)")
                                 .arg(where, statusText,
                                      detail.isEmpty() ? QString() : u": " + detail)
                           : QStringLiteral("%1 requires an API key (%2); set one in Settings "
                                            "or pass --api-key-env VAR")
                                 .arg(where, statusText);
        return e;
    }
    if (status == 403 && body.trimmed().isEmpty() && type() == ProviderType::Ollama) {
        e.message = QStringLiteral("%1 refused the request (HTTP 403 with an empty body); Ollama "
                                   "rejects unexpected Host or Origin headers: behind a reverse "
                                   "proxy, send Host: localhost:%2 or set OLLAMA_ORIGINS")
                        .arg(where, QString::number(OllamaDefaultPort));
        return e;
    }

    QString what;
    if (html)
        what = QStringLiteral("%1 with an HTML page instead of JSON (often a proxy's or web "
                              "server's error page)")
                   .arg(statusText);
    else if (detail.isEmpty())
        what = QStringLiteral("%1 with an empty body").arg(statusText);
    else
        what = QStringLiteral("%1: %2").arg(statusText, detail);

    if (status == 404) {
        e.message = QStringLiteral("%1 answered %2; check the base URL").arg(where, what);
        const QString path = root.path();
        if (type() == ProviderType::OpenAI && path.endsWith(u"/api"))
            e.message += QStringLiteral(" (a base URL ending in /api is Ollama's native API: "
                                        "use type ollama, or end the URL in /v1)");
        else if (type() == ProviderType::OpenAI && !path.endsWith(u"/v1"))
            e.message += QStringLiteral(" (OpenAI-compatible servers usually serve under /v1)");
        return e;
    }
    if (status == 429) {
        e.message = QStringLiteral("%1 is rate limiting requests (%2)").arg(where, what);
        return e;
    }
    if (status == 503 && type() == ProviderType::Ollama && lower.contains(u"busy")) {
        e.message = QStringLiteral("Ollama at %1 is busy (%2); it has too many pending requests")
                        .arg(where, what);
        return e;
    }
    e.message = QStringLiteral("%1 answered %2").arg(where, what);
    return e;
}

std::unique_ptr<Protocol> createOllamaProtocol();
std::unique_ptr<Protocol> createOpenAiProtocol();
std::unique_ptr<Protocol> createAnthropicProtocol();

std::unique_ptr<Protocol> createProtocol(ProviderType type)
{
    switch (type) {
    case ProviderType::Ollama:
        return createOllamaProtocol();
    case ProviderType::OpenAI:
        return createOpenAiProtocol();
    case ProviderType::Anthropic:
        return createAnthropicProtocol();
    }
    return nullptr;
}

} // namespace Sluice
