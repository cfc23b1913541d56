#include "core/net/sseparser.h"

#include <algorithm>

namespace Sluice {

bool SseParser::overflow()
{
    m_overflow = true;
    m_line.clear();
    m_line.squeeze();
    m_data.clear();
    m_data.squeeze();
    m_hasData = false; // the event being collected is lost: finish() must not dispatch it
    m_type.clear();
    return false;
}

bool SseParser::feed(QByteArrayView data, QList<SseEvent> &out)
{
    if (m_overflow)
        return false;
    const char *p = data.data();
    const char *end = p + data.size();

    if (!m_started && p < end) {
        // Skip a UTF-8 byte order mark, which may itself arrive split.
        static constexpr char bom[] = "\xEF\xBB\xBF";
        while (p < end && m_line.size() < 3 && uchar(*p) == uchar(bom[m_line.size()])) {
            m_line.append(*p++);
        }
        if (m_line.size() == 3) {
            m_line.clear();
            m_started = true;
        } else if (p < end) {
            m_started = true; // not a BOM: what was held back is ordinary line content
        } else {
            return true; // only a BOM prefix so far
        }
    }

    if (m_skipLf && p < end) {
        if (*p == '\n')
            ++p;
        m_skipLf = false;
    }
    while (p < end) {
        const char *q = p;
        while (q < end && *q != '\n' && *q != '\r')
            ++q;
        if (q == end) {
            if (m_line.size() + (end - p) > m_max)
                return overflow();
            m_line.append(p, end - p);
            return true;
        }
        if (m_line.size() + (q - p) > m_max)
            return overflow();
        if (m_line.isEmpty()) {
            processLine(QByteArrayView(p, q - p), out);
        } else {
            m_line.append(p, q - p);
            processLine(m_line, out);
            m_line.clear();
        }
        if (m_overflow)
            return false;
        p = q + 1;
        if (*q == '\r') {
            if (p < end) {
                if (*p == '\n')
                    ++p;
            } else {
                m_skipLf = true; // the LF of a CRLF pair may come with the next read
            }
        }
    }
    return true;
}

bool SseParser::finish(QList<SseEvent> &out)
{
    if (m_overflow)
        return false;
    if (!m_line.isEmpty()) {
        processLine(m_line, out);
        m_line.clear();
    }
    dispatch(out);
    return !m_overflow;
}

void SseParser::processLine(QByteArrayView line, QList<SseEvent> &out)
{
    if (line.isEmpty()) {
        dispatch(out);
        return;
    }
    if (line.front() == ':') {
        ++m_comments;
        return;
    }
    QByteArrayView field = line;
    QByteArrayView value;
    const qsizetype colon = line.indexOf(':');
    if (colon >= 0) {
        field = line.first(colon);
        value = line.sliced(colon + 1);
        if (!value.isEmpty() && value.front() == ' ')
            value = value.sliced(1);
    }
    if (field == "error" && m_errorField) { // llama-server's stream error, see the header
        m_type = QByteArrayLiteral("error");
        field = "data";
    }
    if (field == "data") {
        if (m_data.size() + value.size() + 1 > m_max) {
            overflow();
            return;
        }
        if (m_hasData)
            m_data.append('\n');
        m_data.append(value);
        m_hasData = true;
    } else if (field == "event") {
        m_type = value.toByteArray();
    } else if (field == "id") {
        if (!value.contains('\0'))
            m_lastId = value.toByteArray();
    } else if (field == "retry") {
        // Only ASCII digits set the reconnection time.
        bool ok = !value.isEmpty() && value.size() <= 9 &&
                  std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (ok)
            m_retryMs = value.toByteArray().toLongLong();
    }
    // Unknown fields are ignored.
}

void SseParser::dispatch(QList<SseEvent> &out)
{
    if (!m_hasData) {
        m_type.clear();
        return;
    }
    out.append(SseEvent{std::exchange(m_type, QByteArray()), std::exchange(m_data, QByteArray()),
                        m_lastId});
    m_hasData = false;
}

void SseParser::reset()
{
    m_line.clear();
    m_data.clear();
    m_type.clear();
    m_lastId.clear();
    m_retryMs = -1;
    m_comments = 0;
    m_hasData = false;
    m_skipLf = false;
    m_started = false;
    m_overflow = false;
}

} // namespace Sluice
