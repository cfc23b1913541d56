// The sentences a reply ends with when it does not end well: a stall at each limit, a body
// that ended without its protocol's end marker (and why, when the server is known to end
// replies that way), a cancel; each says how much of the reply was kept.
#include "core/chat/chatreply.h"

#include "core/net/endpoint.h"
#include "core/net/requestutil.h"
#include "core/protocol/protocol.h"

namespace Sluice {

ChatError ChatReply::stallError(StallWatchdog::Limit limit, qint64 elapsedMs) const
{
    ChatError e = ServerRequest::stallError(limit, elapsedMs);
    const QString secs = formatSeconds(elapsedMs);
    switch (limit) {
    case StallWatchdog::Limit::Connect:
    case StallWatchdog::Limit::None:
        break;
    case StallWatchdog::Limit::FirstToken:
        if (!m_request.stream)
            e.message = QStringLiteral("stalled: no reply after %1 (first-token limit; "
                                       "non-streaming request)")
                            .arg(secs);
        else if (!hasAnswer())
            e.message = QStringLiteral("stalled: no response from %1 after %2 (first-token "
                                       "limit)")
                            .arg(hostPort(m_url), secs);
        else
            e.message = QStringLiteral("stalled: no first token after %1 (first-token limit); "
                                       "the server answered but sent no text")
                            .arg(secs);
        if (m_loadMs >= 0)
            e.message += QStringLiteral("; model \"%1\" had loaded (in %2) and this limit "
                                        "counted from then")
                             .arg(m_request.model, formatSeconds(m_loadMs));
        // Ollama answers nothing, not even its status line, until the first chunk: while it
        // reads the prompt, and while the model serves other requests (llm/server.go,
        // Completion, waits on a semaphore of OLLAMA_NUM_PARALLEL slots, 1 by default; seen
        // on a real Ollama with a second client).
        if (m_loadMs >= 0 && !hasAnswer())
            e.message += QStringLiteral("; Ollama says nothing while it reads a long prompt or "
                                        "while the model is busy with another request (one at "
                                        "a time unless OLLAMA_NUM_PARALLEL allows more)");
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
        e.message = QStringLiteral("timed out: the reply took longer than %1 (total limit) after "
                                   "%2 tokens%3")
                        .arg(formatSeconds(config().timeouts.totalMs))
                        .arg(m_chunks)
                        .arg(partialSuffix());
        break;
    }
    return e;
}

ChatError ChatReply::silentEndError() const
{
    ChatError e;
    e.kind = ChatError::Kind::Protocol;
    Protocol::SilentEnd end;
    end.chatUrl = m_url;
    end.root = m_root;
    end.streamed = m_request.stream;
    end.ollama = m_ollamaRoot.isValid();
    end.lastPiece = m_lastPiece.trimmed();
    end.lastPieceRun = m_lastPieceRun;
    const QString reason = m_chunks > 0 ? m_protocol->silentEndReason(end) : QString();
    if (!reason.isEmpty()) {
        e.message = reason;
        e.modelRepeating = true;
        return e;
    }
    if (m_chunks == 0) {
        e.retryable = true;
        e.message = QStringLiteral("the server ended the reply without sending anything (no %1)")
                        .arg(m_protocol->endMarker());
    } else {
        e.message = QStringLiteral("the stream ended without %1 after %2 tokens; the server may "
                                   "have hit an error%3")
                        .arg(m_protocol->endMarker())
                        .arg(m_chunks)
                        .arg(partialSuffix());
    }
    e.message += m_protocol->silentEndHint(m_url, m_root);
    return e;
}

QString ChatReply::cancelMessage() const
{
    return m_chunks > 0
               ? QStringLiteral("cancelled after %1 tokens%2").arg(m_chunks).arg(partialSuffix())
               : QStringLiteral("cancelled");
}

QString ChatReply::partialSuffix() const
{
    return m_gotText ? QStringLiteral("; partial reply kept") : QString();
}

} // namespace Sluice
