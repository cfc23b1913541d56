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

Timeouts listLimits(Timeouts t)
{
    t.firstTokenMs = t.firstTokenMs > 0 ? qMin(t.firstTokenMs, ModelListAnswerMs)
                                        : ModelListAnswerMs;
    t.loadMs = 0;
    t.idleMs = 0;
    return t;
}

} // namespace

ModelListReply::ModelListReply(QNetworkAccessManager *nam, const ProviderConfig &config,
                               QObject *parent)
    : ServerRequest(nam, config, listLimits(config.timeouts), config.type, parent),
      m_protocol(createProtocol(config.type))
{
}

ChatError ModelListReply::stallError(StallWatchdog::Limit limit, qint64 elapsedMs) const
{
    ChatError e;
    e.kind = ChatError::Kind::Stalled;
    e.message = QStringLiteral("stalled: no model list from %1 after %2 (%3)")
                    .arg(displayBase(m_root), formatSeconds(elapsedMs), limitName(limit));
    return e;
}

void ModelListReply::start()
{
    const ParsedBaseUrl parsed = parseBaseUrl(config().baseUrl);
    const QString headers = headerProblem(config());
    if (!parsed.ok() || !headers.isEmpty()) {
        failLater(ChatError::Kind::Config, parsed.ok() ? headers : parsed.error);
        return;
    }
    m_root = apiRoot(parsed.url, config().type);
    get(m_protocol->modelsUrl(m_root), config().type);
}

void ModelListReply::get(const QUrl &url, ProviderType parseAs)
{
    m_parseAs = parseAs;
    qCDebug(lcProvider).noquote() << u"models provider=" + providerTypeName(config().type) +
                                         u" url=" + redactedUrl(url);
    send(Verb::Get, buildRequest(url, config(), *m_protocol, "application/json"));
}

void ModelListReply::onErrorAnswer()
{
    if (httpStatus() == 404 && config().type == ProviderType::OpenAI && !m_triedTags) {
        // Very old Ollama has no /v1/models: its native list still answers.
        m_triedTags = true;
        closeNetwork();
        QUrl tags = m_root;
        tags.setPath(QString());
        get(joinPath(tags, u"/api/tags"), ProviderType::Ollama);
        return;
    }
    ChatError e = answerError(*m_protocol, m_root, QString());
    e.retryAfterMs = -1;
    fail(e);
}

void ModelListReply::onComplete()
{
    QString error;
    const QList<ModelInfo> models =
        createProtocol(m_parseAs)->parseModels(reply()->readAll(), &error);
    if (!error.isEmpty()) {
        ChatError e;
        e.kind = ChatError::Kind::Protocol;
        e.message = error + QStringLiteral(" (from %1)").arg(redactedUrl(requestUrl()));
        fail(e);
        return;
    }
    if (!settle())
        return;
    m_models = models;
    Q_EMIT finished(m_models);
}

// ---- ServerProbe ---------------------------------------------------------------------------

ServerProbe::ServerProbe(QNetworkAccessManager *nam, const QString &baseUrl, qint64 timeoutMs,
                         QObject *parent, Mode mode)
    : QObject(parent), m_nam(nam), m_baseUrl(baseUrl), m_timeoutMs(timeoutMs), m_mode(mode)
{
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
        const ProbeResult said{*type, ProbeResult::Basis::UrlPath, {}, 0};
        QMetaObject::invokeMethod(this, [this, said] { finish(said); }, Qt::QueuedConnection);
        return;
    }
    const QUrl url = joinPath(apiRoot(parsed.url, ProviderType::Ollama), u"/api/version");
    m_fetch = new HttpFetch(m_nam, url, qMax<qint64>(1, m_timeoutMs), this,
                            m_mode == Mode::AskServer
                                ? QNetworkRequest::SameOriginRedirectPolicy
                                : QNetworkRequest::NoLessSafeRedirectPolicy);
    connect(m_fetch, &HttpFetch::finished, this, [this](int status, const QByteArray &body) {
        const QJsonObject doc = QJsonDocument::fromJson(body).object();
        if (status == 200 && doc.value(u"version").isString())
            finish({ProviderType::Ollama, ProbeResult::Basis::Ollama,
                    doc.value(u"version").toString(), status});
        else
            finish({ProviderType::OpenAI, ProbeResult::Basis::OtherServer, {}, status});
    });
    connect(m_fetch, &HttpFetch::failed, this, [this, url] {
        // Unreachable: Ollama's port says Ollama, and the chat request will say why.
        finish({url.port() == OllamaDefaultPort ? ProviderType::Ollama : ProviderType::OpenAI,
                ProbeResult::Basis::NoAnswer, {}, 0});
    });
    m_fetch->start();
}

void ServerProbe::finish(const ProbeResult &result)
{
    if (m_done)
        return;
    m_done = true;
    if (m_fetch) {
        m_fetch->disconnect(this);
        m_fetch->deleteLater(); // maybe from inside its own signal
    }
    qCDebug(lcProvider).noquote()
        << u"detected type=" + providerTypeName(result.type) +
               (result.version.isEmpty() ? QString() : u" version=" + result.version) +
               (result.answered() ? QString() : QStringLiteral(" (guessed: no answer)"));
    Q_EMIT detected(result);
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
                [this, key, probe](const ProbeResult &found) {
                    m_probes.remove(key);
                    probe->deleteLater();
                    // Only an HTTP answer decides; no answer (yet) is asked again next time.
                    if (found.answered())
                        m_ollamaServers.insert(key, found.basis == ProbeResult::Basis::Ollama);
                });
        connect(probe, &ServerProbe::failed, this, [this, key, probe] {
            m_probes.remove(key);
            probe->deleteLater();
        });
        probe->start();
    }
    connect(probe, &ServerProbe::detected, reply, [reply, root](const ProbeResult &found) {
        if (found.basis == ProbeResult::Basis::Ollama)
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
