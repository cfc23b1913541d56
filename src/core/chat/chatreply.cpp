#include "core/chat/chatreply.h"

#include "core/chat/modelload.h"
#include "core/net/endpoint.h"
#include "core/net/headercheck.h"
#include "core/net/redaction.h"
#include "core/net/requestutil.h"
#include "core/protocol/protocol.h"
#include "core/util/logging.h"

namespace Sluice {

namespace {

constexpr qint64 ReadSliceBytes = 32 * 1024;
constexpr qint64 ReadBufferBytes = 256 * 1024;
// How long one event-loop turn may spend decoding a backlog before it lets the window paint.
constexpr qint64 DecodeBudgetMs = 8;
constexpr qint64 MaxRetryDelayMs = 60'000;

} // namespace

quint64 ChatReply::s_nextId = 1;

ChatReply::ChatReply(QNetworkAccessManager *nam, const ProviderConfig &config,
                     const ChatRequest &request, QObject *parent)
    : ServerRequest(nam, config, config.timeouts, config.type, parent), m_id(s_nextId++),
      m_request(request), m_protocol(createProtocol(config.type))
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &ChatReply::sendAttempt);
    connect(watchdog(), &StallWatchdog::phaseChanged, this, &ChatReply::onWatchdogPhase);
}

ChatReply::~ChatReply()
{
    // Destroyed while running: close the connection, say nothing.
    closeNetwork();
}

void ChatReply::start()
{
    m_clock.start();
    const ParsedBaseUrl parsed = parseBaseUrl(config().baseUrl);
    const QString headers = headerProblem(config());
    if (!parsed.ok() || !headers.isEmpty() || m_request.model.trimmed().isEmpty()) {
        failLater(ChatError::Kind::Config,
                  !parsed.ok()         ? parsed.error
                  : !headers.isEmpty() ? headers
                                       : QStringLiteral("no model chosen; pass --model or set a "
                                                        "default model for the provider"));
        return;
    }
    m_root = Sluice::apiRoot(parsed.url, config().type);
    if (config().type == ProviderType::Ollama)
        m_ollamaRoot = m_root;
    m_url = m_protocol->chatUrl(m_root);
    m_body = m_protocol->chatBody(m_request);
    sendAttempt();
}

void ChatReply::sendAttempt()
{
    if (isOver())
        return;
    ++m_attempt;
    m_drainQueued = false;
    m_finishDeferred = false;
    m_loadMs = -1;
    m_decoder = m_protocol->createDecoder(m_request.stream);

    QNetworkRequest req =
        buildRequest(m_url, config(), *m_protocol, m_protocol->acceptHeader(m_request.stream));
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));

    qCDebug(lcProvider).noquote() << QStringLiteral("request id=%1 provider=%2 url=%3 model=%4 "
                                                    "stream=%5 attempt=%6")
                                         .arg(m_id)
                                         .arg(providerTypeName(config().type), redactedUrl(m_url),
                                              m_request.model,
                                              m_request.stream ? QStringLiteral("true")
                                                               : QStringLiteral("false"))
                                         .arg(m_attempt);

    m_attemptClock.start();
    send(Verb::Post, req, m_body);
    QNetworkReply *net = reply();
    // Back-pressure: without a bound, Qt's HTTP thread reads a fast server's whole reply into
    // memory ahead of the decoder (hundreds of bytes per chunk). Qt 6.4 starts a POST on the
    // next event-loop turn and only then listens for the bound, so it is set one turn later
    // (still before the request has left).
    QMetaObject::invokeMethod(
        net, [net] { net->setReadBufferSize(ReadBufferBytes); }, Qt::QueuedConnection);
    if (m_ollamaRoot.isValid())
        startLoadProbe();
}

void ChatReply::setOllamaServer(const QUrl &root)
{
    if (m_ollamaRoot.isValid() || !root.isValid())
        return;
    m_ollamaRoot = root;
    if (isOver() || !reply() || m_ttftMs >= 0)
        return; // not started (sendAttempt will probe), retrying, or already streaming
    startLoadProbe();
    // The load began when the chat was sent: the load limit counts from then.
    if (watchdog()->phase() == StallWatchdog::Phase::Waiting)
        watchdog()->enterPhase(StallWatchdog::Phase::LoadingModel, /*keepClock=*/true);
}

