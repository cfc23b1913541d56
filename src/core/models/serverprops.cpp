#include "core/models/serverprops.h"

#include "core/chat/chatclient.h"
#include "core/net/endpoint.h"
#include "core/net/requestutil.h"
#include "core/protocol/protocol.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <climits>

namespace Sluice {

namespace {

constexpr int PropsLimitMs = 10'000;
constexpr qint64 PropsMaxBytes = 4 * 1024 * 1024; // a chat template is long; nothing is that long

} // namespace

ServerProps parseServerProps(const QByteArray &body)
{
    ServerProps props;
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    const QJsonValue nCtx = o.value(u"default_generation_settings").toObject().value(u"n_ctx");
    if (nCtx.isDouble() && nCtx.toInteger() > 0 && nCtx.toInteger() <= INT_MAX)
        props.contextSize = int(nCtx.toInteger());
    const QJsonValue vision = o.value(u"modalities").toObject().value(u"vision");
    if (vision.isBool())
        props.vision = vision.toBool();
    return props;
}

QHash<QString, ModelCapabilities> capabilitiesFromProps(const ServerProps &props,
                                                        const QStringList &models)
{
    QHash<QString, ModelCapabilities> caps;
    for (const QString &m : models) {
        ModelCapabilities &c = caps[m];
        c.serverContext = props.contextSize;
        c.known = props.vision.has_value();
        c.vision = props.vision.value_or(false);
    }
    return caps;
}

QUrl serverPropsUrl(const ProviderConfig &provider)
{
    const ParsedBaseUrl parsed = parseBaseUrl(provider.baseUrl);
    if (!parsed.ok())
        return {};
    QUrl root = apiRoot(parsed.url, ProviderType::OpenAI);
    QString path = root.path();
    if (path.endsWith(u"/v1"))
        path.chop(3);
    root.setPath(path);
    return joinPath(root, u"props");
}

void fetchServerProps(ChatClient *client, const ProviderConfig &provider, QObject *context,
                      ServerPropsCallback done)
{
    const QUrl url = serverPropsUrl(provider);
    if (!client || url.isEmpty()) {
        QMetaObject::invokeMethod(context, [done] { done({}); }, Qt::QueuedConnection);
        return;
    }
    QNetworkRequest req = buildRequest(url, provider, *createProtocol(ProviderType::OpenAI),
                                       QByteArray("application/json"));
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::ManualRedirectPolicy); // a redirect is no answer here
    req.setTransferTimeout(PropsLimitMs);
    QNetworkReply *reply = client->network()->get(req);
    QObject::connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received) {
        if (received > PropsMaxBytes)
            reply->abort();
    });
    QObject::connect(reply, &QNetworkReply::finished, context, [reply, done] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() != QNetworkReply::NoError || status != 200) {
            done({});
            return;
        }
        done(parseServerProps(reply->readAll()));
    });
    QObject::connect(context, &QObject::destroyed, reply, [reply] { discardReply(reply); });
}

} // namespace Sluice
