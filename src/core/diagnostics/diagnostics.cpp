#include "core/diagnostics/diagnostics.h"

#include "core/chat/chatclient.h"
#include "core/diagnostics/stepverdicts.h"
#include "core/models/modeltypes.h"
#include "core/net/endpoint.h"
#include "core/net/httpfetch.h"
#include "core/net/requestutil.h"
#include "core/protocol/protocol.h"
#include "core/util/logging.h"

#include <QDateTime>
#include <QHostInfo>
#include <QSslSocket>
#include <QTcpSocket>

namespace Sluice {

namespace {
constexpr qint64 HttpStepMs = 15'000;
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
        m_http->deleteLater(); // its destructor closes the connection
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
    case Models: // filled in by the Auth step, which fetched the list
        if (m_steps[Auth].status == Step::Status::Failed)
            skip(tr("not checked: authentication failed"));
        else
            apply(StepVerdicts::modelList(m_config.type, m_modelIds));
        break;
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

void Diagnostics::apply(const StepVerdicts::Verdict &verdict)
{
    if (verdict.stopAll)
        m_stopped = true;
    end(verdict.status, verdict.detail, verdict.fix);
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
        pass(tr("%1 → %2").arg(host, StepVerdicts::listPreview(addrs)));
    });
}

void Diagnostics::checkTcp()
{
    const quint16 port = quint16(portOf(m_url));
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
                (m_config.type == ProviderType::Ollama || port == OllamaDefaultPort)
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

void Diagnostics::httpGet(const QUrl &url, qint64 timeoutMs, HttpCallback done)
{
    auto *fetch = new HttpFetch(m_client->network(), url, timeoutMs, this);
    m_http = fetch;
    connect(fetch, &HttpFetch::finished, this,
            [this, fetch, done](int status, const QByteArray &body) {
                m_http = nullptr;
                fetch->deleteLater();
                done(status, body, {});
            });
    connect(fetch, &HttpFetch::failed, this,
            [this, fetch, done, timeoutMs, path = url.path()](const ChatError &e) {
                m_http = nullptr;
                fetch->deleteLater();
                if (e.kind != ChatError::Kind::Stalled && e.kind != ChatError::Kind::Timeout) {
                    done(0, {}, e.message);
                    return;
                }
                fail(tr("no answer within %1 (%2)").arg(formatSeconds(timeoutMs), path),
                     tr("check that the server is up and reachable from this machine"), true);
            });
    fetch->start();
}

void Diagnostics::checkServer()
{
    const QUrl ollamaRoot = apiRoot(m_url, ProviderType::Ollama);
    httpGet(joinPath(ollamaRoot, u"/api/version"), HttpStepMs,
            [this, ollamaRoot](int status, const QByteArray &body, const QString &error) {
                if (status == 0) {
                    fail(tr("no HTTP answer: %1").arg(error), {}, true);
                    return;
                }
                QString version;
                const StepVerdicts::Verdict v = StepVerdicts::server(
                    m_config.type, m_url.path(), ollamaRoot, status, body, &version);
                // The chat checks watch an Ollama model load as chats do (modelload.h), and
                // need not ask again.
                m_client->rememberServer(ollamaRoot, !version.isEmpty());
                m_ollamaRoot = version.isEmpty() ? QUrl() : ollamaRoot;
                apply(v);
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
        apply(StepVerdicts::listFailed(e, m_config.type, m_root, !m_config.apiKey.isEmpty()));
    });
}

void Diagnostics::checkModel()
{
    if (m_model.isEmpty()) {
        m_model = m_modelIds.value(0);
        pass(tr("none chosen; using %1 for the next checks").arg(m_model));
        return;
    }
    apply(StepVerdicts::model(m_model, m_modelIds,
                              m_config.type == ProviderType::Ollama || m_ollamaRoot.isValid()));
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
                const StepVerdicts::Verdict v =
                    StepVerdicts::loaded(m_model, body, QDateTime::currentDateTimeUtc());
                apply(v);
            });
}

} // namespace Sluice
