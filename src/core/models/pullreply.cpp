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

Timeouts pullLimits(Timeouts t)
{
    t.loadMs = 0;  // nothing loads
    t.totalMs = 0; // a pull takes as long as the download does; the idle limit watches it
    return t;
}

} // namespace

PullReply::PullReply(QNetworkAccessManager *nam, const ProviderConfig &config, const QString &model,
                     QObject *parent)
    : ServerRequest(nam, config, pullLimits(config.timeouts), ProviderType::Ollama, parent),
      m_model(model.trimmed())
{
}

void PullReply::start()
{
    m_clock.start();
    QString error;
    m_root = ModelRequest::root(config(), &error);
    if (error.isEmpty() && m_model.isEmpty())
        error = QStringLiteral("no model name given; pass the model to pull, e.g. llama3.2:3b");
    if (!error.isEmpty()) {
        failLater(ChatError::Kind::Config, error);
        return;
    }
    const QUrl url = joinPath(m_root, u"/api/pull");
    const QJsonObject body{{QStringLiteral("model"), m_model},
                           {QStringLiteral("name"), m_model}, // Ollama before 0.1.40
                           {QStringLiteral("stream"), true}};
    qCDebug(lcProvider).noquote() << u"pull model=" + m_model + u" url=" + redactedUrl(url);
    send(Verb::Post, ModelRequest::build(url, config(), "application/x-ndjson"),
         QJsonDocument(body).toJson(QJsonDocument::Compact));
}

void PullReply::onBody()
{
    QList<QByteArray> lines;
    const bool ok = m_framer.feed(reply()->readAll(), lines);
    handleLines(lines);
    if (!ok && !isOver()) {
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
        if (isOver())
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
                watchdog()->progress();
                Q_EMIT progressChanged(m_tracker.progress());
            }
            break;
        }
    }
}

void PullReply::onErrorAnswer()
{
    const QJsonDocument doc = QJsonDocument::fromJson(errorBody());
    const QString message =
        doc.isObject() ? ProtocolUtil::errorMessageFromJson(doc.object()) : QString();
    if (!message.isEmpty() && httpStatus() != 401 && httpStatus() != 403) {
        fail(pullError(message, m_model, httpStatus()));
        return;
    }
    fail(ModelRequest::httpError(httpStatus(), errorBody(),
                                 reply()->header(QNetworkRequest::ContentTypeHeader).toByteArray(),
                                 m_root, m_model, config()));
}

void PullReply::onComplete()
{
    if (reply()->bytesAvailable() > 0)
        onBody();
    if (isOver())
        return;
    if (reply()->error() != QNetworkReply::NoError) {
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
    if (isOver())
        return;
    ChatError e;
    e.kind = ChatError::Kind::Protocol;
    e.retryable = true;
    e.message = QStringLiteral("the pull of \"%1\" ended before Ollama reported success%2; pull "
                               "again to resume")
                    .arg(m_model, where());
    fail(e);
}

ChatError PullReply::stallError(StallWatchdog::Limit limit, qint64 elapsedMs) const
{
    ChatError e = ServerRequest::stallError(limit, elapsedMs);
    const QString secs = formatSeconds(elapsedMs);
    switch (limit) {
    case StallWatchdog::Limit::Connect:
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
    return e;
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
    if (!settle())
        return;
    qCDebug(lcProvider).noquote() << u"pull finished model=" + m_model;
    Q_EMIT finished();
}

QString PullReply::cancelMessage() const
{
    return QStringLiteral("cancelled the pull of \"%1\"%2; pull again to resume")
        .arg(m_model, where());
}

void PullReply::onFailing(const ChatError &error)
{
    qCDebug(lcProvider).noquote() << u"pull failed model=" + m_model + u" kind=" +
                                         errorKindName(error.kind) + u" message=" + error.message;
}

} // namespace Sluice
