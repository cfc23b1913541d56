#include "core/net/lineframer.h"

#include <cstring>

namespace Sluice {

void LineFramer::emitLine(QByteArray line, QList<QByteArray> &out)
{
    if (line.endsWith('\r'))
        line.chop(1);
    if (!line.isEmpty())
        out.append(std::move(line));
}

bool LineFramer::feed(QByteArrayView data, QList<QByteArray> &out)
{
    if (m_overflow)
        return false;
    const char *p = data.data();
    const char *end = p + data.size();
    while (p < end) {
        const auto *nl = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
        if (!nl) {
            if (m_buffer.size() + (end - p) > m_maxLine) {
                m_overflow = true;
                m_buffer.clear();
                m_buffer.squeeze();
                return false;
            }
            m_buffer.append(p, end - p);
            return true;
        }
        if (m_buffer.size() + (nl - p) > m_maxLine) {
            m_overflow = true;
            m_buffer.clear();
            m_buffer.squeeze();
            return false;
        }
        if (m_buffer.isEmpty()) {
            emitLine(QByteArray(p, nl - p), out);
        } else {
            m_buffer.append(p, nl - p);
            emitLine(std::exchange(m_buffer, QByteArray()), out);
        }
        p = nl + 1;
    }
    return true;
}

bool LineFramer::finish(QList<QByteArray> &out)
{
    if (m_overflow)
        return false;
    if (!m_buffer.isEmpty())
        emitLine(std::exchange(m_buffer, QByteArray()), out);
    return true;
}

void LineFramer::reset()
{
    m_buffer.clear();
    m_overflow = false;
}

} // namespace Sluice
