#include "core/models/modelopreply.h"

#include "core/net/endpoint.h"
#include "core/util/logging.h"
#include "core/models/modelrequest.h"
#include "core/protocol/protocol.h"
#include "core/net/requestutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace Sluice {

namespace {

constexpr qint64 AnswerMs = 30'000;

Timeouts limitsFor(const Timeouts &base, ModelOpReply::Operation op)
{
    Timeouts t = base;
    if (op == ModelOpReply::Operation::Load) // Ollama answers once the model is in memory
        t.firstTokenMs = t.loadMs > 0 ? qMax(t.loadMs, t.firstTokenMs) : t.firstTokenMs;
    else
        t.firstTokenMs = t.firstTokenMs > 0 ? qMin(t.firstTokenMs, AnswerMs) : AnswerMs;
    t.loadMs = 0;
    t.idleMs = 0;
    t.totalMs = 0;
    return t;
}

} // namespace

ModelOpReply::ModelOpReply(QNetworkAccessManager *nam, const ProviderConfig &config,
                           Operation operation, const QString &model, const QString &keepAlive,
                           QObject *parent)
    : QObject(parent), m_nam(nam), m_config(config), m_operation(operation),
      m_model(model.trimmed()), m_keepAlive(keepAlive),
      m_watchdog(new StallWatchdog(limitsFor(config.timeouts, operation), this))
{
    connect(m_watchdog, &StallWatchdog::expired, this,
            [this](StallWatchdog::Limit limit, qint64 elapsed) {
                ChatError e;
                e.kind = ChatError::Kind::Stalled;
                e.message = limit == StallWatchdog::Limit::Connect
                                ? QStringLiteral("stalled: could not connect to %1 within %2 "
                                                 "(connect limit)")
                                      .arg(ModelRequest::hostPort(m_url), formatSeconds(elapsed))
                                : QStringLiteral("stalled: no answer from %1 to %2 after %3 (%4)")
                                      .arg(displayBase(m_root), describe(), formatSeconds(elapsed),
                                           limitName(limit));
                fail(e);
            });
}

ModelOpReply::~ModelOpReply()
{
    m_done = true;
    teardown();
}

QString ModelOpReply::describe() const
{
    switch (m_operation) {
    case Operation::ListInstalled:
        return QStringLiteral("the list of installed models");
    case Operation::ListRunning:
        return QStringLiteral("the list of loaded models");
    case Operation::Show:
        return QStringLiteral("the details of \"%1\"").arg(m_model);
    case Operation::Delete:
        return QStringLiteral("deleting \"%1\"").arg(m_model);
    case Operation::Load:
        return QStringLiteral("loading \"%1\"").arg(m_model);
    case Operation::Unload:
        return QStringLiteral("unloading \"%1\"").arg(m_model);
    }
    return {};
}

void ModelOpReply::start()
{
    QString error;
    m_root = ModelRequest::root(m_config, &error);
    const bool needsModel =
        m_operation != Operation::ListInstalled && m_operation != Operation::ListRunning;
    if (error.isEmpty() && needsModel && m_model.isEmpty())
        error = QStringLiteral("no model name given");
    if (!error.isEmpty()) {
        ChatError e;
        e.kind = ChatError::Kind::Config;
        e.message = error;
        QMetaObject::invokeMethod(
            this, [this, e] { fail(e); }, Qt::QueuedConnection);
        return;
    }
    QJsonObject body{{QStringLiteral("model"), m_model}};
    switch (m_operation) {
    case Operation::ListInstalled:
        m_url = joinPath(m_root, u"/api/tags");
        break;
    case Operation::ListRunning:
        m_url = joinPath(m_root, u"/api/ps");
        break;
    case Operation::Show:
    case Operation::Delete:
        m_url = joinPath(m_root, m_operation == Operation::Show ? u"/api/show" : u"/api/delete");
        body.insert(QStringLiteral("name"), m_model); // Ollama before 0.1.40 reads "name"
        break;
    case Operation::Load:
    case Operation::Unload:
        // An empty conversation only loads (or, with keep_alive 0, unloads) the model.
        m_url = joinPath(m_root, u"/api/chat");
        body.insert(QStringLiteral("messages"), QJsonArray());
        body.insert(QStringLiteral("stream"), false);
        if (m_operation == Operation::Unload)
            body.insert(QStringLiteral("keep_alive"), 0);
        else if (!m_keepAlive.isEmpty())
            body.insert(QStringLiteral("keep_alive"), m_keepAlive);
        break;
    }
    qCDebug(lcProvider).noquote() << u"models op=" + describe() + u" url=" + redactedUrl(m_url);
    const QNetworkRequest req = ModelRequest::build(m_url, m_config, "application/json");
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    if (m_operation == Operation::ListInstalled || m_operation == Operation::ListRunning)
        m_net = m_nam->get(req);
    else if (m_operation == Operation::Delete)
        m_net = m_nam->sendCustomRequest(req, "DELETE", json);
    else
        m_net = m_nam->post(req, json);
    watchRequest(m_net, this, m_watchdog, m_url, m_config,
                 [this](const ChatError &e) { fail(e); });
    connect(m_net, &QNetworkReply::finished, this, &ModelOpReply::onFinished);
    m_watchdog->start();
}

void ModelOpReply::onFinished()
{
    if (m_done || !m_net)
        return;
    QNetworkReply *net = m_net;
    m_net = nullptr;
    net->deleteLater();
    const QVariant statusAttr = net->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!statusAttr.isValid()) {
        fail(connectionError(net->error(), net->errorString(), m_url, ProviderType::Ollama, {}));
        return;
    }
    const int status = statusAttr.toInt();
    const QByteArray body = net->readAll();
    if (status < 200 || status >= 300) {
        fail(ModelRequest::httpError(status, body,
                                     net->header(QNetworkRequest::ContentTypeHeader).toByteArray(),
                                     m_root, m_model, m_config));
        return;
    }
    QString error;
    if (!parse(body, &error)) {
        ChatError e;
        e.kind = ChatError::Kind::Protocol;
        e.message = error + QStringLiteral(" (from %1)").arg(redactedUrl(m_url));
        fail(e);
        return;
    }
    m_done = true;
    m_watchdog->stop();
    Q_EMIT finished();
}

bool ModelOpReply::parse(const QByteArray &body, QString *error)
{
    switch (m_operation) {
    case Operation::ListInstalled:
        return parseInstalledModels(body, &m_installed, error);
    case Operation::ListRunning:
        return parseRunningModels(body, &m_running, error);
    case Operation::Show:
        return parseModelDetails(body, m_model, &m_details, error);
    case Operation::Delete:
        return true; // an empty 200
    case Operation::Load:
    case Operation::Unload: {
        const QJsonDocument doc = QJsonDocument::fromJson(body);
        const QString message =
            doc.isObject() ? ProtocolUtil::errorMessageFromJson(doc.object()) : QString();
        if (!message.isEmpty()) {
            *error = QStringLiteral("Ollama reported an error %1: %2").arg(describe(), message);
            return false;
        }
        return true;
    }
    }
    return true;
}

void ModelOpReply::cancel()
{
    ChatError e;
    e.kind = ChatError::Kind::Cancelled;
    e.message = QStringLiteral("cancelled");
    fail(e);
}

void ModelOpReply::fail(ChatError error)
{
    if (m_done)
        return;
    m_done = true;
    m_watchdog->stop();
    teardown();
    error.message = redact(error.message, m_config);
    m_error = error;
    Q_EMIT failed(m_error);
}

void ModelOpReply::teardown()
{
    detachReply(m_net, this);
}

} // namespace Sluice