void ChatReply::startLoadProbe()
{
    closeLoadProbe();
    // Ollama's /v1 sends no keep_alive or options; its native chat body carries both.
    const QByteArray chatBody = config().type == ProviderType::Ollama ? m_body : QByteArray();
    m_load = new ModelLoadProbe(manager(), config(), *m_protocol, m_ollamaRoot, m_request.model,
                                chatBody, this);
    connect(m_load, &ModelLoadProbe::loaded, this, &ChatReply::onModelLoaded);
    connect(m_load, &ModelLoadProbe::unavailable, this, &ChatReply::onLoadUnavailable);
    connect(m_load, &ModelLoadProbe::failed, this, [this](const ChatError &e) {
        qCDebug(lcWatchdog).noquote() << u"load failed: " + e.message;
        failOrRetry(e);
    });
}

void ChatReply::onModelLoaded(qint64 ms)
{
    if (isOver())
        return;
    m_loadMs = ms;
    // The first-token limit counts from the end of the load.
    if (watchdog()->phase() == StallWatchdog::Phase::LoadingModel)
        watchdog()->enterPhase(StallWatchdog::Phase::Waiting);
}

void ChatReply::onLoadUnavailable(const QString &reason)
{
    if (isOver())
        return;
    // Nothing tells the end of a load: the first-token limit alone, from the chat's sending.
    qCDebug(lcWatchdog).noquote() << u"no load signal: " + reason;
    if (watchdog()->phase() == StallWatchdog::Phase::LoadingModel)
        watchdog()->enterPhase(StallWatchdog::Phase::Waiting, /*keepClock=*/true);
}

qint64 ChatReply::phaseElapsedMs() const
{
    if (m_phase == Phase::Retrying)
        return m_retryClock.isValid() ? m_retryClock.elapsed() : 0;
    if (m_phase == Phase::Streaming)
        return watchdog()->sinceProgressMs();
    return watchdog()->phaseElapsedMs();
}

void ChatReply::onSent()
{
    if (isOver() || watchdog()->phase() != StallWatchdog::Phase::Connecting)
        return;
    const bool loading = m_load && m_load->isRunning();
    watchdog()->enterPhase(loading ? StallWatchdog::Phase::LoadingModel
                                   : StallWatchdog::Phase::Waiting);
}

void ChatReply::onAnswer()
{
    // Ollama sends the headers with the first chunk, after the load: the load is over by now
    // (the load-only request's answer, when it comes, is more exact).
    if (watchdog()->phase() == StallWatchdog::Phase::LoadingModel) {
        m_loadMs = m_attemptClock.elapsed();
        watchdog()->enterPhase(StallWatchdog::Phase::Waiting);
    }
    const QByteArray type = reply()->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    if (type.toLower().contains("text/html")) {
        ChatError e;
        e.kind = ChatError::Kind::Protocol;
        e.httpStatus = httpStatus();
        e.message =
            QStringLiteral("%1 answered HTTP %2 with an HTML page instead of %3; check "
                           "the base URL (a web page or proxy answered, not the API)")
                .arg(displayBase(m_root))
                .arg(httpStatus())
                .arg(m_request.stream ? QStringLiteral("a stream") : QStringLiteral("JSON"));
        fail(e);
    }
}

void ChatReply::onBody()
{
    if (m_drainQueued)
        return; // a drain turn is already on its way and reads this too
    drain();
}

