// A non-2xx answer becomes one sentence a person can act on; network failures too.
#include "core/net/endpoint.h"
#include "core/util/logging.h"
#include "core/protocol/protocol.h"
#include "core/net/requestutil.h"

#include <QDateTime>
#include <QLocale>
#include <QTest>

using namespace Sluice;

Q_DECLARE_METATYPE(Sluice::ProviderType)

namespace {

const QString Key = QStringLiteral("sk-test-9f8e7d6c5b4a3210");

QUrl root(const QString &text, ProviderType type)
{
    return apiRoot(parseBaseUrl(text).url, type);
}

} // namespace

class TestHttpErrors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sentences_data();
    void sentences();
    void htmlIsNeverDumped_data();
    void htmlIsNeverDumped();
    void keyNeverInMessage();
    void longBodyIsOneShortLine();
    void retryAfter();
    void connectionErrors();
};

void TestHttpErrors::sentences_data()
{
    QTest::addColumn<ProviderType>("type");
    QTest::addColumn<QString>("base");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("hasKey");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("retryable");

    const QString ollama = QStringLiteral("http://localhost:11434");
    QTest::newRow("ollama model not found")
        << ProviderType::Ollama << ollama << 404
        << QByteArray(R"({"error":"model \"x\" not found, try pulling it first"})") << false
        << u"model \"x\" not found at http://localhost:11434 (HTTP 404); try: ollama pull x"_qs
        << false;
    QTest::newRow("ollama model not found (newer wording)")
        << ProviderType::Ollama << ollama << 404 << QByteArray(R"({"error":"model 'x' not found"})")
        << false
        << u"model \"x\" not found at http://localhost:11434 (HTTP 404); try: ollama pull x"_qs
        << false;
    QTest::newRow("ollama bad request")
        << ProviderType::Ollama << ollama << 400
        << QByteArray(R"({"error":"\"gemma3:1b\" does not support thinking"})") << false
        << u"http://localhost:11434 answered HTTP 400: \"gemma3:1b\" does not support thinking"_qs
        << false;
    QTest::newRow("ollama 500 load failure")
        << ProviderType::Ollama << ollama << 500
        << QByteArray(R"({"error":"llama runner process has terminated: exit status 2"})") << false
        << u"http://localhost:11434 answered HTTP 500: llama runner process has terminated: exit status 2"_qs
        << true;
    QTest::newRow("ollama 403 empty body")
        << ProviderType::Ollama << u"https://llm.example.com"_qs << 403 << QByteArray() << false
        << u"https://llm.example.com refused the request (HTTP 403 with an empty body); Ollama "
           u"rejects "
           u"unexpected Host or Origin headers: behind a reverse proxy, send Host: localhost:11434 "
           u"or "
           u"set OLLAMA_ORIGINS"_qs
        << false;
    QTest::newRow("ollama 503 busy")
        << ProviderType::Ollama << ollama << 503
        << QByteArray(
               R"({"error":"server busy, please try again.  maximum pending requests exceeded"})")
        << false
        << u"Ollama at http://localhost:11434 is busy (HTTP 503: server busy, please try again.  "
           u"maximum "
           u"pending requests exceeded); it has too many pending requests"_qs
        << true;
    QTest::newRow("openai error object")
        << ProviderType::OpenAI << u"https://api.openai.com/v1"_qs << 400
        << QByteArray(
               R"({"error":{"message":"Invalid 'messages': empty array.","type":"invalid_request_error",)"
               R"("param":"messages","code":"empty_array"}})")
        << true
        << u"https://api.openai.com/v1 answered HTTP 400: Invalid 'messages': empty array."_qs
        << false;
    QTest::newRow("openai model not found")
        << ProviderType::OpenAI << u"https://api.openai.com/v1"_qs << 404
        << QByteArray(
               R"({"error":{"message":"The model `gpt-9` does not exist or you do not have access to it.",)"
               R"("type":"invalid_request_error","param":null,"code":"model_not_found"}})")
        << true
        << u"model \"gpt-9\" not found at https://api.openai.com/v1 (HTTP 404); see the available "
           u"models "
           u"with: sluice models"_qs
        << false;
    QTest::newRow("openai 404 on an /api base")
        << ProviderType::OpenAI << u"http://localhost:11434/api"_qs << 404
        << QByteArray("404 page not found") << false
        << u"http://localhost:11434/api answered HTTP 404: 404 page not found; check the base URL "
           u"(a base URL "
           u"ending in /api is Ollama's native API: use type ollama, or end the URL in /v1)"_qs
        << false;
    QTest::newRow("openai 404 without /v1")
        << ProviderType::OpenAI << u"http://localhost:8000/openai"_qs << 404 << QByteArray()
        << false
        << u"http://localhost:8000/openai answered HTTP 404 with an empty body; check the base URL "
           u"(OpenAI-compatible servers usually serve under /v1)"_qs
        << false;
    QTest::newRow("openrouter 429")
        << ProviderType::OpenAI << u"https://openrouter.ai/api/v1"_qs << 429
        << QByteArray(
               R"({"error":{"message":"Rate limit exceeded: free-models-per-day","code":429}})")
        << true
        << u"https://openrouter.ai/api/v1 is rate limiting requests (HTTP 429: Rate limit "
           u"exceeded: "
           u"free-models-per-day)"_qs
        << true;
    QTest::newRow("vllm error")
        << ProviderType::OpenAI << u"http://gpu:8000/v1"_qs << 400
        << QByteArray(
               R"({"object":"error","message":"max_tokens is too large","type":"BadRequestError","code":400})")
        << false << u"http://gpu:8000/v1 answered HTTP 400: max_tokens is too large"_qs << false;
    // A prompt over the context window: llama-server's own error (tools/server/server-context.cpp),
    // the older --no-context-shift wording (examples/server/server.cpp) and OpenAI's.
    QTest::newRow("llama.cpp prompt over the context")
        << ProviderType::OpenAI << u"http://127.0.0.1:8080/v1"_qs << 400
        << QByteArray(R"({"error":{"code":400,"message":"request (1261 tokens) exceeds the )"
                      R"(available context size (512 tokens), try increasing it","type":)"
                      R"("exceed_context_size_error","n_prompt_tokens":1261,"n_ctx":512}})")
        << false
        << u"the conversation (1261 tokens) is longer than the context window of "
           u"http://127.0.0.1:8080/v1 (512 tokens): drop older messages, start a new chat, or "
           u"start llama-server with a larger --ctx-size"_qs
        << false;
    QTest::newRow("llama.cpp without context shift (2025)")
        << ProviderType::OpenAI << u"http://127.0.0.1:8080/v1"_qs << 400
        << QByteArray(R"({"error":{"code":400,"message":"the request exceeds the available )"
                      R"(context size. try increasing the context size or enable context shift",)"
                      R"("type":"invalid_request_error"}})")
        << false
        << u"the conversation is longer than the context window of http://127.0.0.1:8080/v1 "
           u"(HTTP 400: the request exceeds the available context size. try increasing the "
           u"context size or enable context shift): drop older messages, start a new chat, or "
           u"start llama-server with a larger --ctx-size"_qs
        << false;
    QTest::newRow("openai context_length_exceeded")
        << ProviderType::OpenAI << u"https://api.openai.com/v1"_qs << 400
        << QByteArray(R"({"error":{"message":"This model's maximum context length is 8192 )"
                      R"(tokens.","type":"invalid_request_error","param":"messages","code":)"
                      R"("context_length_exceeded"}})")
        << true
        << u"the conversation is longer than the context window of https://api.openai.com/v1 "
           u"(HTTP 400: This model's maximum context length is 8192 tokens.): drop older "
           u"messages, start a new chat, or choose a model with a larger context"_qs
        << false;
    // Requests real llama-server b4753 will never take, answered 500: not retried, and the
    // request it echoes after "; messages = [" not shown.
    QTest::newRow("llama.cpp image to a text model")
        << ProviderType::OpenAI << u"http://127.0.0.1:8080/v1"_qs << 500
        << QByteArray(R"({"error":{"code":500,"message":"Failed to parse messages: Unsupported )"
                      R"(content part type: \"image_url\"; messages = [\n  {\n    \"role\": )"
                      R"(\"user\"\n  }\n]","type":"server_error"}})")
        << false
        << u"http://127.0.0.1:8080/v1 answered HTTP 500: Failed to parse messages: Unsupported "
           u"content part type: \"image_url\""_qs
        << false;
    QTest::newRow("llama.cpp tools with stream")
        << ProviderType::OpenAI << u"http://127.0.0.1:8080/v1"_qs << 500
        << QByteArray(R"({"error":{"code":500,"message":"Cannot use tools with stream","type":)"
                      R"("server_error"}})")
        << false << u"http://127.0.0.1:8080/v1 answered HTTP 500: Cannot use tools with stream"_qs
        << false;
    QTest::newRow("empty body")
        << ProviderType::OpenAI << u"http://localhost:8080/v1"_qs << 502 << QByteArray("  \r\n")
        << false << u"http://localhost:8080/v1 answered HTTP 502 with an empty body"_qs << true;
    QTest::newRow("401 with key")
        << ProviderType::OpenAI << u"https://api.openai.com/v1"_qs << 401
        << QByteArray(R"({"error":{"message":"Incorrect API key provided: sk-test-********3210.",)"
                      R"("type":"invalid_request_error","code":"invalid_api_key"}})")
        << true
        << u"the API key was refused by https://api.openai.com/v1 (HTTP 401: Incorrect API key "
           u"provided: "
           u"sk-test-********3210.)"_qs
        << false;
    QTest::newRow("401 without key")
        << ProviderType::OpenAI << u"https://api.openai.com/v1"_qs << 401
        << QByteArray(R"({"error":{"message":"You didn't provide an API key."}})") << false
        << u"https://api.openai.com/v1 requires an API key (HTTP 401); set one in Settings or pass "
           u"--api-key-env VAR"_qs
        << false;
    QTest::newRow("anthropic error")
        << ProviderType::Anthropic << u"https://api.anthropic.com"_qs << 400
        << QByteArray(
               R"({"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: Field required"}})")
        << true << u"https://api.anthropic.com answered HTTP 400: max_tokens: Field required"_qs
        << false;
    QTest::newRow("anthropic 401")
        << ProviderType::Anthropic << u"https://api.anthropic.com"_qs << 401
        << QByteArray(
               R"({"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}})")
        << true
        << u"the API key was refused by https://api.anthropic.com (HTTP 401: invalid x-api-key)"_qs
        << false;
    QTest::newRow("anthropic 529 overloaded")
        << ProviderType::Anthropic << u"https://api.anthropic.com"_qs << 529
        << QByteArray(
               R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})")
        << true << u"https://api.anthropic.com answered HTTP 529: Overloaded"_qs << true;
    QTest::newRow("plain text body")
        << ProviderType::Ollama << ollama << 502
        << QByteArray("upstream connect error\nor disconnect") << false
        << u"http://localhost:11434 answered HTTP 502: upstream connect error"_qs << true;
}

