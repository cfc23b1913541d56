#include "core/models/pullreply.h"

#include "core/net/endpoint.h"
#include "core/util/logging.h"
#include "core/models/modelrequest.h"
#include "core/models/modeltypes.h"
#include "core/protocol/protocol.h"
#include "core/net/requestutil.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace Sluice {

namespace {

constexpr qsizetype MaxErrorBody = 64 * 1024;

Timeouts pullLimits(Timeouts t)
{
    t.loadMs = 0;  // nothing loads
    t.totalMs = 0; // a pull takes as long as the download does; the idle limit watches it
    return t;
}

} // namespace

PullReply::PullReply(QNetworkAccessManager *nam, const ProviderConfig &config, const QString &model,
                     QObject *parent)
    : QObject(parent), m_nam(nam), m_config(config), m_model(model.trimmed()),
      m_watchdog(new StallWatchdog(pullLimits(config.timeouts), this))
{
    connect(m_watchdog, &StallWatchdog::expired, this, &PullReply::onExpired);
}

PullReply::~PullReply()
{
    m_done = true;
    teardown();
}

void PullReply::start()
{
    m_clock.start();
    QString error;
    m_root = ModelRequest::root(m_config, &error);
    if (error.isEmpty() && m_model.isEmpty())
        error = QStringLiteral("no model name given; pass the model to pull, e.g. llama3.2:3b");
    if (!error.isEmpty()) {
        ChatError e;
        e.kind = ChatError::Kind::Config;
        e.message = error;
        QMetaObject::invokeMethod(
            this, [this, e] { fail(e); }, Qt::QueuedConnection);
        return;
    }
    m_url = joinPath(m_root, u"/api/pull");
    const QJsonObject body{{QStringLiteral("model"), m_model},
                           {QStringLiteral("name"), m_model}, // Ollama before 0.1.40
                           {QStringLiteral("stream"), true}};
    qCDebug(lcProvider).noquote() << u"pull model=" + m_model + u" url=" + redactedUrl(m_url);
    m_net = m_nam->post(ModelRequest::build(m_url, m_config, "application/x-ndjson"),
                        QJsonDocument(body).toJson(QJsonDocument::Compact));
    watchRequest(m_net, this, m_watchdog, m_url, m_config,
                 [this](const ChatError &e) { fail(e); });
    connect(m_net, &QNetworkReply::metaDataChanged, this, &PullReply::onMetaData);
    connect(m_net, &QNetworkReply::readyRead, this, &PullReply::onReadyRead);
    connect(m_net, &QNetworkReply::finished, this, &PullReply::onNetworkFinished);
    m_watchdog->start();
}

void PullReply::onMetaData()
{
    if (m_done || !m_net || m_headers)
        return;
    const QVariant status = m_net->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return;
    const int code = status.toInt();
    if (code >= 300 && code < 400 && m_net->hasRawHeader("Location") && m_net->isRunning())
        return;
    if (m_watchdog->phase() == StallWatchdog::Phase::Connecting)
        m_watchdog->enterPhase(StallWatchdog::Phase::Waiting);
    m_headers = true;
    m_status = code;
    m_errorMode = code < 200 || code >= 300;
}

void PullReply::onReadyRead()
{
    if (m_done || !m_net)
        return;
    if (!m_headers)
        onMetaData();
    const QByteArray data = m_net->readAll();
    if (m_errorMode) {
        if (m_errorBody.size() < MaxErrorBody)
            m_errorBody.append(data.left(MaxErrorBody - m_errorBody.size()));
        return;
    }
    QList<QByteArray> lines;
    const bool ok = m_framer.feed(data, lines);
    handleLines(lines);
    if (!ok && !m_done) {
        ChatError e;
        e.kind = ChatError::Kind::Protocol;
        e.message = QStringLiteral("Ollama sent a pull progress line longer than 1 MiB; "
                                   "stopped reading");
        fail(e);
    }
}

void PullReply::handleLines(const QList<QByteArray> &lines)
{
    for (const QByteArray &line : lines) {
        if (m_done)
            return;
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        if (!doc.isObject()) {
            ChatError e;
            e.kind = ChatError::Kind::Protocol;
            e.message =
                QStringLiteral("the pull progress from %1 is not JSON: \"%2\"")
                    .arg(displayBase(m_root), ProtocolUtil::oneLine(QString::fromUtf8(line), 80));
            fail(e);
            return;
        }
        bool changed = false;
        switch (m_tracker.feed(doc.object(), m_clock.elapsed(), &changed)) {
        case PullProgressTracker::Line::Error:
            fail(pullError(m_tracker.errorText(), m_model));
            return;
        case PullProgressTracker::Line::Success:
            Q_EMIT progressChanged(m_tracker.progress());
            finishOk();
            return;
        case PullProgressTracker::Line::Progress:
            if (changed) {
                m_watchdog->progress();
                Q_EMIT progressChanged(m_tracker.progress());
            }
            break;
        }
    }
}

