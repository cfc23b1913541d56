// Base URLs as people paste them, and $OLLAMA_HOST as Ollama itself reads it.
#include "core/net/endpoint.h"
#include "core/config/urls.h"

#include <QTest>

using namespace Sluice;

Q_DECLARE_METATYPE(std::optional<Sluice::ProviderType>)

namespace {
const std::optional<ProviderType> none;
const std::optional<ProviderType> ollama = ProviderType::Ollama;
const std::optional<ProviderType> openai = ProviderType::OpenAI;
const std::optional<ProviderType> anthropic = ProviderType::Anthropic;
} // namespace

class TestEndpoint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void settingsNormaliseAsRequestsDo_data();
    void settingsNormaliseAsRequestsDo();
    void baseUrls_data();
    void baseUrls();
    void rejected_data();
    void rejected();
    void chatUrls();
    void joinPathAndOrigin();
    void displayBaseHidesCredentials();
    void ollamaHostFromEnv_data();
    void ollamaHostFromEnv();
    void cleanup() { qunsetenv("OLLAMA_HOST"); }
};

void TestEndpoint::baseUrls_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("parsed");
    QTest::addColumn<std::optional<ProviderType>>("implied");
    QTest::addColumn<QString>("ollamaRoot");
    QTest::addColumn<QString>("openaiRoot");
    QTest::addColumn<QString>("anthropicRoot");

    const QString local = QStringLiteral("http://localhost:11434");
    const QString localV1 = QStringLiteral("http://localhost:11434/v1");
    QTest::newRow("host:port") << u"localhost:11434"_qs << local << none << local << localV1
                               << local;
    QTest::newRow("trailing slash")
        << u"http://localhost:11434/"_qs << local << none << local << localV1 << local;
    QTest::newRow("/v1") << u"http://localhost:11434/v1"_qs << localV1 << openai << local << localV1
                         << local;
    QTest::newRow("/v1/") << u"http://localhost:11434/v1/"_qs << localV1 << openai << local
                          << localV1 << local;
    // An OpenAI type on Ollama's /api keeps the path, so that the 404 can explain the mix-up.
    QTest::newRow("/api") << u"http://localhost:11434/api"_qs << u"http://localhost:11434/api"_qs
                          << ollama << local << u"http://localhost:11434/api"_qs << QString();
    QTest::newRow("/api/chat") << u"http://localhost:11434/api/chat"_qs
                               << u"http://localhost:11434/api/chat"_qs << ollama << local
                               << QString() << QString();
    QTest::newRow("/v1/chat/completions") << u"http://localhost:11434/v1/chat/completions"_qs
                                          << u"http://localhost:11434/v1/chat/completions"_qs
                                          << openai << local << localV1 << QString();
    QTest::newRow("openrouter")
        << u"https://openrouter.ai/api/v1"_qs << u"https://openrouter.ai/api/v1"_qs << openai
        << u"https://openrouter.ai"_qs << u"https://openrouter.ai/api/v1"_qs
        << u"https://openrouter.ai/api"_qs; // its Anthropic API: /api/v1/messages
    QTest::newRow("whitespace") << u"  \thttp://127.0.0.1:8080/v1/ \n"_qs
                                << u"http://127.0.0.1:8080/v1"_qs << openai
                                << u"http://127.0.0.1:8080"_qs << u"http://127.0.0.1:8080/v1"_qs
                                << u"http://127.0.0.1:8080"_qs;
    QTest::newRow("anthropic") << u"https://api.anthropic.com"_qs << u"https://api.anthropic.com"_qs
                               << anthropic << u"https://api.anthropic.com"_qs
                               << u"https://api.anthropic.com/v1"_qs
                               << u"https://api.anthropic.com"_qs;
    QTest::newRow("anthropic /v1/messages")
        << u"https://proxy.example/llm/v1/messages"_qs
        << u"https://proxy.example/llm/v1/messages"_qs << anthropic
        << u"https://proxy.example/llm/v1/messages"_qs
        << u"https://proxy.example/llm/v1/messages"_qs << u"https://proxy.example/llm"_qs;
    QTest::newRow("llama.cpp prefix")
        << u"HTTPS://Example.com/llama/v1"_qs << u"https://example.com/llama/v1"_qs << openai
        << u"https://example.com/llama"_qs << u"https://example.com/llama/v1"_qs
        << u"https://example.com/llama"_qs;
    QTest::newRow("query dropped from roots")
        << u"http://h:1/v1?x=1#frag"_qs << u"http://h:1/v1?x=1"_qs << openai << u"http://h:1"_qs
        << u"http://h:1/v1"_qs << u"http://h:1"_qs;
    QTest::newRow("IPv6") << u"http://[::1]:11434"_qs << u"http://[::1]:11434"_qs << none
                          << u"http://[::1]:11434"_qs << u"http://[::1]:11434/v1"_qs
                          << u"http://[::1]:11434"_qs;
}

