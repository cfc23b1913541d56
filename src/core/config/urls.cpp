#include "core/config/urls.h"

#include "core/net/endpoint.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QUrl>

namespace Sluice {

namespace {

class UrlText final
{
    Q_DECLARE_TR_FUNCTIONS(Sluice::ProviderUrls)
};

} // namespace

QString defaultBaseUrl(ProviderType type)
{
    switch (type) {
    case ProviderType::Ollama:
        return ollamaDefaultUrl();
    case ProviderType::OpenAI:
        return QStringLiteral("https://api.openai.com/v1");
    case ProviderType::Anthropic:
        return QStringLiteral("https://api.anthropic.com");
    }
    return {};
}

QString baseUrlProblem(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return UrlText::tr("is empty; it needs a URL such as \"http://localhost:11434\"");
    const QUrl url(trimmed, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (url.isValid() && (scheme == u"http" || scheme == u"https")) {
        if (url.host().isEmpty())
            return UrlText::tr("has no host name: \"%1\"").arg(trimmed);
        if (url.hasQuery() || url.hasFragment())
            return UrlText::tr("must not have a query or fragment: \"%1\"").arg(trimmed);
        return {};
    }
    // "localhost:11434" parses as scheme "localhost"; "192.168.1.5:8080" does not parse.
    const QUrl withScheme(QStringLiteral("http://") + trimmed, QUrl::StrictMode);
    if (!trimmed.contains(u"://") && withScheme.isValid() && !withScheme.host().isEmpty()) {
        return UrlText::tr("must start with http:// or https://, not \"%1\" (did you mean "
                           "\"http://%1\"?)")
            .arg(trimmed);
    }
    return UrlText::tr("must be an http or https URL, not \"%1\"").arg(trimmed);
}

QString normalizedBaseUrl(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed.contains(u"://"))
        return trimmed;
    const QString withScheme = QStringLiteral("http://") + trimmed;
    const QUrl url(withScheme, QUrl::StrictMode);
    return url.isValid() && !url.host().isEmpty() ? withScheme : trimmed;
}

QString ollamaBaseUrlFromHost(const QString &ollamaHost)
{
    QString s = ollamaHost.trimmed();
    QString scheme = QStringLiteral("http");
    QString defaultPort = QString::number(OllamaDefaultPort);
    if (const qsizetype sep = s.indexOf(u"://"); sep >= 0) {
        scheme = s.left(sep).toLower();
        s = s.mid(sep + 3);
        defaultPort = scheme == u"https" ? QStringLiteral("443") : QStringLiteral("80");
    }
    QString path;
    if (const qsizetype slash = s.indexOf(u'/'); slash >= 0) {
        path = s.mid(slash);
        s = s.left(slash);
    }
    while (path.endsWith(u'/'))
        path.chop(1);

    QString host = s;
    QString port = defaultPort;
    if (s.startsWith(u'[')) { // [v6] or [v6]:port
        const qsizetype close = s.indexOf(u']');
        host = s.mid(1, close - 1);
        const QString rest = s.mid(close + 1);
        if (rest.startsWith(u':') && rest.size() > 1)
            port = rest.mid(1);
    } else if (s.count(u':') == 1) { // host:port or :port
        const qsizetype colon = s.indexOf(u':');
        host = s.left(colon);
        if (colon + 1 < s.size())
            port = s.mid(colon + 1);
    }
    bool portOk = false;
    const int portNumber = port.toInt(&portOk);
    if (!portOk || portNumber < 0 || portNumber > 65535)
        port = defaultPort;

    const QHostAddress address(host);
    if (host.isEmpty() || address == QHostAddress::AnyIPv4 || address == QHostAddress::AnyIPv6 ||
        address == QHostAddress::Any)
        host = QStringLiteral("127.0.0.1");
    else if (!address.isNull() && address.protocol() == QAbstractSocket::IPv6Protocol)
        host = u'[' + host + u']';
    const bool standardPort =
        (scheme == u"http" && port == u"80") || (scheme == u"https" && port == u"443");
    return scheme + QStringLiteral("://") + host + (standardPort ? QString() : u':' + port) + path;
}

std::optional<ProviderType> guessProviderType(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return std::nullopt;
    const QString host = url.host().toLower();
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    if (host.endsWith(u"anthropic.com") || path.endsWith(u"/anthropic"))
        return ProviderType::Anthropic;
    if (path.endsWith(u"/v1") || path.endsWith(u"/openai") || path.contains(u"/v1/"))
        return ProviderType::OpenAI;
    const int port = url.port();
    if (port == OllamaDefaultPort || path.endsWith(u"/api") || host.contains(u"ollama"))
        return ProviderType::Ollama;
    for (const char16_t *known : {u"openai.com", u"openrouter.ai", u"groq.com", u"together.xyz",
                                  u"deepseek.com", u"mistral.ai", u"x.ai", u"fireworks.ai"}) {
        if (host.endsWith(QStringView(known)))
            return ProviderType::OpenAI;
    }
    if (port == 1234 || port == 8080 || port == 8000 || port == 4000)
        return ProviderType::OpenAI; // LM Studio, llama.cpp, vLLM, LiteLLM
    return std::nullopt;
}

} // namespace Sluice
