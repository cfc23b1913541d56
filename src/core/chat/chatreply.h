// One chat request, from the first byte sent to exactly one terminal signal.
//
// Emits contentDelta/thinkingDelta for every streamed piece, then exactly one of finished()
// or failed(). A stall watchdog watches every phase; a cancelled or destroyed reply closes
// its connection and emits nothing late. Retries happen only before anything arrived.
//
// On Ollama (native, or /v1 once the server was recognised) a load-only request goes beside
// the chat (modelload.h): the reply is LoadingModel, under the load limit, until Ollama says
// the model is loaded; the first-token limit counts from then. Nothing is retried and nothing
// is closed during a load, except by the load limit or a cancel, which close both requests.
#pragma once

#include "core/chat/chattypes.h"
#include "core/net/serverrequest.h"
#include "core/protocol/protocol.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;

namespace Sluice {

class ModelLoadProbe;

class ChatReply final : public ServerRequest
{
    Q_OBJECT
public:
    enum class Phase { Connecting, Waiting, LoadingModel, Streaming, Retrying, Finished, Failed };
    Q_ENUM(Phase)

    ChatReply(QNetworkAccessManager *nam, const ProviderConfig &config, const ChatRequest &request,
              QObject *parent = nullptr);
    ~ChatReply() override;

    // Sends the request. Failures found before sending (a bad URL) arrive as a queued failed().
    void start();
    // The server behind an OpenAI-compatible URL is Ollama, native API at `root`: the model
    // load is watched as for type ollama. May come after start() (the server was recognised
    // meanwhile); ignored once the first token arrived. Type ollama needs no call.
    void setOllamaServer(const QUrl &root);

    quint64 id() const { return m_id; }
    Phase phase() const { return m_phase; }
    qint64 phaseElapsedMs() const;
    qint64 elapsedMs() const { return m_clock.isValid() ? m_clock.elapsed() : 0; }
    int attempt() const { return m_attempt; }
    int chunks() const { return m_chunks; }
    // Everything received so far, unless setKeepText(false).
    const QString &content() const { return m_content; }
    const QString &thinking() const { return m_thinking; }
    // Off: the text only goes out as deltas and is not gathered here, so a reader that
    // passes it on (`sluice run` to stdout) needs no memory for a long reply. Set it before
    // control returns to the event loop.
    void setKeepText(bool keep) { m_keepText = keep; }
    const ChatRequest &request() const { return m_request; }
    ProviderType providerType() const { return config().type; }
    QUrl url() const { return m_url; }     // the chat endpoint
    QUrl apiRoot() const { return m_root; }
    // Ollama said the model is loaded (this attempt), and how long that took from the send.
    bool modelLoaded() const { return m_loadMs >= 0; }
    qint64 loadMs() const { return m_loadMs; }
    const ReplyStats &stats() const { return m_stats; }
    // cancel() stops the request now: the socket closes, the partial text stays,
    // failed(Cancelled).

Q_SIGNALS:
    void phaseChanged(Sluice::ChatReply::Phase phase);
    void contentDelta(const QString &text);
    void thinkingDelta(const QString &text);
    void retrying(int attempt, qint64 delayMs, const Sluice::ChatError &reason);
    void finished(const Sluice::ReplyStats &stats);

private:
    void sendAttempt();
    void onSent() override;
    void onAnswer() override;
    void onBody() override;
    void onErrorAnswer() override;
    void onComplete() override;
    void onConnectionFailed(ChatError error) override;
    void onExpired(StallWatchdog::Limit limit, qint64 elapsedMs) override;
    ChatError stallError(StallWatchdog::Limit limit, qint64 elapsedMs) const override;
    QString cancelMessage() const override;
    void onFailing(const ChatError &error) override;
    void onClosed() override;
    bool drain();
    void continueDrain();
    void onWatchdogPhase(StallWatchdog::Phase phase);
    void handleEvents();
    void finishOk(ReplyStats stats);
    void failOrRetry(ChatError error);
    void setPhase(Phase phase);
    void startLoadProbe();
    void closeLoadProbe();
    void onModelLoaded(qint64 ms);
    void onLoadUnavailable(const QString &reason);
    QString partialSuffix() const;
    // The body ended cleanly without the protocol's end marker (chatreplysentences.cpp).
    ChatError silentEndError() const;

    static quint64 s_nextId;
    quint64 m_id;
    ChatRequest m_request;
    std::unique_ptr<Protocol> m_protocol;
    std::unique_ptr<StreamDecoder> m_decoder;
    QList<DecodedEvent> m_events;
    QUrl m_root;
    QUrl m_url;
    QByteArray m_body;
    QPointer<ModelLoadProbe> m_load;
    QUrl m_ollamaRoot; // set: the server is Ollama
    QTimer m_retryTimer;
    QElapsedTimer m_clock;        // since start()
    QElapsedTimer m_attemptClock; // since the current attempt was sent
    QElapsedTimer m_retryClock;
    QString m_content;
    QString m_thinking;
    bool m_keepText = true;
    bool m_gotText = false; // content or thinking arrived (kept or not)
    ReplyStats m_stats;
    Phase m_phase = Phase::Connecting;
    int m_attempt = 0;
    int m_chunks = 0;
    QString m_lastPiece; // the last piece of text, and how many in a row were it (trimmed)
    int m_lastPieceRun = 0;
    qint64 m_ttftMs = -1;
    bool m_drainQueued = false;    // a backlog is being decoded over several turns
    bool m_finishDeferred = false; // the network finished while the backlog was pending
    qint64 m_loadMs = -1;
};

} // namespace Sluice