void TestHttpErrors::sentences()
{
    QFETCH(ProviderType, type);
    QFETCH(QString, base);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, hasKey);
    QFETCH(QString, expected);
    QFETCH(bool, retryable);

    const auto p = createProtocol(type);
    const QString model = type == ProviderType::OpenAI ? u"gpt-9"_qs : u"x"_qs;
    const ChatError e =
        p->httpError(status, body, "application/json", root(base, type), model, hasKey);
    QCOMPARE(e.message, expected);
    QCOMPARE(e.kind, ChatError::Kind::Http);
    QCOMPARE(e.httpStatus, status);
    QCOMPARE(e.retryable, retryable);
}

void TestHttpErrors::htmlIsNeverDumped_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    const QByteArray page =
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
        "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n"
        "</body>\r\n</html>\r\n";
    QTest::newRow("text/html") << QByteArray("text/html; charset=utf-8") << page;
    QTest::newRow("sniffed") << QByteArray() << page;
    QTest::newRow("doctype, json content type")
        << QByteArray("application/json")
        << QByteArray("\n  <!DOCTYPE html><html><body>Sign in</body></html>");
}

void TestHttpErrors::htmlIsNeverDumped()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    for (ProviderType type :
         {ProviderType::Ollama, ProviderType::OpenAI, ProviderType::Anthropic}) {
        const auto p = createProtocol(type);
        const ChatError e = p->httpError(
            502, body, contentType, root(u"https://llm.example.com/v1"_qs, type), u"m"_qs, false);
        QVERIFY2(e.message.contains(u"HTTP 502"), qPrintable(e.message));
        QVERIFY2(e.message.contains(u"HTML"), qPrintable(e.message));
        QVERIFY2(!e.message.contains(u'<'), qPrintable(e.message));
        QVERIFY2(!e.message.contains(u"nginx"), qPrintable(e.message));
        QVERIFY2(!e.message.contains(u"Sign in"), qPrintable(e.message));
    }
}

