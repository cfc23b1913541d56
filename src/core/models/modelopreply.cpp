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
    : ServerRequest(nam, config, limitsFor(config.timeouts, operation), ProviderType::Ollama,
                    parent),
      m_operation(operation), m_model(model.trimmed()), m_keepAlive(keepAlive)
{
}

ChatError ModelOpReply::stallError(StallWatchdog::Limit limit, qint64 elapsedMs) const
{
    ChatError e = ServerRequest::stallError(limit, elapsedMs);
    if (limit != StallWatchdog::Limit::Connect)
        e.message = QStringLiteral("stalled: no answer from %1 to %2 after %3 (%4)")
                        .arg(displayBase(m_root), describe(), formatSeconds(elapsedMs),
                             limitName(limit));
    return e;
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
    m_root = ModelRequest::root(config(), &error);
    const bool needsModel =
        m_operation != Operation::ListInstalled && m_operation != Operation::ListRunning;
    if (error.isEmpty() && needsModel && m_model.isEmpty())
        error = QStringLiteral("no model name given");
    if (!error.isEmpty()) {
        failLater(ChatError::Kind::Config, error);
        return;
    }
    QUrl url;
    QJsonObject body{{QStringLiteral("model"), m_model}};
    switch (m_operation) {
    case Operation::ListInstalled:
        url = joinPath(m_root, u"/api/tags");
        break;
    case Operation::ListRunning:
        url = joinPath(m_root, u"/api/ps");
        break;
    case Operation::Show:
    case Operation::Delete:
        url = joinPath(m_root, m_operation == Operation::Show ? u"/api/show" : u"/api/delete");
        body.insert(QStringLiteral("name"), m_model); // Ollama before 0.1.40 reads "name"
        break;
    case Operation::Load:
    case Operation::Unload:
        // An empty conversation only loads (or, with keep_alive 0, unloads) the model.
        url = joinPath(m_root, u"/api/chat");
        body.insert(QStringLiteral("messages"), QJsonArray());
        body.insert(QStringLiteral("stream"), false);
        if (m_operation == Operation::Unload)
            body.insert(QStringLiteral("keep_alive"), 0);
        else if (!m_keepAlive.isEmpty())
            body.insert(QStringLiteral("keep_alive"), m_keepAlive);
        break;
    }
    qCDebug(lcProvider).noquote() << u"models op=" + describe() + u" url=" + redactedUrl(url);
    const QNetworkRequest req = ModelRequest::build(url, config(), "application/json");
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    if (m_operation == Operation::ListInstalled || m_operation == Operation::ListRunning)
        send(Verb::Get, req);
    else if (m_operation == Operation::Delete)
        send(Verb::Delete, req, json);
    else
        send(Verb::Post, req, json);
}

void ModelOpReply::onErrorAnswer()
{
    fail(ModelRequest::httpError(httpStatus(), errorBody(),
                                 reply()->header(QNetworkRequest::ContentTypeHeader).toByteArray(),
                                 m_root, m_model, config()));
}

void ModelOpReply::onComplete()
{
    QString error;
    if (!parse(reply()->readAll(), &error)) {
        ChatError e;
        e.kind = ChatError::Kind::Protocol;
        e.message = error + QStringLiteral(" (from %1)").arg(redactedUrl(requestUrl()));
        fail(e);
        return;
    }
    if (settle())
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

} // namespace Sluice