void PullReply::onNetworkFinished()
{
    if (m_done || !m_net)
        return;
    QNetworkReply *net = m_net;
    if (!m_headers)
        onMetaData();
    if (net->bytesAvailable() > 0)
        onReadyRead();
    if (m_done)
        return;
    if (m_errorMode) {
        const QJsonDocument doc = QJsonDocument::fromJson(m_errorBody);
        const QString message =
            doc.isObject() ? ProtocolUtil::errorMessageFromJson(doc.object()) : QString();
        if (!message.isEmpty() && m_status != 401 && m_status != 403) {
            fail(pullError(message, m_model, m_status));
            return;
        }
        fail(ModelRequest::httpError(m_status, m_errorBody,
                                     net->header(QNetworkRequest::ContentTypeHeader).toByteArray(),
                                     m_root, m_model, m_config));
        return;
    }
    if (net->error() != QNetworkReply::NoError) {
        if (!m_headers) {
            fail(
                connectionError(net->error(), net->errorString(), m_url, ProviderType::Ollama, {}));
            return;
        }
        ChatError e;
        e.kind = ChatError::Kind::Protocol;
        e.retryable = true;
        e.message = QStringLiteral("the connection to %1 closed during the pull of \"%2\"%3; "
                                   "pull again to resume")
                        .arg(displayBase(m_root), m_model, where());
        fail(e);
        return;
    }
    QList<QByteArray> lines;
    m_framer.finish(lines);
    handleLines(lines);
    if (m_done)
        return;
    ChatError e;
    e.kind = ChatError::Kind::Protocol;
    e.retryable = true;
    e.message = QStringLiteral("the pull of \"%1\" ended before Ollama reported success%2; pull "
                               "again to resume")
                    .arg(m_model, where());
    fail(e);
}

void PullReply::onExpired(StallWatchdog::Limit limit, qint64 elapsedMs)
{
    ChatError e;
    e.kind = ChatError::Kind::Stalled;
    const QString secs = formatSeconds(elapsedMs);
    switch (limit) {
    case StallWatchdog::Limit::Connect:
        e.message = QStringLiteral("stalled: could not connect to %1 within %2 (connect limit)")
                        .arg(ModelRequest::hostPort(m_url), secs);
        break;
    case StallWatchdog::Limit::FirstToken:
        e.message = QStringLiteral("stalled: %1 did not start pulling \"%2\" within %3 "
                                   "(first-token limit)")
                        .arg(displayBase(m_root), m_model, secs);
        break;
    case StallWatchdog::Limit::Idle:
        e.message = QStringLiteral("stalled: the pull of \"%1\" made no progress for %2%3 (idle "
                                   "limit); pull again to resume")
                        .arg(m_model, secs, where());
        break;
    default:
        e.kind = ChatError::Kind::Timeout;
        e.message = QStringLiteral("timed out: the pull of \"%1\" took longer than %2 (%3)")
                        .arg(m_model, secs, limitName(limit));
        break;
    }
    fail(e);
}

QString PullReply::where() const
{
    const PullProgress &p = m_tracker.progress();
    if (p.totalBytes <= 0)
        return {};
    return QStringLiteral(" at %1% (%2 of %3)")
        .arg(int(p.percent))
        .arg(formatBytes(p.completedBytes), formatBytes(p.totalBytes));
}

void PullReply::finishOk()
{
    if (m_done)
        return;
    m_done = true;
    m_watchdog->stop();
    teardown();
    qCDebug(lcProvider).noquote() << u"pull finished model=" + m_model;
    Q_EMIT finished();
}

void PullReply::cancel()
{
    ChatError e;
    e.kind = ChatError::Kind::Cancelled;
    e.message = QStringLiteral("cancelled the pull of \"%1\"%2; pull again to resume")
                    .arg(m_model, where());
    fail(e);
}

void PullReply::fail(ChatError error)
{
    if (m_done)
        return;
    m_done = true;
    m_watchdog->stop();
    teardown();
    error.message = redact(error.message, m_config);
    m_error = error;
    qCDebug(lcProvider).noquote() << u"pull failed model=" + m_model + u" kind=" +
                                         errorKindName(error.kind) + u" message=" + error.message;
    Q_EMIT failed(m_error);
}

void PullReply::teardown()
{
    detachReply(m_net, this);
}

} // namespace Sluice
