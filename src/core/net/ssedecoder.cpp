#include "core/net/ssedecoder.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Sluice {

using namespace ProtocolUtil;

void SseDecoder::feed(QByteArrayView bytes, QList<DecodedEvent> &out)
{
    if (m_stopped)
        return;
    m_events.clear();
    const bool ok = m_sse.feed(bytes, m_events);
    handleEvents(out);
    if (!ok && !m_stopped) {
        m_stopped = true;
        out.append(oversizeEvent(QStringLiteral("a line of the event stream"),
                                 SseParser::DefaultMaxLineBytes));
    }
}

void SseDecoder::finish(QList<DecodedEvent> &out)
{
    if (m_stopped)
        return;
    m_events.clear();
    m_sse.finish(m_events);
    handleEvents(out);
    if (!m_stopped)
        streamEnded(out);
}

void SseDecoder::handleEvents(QList<DecodedEvent> &out)
{
    for (const SseEvent &ev : std::as_const(m_events)) {
        if (m_stopped)
            return;
        handleEvent(ev, out);
    }
}

bool SseDecoder::parseObject(const SseEvent &event, QJsonObject &object,
                             QList<DecodedEvent> &out)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(event.data, &err);
    if (err.error == QJsonParseError::NoError && doc.isObject()) {
        object = doc.object();
        return true;
    }
    m_stopped = true;
    DecodedEvent e;
    e.type = DecodedEvent::Type::Error;
    if (event.type == "error") {
        e.error = streamError(QString::fromUtf8(event.data));
    } else {
        e.error.kind = ChatError::Kind::Protocol;
        e.error.message = QStringLiteral("the server sent an event that is not JSON: \"%1\"")
                              .arg(oneLine(QString::fromUtf8(event.data), 80));
    }
    out.append(e);
    return false;
}

} // namespace Sluice
