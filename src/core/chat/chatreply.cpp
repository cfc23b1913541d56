#include "core/chat/chatreply.h"

#include "core/net/endpoint.h"
#include "core/net/headercheck.h"
#include "core/util/logging.h"
#include "core/chat/modelload.h"
#include "core/protocol/protocol.h"
#include "core/net/requestutil.h"

#include <QNetworkAccessManager>

namespace Sluice {

namespace {

constexpr qsizetype MaxErrorBody = 64 * 1024;
constexpr qint64 ReadSliceBytes = 32 * 1024;
constexpr qint64 ReadBufferBytes = 256 * 1024;
// How long one event-loop turn may spend decoding a backlog before it lets the window paint.
constexpr qint64 DecodeBudgetMs = 8;
constexpr qint64 MaxRetryDelayMs = 60'000;

QString endMarker(ProviderType type)
{
    switch (type) {
    case ProviderType::Ollama:
        return QStringLiteral("Ollama's final \"done\": true line");
    case ProviderType::OpenAI:
        return QStringLiteral("a finish_reason or data: [DONE]");
    case ProviderType::Anthropic:
        return QStringLiteral("message_stop");
    }
    return {};
}

} // namespace

quint64 ChatReply::s_nextId = 1;

ChatReply::ChatReply(QNetworkAccessManager *nam, const ProviderConfig &config,
                     const ChatRequest &request, QObject *parent)
    : QObject(parent), m_id(s_nextId++), m_nam(nam), m_config(config), m_request(request),
      m_protocol(createProtocol(config.type)), m_watchdog(new StallWatchdog(config.timeouts, this))
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &ChatReply::sendAttempt);
    connect(m_watchdog, &StallWatchdog::phaseChanged, this, &ChatReply::onWatchdogPhase);
    connect(m_watchdog, &StallWatchdog::expired, this, &ChatReply::onWatchdogExpired);
}

ChatReply::~ChatReply()
{
    // Destroyed while running: close the connection, say nothing.
    m_terminal = true;
    teardownNetwork();
}

void ChatReply::start()
{
    m_clock.start();
    const ParsedBaseUrl parsed = parseBaseUrl(m_config.baseUrl);
    const QString headers = headerProblem(m_config);
    if (!parsed.ok() || !headers.isEmpty() || m_request.model.trimmed().isEmpty()) {
        ChatError e;
        e.kind = ChatError::Kind::Config;
        e.message = !parsed.ok()          ? parsed.error
                    : !headers.isEmpty() ? headers
                                         : QStringLiteral("no model chosen; pass --model or set "
                                                          "a default model for the provider");
        QMetaObject::invokeMethod(this, [this, e] { fail(e); }, Qt::QueuedConnection);
        return;
    }
    m_root = Sluice::apiRoot(parsed.url, m_config.type);
    if (m_config.type == ProviderType::Ollama)
        m_ollamaRoot = m_root;
    m_url = m_protocol->chatUrl(m_root);
    m_body = m_protocol->chatBody(m_request);
    sendAttempt();
}

