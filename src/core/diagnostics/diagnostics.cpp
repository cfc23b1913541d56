#include "core/diagnostics/diagnostics.h"

#include "core/chat/chatclient.h"
#include "core/net/endpoint.h"
#include "core/util/logging.h"
#include "core/models/modeltypes.h"
#include "core/protocol/protocol.h"
#include "core/net/requestutil.h"

#include <QDateTime>
#include <QHostInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslSocket>
#include <QTcpSocket>

namespace Sluice {

namespace {

constexpr qint64 HttpStepMs = 15'000;

QString listPreview(const QStringList &ids)
{
    QStringList shown = ids.mid(0, 5);
    if (ids.size() > 5)
        shown.append(QStringLiteral("…"));
    return shown.join(u", ");
}

QString humanBytes(double bytes)
{
    if (bytes >= 1e9)
        return QString::number(bytes / 1e9, 'f', 1) + QStringLiteral(" GB");
    return QString::number(bytes / 1e6, 'f', 0) + QStringLiteral(" MB");
}

} // namespace

Diagnostics::Diagnostics(ChatClient *client, const ProviderConfig &config, const QString &model,
                         QObject *parent)
    : QObject(parent), m_client(client), m_config(config), m_model(model)
{
    m_config.maxRetries = 0; // a diagnosis reports what happens, it does not paper over it
    m_deadline.setSingleShot(true);
    const char *titles[Count] = {"URL",    "DNS",   "TCP connect", "TLS",    "Server", "Auth",
                                 "Models", "Model", "Chat",        "Stream", "Loaded"};
    for (const char *t : titles)
        m_steps.append(Step{QString::fromLatin1(t), Step::Status::Pending, {}, {}, -1});
}

Diagnostics::~Diagnostics()
{
    m_done = true;
    cleanup();
}

bool Diagnostics::passed() const
{
    for (const Step &s : m_steps)
        if (s.status == Step::Status::Failed)
            return false;
    return true;
}

void Diagnostics::start()
{
    QMetaObject::invokeMethod(
        this, [this] { run(Url); }, Qt::QueuedConnection);
}

void Diagnostics::cancel()
{
    if (m_done)
        return;
    cleanup();
    fail(tr("cancelled"), {}, true);
}

void Diagnostics::cleanup()
{
    m_deadline.stop();
    disconnect(&m_deadline, nullptr, this, nullptr);
    if (m_http) {
        disconnect(m_http, nullptr, this, nullptr);
        discardReply(m_http);
    }
    if (m_socket) {
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->abort();
        m_socket->deleteLater();
    }
    if (m_chat) {
        disconnect(m_chat, nullptr, this, nullptr);
        m_chat->deleteLater();
    }
    if (m_lookupId >= 0) {
        QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
    }
}

void Diagnostics::run(int index)
{
    if (m_done)
        return;
    m_current = index;
    if (index >= Count) {
        finishAll();
        return;
    }
    Step &s = m_steps[index];
    if (m_stopped) {
        s.status = Step::Status::Skipped;
        s.detail = tr("not checked: an earlier step failed");
        Q_EMIT stepFinished(index);
        run(index + 1);
        return;
    }
    s.status = Step::Status::Running;
    m_clock.start();
    Q_EMIT stepStarted(index);
    switch (index) {
    case Url:
        checkUrl();
        break;
    case Dns:
        checkDns();
        break;
    case Tcp:
        checkTcp();
        break;
    case Tls:
        checkTls();
        break;
    case Server:
        checkServer();
        break;
    case Auth:
        checkModels();
        break;
    case Models: {
        // Filled in by the Auth step, which fetched the list.
        if (m_steps[Auth].status == Step::Status::Failed) {
            skip(tr("not checked: authentication failed"));
        } else if (m_modelIds.isEmpty()) {
            fail(tr("the server lists no models"), m_config.type == ProviderType::Ollama
                                                       ? tr("pull one: ollama pull llama3.2")
                                                       : QString());
        } else {
            pass((m_modelIds.size() == 1 ? tr("1 model: %1")
                                         : tr("%1 models: %2").arg(m_modelIds.size()))
                     .arg(listPreview(m_modelIds)));
        }
        break;
    }
    case Model:
        checkModel();
        break;
    case Chat:
        checkChat();
        break;
    case Stream:
        checkStream();
        break;
    case Loaded:
        checkLoaded();
        break;
    default:
        break;
    }
}

void Diagnostics::next()
{
    const int following = m_current + 1;
    QMetaObject::invokeMethod(
        this, [this, following] { run(following); }, Qt::QueuedConnection);
}

void Diagnostics::end(Step::Status status, const QString &detail, const QString &fix)
{
    if (m_done || m_current < 0 || m_current >= Count)
        return;
    m_deadline.stop();
    disconnect(&m_deadline, nullptr, this, nullptr);
    Step &s = m_steps[m_current];
    if (s.status != Step::Status::Running)
        return;
    s.status = status;
    s.detail = redact(detail, m_config);
    s.fix = redact(fix, m_config);
    s.ms = m_clock.elapsed();
    Q_EMIT stepFinished(m_current);
    next();
}

void Diagnostics::pass(const QString &detail)
{
    end(Step::Status::Passed, detail, {});
}

void Diagnostics::warn(const QString &detail, const QString &fix)
{
    end(Step::Status::Warning, detail, fix);
}

void Diagnostics::fail(const QString &detail, const QString &fix, bool stopAll)
{
    if (stopAll)
        m_stopped = true;
    end(Step::Status::Failed, detail, fix);
}

void Diagnostics::skip(const QString &detail)
{
    end(Step::Status::Skipped, detail, {});
}

void Diagnostics::finishAll()
{
    if (m_done)
        return;
    m_done = true;
    cleanup();
    Q_EMIT finished(passed());
}

void Diagnostics::armDeadline(qint64 ms, const QString &what)
{
    disconnect(&m_deadline, nullptr, this, nullptr);
    if (ms <= 0)
        return;
    connect(&m_deadline, &QTimer::timeout, this, [this, ms, what] {
        cleanup();
        fail(tr("no answer within %1 (%2)").arg(formatSeconds(ms), what),
             tr("check that the server is up and reachable from this machine"), true);
    });
    m_deadline.start(int(ms));
}

// ---- steps ---------------------------------------------------------------------------------

void Diagnostics::checkUrl()
{
    const ParsedBaseUrl parsed = parseBaseUrl(m_config.baseUrl);
    if (!parsed.ok()) {
        fail(parsed.error, tr("use a URL like http://localhost:11434 or https://host/v1"), true);
        return;
    }
    m_url = parsed.url;
    m_root = apiRoot(m_url, m_config.type);
    const auto protocol = createProtocol(m_config.type);
    pass(tr("%1 → %2 (%3)")
             .arg(redactedUrlText(m_config.baseUrl),
                  protocol->chatUrl(m_root).toString(QUrl::RemoveUserInfo),
                  providerTypeName(m_config.type)));
}

void Diagnostics::checkDns()
{
    const QString host = m_url.host();
    QHostAddress literal;
    if (literal.setAddress(host)) {
        m_address = host;
        pass(tr("%1 is an address").arg(host));
        return;
    }
    armDeadline(m_config.timeouts.connectMs > 0 ? m_config.timeouts.connectMs : 10'000,
                tr("DNS lookup"));
    m_lookupId = QHostInfo::lookupHost(host, this, [this, host](const QHostInfo &info) {
        m_lookupId = -1;
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            fail(tr("could not resolve \"%1\": %2").arg(host, info.errorString()),
                 tr("check the host name in the base URL"), true);
            return;
        }
        QStringList addrs;
        for (const QHostAddress &a : info.addresses())
            addrs.append(a.toString());
        m_address = addrs.first();
        pass(tr("%1 → %2").arg(host, listPreview(addrs)));
    });
}

