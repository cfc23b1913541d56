#include "core/net/endpoint.h"

namespace Sluice {

namespace {

QString stripSuffix(QString path, std::initializer_list<QStringView> suffixes)
{
    for (bool changed = true; changed;) {
        changed = false;
        while (path.endsWith(u'/'))
            path.chop(1);
        for (QStringView s : suffixes) {
            if (path.endsWith(s, Qt::CaseInsensitive)) {
                path.chop(s.size());
                changed = true;
                break;
            }
        }
    }
    return path;
}

QUrl withPath(QUrl url, const QString &path)
{
    url.setPath(path);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

} // namespace

ParsedBaseUrl parseBaseUrl(const QString &text)
{
    ParsedBaseUrl result;
    QString t = text.trimmed();
    if (t.isEmpty()) {
        result.error = QStringLiteral("the base URL is empty");
        return result;
    }
    if (!t.contains(u"://"))
        t.prepend(u"http://");
    QUrl url(t, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) {
        result.error = QStringLiteral("\"%1\" is not a valid URL (expected something like "
                                      "%2)")
                           .arg(text.trimmed(), ollamaDefaultUrl());
        return result;
    }
    const QString scheme = url.scheme().toLower();
    if (scheme != u"http" && scheme != u"https") {
        result.error = QStringLiteral("\"%1\" uses the scheme \"%2\"; only http and https are "
                                      "supported")
                           .arg(text.trimmed(), url.scheme());
        return result;
    }
    url.setScheme(scheme);
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path);
    url.setFragment(QString());
    result.url = url;
    return result;
}

std::optional<ProviderType> typeFromUrl(const QUrl &url)
{
    QString path = url.path().toLower();
    while (path.endsWith(u'/'))
        path.chop(1);
    if (url.host().toLower() == u"api.anthropic.com" || path.endsWith(u"/v1/messages"))
        return ProviderType::Anthropic;
    if (path.endsWith(u"/v1") || path.endsWith(u"/chat/completions") ||
        path.endsWith(u"/v1/models"))
        return ProviderType::OpenAI;
    if (path.endsWith(u"/api") || path.endsWith(u"/api/chat") ||
        path.endsWith(u"/api/generate") || path.endsWith(u"/api/tags"))
        return ProviderType::Ollama;
    return std::nullopt;
}

QUrl apiRoot(const QUrl &parsed, ProviderType type)
{
    const QString path = parsed.path();
    switch (type) {
    case ProviderType::Ollama:
        return withPath(parsed, stripSuffix(path, {u"/api/chat", u"/api/generate", u"/api/tags",
                                                   u"/api", u"/v1/chat/completions",
                                                   u"/v1/models", u"/v1"}));
    case ProviderType::OpenAI: {
        QString p = stripSuffix(path, {u"/chat/completions", u"/models"});
        if (p.isEmpty())
            p = QStringLiteral("/v1");
        return withPath(parsed, p);
    }
    case ProviderType::Anthropic:
        return withPath(parsed, stripSuffix(path, {u"/v1/messages", u"/v1/models", u"/v1"}));
    }
    return parsed;
}

QUrl joinPath(const QUrl &root, QStringView path)
{
    QUrl url = root;
    QString base = root.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    url.setPath(base + (path.startsWith(u'/') ? path.toString() : u'/' + path.toString()));
    return url;
}

QString ollamaDefaultUrl()
{
    return QStringLiteral("http://localhost:%1").arg(OllamaDefaultPort);
}

int portOf(const QUrl &url)
{
    return url.port(url.scheme().compare(u"https", Qt::CaseInsensitive) == 0 ? 443 : 80);
}

QString hostPort(const QUrl &url)
{
    return url.host() + u':' + QString::number(portOf(url));
}

QString originOf(const QUrl &url)
{
    return url.scheme().toLower() + u"://" + url.host().toLower() + u':' +
           QString::number(portOf(url));
}

QString displayBase(const QUrl &root)
{
    return root.toString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
}

} // namespace Sluice

namespace Sluice {

QString ollamaHostFromEnv()
{
    QString host = qEnvironmentVariable("OLLAMA_HOST").trimmed();
    if (host.isEmpty())
        return ollamaDefaultUrl();
    QString scheme = QStringLiteral("http");
    QString defaultPort = QString::number(OllamaDefaultPort); // as Ollama: an explicit scheme means 80/443
    const qsizetype sep = host.indexOf(u"://");
    if (sep >= 0) {
        scheme = host.left(sep).toLower();
        host = host.mid(sep + 3);
        defaultPort = scheme == u"https" ? QStringLiteral("443") : QStringLiteral("80");
    }
    QString path;
    const qsizetype slash = host.indexOf(u'/');
    if (slash >= 0) {
        path = host.mid(slash);
        host = host.left(slash);
    }
    if (host.count(u':') > 1 && !host.startsWith(u'['))
        host = u'[' + host + u']'; // a bare IPv6 address ("::1") has no port
    QString name = host;
    QString port;
    const qsizetype colon = host.lastIndexOf(u':');
    if (colon >= 0 && !host.endsWith(u']')) {
        name = host.left(colon);
        port = host.mid(colon + 1);
    }
    bool portOk = false;
    const int portNumber = port.toInt(&portOk);
    if (!portOk || portNumber < 0 || portNumber > 65535)
        port.clear(); // as Ollama: an unreadable port falls back to the default
    if (name.isEmpty() || name == u"0.0.0.0")
        name = QStringLiteral("127.0.0.1");
    else if (name == u"[::]" || name == u"::")
        name = QStringLiteral("[::1]");
    if (port.isEmpty())
        port = defaultPort;
    while (path.endsWith(u'/'))
        path.chop(1);
    return scheme + u"://" + name + u':' + port + path;
}

} // namespace Sluice
