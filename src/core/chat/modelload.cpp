#include "core/chat/modelload.h"

#include "core/net/endpoint.h"
#include "core/util/logging.h"
#include "core/protocol/protocol.h"
#include "core/net/requestutil.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>

namespace Sluice {

ModelLoadProbe::ModelLoadProbe(QNetworkAccessManager *nam, const ProviderConfig &config,
                               const Protocol &auth, const QUrl &ollamaRoot, const QString &model,
                               const QByteArray &chatBody, QObject *parent)
    : QObject(parent), m_root(ollamaRoot), m_model(model), m_hasKey(!config.apiKey.isEmpty())
{
    QNetworkRequest req =
        buildRequest(joinPath(ollamaRoot, u"/api/generate"), config, auth, "application/json");
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    // Another origin would get the key: a load-only request follows no redirect at all.
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::ManualRedirectPolicy);
    m_clock.start();
    m_net = nam->post(req, loadBody(model, chatBody));
    connect(m_net, &QNetworkReply::finished, this, &ModelLoadProbe::onFinished);
    qCDebug(lcWatchdog).noquote() << u"load-only request for model=" + model + u" to " +
                                         redactedUrl(req.url());
}

ModelLoadProbe::~ModelLoadProbe()
{
    close();
}

void ModelLoadProbe::close()
{
    m_done = true;
    detachReply(m_net, this);
}

QByteArray ModelLoadProbe::loadBody(const QString &model, const QByteArray &chatBody)
{
    // No prompt: GenerateHandler answers done_reason "load" once scheduleRunner() returns.
    // The same options (num_ctx …) so that the scheduler sees no reason to reload, and the
    // same keep_alive, which every request sets anew (sched.go, useLoadedRunner).
    QJsonObject body{{QStringLiteral("model"), model}, {QStringLiteral("stream"), false}};
    const QJsonObject chat = QJsonDocument::fromJson(chatBody).object();
    for (const QLatin1StringView key :
         {QLatin1StringView("options"), QLatin1StringView("keep_alive")}) {
        if (chat.contains(key))
            body.insert(key, chat.value(key));
    }
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

void ModelLoadProbe::onFinished()
{
    if (m_done || !m_net)
        return;
    m_done = true;
    QNetworkReply *net = m_net;
    m_net = nullptr;
    net->deleteLater();
    const qint64 ms = m_clock.elapsed();
    const int status = net->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = net->readAll();
    if (status == 200) {
        qCDebug(lcWatchdog).noquote()
            << QStringLiteral("model=%1 loaded load_ms=%2").arg(m_model).arg(ms);
        Q_EMIT loaded(ms);
        return;
    }
    if (status == 0) {
        Q_EMIT unavailable(QStringLiteral("load-only request: %1").arg(net->errorString()));
        return;
    }
    // Ollama's own refusals are JSON {"error": …}; anything else (Go's plain "404 page not
    // found", a proxy's page) is not an Ollama scheduler speaking.
    const QJsonObject doc = QJsonDocument::fromJson(body).object();
    if (!doc.value(u"error").isString()) {
        Q_EMIT unavailable(QStringLiteral("load-only request answered HTTP %1").arg(status));
        return;
    }
    const std::unique_ptr<Protocol> ollama = createProtocol(ProviderType::Ollama);
    ChatError e = ollama->httpError(status, body,
                                    net->header(QNetworkRequest::ContentTypeHeader).toByteArray(),
                                    m_root, m_model, m_hasKey);
    e.retryAfterMs = parseRetryAfterMs(net->rawHeader("Retry-After"));
    // A failed load fails again, and a retry would load from zero: only a full queue (503)
    // is worth another attempt.
    e.retryable = status == 503;
    Q_EMIT failed(e);
}

} // namespace Sluice