void Diagnostics::checkTcp()
{
    const bool https = m_url.scheme() == u"https";
    const quint16 port = quint16(m_url.port(https ? 443 : 80));
    auto *socket = new QTcpSocket(this);
    m_socket = socket;
    const qint64 limit = m_config.timeouts.connectMs > 0 ? m_config.timeouts.connectMs : 10'000;
    armDeadline(limit, tr("connect limit"));
    connect(socket, &QTcpSocket::connected, this, [this, socket, port] {
        const QString peer = socket->peerAddress().toString();
        socket->deleteLater();
        m_socket = nullptr;
        pass(tr("connected to %1 port %2").arg(peer).arg(port));
    });
    connect(socket, &QTcpSocket::errorOccurred, this, [this, socket, port] {
        const auto code = socket->error();
        const QString text = socket->errorString();
        socket->deleteLater();
        m_socket = nullptr;
        QString fix;
        if (code == QAbstractSocket::ConnectionRefusedError)
            fix =
                (m_config.type == ProviderType::Ollama || port == 11434)
                    ? tr("Ollama does not seem to be running: start it with: ollama serve")
                    : tr("nothing listens on port %1: start the server or fix the port").arg(port);
        fail(tr("port %1: %2").arg(port).arg(text), fix, true);
    });
    socket->connectToHost(m_url.host(), port);
}