void ChatReply::sendAttempt()
{
    if (m_terminal)
        return;
    ++m_attempt;
    m_status = 0;
    m_headers = false;
    m_errorMode = false;
    m_drainQueued = false;
    m_finishDeferred = false;
    m_loadMs = -1;
    m_errorBody.clear();
    m_sslErrors.clear();
    m_decoder = m_protocol->createDecoder(m_request.stream);

    const QByteArray accept = !m_request.stream ? QByteArray("application/json")
                              : m_config.type == ProviderType::Ollama
                                  ? QByteArray("application/x-ndjson")
                                  : QByteArray("text/event-stream");
    QNetworkRequest req = buildRequest(m_url, m_config, *m_protocol, accept);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));

    qCDebug(lcProvider).noquote() << QStringLiteral("request id=%1 provider=%2 url=%3 model=%4 "
                                                    "stream=%5 attempt=%6")
                                         .arg(m_id)
                                         .arg(providerTypeName(m_config.type),
                                              redactedUrl(m_url), m_request.model,
                                              m_request.stream ? QStringLiteral("true")
                                                               : QStringLiteral("false"))
                                         .arg(m_attempt);

    m_attemptClock.start();
    m_net = m_nam->post(req, m_body);
    QNetworkReply *net = m_net;
    // Back-pressure: without a bound, Qt's HTTP thread reads a fast server's whole reply into
    // memory ahead of the decoder (hundreds of bytes per chunk). Qt 6.4 starts a POST on the
    // next event-loop turn and only then listens for the bound, so it is set one turn later
    // (still before the request has left).
    QMetaObject::invokeMethod(
        net, [net] { net->setReadBufferSize(ReadBufferBytes); }, Qt::QueuedConnection);
    connect(net, &QNetworkReply::requestSent, this, &ChatReply::leaveConnecting);
    connect(net, &QNetworkReply::uploadProgress, this, [this](qint64 sent, qint64) {
        if (sent > 0)
            leaveConnecting();
    });
    connect(net, &QNetworkReply::metaDataChanged, this, &ChatReply::onMetaData);
    connect(net, &QNetworkReply::readyRead, this, &ChatReply::onReadyRead);
    connect(net, &QNetworkReply::finished, this, &ChatReply::onNetworkFinished);
    connect(net, &QNetworkReply::redirected, this, &ChatReply::onRedirected);
    connect(net, &QNetworkReply::sslErrors, this,
            [this](const QList<QSslError> &errors) { m_sslErrors = errors; });
    m_watchdog->start();
    if (m_ollamaRoot.isValid())
        startLoadProbe();
}

void ChatReply::setOllamaServer(const QUrl &root)
{
    if (m_ollamaRoot.isValid() || !root.isValid())
        return;
    m_ollamaRoot = root;
    if (m_terminal || !m_net || m_ttftMs >= 0)
        return; // not started (sendAttempt will probe), retrying, or already streaming
    startLoadProbe();
    // The load began when the chat was sent: the load limit counts from then.
    if (m_watchdog->phase() == StallWatchdog::Phase::Waiting)
        m_watchdog->enterPhase(StallWatchdog::Phase::LoadingModel, /*keepClock=*/true);
}

