#include "core/chat/chatclient.h"

#include "core/net/endpoint.h"
#include "core/net/headercheck.h"
#include "core/util/logging.h"
#include "core/protocol/protocol.h"
#include "core/net/requestutil.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace Sluice {

// ---- ModelListReply ------------------------------------------------------------------------

namespace {
constexpr qint64 ModelListAnswerMs = 30'000;
}

ModelListReply::ModelListReply(QNetworkAccessManager *nam, const ProviderConfig &config,
                               QObject *parent)
    : QObject(parent), m_nam(nam), m_config(config), m_watchdog(nullptr)
{
    Timeouts t = config.timeouts;
    t.firstTokenMs = t.firstTokenMs > 0 ? qMin(t.firstTokenMs, ModelListAnswerMs)
                                        : ModelListAnswerMs;
    t.loadMs = 0;
    t.idleMs = 0;
    m_watchdog = new StallWatchdog(t, this);
    connect(m_watchdog, &StallWatchdog::expired, this,
            [this](StallWatchdog::Limit limit, qint64 elapsed) {
                ChatError e;
                e.kind = ChatError::Kind::Stalled;
                e.message = QStringLiteral("stalled: no model list from %1 after %2 (%3)")
                                .arg(displayBase(m_root), formatSeconds(elapsed),
                                     limitName(limit));
                fail(e);
            });
}

ModelListReply::~ModelListReply()
{
    m_done = true;
    detachReply(m_net, this);
}

void ModelListReply::start()
{
    const ParsedBaseUrl parsed = parseBaseUrl(m_config.baseUrl);
    const QString headers = headerProblem(m_config);
    if (!parsed.ok() || !headers.isEmpty()) {
        ChatError e;
        e.kind = ChatError::Kind::Config;
        e.message = parsed.ok() ? headers : parsed.error;
        QMetaObject::invokeMethod(this, [this, e] { fail(e); }, Qt::QueuedConnection);
        return;
    }
    m_root = apiRoot(parsed.url, m_config.type);
    m_watchdog->start();
    get(createProtocol(m_config.type)->modelsUrl(m_root), m_config.type);
}

void ModelListReply::get(const QUrl &url, ProviderType parseAs)
{
    m_url = url;
    m_parseAs = parseAs;
    const auto protocol = createProtocol(m_config.type);
    qCDebug(lcProvider).noquote() << u"models provider=" + providerTypeName(m_config.type) +
                                         u" url=" + redactedUrl(url);
    m_net = m_nam->get(buildRequest(url, m_config, *protocol, "application/json"));
    watchRequest(m_net, this, m_watchdog, m_url, m_config,
                 [this](const ChatError &e) { fail(e); });
    connect(m_net, &QNetworkReply::finished, this, &ModelListReply::onFinished);
}

void ModelListReply::onFinished()
{
    if (m_done || !m_net)
        return;
    QNetworkReply *net = m_net;
    m_net = nullptr;
    net->deleteLater();
    const QVariant statusAttr = net->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int status = statusAttr.toInt();
    const QByteArray body = net->readAll();
    const auto protocol = createProtocol(m_config.type);
    if (!statusAttr.isValid()) {
        fail(connectionError(net->error(), net->errorString(), m_url, m_config.type, {}));
        return;
    }
    if (status == 404 && m_config.type == ProviderType::OpenAI && !m_triedTags) {
        // Very old Ollama has no /v1/models: its native list still answers.
        m_triedTags = true;
        QUrl tags = m_root;
        tags.setPath(QString());
        get(joinPath(tags, u"/api/tags"), ProviderType::Ollama);
        return;
    }
    if (status < 200 || status >= 300) {
        fail(protocol->httpError(status, body,
                                 net->header(QNetworkRequest::ContentTypeHeader).toByteArray(),
                                 m_root, QString(), !m_config.apiKey.isEmpty()));
        return;
    }
    QString error;
    const QList<ModelInfo> models = createProtocol(m_parseAs)->parseModels(body, &error);
    if (!error.isEmpty()) {
        ChatError e;
        e.kind = ChatError::Kind::Protocol;
        e.message = error + QStringLiteral(" (from %1)").arg(redactedUrl(m_url));
        fail(e);
        return;
    }
    m_done = true;
    m_watchdog->stop();
    m_models = models;
    Q_EMIT finished(m_models);
}

void ModelListReply::fail(ChatError error)
{
    if (m_done)
        return;
    m_done = true;
    m_watchdog->stop();
    detachReply(m_net, this);
    error.message = redact(error.message, m_config);
    Q_EMIT failed(error);
}

// ---- ServerProbe ---------------------------------------------------------------------------

ServerProbe::ServerProbe(QNetworkAccessManager *nam, const QString &baseUrl, qint64 timeoutMs,
                         QObject *parent, Mode mode)
    : QObject(parent), m_nam(nam), m_baseUrl(baseUrl), m_timeoutMs(timeoutMs), m_mode(mode)
{
    m_timer.setSingleShot(true);
}

ServerProbe::~ServerProbe()
{
    m_done = true;
    detachReply(m_net, this);
}