bool ChatReply::drain()
{
    // In slices: when the event loop was busy, the network thread may have read megabytes
    // ahead; decoding them at once would hold every event of the backlog in memory together.
    // And in turns: a backlog of thousands of lines is decoded a few milliseconds at a time,
    // with the rest queued behind whatever the event loop has waiting (paints, input, timers).
    QElapsedTimer turn;
    turn.start();
    while (!isOver() && reply()) {
        const QByteArray data = reply()->read(ReadSliceBytes);
        if (data.isEmpty())
            return true;
        m_events.clear();
        m_decoder->feed(data, m_events);
        handleEvents();
        if (!isOver() && reply() && reply()->bytesAvailable() > 0 &&
            turn.elapsed() >= DecodeBudgetMs) {
            m_drainQueued = true;
            QMetaObject::invokeMethod(this, &ChatReply::continueDrain, Qt::QueuedConnection);
            return false;
        }
    }
    return true;
}

void ChatReply::continueDrain()
{
    if (!std::exchange(m_drainQueued, false))
        return; // the attempt it was queued for has been torn down
    if (isOver() || !reply() || !drain())
        return;
    if (std::exchange(m_finishDeferred, false))
        onComplete();
}

void ChatReply::handleEvents()
{
    // Emitting may cancel or delete-later this reply; every step re-checks isOver().
    const QList<DecodedEvent> events = std::exchange(m_events, {});
    for (const DecodedEvent &ev : events) {
        if (isOver())
            return;
        switch (ev.type) {
        case DecodedEvent::Type::Content:
        case DecodedEvent::Type::Thinking: {
            if (m_ttftMs < 0)
                m_ttftMs = m_attemptClock.elapsed();
            ++m_chunks;
            // Compared trimmed, kept whole (shared, not copied): nothing allocated per chunk.
            if (m_lastPieceRun > 0 &&
                QStringView(ev.text).trimmed() == QStringView(m_lastPiece).trimmed()) {
                ++m_lastPieceRun;
            } else {
                m_lastPiece = ev.text;
                m_lastPieceRun = 1;
            }
            watchdog()->progress();
            m_gotText = m_gotText || !ev.text.isEmpty();
            if (ev.type == DecodedEvent::Type::Content) {
                if (m_keepText)
                    m_content += ev.text;
                Q_EMIT contentDelta(ev.text);
            } else {
                if (m_keepText)
                    m_thinking += ev.text;
                Q_EMIT thinkingDelta(ev.text);
            }
            break;
        }
        case DecodedEvent::Type::Done:
            finishOk(ev.stats);
            return;
        case DecodedEvent::Type::Error:
            failOrRetry(ev.error);
            return;
        }
    }
}

void ChatReply::onErrorAnswer()
{
    failOrRetry(answerError(*m_protocol, m_root, m_request.model));
}

void ChatReply::onConnectionFailed(ChatError error)
{
    failOrRetry(std::move(error));
}

void ChatReply::onComplete()
{
    if (m_drainQueued || (reply()->bytesAvailable() > 0 && !drain())) {
        m_finishDeferred = true; // the body is decoded to its end first
        return;
    }
    if (isOver() || !reply())
        return;
    if (reply()->error() != QNetworkReply::NoError) {
        ChatError e;
        e.kind = ChatError::Kind::Protocol;
        e.retryable = m_chunks == 0;
        e.message = QStringLiteral("the connection closed before the reply was complete (%1)%2")
                        .arg(m_chunks == 1 ? QStringLiteral("1 token received")
                                           : QStringLiteral("%1 tokens received").arg(m_chunks),
                             partialSuffix());
        failOrRetry(e);
        return;
    }
    // The body ended cleanly: complete only if the protocol said so.
    m_events.clear();
    m_decoder->finish(m_events);
    handleEvents();
    if (isOver())
        return;
    if (m_decoder->answerComplete()) {
        finishOk(m_decoder->stats());
        return;
    }
    failOrRetry(silentEndError());
}

void ChatReply::onWatchdogPhase(StallWatchdog::Phase phase)
{
    // Idle (between attempts) and Stopped (the end) are said by the reply itself.
    if (phase == StallWatchdog::Phase::Connecting)
        setPhase(Phase::Connecting);
    else if (phase == StallWatchdog::Phase::Waiting)
        setPhase(Phase::Waiting);
    else if (phase == StallWatchdog::Phase::LoadingModel)
        setPhase(Phase::LoadingModel);
    else if (phase == StallWatchdog::Phase::Streaming)
        setPhase(Phase::Streaming);
}