void TestHttpErrors::keyNeverInMessage()
{
    // A key can reach an error sentence only through what the server echoes or through the
    // URL's user info. The sentence hides the latter; ChatReply redacts the former.
    const QByteArray echoes =
        R"({"error":{"message":"Incorrect API key provided: )" + Key.toUtf8() + R"("}})";
    for (ProviderType type :
         {ProviderType::Ollama, ProviderType::OpenAI, ProviderType::Anthropic}) {
        const auto p = createProtocol(type);
        const QUrl withUserInfo = root(u"https://user:"_qs + Key + u"@llm.example.com/v1"_qs, type);
        for (int status : {400, 401, 403, 404, 429, 500, 503}) {
            for (bool hasKey : {false, true}) {
                ChatError e = p->httpError(status, {}, {}, withUserInfo, u"m"_qs, hasKey);
                QVERIFY2(!e.message.contains(Key), qPrintable(e.message));
                e = p->httpError(status, echoes, "application/json", withUserInfo, u"m"_qs, hasKey);
                const QString shown = redactSecrets(e.message, {Key});
                QVERIFY2(!shown.contains(Key), qPrintable(shown));
                QVERIFY2(!shown.contains(Key.left(12)) || status == 401 ||
                             shown.contains(u"[REDACTED]"),
                         qPrintable(shown));
            }
        }
    }
}

