#include "core/net/redaction.h"

#include <QMutex>
#include <QRegularExpression>
#include <QUrlQuery>

#include <algorithm>

namespace Sluice {

namespace {

const QString Redacted = QStringLiteral("[REDACTED]");

void add(QStringList &list, const QString &value)
{
    const QString v = value.trimmed();
    if (v.size() < MinRedactedSecretSize)
        return;
    list.append(v);
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(v));
    if (encoded != v)
        list.append(encoded);
}

// "Bearer abc", "Basic dXNlcjpwdw==", "Token abc": the credential after the scheme, which an
// echoing server may show without the scheme.
QString afterScheme(const QString &value)
{
    static const QRegularExpression scheme(
        QStringLiteral("^\\s*[A-Za-z][A-Za-z0-9-]*\\s+(\\S.*)$"));
    const QRegularExpressionMatch m = scheme.match(value);
    return m.hasMatch() ? m.captured(1) : QString();
}

void sortLongestFirst(QStringList &list)
{
    list.removeDuplicates();
    std::stable_sort(list.begin(), list.end(),
                     [](const QString &a, const QString &b) { return a.size() > b.size(); });
}

QMutex g_mutex;
QStringList g_remembered; // longest first

} // namespace

bool isSecretName(QStringView name)
{
    static const char16_t *const words[] = {u"key",       u"token",     u"secret", u"auth",
                                            u"password",  u"passwd",    u"cookie", u"session",
                                            u"signature", u"credential"};
    for (const char16_t *w : words) {
        if (name.contains(QStringView(w), Qt::CaseInsensitive))
            return true;
    }
    return name.compare(u"sig", Qt::CaseInsensitive) == 0 ||
           name.compare(u"pwd", Qt::CaseInsensitive) == 0;
}

QStringList secretValues(const ProviderConfig &config)
{
    QStringList list;
    add(list, config.apiKey);
    for (const auto &[nameBytes, valueBytes] : config.headers) {
        const QString name = QString::fromUtf8(nameBytes);
        const QString value = QString::fromUtf8(valueBytes);
        const bool carriesKey = config.apiKey.trimmed().size() >= MinRedactedSecretSize &&
                                value.contains(config.apiKey.trimmed());
        if (isSecretName(name) || carriesKey) {
            add(list, value);
            add(list, afterScheme(value));
        }
    }
    const QUrl url = QUrl::fromUserInput(config.baseUrl.trimmed());
    if (url.isValid()) {
        add(list, url.password(QUrl::FullyDecoded));
        add(list, url.password(QUrl::FullyEncoded));
        if (!url.password().isEmpty()) // "user:password" as Basic auth would send it
            add(list, QString::fromLatin1((url.userName(QUrl::FullyDecoded) + u':' +
                                           url.password(QUrl::FullyDecoded))
                                              .toUtf8()
                                              .toBase64()));
        const QUrlQuery query(url);
        for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded)) {
            if (isSecretName(name))
                add(list, value);
        }
    }
    sortLongestFirst(list);
    return list;
}

QString redactSecrets(QString text, const QStringList &secrets)
{
    for (const QString &s : secrets) {
        if (s.size() >= MinRedactedSecretSize)
            text.replace(s, Redacted);
    }
    return text;
}

QString redact(QString text, const ProviderConfig &config)
{
    return redactSecrets(std::move(text), secretValues(config));
}

void rememberSecrets(const ProviderConfig &config)
{
    rememberSecretValues(secretValues(config));
}

void rememberSecretValues(const QStringList &values)
{
    if (values.isEmpty())
        return;
    QMutexLocker lock(&g_mutex);
    bool added = false;
    for (const QString &v : values) {
        if (!g_remembered.contains(v)) {
            g_remembered.append(v);
            added = true;
        }
    }
    if (added)
        sortLongestFirst(g_remembered);
}

QString redactKnownSecrets(QString text)
{
    {
        QMutexLocker lock(&g_mutex);
        text = redactSecrets(std::move(text), g_remembered);
    }
    // Whatever the value: credentials after an auth scheme, in key-like query parameters and
    // JSON/header fields, and in URL user info.
    static const QRegularExpression bearer(
        QStringLiteral("\\b(Bearer|Basic|Token)\\s+[A-Za-z0-9._~+/=-]{4,}"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression field(
        QStringLiteral("([?&\"'\\s]?(?:[A-Za-z_-]*(?:api[_-]?key|token|secret|password|"
                       "authorization)[A-Za-z_-]*)[\"']?\\s*[=:]\\s*[\"']?)([^\\s&\"',;]{4,})"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression userInfo(
        QStringLiteral("\\b([A-Za-z][A-Za-z0-9+.-]*://[^/\\s:@]*):[^/\\s@]+@"));
    text.replace(bearer, QStringLiteral("\\1 ") + Redacted);
    text.replace(field, QStringLiteral("\\1") + Redacted);
    text.replace(userInfo, QStringLiteral("\\1:") + Redacted + u'@');
    return text;
}

} // namespace Sluice