void Diagnostics::checkTls()
{
    if (m_url.scheme() != u"https") {
        skip(tr("not used (http)"));
        return;
    }
    if (!QSslSocket::supportsSsl()) {
        fail(tr("this build of Qt has no TLS support"), tr("install the OpenSSL libraries"), true);
        return;
    }
    auto *socket = new QSslSocket(this);
    m_socket = socket;
    armDeadline(m_config.timeouts.connectMs > 0 ? m_config.timeouts.connectMs : 10'000,
                tr("TLS handshake"));
    connect(socket, &QSslSocket::encrypted, this, [this, socket] {
        const QSslCertificate cert = socket->peerCertificate();
        const QString subject = cert.subjectDisplayName();
        const QString until = cert.expiryDate().toString(Qt::ISODate).left(10);
        socket->deleteLater();
        m_socket = nullptr;
        pass(tr("certificate for %1 valid until %2").arg(subject, until));
    });
    connect(socket, &QSslSocket::sslErrors, this, [this, socket](const QList<QSslError> &errors) {
        QStringList reasons;
        for (const QSslError &e : errors)
            reasons.append(e.errorString());
        reasons.removeDuplicates();
        socket->deleteLater();
        m_socket = nullptr;
        fail(tr("certificate not accepted: %1").arg(reasons.join(u"; ")),
             tr("install the server's CA certificate, or use a certificate for this host name"),
             true);
    });
    connect(socket, &QSslSocket::errorOccurred, this, [this, socket] {
        if (!m_socket)
            return;
        const QString text = socket->errorString();
        socket->deleteLater();
        m_socket = nullptr;
        fail(tr("TLS handshake failed: %1").arg(text), {}, true);
    });
    socket->connectToHostEncrypted(m_url.host(), quint16(m_url.port(443)));
}

void Diagnostics::watch(QNetworkReply *reply, qint64 timeoutMs, HttpCallback done)
{
    m_http = reply;
    armDeadline(timeoutMs, reply->url().path());
    connect(reply, &QNetworkReply::redirected, reply, [reply](const QUrl &) {
        Q_EMIT reply->redirectAllowed(); // same key rules as chat are checked there; here
                                         // only public probe endpoints are requested
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, done] {
        m_deadline.stop();
        disconnect(&m_deadline, nullptr, this, nullptr);
        m_http = nullptr;
        reply->deleteLater();
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        done(status.isValid() ? status.toInt() : 0, reply->readAll(),
             status.isValid() ? QString() : reply->errorString());
    });
}

void Diagnostics::httpGet(const QUrl &url, qint64 timeoutMs, HttpCallback done)
{
    QNetworkRequest req(url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::UserVerifiedRedirectPolicy);
    req.setTransferTimeout(0);
    watch(m_client->network()->get(req), timeoutMs, std::move(done));
}