void TestHttpErrors::longBodyIsOneShortLine()
{
    const QByteArray body = R"({"error":")" + QByteArray(5000, 'z') + R"(\nsecond line"})";
    const ChatError e =
        createProtocol(ProviderType::Ollama)
            ->httpError(500, body, "application/json",
                        root(u"localhost:11434"_qs, ProviderType::Ollama), u"m"_qs, false);
    QVERIFY(!e.message.contains(u'\n'));
    QVERIFY(!e.message.contains(u"second line"));
    QVERIFY2(e.message.size() < 300, qPrintable(QString::number(e.message.size())));
    QVERIFY(e.message.endsWith(u'…'));
}

void TestHttpErrors::retryAfter()
{
    QCOMPARE(parseRetryAfterMs("5"), 5000);
    QCOMPARE(parseRetryAfterMs(" 1.5 "), 1500);
    QCOMPARE(parseRetryAfterMs("0"), 0);
    QCOMPARE(parseRetryAfterMs(""), -1);
    QCOMPARE(parseRetryAfterMs("-3"), -1);
    QCOMPARE(parseRetryAfterMs("soon"), -1);
    // An HTTP date, as servers send it (IMF-fixdate, always GMT) and in RFC 2822's numeric zone.
    const QDateTime inAMinute = QDateTime::currentDateTimeUtc().addSecs(60);
    const QByteArray httpDate =
        QLocale::c().toString(inAMinute, u"ddd, dd MMM yyyy hh:mm:ss 'GMT'").toLatin1();
    qint64 ms = parseRetryAfterMs(httpDate);
    QVERIFY2(ms > 50'000 && ms <= 60'000,
             QByteArray(httpDate + " -> " + QByteArray::number(ms)).constData());
    ms = parseRetryAfterMs(inAMinute.toString(Qt::RFC2822Date).toLatin1());
    QVERIFY2(ms > 50'000 && ms <= 60'000, qPrintable(QString::number(ms)));
    QCOMPARE(parseRetryAfterMs("Wed, 21 Oct 2015 07:28:00 GMT"), 0); // in the past: retry now
}

void TestHttpErrors::connectionErrors()
{
    const QUrl ollama(u"http://localhost:11434/api/chat"_qs);
    ChatError e = connectionError(QNetworkReply::ConnectionRefusedError, u"Connection refused"_qs,
                                  ollama, ProviderType::Ollama, {});
    QCOMPARE(e.kind, ChatError::Kind::Connection);
    QCOMPARE(e.message,
             u"could not connect to localhost:11434: connection refused; Ollama does not seem "
             u"to be running (start it with: ollama serve)"_qs);
    // An OpenAI-typed provider on Ollama's port is still most likely Ollama.
    e = connectionError(QNetworkReply::ConnectionRefusedError, {},
                        QUrl(u"http://127.0.0.1:11434/v1"_qs), ProviderType::OpenAI, {});
    QVERIFY(e.message.contains(u"ollama serve"));
    e = connectionError(QNetworkReply::ConnectionRefusedError, {},
                        QUrl(u"http://127.0.0.1:8080/v1"_qs), ProviderType::OpenAI, {});
    QVERIFY(!e.message.contains(u"Ollama"));
    e = connectionError(QNetworkReply::HostNotFoundError, {}, QUrl(u"https://nope.invalid/v1"_qs),
                        ProviderType::OpenAI, {});
    QCOMPARE(e.message, u"could not resolve the host name \"nope.invalid\"; check the base URL"_qs);
    QVERIFY(!e.retryable);
    e = connectionError(QNetworkReply::SslHandshakeFailedError, u"handshake failed"_qs,
                        QUrl(u"https://h/v1"_qs), ProviderType::OpenAI, {});
    QVERIFY(e.message.contains(u"h:443"));
}

QTEST_GUILESS_MAIN(TestHttpErrors)
#include "tst_httperrors.moc"
