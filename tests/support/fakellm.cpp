// The FakeLlm persona's common part: installing its routes, tokens and JSON strings, API keys
// and model names, and how a streamed reply goes out or acts out a fault. Each protocol:
// fakellmollama.cpp, fakellmopenai.cpp, fakellmanthropic.cpp.
#include "fakellm.h"
#include "fakellmwire.h"

#include <QJsonObject>

namespace Sluice::Test {

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
    installLlamaCppRoutes(); // GET /props: 404 unless llamaCppContext is set
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
        if (m_options.eventSent)
            r.call(m_options.eventSent);
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

} // namespace Sluice::Test