void ChatReply::onExpired(StallWatchdog::Limit limit, qint64 elapsedMs)
{
    if (m_decoder && m_decoder->answerComplete()) {
        // The answer was complete (finish_reason seen); the server just never closed.
        finishOk(m_decoder->stats());
        return;
    }
    if (limit != StallWatchdog::Limit::None)
        fail(stallError(limit, elapsedMs));
}

void ChatReply::finishOk(ReplyStats stats)
{
    if (!settle())
        return;
    stats.timeToFirstTokenMs = m_ttftMs;
    if (stats.loadMs < 0)
        stats.loadMs = m_loadMs; // /v1 reports none: the load-only request's time
    stats.totalMs = elapsedMs();
    stats.chunks = m_chunks;
    if (stats.model.isEmpty())
        stats.model = m_request.model;
    if (stats.tokensPerSecond < 0 && m_ttftMs >= 0) {
        const qint64 generating = m_attemptClock.elapsed() - m_ttftMs;
        const qint64 tokens = stats.outputTokens > 0 ? stats.outputTokens : m_chunks;
        if (generating > 0 && tokens > 1)
            stats.tokensPerSecond = double(tokens) * 1000.0 / double(generating);
    }
    m_stats = stats;
    qCDebug(lcProvider).noquote()
        << QStringLiteral("finished id=%1 reason=%2 chunks=%3 ttft_ms=%4 total_ms=%5")
               .arg(QString::number(m_id), stats.finishReason, QString::number(m_chunks),
                    QString::number(m_ttftMs), QString::number(stats.totalMs));
    setPhase(Phase::Finished);
    Q_EMIT finished(m_stats);
}

void ChatReply::failOrRetry(ChatError error)
{
    if (isOver())
        return;
    error.message = redact(error.message, config()); // `retrying` carries it too
    const bool nothingArrived = !m_gotText;
    // Disconnecting makes Ollama abort a model load, so a failure during one is never retried.
    // An HTTP answer means the server was not loading anything for this request.
    const bool loading = watchdog()->phase() == StallWatchdog::Phase::LoadingModel &&
                         error.kind != ChatError::Kind::Http;
    if (error.retryable && nothingArrived && m_attempt <= config().maxRetries && !loading) {
        qint64 delay = qint64(config().retryBaseDelayMs) << (m_attempt - 1);
        if (error.retryAfterMs >= 0)
            delay = qMin(error.retryAfterMs, MaxRetryDelayMs);
        qCDebug(lcProvider).noquote()
            << QStringLiteral("retry id=%1 attempt=%2 delay_ms=%3 reason=\"%4\"")
                   .arg(m_id)
                   .arg(m_attempt + 1)
                   .arg(delay)
                   .arg(error.message);
        closeNetwork();
        watchdog()->enterPhase(StallWatchdog::Phase::Idle);
        m_retryClock.start();
        setPhase(Phase::Retrying);
        Q_EMIT retrying(m_attempt + 1, delay, error);
        if (!isOver())
            m_retryTimer.start(int(delay));
        return;
    }
    fail(error);
}

void ChatReply::onFailing(const ChatError &error)
{
    m_retryTimer.stop();
    qCDebug(lcProvider).noquote() << QStringLiteral("failed id=%1 kind=%2 message=\"%3\"")
                                         .arg(m_id)
                                         .arg(errorKindName(error.kind), error.message);
    setPhase(Phase::Failed);
}

void ChatReply::onClosed()
{
    m_drainQueued = false;
    m_finishDeferred = false;
    closeLoadProbe(); // the load-only request never outlives its chat
}

void ChatReply::closeLoadProbe()
{
    if (!m_load)
        return;
    m_load->disconnect(this);
    m_load->close();
    m_load->deleteLater(); // maybe from inside its own signal
    m_load = nullptr;
}

void ChatReply::setPhase(Phase phase)
{
    if (m_phase == phase)
        return;
    m_phase = phase;
    Q_EMIT phaseChanged(phase);
}

} // namespace Sluice
