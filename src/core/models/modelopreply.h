// One short request about Ollama's models — list, loaded, details, delete, load, unload —
// from the first byte sent to exactly one of finished() or failed(). Watched by a
// StallWatchdog (connect, then the answer; a load may take the provider's load limit).
#pragma once

#include "core/chat/chattypes.h"
#include "core/models/modeltypes.h"
#include "core/net/stallwatchdog.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace Sluice {

class ModelOpReply final : public QObject
{
    Q_OBJECT
public:
    enum class Operation { ListInstalled, ListRunning, Show, Delete, Load, Unload };
    Q_ENUM(Operation)

    ModelOpReply(QNetworkAccessManager *nam, const ProviderConfig &config, Operation operation,
                 const QString &model, const QString &keepAlive, QObject *parent = nullptr);
    ~ModelOpReply() override;

    // Sends the request; a bad base URL or an empty model name fails queued.
    void start();

    Operation operation() const { return m_operation; }
    const QString &model() const { return m_model; }
    bool isRunning() const { return !m_done; }
    const QList<InstalledModel> &installed() const { return m_installed; } // ListInstalled
    const QList<RunningModel> &running() const { return m_running; }       // ListRunning
    const ModelDetails &details() const { return m_details; }              // Show
    const ChatError &error() const { return m_error; }
    StallWatchdog *watchdog() const { return m_watchdog; }

public Q_SLOTS:
    // Closes the connection; failed(Cancelled).
    void cancel();

Q_SIGNALS:
    void finished();
    void failed(const Sluice::ChatError &error);

private:
    void onFinished();
    bool parse(const QByteArray &body, QString *error);
    void fail(ChatError error);
    void teardown();
    QString describe() const;

    QNetworkAccessManager *m_nam;
    ProviderConfig m_config;
    Operation m_operation;
    QString m_model;
    QString m_keepAlive;
    QUrl m_root;
    QUrl m_url;
    QPointer<QNetworkReply> m_net;
    StallWatchdog *m_watchdog;
    QList<InstalledModel> m_installed;
    QList<RunningModel> m_running;
    ModelDetails m_details;
    ChatError m_error;
    bool m_done = false;
};

} // namespace Sluice
