// What the OpenAI-compatible and Anthropic decoders share: server-sent events framed by
// SseParser, handed one at a time to the protocol, and the same ends — a line over the cap,
// an event that is not JSON, and nothing after the decoder has stopped.
#pragma once

#include "core/protocol/protocol.h"
#include "core/net/sseparser.h"

namespace Sluice {

class SseDecoder : public StreamDecoder
{
public:
    void feed(QByteArrayView bytes, QList<DecodedEvent> &out) final;
    void finish(QList<DecodedEvent> &out) final;

protected:
    // One event; set m_stopped with the Done or Error it appends.
    virtual void handleEvent(const SseEvent &event, QList<DecodedEvent> &out) = 0;
    // The stream ended cleanly without the decoder stopping.
    virtual void streamEnded(QList<DecodedEvent> &out) { Q_UNUSED(out); }

    // Parses an event's JSON object; otherwise appends the Error (an `error` event's text as
    // the server's message, anything else as "not JSON"), stops, and returns false.
    bool parseObject(const SseEvent &event, QJsonObject &object, QList<DecodedEvent> &out);

    bool m_stopped = false;
    SseParser &parser() { return m_sse; }

private:
    void handleEvents(QList<DecodedEvent> &out);

    SseParser m_sse;
    QList<SseEvent> m_events;
};

} // namespace Sluice