void TestEndpoint::baseUrls()
{
    QFETCH(QString, text);
    QFETCH(QString, parsed);
    QFETCH(std::optional<ProviderType>, implied);
    QFETCH(QString, ollamaRoot);
    QFETCH(QString, openaiRoot);
    QFETCH(QString, anthropicRoot);

    const ParsedBaseUrl p = parseBaseUrl(text);
    QVERIFY2(p.ok(), qPrintable(p.error));
    QCOMPARE(p.url.toString(), parsed);
    QCOMPARE(typeFromUrl(p.url), implied);
    // An empty expectation: the combination means nothing (an Anthropic type on Ollama's /api).
    if (!ollamaRoot.isEmpty())
        QCOMPARE(apiRoot(p.url, ProviderType::Ollama).toString(), ollamaRoot);
    if (!openaiRoot.isEmpty())
        QCOMPARE(apiRoot(p.url, ProviderType::OpenAI).toString(), openaiRoot);
    if (!anthropicRoot.isEmpty())
        QCOMPARE(apiRoot(p.url, ProviderType::Anthropic).toString(), anthropicRoot);
}

// The settings dialog stores what it shows: a base URL without a scheme gets "http://" the
// way requests (parseBaseUrl, used by the CLI and the server probe) read it.
void TestEndpoint::settingsNormaliseAsRequestsDo_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("shown"); // empty: not a usable base URL
    QTest::newRow("ip:port") << u"127.0.0.1:11434"_qs << u"http://127.0.0.1:11434"_qs;
    QTest::newRow("host:port/v1") << u"localhost:11434/v1"_qs << u"http://localhost:11434/v1"_qs;
    QTest::newRow("spaces") << u" gpu-box:8080/v1 "_qs << u"http://gpu-box:8080/v1"_qs;
    QTest::newRow("IPv6") << u"[::1]:11434"_qs << u"http://[::1]:11434"_qs;
    QTest::newRow("with scheme") << u"https://api.openai.com/v1"_qs
                                 << u"https://api.openai.com/v1"_qs;
    QTest::newRow("garbage") << u"not a url"_qs << QString();
    QTest::newRow("bad port") << u"localhost:99999999"_qs << QString();
    QTest::newRow("ftp") << u"ftp://example.com"_qs << QString();
}

void TestEndpoint::settingsNormaliseAsRequestsDo()
{
    QFETCH(QString, text);
    QFETCH(QString, shown);
    const QString normalized = normalizedBaseUrl(text);
    if (shown.isEmpty()) {
        QVERIFY(!baseUrlProblem(normalized).isEmpty());
        QVERIFY(!parseBaseUrl(text).ok());
        return;
    }
    QCOMPARE(normalized, shown);
    QVERIFY2(baseUrlProblem(normalized).isEmpty(), qPrintable(baseUrlProblem(normalized)));
    QCOMPARE(parseBaseUrl(normalized).url, parseBaseUrl(text).url);
}

void TestEndpoint::rejected_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("says");
    QTest::newRow("empty") << QString() << u"empty"_qs;
    QTest::newRow("blank") << u"   "_qs << u"empty"_qs;
    QTest::newRow("garbage") << u"not a url"_qs << u"\"not a url\" is not a valid URL"_qs;
    QTest::newRow("bad port") << u"localhost:99999999"_qs << u"not a valid URL"_qs;
    QTest::newRow("no host") << u"http://"_qs << u"not a valid URL"_qs;
    QTest::newRow("ftp") << u"ftp://example.com/v1"_qs << u"only http and https"_qs;
    QTest::newRow("file") << u"file:///tmp/x"_qs << u"not a valid URL"_qs;
}

void TestEndpoint::rejected()
{
    QFETCH(QString, text);
    QFETCH(QString, says);
    const ParsedBaseUrl p = parseBaseUrl(text);
    QVERIFY(!p.ok());
    QVERIFY2(p.error.contains(says), qPrintable(p.error));
    QVERIFY(!p.error.contains(u'\n'));
}

void TestEndpoint::chatUrls()
{
    // The whole path from what the user typed to the URL a request goes to.
    const auto url = [](const QString &text, ProviderType type) {
        return joinPath(apiRoot(parseBaseUrl(text).url, type),
                        type == ProviderType::Ollama   ? u"/api/chat"
                        : type == ProviderType::OpenAI ? u"/chat/completions"
                                                       : u"/v1/messages")
            .toString();
    };
    QCOMPARE(url(u"localhost:11434"_qs, ProviderType::Ollama),
             u"http://localhost:11434/api/chat"_qs);
    QCOMPARE(url(u"http://localhost:11434/api/chat"_qs, ProviderType::Ollama),
             u"http://localhost:11434/api/chat"_qs);
    QCOMPARE(url(u"http://localhost:11434/v1/"_qs, ProviderType::Ollama),
             u"http://localhost:11434/api/chat"_qs);
    QCOMPARE(url(u"localhost:11434"_qs, ProviderType::OpenAI),
             u"http://localhost:11434/v1/chat/completions"_qs);
    QCOMPARE(url(u"http://localhost:8080/v1/chat/completions"_qs, ProviderType::OpenAI),
             u"http://localhost:8080/v1/chat/completions"_qs);
    QCOMPARE(url(u"https://openrouter.ai/api/v1/"_qs, ProviderType::OpenAI),
             u"https://openrouter.ai/api/v1/chat/completions"_qs);
    QCOMPARE(url(u"https://api.anthropic.com/v1"_qs, ProviderType::Anthropic),
             u"https://api.anthropic.com/v1/messages"_qs);
    QCOMPARE(url(u"https://api.anthropic.com/v1/messages"_qs, ProviderType::Anthropic),
             u"https://api.anthropic.com/v1/messages"_qs);
}