void ServerProbe::start()
{
    const ParsedBaseUrl parsed = parseBaseUrl(m_baseUrl);
    if (!parsed.ok()) {
        ChatError e;
        e.kind = ChatError::Kind::Config;
        e.message = parsed.error;
        QMetaObject::invokeMethod(
            this,
            [this, e] {
                m_done = true;
                Q_EMIT failed(e);
            },
            Qt::QueuedConnection);
        return;
    }
    if (const auto type = typeFromUrl(parsed.url); type && m_mode == Mode::TrustPath) {
        const ProviderType t = *type;
        QMetaObject::invokeMethod(this, [this, t] { finish(t); }, Qt::QueuedConnection);
        return;
    }
    QUrl url = apiRoot(parsed.url, ProviderType::Ollama);
    url = joinPath(url, u"/api/version");
    QNetworkRequest req(url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     m_mode == Mode::AskServer ? QNetworkRequest::SameOriginRedirectPolicy
                                               : QNetworkRequest::NoLessSafeRedirectPolicy);
    req.setTransferTimeout(0);
    m_net = m_nam->get(req);
    connect(m_net, &QNetworkReply::finished, this, [this] {
        if (m_done || !m_net)
            return;
        QNetworkReply *net = m_net;
        m_net = nullptr;
        net->deleteLater();
        const QJsonDocument doc = QJsonDocument::fromJson(net->readAll());
        const int status = net->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        m_httpStatus = status;
        if (status == 200 && doc.isObject() && doc.object().value(u"version").isString()) {
            finish(ProviderType::Ollama, doc.object().value(u"version").toString());
            return;
        }
        if (status == 0 && net->url().port() == 11434) {
            finish(ProviderType::Ollama); // unreachable; the chat request will say why
            return;
        }
        finish(ProviderType::OpenAI);
    });
    connect(&m_timer, &QTimer::timeout, this, [this, url] {
        finish(url.port() == 11434 ? ProviderType::Ollama : ProviderType::OpenAI);
    });
    m_timer.start(int(qMax<qint64>(1, m_timeoutMs)));
}

void ServerProbe::finish(ProviderType type, const QString &version)
{
    if (m_done)
        return;
    m_done = true;
    m_timer.stop();
    detachReply(m_net, this);
    qCDebug(lcProvider).noquote() << u"detected type=" + providerTypeName(type) +
                                         (version.isEmpty() ? QString() : u" version=" + version);
    Q_EMIT detected(type, version);
}

// ---- ChatClient ----------------------------------------------------------------------------

ChatClient::ChatClient(QObject *parent)
    : QObject(parent), m_nam(new QNetworkAccessManager(this))
{
}

ChatClient::ChatClient(QNetworkAccessManager *nam, QObject *parent) : QObject(parent), m_nam(nam)
{
}

ChatReply *ChatClient::chat(const ProviderConfig &config, const ChatRequest &request)
{
    auto *reply = new ChatReply(m_nam, config, request, this);
    recogniseOllama(reply, config);
    reply->start();
    return reply;
}

void ChatClient::rememberServer(const QUrl &ollamaRoot, bool isOllama)
{
    m_ollamaServers.insert(ollamaRoot.toString(), isOllama);
}

void ChatClient::recogniseOllama(ChatReply *reply, const ProviderConfig &config)
{
    // Ollama's /v1 goes through the same scheduler as its native API (middleware/openai.go):
    // its loads are just as silent, and the load-only request goes to the native root.
    if (config.type != ProviderType::OpenAI)
        return;
    const ParsedBaseUrl parsed = parseBaseUrl(config.baseUrl);
    if (!parsed.ok())
        return;
    const QUrl root = apiRoot(parsed.url, ProviderType::Ollama);
    const QString key = root.toString();
    if (const auto known = m_ollamaServers.constFind(key); known != m_ollamaServers.cend()) {
        if (*known)
            reply->setOllamaServer(root);
        return;
    }
    ServerProbe *probe = m_probes.value(key);
    if (!probe) {
        const qint64 limit = config.timeouts.connectMs > 0 ? config.timeouts.connectMs : 10'000;
        probe = new ServerProbe(m_nam, config.baseUrl, limit, this, ServerProbe::Mode::AskServer);
        m_probes.insert(key, probe);
        connect(probe, &ServerProbe::detected, this,
                [this, key, probe](ProviderType, const QString &version) {
                    m_probes.remove(key);
                    probe->deleteLater();
                    // Only an HTTP answer decides; no answer (yet) is asked again next time.
                    if (probe->httpStatus() != 0)
                        m_ollamaServers.insert(key, !version.isEmpty());
                });
        connect(probe, &ServerProbe::failed, this, [this, key, probe] {
            m_probes.remove(key);
            probe->deleteLater();
        });
        probe->start();
    }
    connect(probe, &ServerProbe::detected, reply,
            [reply, root](ProviderType, const QString &version) {
                if (!version.isEmpty())
                    reply->setOllamaServer(root);
            });
}

ModelListReply *ChatClient::listModels(const ProviderConfig &config)
{
    auto *reply = new ModelListReply(m_nam, config, this);
    reply->start();
    return reply;
}

ServerProbe *ChatClient::detectType(const QString &baseUrl, qint64 timeoutMs)
{
    auto *probe = new ServerProbe(m_nam, baseUrl, timeoutMs, this);
    probe->start();
    return probe;
}

ServerProbe *ChatClient::probeServer(const QString &baseUrl, qint64 timeoutMs)
{
    auto *probe =
        new ServerProbe(m_nam, baseUrl, timeoutMs, this, ServerProbe::Mode::AskServer);
    probe->start();
    return probe;
}

} // namespace Sluice