void Diagnostics::httpPost(const QUrl &url, const QByteArray &body, qint64 timeoutMs,
                           HttpCallback done)
{
    QNetworkRequest req(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    req.setTransferTimeout(0);
    watch(m_client->network()->post(req, body), timeoutMs, std::move(done));
}

void Diagnostics::checkServer()
{
    const QUrl ollamaRoot = apiRoot(m_url, ProviderType::Ollama);
    httpGet(
        joinPath(ollamaRoot, u"/api/version"), HttpStepMs,
        [this, ollamaRoot](int status, const QByteArray &body, const QString &error) {
            if (status == 0) {
                fail(tr("no HTTP answer: %1").arg(error), {}, true);
                return;
            }
            const QJsonDocument doc = QJsonDocument::fromJson(body);
            const bool isOllama =
                status == 200 && doc.isObject() && doc.object().value(u"version").isString();
            const QString version = doc.object().value(u"version").toString();
            const QString native = displayBase(ollamaRoot);
            // The chat checks watch an Ollama model load as chats do (modelload.h), and
            // need not ask again.
            m_client->rememberServer(ollamaRoot, isOllama);
            m_ollamaRoot = isOllama ? ollamaRoot : QUrl();
            const QString path = m_url.path();

            if (m_config.type == ProviderType::Ollama) {
                if (isOllama) {
                    pass(tr("Ollama %1").arg(version));
                } else if (status == 403 && body.trimmed().isEmpty()) {
                    fail(tr("HTTP 403 with an empty body"),
                         tr("Ollama rejects unexpected Host or Origin headers: behind a "
                            "reverse proxy, send Host: localhost:11434 or set "
                            "OLLAMA_ORIGINS"));
                } else {
                    fail(tr("no Ollama API here (GET /api/version answered HTTP %1)").arg(status),
                         tr("if this is an OpenAI-compatible server, set type openai and a "
                            "base URL ending in /v1"));
                }
                return;
            }
            if (m_config.type == ProviderType::OpenAI) {
                if (path.endsWith(u"/api")) {
                    fail(tr("a base URL ending in /api is Ollama's native API, not the "
                            "OpenAI-compatible one"),
                         tr("set type ollama with base URL %1, or use %1/v1").arg(native));
                    return;
                }
                if (isOllama) {
                    warn(tr("Ollama %1 through its OpenAI-compatible /v1 API").arg(version),
                         tr("native API available: set type ollama and base URL %1 (it can "
                            "set the context size and keep the model loaded)")
                             .arg(native));
                    return;
                }
                pass(tr("an OpenAI-compatible server"));
                return;
            }
            pass(isOllama ? tr("Ollama %1 (Anthropic-compatible endpoint)").arg(version)
                          : tr("an Anthropic Messages API"));
        });
}

void Diagnostics::checkModels()
{
    ModelListReply *list = m_client->listModels(m_config);
    connect(list, &ModelListReply::finished, this, [this, list](const QList<ModelInfo> &models) {
        list->deleteLater();
        for (const ModelInfo &m : models)
            m_modelIds.append(m.id);
        if (m_config.apiKey.isEmpty())
            pass(tr("no key needed"));
        else
            pass(tr("key …%1 accepted").arg(m_config.apiKey.right(4)));
    });
    connect(list, &ModelListReply::failed, this, [this, list](const ChatError &e) {
        list->deleteLater();
        if (e.httpStatus == 401 || e.httpStatus == 403) {
            m_authFailed = true;
            fail(e.message,
                 m_config.apiKey.isEmpty()
                     ? tr("set an API key for this provider")
                     : tr("check the key: it may be revoked, mistyped, or for "
                          "another service"),
                 true);
            return;
        }
        if (e.httpStatus == 404 && m_config.type == ProviderType::OpenAI &&
            !m_root.path().endsWith(u"/v1")) {
            fail(e.message,
                 tr("OpenAI-compatible servers usually serve under /v1: try %1/v1")
                     .arg(displayBase(m_root)),
                 true);
            return;
        }
        fail(e.message, {}, true);
    });
}

void Diagnostics::checkModel()
{
    if (m_model.isEmpty()) {
        m_model = m_modelIds.value(0);
        pass(tr("none chosen; using %1 for the next checks").arg(m_model));
        return;
    }
    // Ollama, natively or behind /v1, takes "llama3.2" for "llama3.2:latest".
    const bool ollama = m_config.type == ProviderType::Ollama || m_ollamaRoot.isValid();
    for (const QString &id : std::as_const(m_modelIds)) {
        if (id == m_model || (ollama && sameModel(id, m_model))) {
            pass(tr("%1 is available").arg(m_model));
            return;
        }
    }
    fail(tr("%1 is not among the server's models").arg(m_model),
         ollama ? tr("try: ollama pull %1").arg(m_model)
                : tr("choose one of: %1").arg(listPreview(m_modelIds)),
         true);
}

void Diagnostics::checkChat()
{
    ChatRequest req;
    req.model = m_model;
    req.stream = false;
    req.options.maxTokens = 64;
    req.options.temperature = 0.0;
    req.messages.append(
        {QStringLiteral("user"), QStringLiteral("Reply with the single word: ok"), {}, {}});
    m_chat = m_client->chat(m_config, req);
    ChatReply *reply = m_chat;
    connect(reply, &ChatReply::finished, this, [this, reply](const ReplyStats &stats) {
        const QString text = reply->content().simplified();
        reply->deleteLater();
        QString detail =
            text.isEmpty()
                ? tr("answered (thinking only) in %1").arg(formatSeconds(stats.totalMs))
                : tr("answered \"%1\" in %2").arg(text.left(40), formatSeconds(stats.totalMs));
        if (stats.loadMs > 500)
            detail += tr("; loading the model took %1").arg(formatSeconds(stats.loadMs));
        pass(detail);
    });
    connect(reply, &ChatReply::failed, this, [this, reply](const ChatError &e) {
        reply->deleteLater();
        fail(e.message);
    });
}

void Diagnostics::checkStream()
{
    ChatRequest req;
    req.model = m_model;
    req.stream = true;
    req.options.maxTokens = 96;
    req.options.temperature = 0.0;
    req.messages.append({QStringLiteral("user"),
                         QStringLiteral("Count from 1 to 20, separated by spaces."),
                         {},
                         {}});
    m_chat = m_client->chat(m_config, req);
    ChatReply *reply = m_chat;
    auto arrivals = std::make_shared<QList<qint64>>();
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    auto record = [arrivals, clock](const QString &) {
        arrivals->append(clock->elapsed());
    };
    connect(reply, &ChatReply::contentDelta, this, record);
    connect(reply, &ChatReply::thinkingDelta, this, record);
    connect(reply, &ChatReply::finished, this, [this, reply, arrivals](const ReplyStats &stats) {
        reply->deleteLater();
        // Distinct arrival moments: a buffering proxy delivers everything in one burst.
        int bursts = 0;
        qint64 last = -100;
        for (qint64 t : std::as_const(*arrivals)) {
            if (t - last > 2)
                ++bursts;
            last = t;
        }
        const QString detail = tr("first token after %1; %2 chunks")
                                   .arg(formatSeconds(stats.timeToFirstTokenMs))
                                   .arg(arrivals->size());
        if (arrivals->size() >= 5 && bursts <= 1) {
            warn(detail + tr(", all at once"),
                 tr("the stream arrived in one burst: a proxy is buffering it (nginx: "
                    "proxy_buffering off, or send X-Accel-Buffering: no)"));
            return;
        }
        pass(detail + tr(", arriving incrementally"));
    });
    connect(reply, &ChatReply::failed, this, [this, reply](const ChatError &e) {
        reply->deleteLater();
        QString fix;
        if (e.kind == ChatError::Kind::Stalled)
            fix = tr("if non-streaming works but streaming stalls, a proxy may be breaking "
                     "streams: turn streaming off for this provider");
        fail(e.message, fix);
    });
}

void Diagnostics::checkLoaded()
{
    if (!m_ollamaRoot.isValid()) {
        skip(tr("only Ollama reports loaded models"));
        return;
    }
    httpGet(joinPath(m_ollamaRoot, u"/api/ps"), HttpStepMs,
            [this](int status, const QByteArray &body, const QString &error) {
                if (status != 200) {
                    warn(status == 0 ? error : tr("GET /api/ps answered HTTP %1").arg(status), {});
                    return;
                }
                const QJsonArray models =
                    QJsonDocument::fromJson(body).object().value(u"models").toArray();
                for (const QJsonValue &v : models) {
                    const QJsonObject o = v.toObject();
                    if (!sameModel(o.value(u"name").toString(), m_model) &&
                        !sameModel(o.value(u"model").toString(), m_model))
                        continue;
                    QString detail = tr("%1 is loaded").arg(m_model);
                    const double vram = o.value(u"size_vram").toDouble(-1);
                    const double size = o.value(u"size").toDouble(-1);
                    if (size > 0)
                        detail +=
                            tr(" (%1, %2 in GPU memory)")
                                .arg(humanBytes(size), vram > 0 ? humanBytes(vram) : tr("none"));
                    const QDateTime expires =
                        QDateTime::fromString(o.value(u"expires_at").toString(), Qt::ISODateWithMs);
                    if (expires.isValid()) {
                        const qint64 secs = QDateTime::currentDateTimeUtc().secsTo(expires);
                        if (secs > 0)
                            detail += tr("; unloads in %1 min").arg((secs + 59) / 60);
                    }
                    pass(detail);
                    return;
                }
                pass(tr("%1 is not loaded now (the next request loads it)").arg(m_model));
            });
}

QString statusMark(Diagnostics::Step::Status status)
{
    switch (status) {
    case Diagnostics::Step::Status::Passed:
        return QStringLiteral("✓");
    case Diagnostics::Step::Status::Warning:
        return QStringLiteral("!");
    case Diagnostics::Step::Status::Failed:
        return QStringLiteral("✗");
    case Diagnostics::Step::Status::Skipped:
        return QStringLiteral("-");
    case Diagnostics::Step::Status::Running:
        return QStringLiteral("…");
    case Diagnostics::Step::Status::Pending:
        break;
    }
    return QStringLiteral(" ");
}

} // namespace Sluice