void ChatReply::startLoadProbe()
{
    closeLoadProbe();
    // Ollama's /v1 sends no keep_alive or options; its native chat body carries both.
    const QByteArray chatBody = m_config.type == ProviderType::Ollama ? m_body : QByteArray();
    m_load = new ModelLoadProbe(m_nam, m_config, *m_protocol, m_ollamaRoot, m_request.model,
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
    if (m_terminal)
        return;
    m_loadMs = ms;
    // The first-token limit counts from the end of the load.
    if (m_watchdog->phase() == StallWatchdog::Phase::LoadingModel)
        m_watchdog->enterPhase(StallWatchdog::Phase::Waiting);
}

void ChatReply::onLoadUnavailable(const QString &reason)
{
    if (m_terminal)
        return;
    // Nothing tells the end of a load: the first-token limit alone, from the chat's sending.
    qCDebug(lcWatchdog).noquote() << u"no load signal: " + reason;
    if (m_watchdog->phase() == StallWatchdog::Phase::LoadingModel)
        m_watchdog->enterPhase(StallWatchdog::Phase::Waiting, /*keepClock=*/true);
}

qint64 ChatReply::phaseElapsedMs() const
{
    if (m_phase == Phase::Retrying)
        return m_retryClock.isValid() ? m_retryClock.elapsed() : 0;
    if (m_phase == Phase::Streaming)
        return m_watchdog->sinceProgressMs();
    return m_watchdog->phaseElapsedMs();
}

void ChatReply::leaveConnecting()
{
    if (m_terminal || m_watchdog->phase() != StallWatchdog::Phase::Connecting)
        return;
    const bool loading = m_load && m_load->isRunning();
    m_watchdog->enterPhase(loading ? StallWatchdog::Phase::LoadingModel
                                   : StallWatchdog::Phase::Waiting);
}

void ChatReply::onMetaData()
{
    if (m_terminal || !m_net || m_headers)
        return;
    leaveConnecting();
    const QVariant status = m_net->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return;
    const int code = status.toInt();
    // A redirect that is about to be followed is not the answer; wait for the next one.
    if (code >= 300 && code < 400 && m_net->hasRawHeader("Location") && m_net->isRunning())
        return;
    m_headers = true;
    m_status = code;
    if (m_status < 200 || m_status >= 300) {
        m_errorMode = true;
        return;
    }
    // Ollama sends the headers with the first chunk, after the load: the load is over by now
    // (the load-only request's answer, when it comes, is more exact).
    if (m_watchdog->phase() == StallWatchdog::Phase::LoadingModel) {
        m_loadMs = m_attemptClock.elapsed();
        m_watchdog->enterPhase(StallWatchdog::Phase::Waiting);
    }
    const QByteArray type = m_net->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    if (type.toLower().contains("text/html")) {
        ChatError e;
        e.kind = ChatError::Kind::Protocol;
        e.httpStatus = m_status;
        e.message = QStringLiteral("%1 answered HTTP %2 with an HTML page instead of %3; check "
                                   "the base URL (a web page or proxy answered, not the API)")
                        .arg(displayBase(m_root))
                        .arg(m_status)
                        .arg(m_request.stream ? QStringLiteral("a stream")
                                              : QStringLiteral("JSON"));
        fail(e);
    }
}

void ChatReply::onReadyRead()
{
    if (m_terminal || !m_net)
        return;
    if (!m_headers)
        onMetaData();
    if (m_terminal)
        return;
    if (m_errorMode) {
        const QByteArray data = m_net->readAll();
        if (m_errorBody.size() < MaxErrorBody)
            m_errorBody.append(data.left(MaxErrorBody - m_errorBody.size()));
        return;
    }
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
    while (!m_terminal && m_net) {
        const QByteArray data = m_net->read(ReadSliceBytes);
        if (data.isEmpty())
            return true;
        m_events.clear();
        m_decoder->feed(data, m_events);
        handleEvents();
        if (!m_terminal && m_net && m_net->bytesAvailable() > 0 &&
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
    if (m_terminal || !m_net || !drain())
        return;
    if (std::exchange(m_finishDeferred, false))
        onNetworkFinished();
}

void ChatReply::handleEvents()
{
    // Emitting may cancel or delete-later this reply; every step re-checks m_terminal.
    const QList<DecodedEvent> events = std::exchange(m_events, {});
    for (const DecodedEvent &ev : events) {
        if (m_terminal)
            return;
        switch (ev.type) {
        case DecodedEvent::Type::Content:
        case DecodedEvent::Type::Thinking: {
            if (m_ttftMs < 0)
                m_ttftMs = m_attemptClock.elapsed();
            ++m_chunks;
            m_watchdog->progress();
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

void ChatReply::onNetworkFinished()
{
    if (m_terminal || !m_net)
        return;
    QNetworkReply *net = m_net;
    if (!m_headers)
        onMetaData();
    if (m_terminal)
        return;
    if (m_drainQueued) {
        m_finishDeferred = true; // the body is decoded to its end first
        return;
    }
    if (net->bytesAvailable() > 0) {
        if (m_errorMode) {
            onReadyRead();
        } else if (!drain()) {
            m_finishDeferred = true;
            return;
        }
    }
    if (m_terminal)
        return;

    if (m_errorMode) {
        ChatError e = m_protocol->httpError(
            m_status, m_errorBody, net->header(QNetworkRequest::ContentTypeHeader).toByteArray(),
            m_root, m_request.model, !m_config.apiKey.isEmpty());
        e.retryAfterMs = parseRetryAfterMs(net->rawHeader("Retry-After"));
        e.message = redact(e.message, m_config);
        failOrRetry(e);
        return;
    }

    const QNetworkReply::NetworkError code = net->error();
    if (code != QNetworkReply::NoError) {
        if (m_headers) {
            ChatError e;
            e.kind = ChatError::Kind::Protocol;
            e.retryable = m_chunks == 0;
            e.message = QStringLiteral("the connection closed before the reply was complete "
                                       "(%1)%2")
                            .arg(m_chunks == 1 ? QStringLiteral("1 token received")
                                               : QStringLiteral("%1 tokens received").arg(m_chunks),
                                 partialSuffix());
            failOrRetry(e);
            return;
        }
        failOrRetry(connectionError(code, net->errorString(), m_url, m_config.type, m_sslErrors));
        return;
    }

    // The body ended cleanly: complete only if the protocol said so.
    m_events.clear();
    m_decoder->finish(m_events);
    handleEvents();
    if (m_terminal)
        return;
    if (m_decoder->answerComplete()) {
        finishOk(m_decoder->stats());
        return;
    }
    ChatError e;
    e.kind = ChatError::Kind::Protocol;
    if (m_chunks == 0) {
        e.retryable = true;
        e.message = QStringLiteral("the server ended the reply without sending anything (no %1)")
                        .arg(endMarker(m_config.type));
    } else {
        e.message = QStringLiteral("the stream ended without %1 after %2 tokens; the server may "
                                   "have hit an error%3")
                        .arg(endMarker(m_config.type))
                        .arg(m_chunks)
                        .arg(partialSuffix());
    }
    // Ollama's /v1 swallows errors this way; its native API would have said what went wrong.
    if (m_config.type == ProviderType::OpenAI && m_url.port() == 11434) {
        QUrl native = m_root;
        native.setPath(QString());
        e.message += QStringLiteral(" (this looks like Ollama's /v1, which hides server errors: "
                                    "use type ollama with base URL %1 to see them)")
                         .arg(displayBase(native));
    }
    failOrRetry(e);
}

void ChatReply::onRedirected(const QUrl &to)
{
    if (m_terminal || !m_net)
        return;
    const QString refused = checkRedirect(m_net, m_url, to, m_config);
    if (!refused.isEmpty()) {
        ChatError e;
        e.kind = ChatError::Kind::Http;
        e.message = refused;
        fail(e);
    }
}

void ChatReply::onWatchdogPhase(StallWatchdog::Phase phase)
{
    switch (phase) {
    case StallWatchdog::Phase::Connecting:
        setPhase(Phase::Connecting);
        break;
    case StallWatchdog::Phase::Waiting:
        setPhase(Phase::Waiting);
        break;
    case StallWatchdog::Phase::LoadingModel:
        setPhase(Phase::LoadingModel);
        break;
    case StallWatchdog::Phase::Streaming:
        setPhase(Phase::Streaming);
        break;
    case StallWatchdog::Phase::Idle:
    case StallWatchdog::Phase::Stopped:
        break;
    }
}

void ChatReply::onWatchdogExpired(StallWatchdog::Limit limit, qint64 elapsedMs)
{
    if (m_terminal)
        return;
    if (m_decoder && m_decoder->answerComplete()) {
        // The answer was complete (finish_reason seen); the server just never closed.
        finishOk(m_decoder->stats());
        return;
    }
    const QString secs = formatSeconds(elapsedMs);
    const QString hostPort =
        m_url.host() + u':' + QString::number(m_url.port(m_url.scheme() == u"https" ? 443 : 80));
    ChatError e;
    e.kind = ChatError::Kind::Stalled;
    switch (limit) {
    case StallWatchdog::Limit::Connect:
        e.message = QStringLiteral("stalled: could not connect to %1 within %2 (connect limit)")
                        .arg(hostPort, secs);
        break;
    case StallWatchdog::Limit::FirstToken:
        if (!m_request.stream)
            e.message = QStringLiteral("stalled: no reply after %1 (first-token limit; "
                                       "non-streaming request)")
                            .arg(secs);
        else if (!m_headers)
            e.message = QStringLiteral("stalled: no response from %1 after %2 (first-token "
                                       "limit)")
                            .arg(hostPort, secs);
        else
            e.message = QStringLiteral("stalled: no first token after %1 (first-token limit); "
                                       "the server answered but sent no text")
                            .arg(secs);
        if (m_loadMs >= 0)
            e.message += QStringLiteral("; model \"%1\" had loaded (in %2) and this limit "
                                        "counted from then")
                             .arg(m_request.model, formatSeconds(m_loadMs));
        break;
    case StallWatchdog::Limit::Load:
        e.message = QStringLiteral("stalled: model \"%1\" was still loading after %2 (load "
                                   "limit); raise the load limit for large models")
                        .arg(m_request.model, secs);
        break;
    case StallWatchdog::Limit::Idle:
        e.message = QStringLiteral("stalled: no data for %1 after %2 tokens (idle limit)%3")
                        .arg(secs)
                        .arg(m_chunks)
                        .arg(partialSuffix());
        break;
    case StallWatchdog::Limit::Total:
        e.kind = ChatError::Kind::Timeout;
        e.message = QStringLiteral("timed out: the reply took longer than %1 (total limit) after "
                                   "%2 tokens%3")
                        .arg(formatSeconds(m_config.timeouts.totalMs))
                        .arg(m_chunks)
                        .arg(partialSuffix());
        break;
    case StallWatchdog::Limit::None:
        return;
    }
    fail(e);
}

QString ChatReply::partialSuffix() const
{
    return m_gotText ? QStringLiteral("; partial reply kept") : QString();
}

void ChatReply::finishOk(ReplyStats stats)
{
    if (m_terminal)
        return;
    m_terminal = true;
    m_watchdog->stop();
    teardownNetwork();
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
    qCDebug(lcProvider).noquote() << QStringLiteral("finished id=%1 reason=%2 chunks=%3 "
                                                    "ttft_ms=%4 total_ms=%5")
                                         .arg(m_id)
                                         .arg(stats.finishReason)
                                         .arg(m_chunks)
                                         .arg(m_ttftMs)
                                         .arg(stats.totalMs);
    setPhase(Phase::Finished);
    Q_EMIT finished(m_stats);
}

void ChatReply::failOrRetry(ChatError error)
{
    if (m_terminal)
        return;
    const bool nothingArrived = !m_gotText;
    // Disconnecting makes Ollama abort a model load, so a failure during one is never retried.
    // An HTTP answer means the server was not loading anything for this request.
    const bool loading = m_watchdog->phase() == StallWatchdog::Phase::LoadingModel &&
                         error.kind != ChatError::Kind::Http;
    if (error.retryable && nothingArrived && m_attempt <= m_config.maxRetries && !loading) {
        qint64 delay = qint64(m_config.retryBaseDelayMs) << (m_attempt - 1);
        if (error.retryAfterMs >= 0)
            delay = qMin(error.retryAfterMs, MaxRetryDelayMs);
        qCDebug(lcProvider).noquote()
            << QStringLiteral("retry id=%1 attempt=%2 delay_ms=%3 reason=\"%4\"")
                   .arg(m_id)
                   .arg(m_attempt + 1)
                   .arg(delay)
                   .arg(error.message);
        teardownNetwork();
        m_watchdog->enterPhase(StallWatchdog::Phase::Idle);
        m_retryClock.start();
        setPhase(Phase::Retrying);
        Q_EMIT retrying(m_attempt + 1, delay, error);
        if (!m_terminal)
            m_retryTimer.start(int(delay));
        return;
    }
    fail(error);
}

void ChatReply::fail(ChatError error)
{
    if (m_terminal)
        return;
    m_terminal = true;
    m_retryTimer.stop();
    m_watchdog->stop();
    teardownNetwork();
    error.message = redact(error.message, m_config);
    m_error = error;
    qCDebug(lcProvider).noquote() << QStringLiteral("failed id=%1 kind=%2 message=\"%3\"")
                                         .arg(m_id)
                                         .arg(errorKindName(error.kind), error.message);
    setPhase(Phase::Failed);
    Q_EMIT failed(m_error);
}

void ChatReply::cancel()
{
    if (m_terminal)
        return;
    ChatError e;
    e.kind = ChatError::Kind::Cancelled;
    e.message = m_chunks > 0 ? QStringLiteral("cancelled after %1 tokens%2")
                                   .arg(m_chunks)
                                   .arg(partialSuffix())
                             : QStringLiteral("cancelled");
    fail(e);
}

void ChatReply::teardownNetwork()
{
    m_drainQueued = false;
    m_finishDeferred = false;
    // Not from inside the reply's own signal (Qt warns about a second error then): nothing
    // reaches us any more, and the socket closes on the next event loop turn.
    detachReply(m_net, this);
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
