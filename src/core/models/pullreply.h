// One `POST /api/pull`: Ollama's streamed progress lines become progressChanged(), then
// exactly one of finished() or failed(). A pull that stops progressing for the idle limit
// fails as stalled (Ollama repeats its last line while a download hangs, so only more bytes
// or a new status count as progress). cancel() closes the socket; pulling the same model
// again resumes from the layers already on the server's disk.
#pragma once

#include "core/chat/chattypes.h"
#include "core/net/lineframer.h"
#include "core/models/pullprogress.h"
#include "core/net/serverrequest.h"

#include <QElapsedTimer>
#include <QUrl>

class QNetworkAccessManager;

namespace Sluice {

class PullReply final : public ServerRequest
{
    Q_OBJECT
public:
    PullReply(QNetworkAccessManager *nam, const ProviderConfig &config, const QString &model,
              QObject *parent = nullptr);

    void start();

    const QString &model() const { return m_model; }
    const PullProgress &progress() const { return m_tracker.progress(); }
    // cancel() stops the pull now: the socket closes (Ollama stops downloading),
    // failed(Cancelled). Deleting a running pull does the same and says nothing.

Q_SIGNALS:
    void progressChanged(const Sluice::PullProgress &progress);
    void finished();

private:
    void onBody() override;
    void onErrorAnswer() override;
    void onComplete() override;
    ChatError stallError(StallWatchdog::Limit limit, qint64 elapsedMs) const override;
    QString cancelMessage() const override;
    void onFailing(const ChatError &error) override;
    void handleLines(const QList<QByteArray> &lines);
    void finishOk();
    QString where() const; // " at 61% (1.2 GB of 2.0 GB)" or ""

    QString m_model;
    QUrl m_root;
    LineFramer m_framer{1024 * 1024};
    PullProgressTracker m_tracker;
    QElapsedTimer m_clock;
};

} // namespace Sluice
