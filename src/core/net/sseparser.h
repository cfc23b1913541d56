// Server-sent events framing after WHATWG HTML "interpreting an event stream".
// Plain class: bytes in, complete events out. Lines end in CRLF, LF or a lone CR
// (a CRLF pair may straddle two reads); a blank line dispatches; ':' lines are
// comments (keep-alives); several data lines join with '\n'. Bounded by a cap.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace Sluice {

struct SseEvent
{
    QByteArray type; // empty means the default "message"
    QByteArray data;
    QByteArray id;
};

class SseParser final
{
public:
    static constexpr qsizetype DefaultMaxLineBytes = 8 * 1024 * 1024;

    explicit SseParser(qsizetype maxBytes = DefaultMaxLineBytes) : m_max(maxBytes) {}

    // Appends every event completed by `data` to `out`. Returns false once a line
    // or an event's data has exceeded the cap.
    bool feed(QByteArrayView data, QList<SseEvent> &out);
    // End of stream. Lenient where servers are sloppy: a last line without a line
    // end is processed, and an event without its closing blank line is dispatched.
    bool finish(QList<SseEvent> &out);

    // llama.cpp's llama-server, before October 2025, sends an error inside a stream as an
    // `error: {…}` line, then `data: [DONE]` (examples/server/utils.hpp server_sent_event(sink,
    // "error", …)). Unknown fields are ignored by the standard; with this set, an `error`
    // line is taken as the data of an event of type "error".
    void setErrorFieldIsEvent(bool on) { m_errorField = on; }

    bool overflowed() const { return m_overflow; }
    int commentCount() const { return m_comments; }
    // The last event id seen (the Last-Event-ID to resume with) and the "retry" field's
    // reconnection time in ms (-1: none given).
    QByteArray lastEventId() const { return m_lastId; }
    qint64 retryMs() const { return m_retryMs; }
    void reset();

private:
    void processLine(QByteArrayView line, QList<SseEvent> &out);
    void dispatch(QList<SseEvent> &out);
    bool overflow();

    QByteArray m_line;
    QByteArray m_data;
    QByteArray m_type;
    QByteArray m_lastId;
    qsizetype m_max;
    qint64 m_retryMs = -1;
    int m_comments = 0;
    bool m_hasData = false;
    bool m_skipLf = false;
    bool m_started = false; // a UTF-8 BOM is only skipped at the very start
    bool m_overflow = false;
    bool m_errorField = false;
};

} // namespace Sluice
