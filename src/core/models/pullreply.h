// One `POST /api/pull`: Ollama's streamed progress lines become progressChanged(), then
// exactly one of finished() or failed(). A pull that stops progressing for the idle limit
// fails as stalled (Ollama repeats its last line while a download hangs, so only more bytes
// or a new status count as progress). cancel() closes the socket; pulling the same model
// again resumes from the layers already on the server's disk.
#pragma once

#include "core/chat/chattypes.h"
#include "core/net/lineframer.h"
#include "core/models/pullprogress.h"
#include "core/net/stallwatchdog.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace Sluice {

class PullReply final : public QObject
{
    Q_OBJECT
public:
    PullReply(QNetworkAccessManager *nam, const ProviderConfig &config, const QString &model,
              QObject *parent = nullptr);
    ~PullReply() override; // a running pull closes its connection and says nothing

    void start();

    const QString &model() const { return m_model; }
    bool isRunning() const { return !m_done; }
    const PullProgress &progress() const { return m_tracker.progress(); }
    const ChatError &error() const { return m_error; }
    StallWatchdog *watchdog() const { return m_watchdog; }

public Q_SLOTS:
    // Stops the pull now: the socket closes (Ollama stops downloading), failed(Cancelled).
    void cancel();

Q_SIGNALS:
    void progressChanged(const Sluice::PullProgress &progress);
    void finished();
    void failed(const Sluice::ChatError &error);

private:
    void onMetaData();
    void onReadyRead();
    void onNetworkFinished();
    void onExpired(StallWatchdog::Limit limit, qint64 elapsedMs);
    void handleLines(const QList<QByteArray> &lines);
    void finishOk();
    void fail(ChatError error);
    void teardown();
    QString where() const; // " at 61% (1.2 GB of 2.0 GB)" or ""

    QNetworkAccessManager *m_nam;
    ProviderConfig m_config;
    QString m_model;
    QUrl m_root;
    QUrl m_url;
    QPointer<QNetworkReply> m_net;
    StallWatchdog *m_watchdog;
    LineFramer m_framer{1024 * 1024};
    PullProgressTracker m_tracker;
    QElapsedTimer m_clock;
    QByteArray m_errorBody;
    ChatError m_error;
    int m_status = 0;
    bool m_headers = false;
    bool m_errorMode = false;
    bool m_done = false;
};

} // namespace Sluice
