// Splits a byte stream into newline-terminated lines (NDJSON framing).
// Plain class: bytes in, complete lines out. Bounded: a line longer than the cap
// puts the framer into an overflow state instead of growing memory.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace Sluice {

class LineFramer final
{
public:
    static constexpr qsizetype DefaultMaxLineBytes = 8 * 1024 * 1024;

    explicit LineFramer(qsizetype maxLineBytes = DefaultMaxLineBytes) : m_maxLine(maxLineBytes) {}

    // Appends every line completed by `data` to `out`, without its "\n" or "\r\n".
    // Empty lines are skipped. Returns false once a line has exceeded the cap.
    bool feed(QByteArrayView data, QList<QByteArray> &out);
    // End of stream: a last line without a newline is still a line.
    bool finish(QList<QByteArray> &out);

    bool overflowed() const { return m_overflow; }
    qsizetype maxLineBytes() const { return m_maxLine; }
    qsizetype pendingBytes() const { return m_buffer.size(); }
    void reset();

private:
    void emitLine(QByteArray line, QList<QByteArray> &out);

    QByteArray m_buffer;
    qsizetype m_maxLine;
    bool m_overflow = false;
};

} // namespace Sluice
