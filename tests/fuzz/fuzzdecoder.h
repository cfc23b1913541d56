// Shared by the decoder fuzz targets: decode the bytes whole and cut, streaming and not, and
// abort when the text, thinking, stats or error a user would see differ, or when anything
// follows a terminal event.
#pragma once

#include "fuzzsplit.h"
#include "core/protocol/protocol.h"

#include <QByteArray>
#include <QString>

namespace SluiceFuzz {

struct Decoded
{
    QByteArray events; // every event, in order
    QString content;   // the concatenated answer
};

inline Decoded decode(Sluice::ProviderType type, bool stream, const QList<QByteArrayView> &reads)
{
    using Sluice::DecodedEvent;
    const auto decoder = Sluice::createProtocol(type)->createDecoder(stream);
    Decoded d;
    QList<DecodedEvent> events;
    for (QByteArrayView r : reads)
        decoder->feed(r, events);
    decoder->finish(events);
    int terminal = 0;
    for (const DecodedEvent &e : events) {
        if (terminal)
            mismatch("an event after Done or Error", d.events, {});
        switch (e.type) {
        case DecodedEvent::Type::Content:
            d.content += e.text;
            d.events += "C:" + e.text.toUtf8() + "\n";
            break;
        case DecodedEvent::Type::Thinking:
            d.events += "T:" + e.text.toUtf8() + "\n";
            break;
        case DecodedEvent::Type::Done:
            ++terminal;
            d.events += "D:" + e.stats.finishReason.toUtf8() + " " +
                        QByteArray::number(e.stats.promptTokens) + " " +
                        QByteArray::number(e.stats.outputTokens) + " " +
                        QByteArray::number(e.stats.totalMs) + " " +
                        QByteArray::number(e.stats.tokensPerSecond) + "\n";
            break;
        case DecodedEvent::Type::Error:
            ++terminal;
            if (e.error.message.isEmpty() || e.error.message.contains(u'\n'))
                mismatch("an error that is not one sentence", e.error.message.toUtf8(), {});
            d.events += "E:" + e.error.message.toUtf8() + "\n";
            break;
        }
    }
    d.events += decoder->answerComplete() ? "complete" : "incomplete";
    return d;
}

inline int fuzzDecoder(Sluice::ProviderType type, const uint8_t *data, size_t size)
{
    const Input in = splitInput(data, size);
    const QList<QByteArrayView> reads = cut(in);
    for (bool stream : {true, false}) {
        const Decoded whole = decode(type, stream, {in.stream});
        const Decoded split = decode(type, stream, reads);
        if (whole.content != split.content)
            mismatch("concatenated content", whole.content.toUtf8(), split.content.toUtf8());
        if (whole.events != split.events)
            mismatch("decoded events", whole.events, split.events);
    }
    return 0;
}

} // namespace SluiceFuzz
