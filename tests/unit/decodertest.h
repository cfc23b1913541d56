// Decoding one response body the way ChatReply feeds a decoder, and what a user would notice of
// the result; shared by the decoder tests (tst_decoders, tst_decoderfaults).
#pragma once

#include "core/protocol/protocol.h"

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

Q_DECLARE_METATYPE(Sluice::ProviderType)

namespace SluiceTest {

using Sluice::createProtocol;
using Sluice::DecodedEvent;
using Sluice::ProviderType;
using Sluice::ReplyStats;

// What a user would notice of one decoded reply.
struct Outcome
{
    QString content;
    QString thinking;
    int dones = 0;
    int errors = 0;
    int eventsAfterTerminal = 0; // anything after a Done or Error is a bug
    ReplyStats stats;            // of the Done event
    QString error;               // message of the Error event
    bool answerComplete = false;
    QStringList sequence; // every event in order, for exact comparison across splits

    QString describe() const
    {
        return sequence.join(u"\n") + u"\ncomplete=" + (answerComplete ? u"1" : u"0");
    }
};

inline QString statsText(const ReplyStats &s)
{
    return QStringLiteral("finish=%1 model=%2 in=%3 out=%4 total=%5 load=%6 eval=%7 tps=%8")
        .arg(s.finishReason, s.model)
        .arg(s.promptTokens)
        .arg(s.outputTokens)
        .arg(s.totalMs)
        .arg(s.loadMs)
        .arg(s.evalMs)
        .arg(s.tokensPerSecond);
}

inline void collect(const QList<DecodedEvent> &events, Outcome &o)
{
    for (const DecodedEvent &e : events) {
        if (o.dones + o.errors > 0)
            ++o.eventsAfterTerminal;
        switch (e.type) {
        case DecodedEvent::Type::Content:
            o.content += e.text;
            o.sequence.append(u"C:" + e.text);
            break;
        case DecodedEvent::Type::Thinking:
            o.thinking += e.text;
            o.sequence.append(u"T:" + e.text);
            break;
        case DecodedEvent::Type::Done:
            ++o.dones;
            o.stats = e.stats;
            o.sequence.append(u"D:" + statsText(e.stats));
            break;
        case DecodedEvent::Type::Error:
            ++o.errors;
            o.error = e.error.message;
            o.sequence.append(u"E:" + e.error.message + u" retry=" +
                              QString::number(e.error.retryable));
            break;
        }
    }
}

inline Outcome decode(ProviderType type, bool stream, const QList<QByteArrayView> &reads)
{
    const auto decoder = createProtocol(type)->createDecoder(stream);
    Outcome o;
    QList<DecodedEvent> events;
    for (QByteArrayView read : reads) {
        events.clear();
        decoder->feed(read, events);
        collect(events, o);
    }
    events.clear();
    decoder->finish(events);
    collect(events, o);
    o.answerComplete = decoder->answerComplete();
    return o;
}

inline Outcome decodeWhole(ProviderType type, bool stream, QByteArrayView body)
{
    return decode(type, stream, {body});
}

} // namespace SluiceTest
