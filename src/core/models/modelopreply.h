// One short request about Ollama's models — list, loaded, details, delete, load, unload —
// from the first byte sent to exactly one of finished() or failed(). Watched by a
// StallWatchdog (connect, then the answer; a load may take the provider's load limit).
#pragma once

#include "core/chat/chattypes.h"
#include "core/models/modeltypes.h"
#include "core/net/serverrequest.h"

#include <QUrl>

class QNetworkAccessManager;

namespace Sluice {

class ModelOpReply final : public ServerRequest
{
    Q_OBJECT
public:
    enum class Operation { ListInstalled, ListRunning, Show, Delete, Load, Unload };
    Q_ENUM(Operation)

    ModelOpReply(QNetworkAccessManager *nam, const ProviderConfig &config, Operation operation,
                 const QString &model, const QString &keepAlive, QObject *parent = nullptr);

    // Sends the request; a bad base URL or an empty model name fails queued.
    void start();

    Operation operation() const { return m_operation; }
    const QString &model() const { return m_model; }
    const QList<InstalledModel> &installed() const { return m_installed; } // ListInstalled
    const QList<RunningModel> &running() const { return m_running; }       // ListRunning
    const ModelDetails &details() const { return m_details; }              // Show
    // cancel() closes the connection; failed(Cancelled).

Q_SIGNALS:
    void finished();

private:
    void onErrorAnswer() override;
    void onComplete() override;
    ChatError stallError(StallWatchdog::Limit limit, qint64 elapsedMs) const override;
    bool parse(const QByteArray &body, QString *error);
    QString describe() const;

    Operation m_operation;
    QString m_model;
    QString m_keepAlive;
    QUrl m_root;
    QList<InstalledModel> m_installed;
    QList<RunningModel> m_running;
    ModelDetails m_details;
};

} // namespace Sluice