void TestEndpoint::joinPathAndOrigin()
{
    QCOMPARE(joinPath(QUrl(u"http://h/v1/"_qs), u"/models").toString(), u"http://h/v1/models"_qs);
    QCOMPARE(joinPath(QUrl(u"http://h"_qs), u"api/tags").toString(), u"http://h/api/tags"_qs);
    QCOMPARE(originOf(QUrl(u"HTTPS://Api.Example.com/v1"_qs)), u"https://api.example.com:443"_qs);
    QCOMPARE(originOf(QUrl(u"http://h/v1"_qs)), originOf(QUrl(u"http://h:80/other"_qs)));
    QVERIFY(originOf(QUrl(u"http://h:8080"_qs)) != originOf(QUrl(u"http://h:8081"_qs)));
    QVERIFY(originOf(QUrl(u"http://h"_qs)) != originOf(QUrl(u"https://h"_qs)));
}

void TestEndpoint::displayBaseHidesCredentials()
{
    const QUrl root = parseBaseUrl(u"https://user:sk-secret-123@proxy.example/v1"_qs).url;
    QCOMPARE(displayBase(root), u"https://proxy.example/v1"_qs);
}

void TestEndpoint::ollamaHostFromEnv_data()
{
    QTest::addColumn<QByteArray>("env");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unset") << QByteArray() << u"http://localhost:11434"_qs;
    QTest::newRow("blank") << QByteArray("  ") << u"http://localhost:11434"_qs;
    QTest::newRow("0.0.0.0") << QByteArray("0.0.0.0") << u"http://127.0.0.1:11434"_qs;
    QTest::newRow("0.0.0.0:port") << QByteArray("0.0.0.0:8080") << u"http://127.0.0.1:8080"_qs;
    QTest::newRow(":11434") << QByteArray(":11434") << u"http://127.0.0.1:11434"_qs;
    QTest::newRow("host") << QByteArray("gpu-box") << u"http://gpu-box:11434"_qs;
    QTest::newRow("host:port") << QByteArray("gpu-box:1234") << u"http://gpu-box:1234"_qs;
    QTest::newRow("host:bad port") << QByteArray("gpu-box:http") << u"http://gpu-box:11434"_qs;
    QTest::newRow("https://host") << QByteArray("https://ollama.example")
                                  << u"https://ollama.example:443"_qs;
    // As Ollama does: an explicit http:// scheme without a port means port 80, not 11434.
    QTest::newRow("http://host") << QByteArray("http://gpu-box") << u"http://gpu-box:80"_qs;
    QTest::newRow("http://host:port/path")
        << QByteArray("http://gpu-box:9000/ollama/") << u"http://gpu-box:9000/ollama"_qs;
    QTest::newRow("whitespace") << QByteArray(" gpu-box:1234\n") << u"http://gpu-box:1234"_qs;
    QTest::newRow("[::1]:port") << QByteArray("[::1]:11434") << u"http://[::1]:11434"_qs;
    QTest::newRow("[::1]") << QByteArray("[::1]") << u"http://[::1]:11434"_qs;
    QTest::newRow("[::]") << QByteArray("[::]:11434") << u"http://[::1]:11434"_qs;
    QTest::newRow("bare ::") << QByteArray("::") << u"http://[::1]:11434"_qs;
    QTest::newRow("bare ::1") << QByteArray("::1") << u"http://[::1]:11434"_qs;
    QTest::newRow("bare fe80::1") << QByteArray("fd00::1") << u"http://[fd00::1]:11434"_qs;
}

void TestEndpoint::ollamaHostFromEnv()
{
    QFETCH(QByteArray, env);
    QFETCH(QString, expected);
    if (env.isNull())
        qunsetenv("OLLAMA_HOST");
    else
        qputenv("OLLAMA_HOST", env);
    const QString host = Sluice::ollamaHostFromEnv();
    QCOMPARE(host, expected);
    // Whatever Ollama accepts, the result is a base URL Sluice accepts.
    QVERIFY2(parseBaseUrl(host).ok(), qPrintable(parseBaseUrl(host).error));
}

QTEST_GUILESS_MAIN(TestEndpoint)
#include "tst_endpoint.moc"
