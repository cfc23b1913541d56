// Response: the script of one answer, built step by step (status, headers, framing, writes,
// delays, the end). Connection (testserverconnection.cpp) plays it on the socket.
#include "testserver.h"

#include <algorithm>

namespace Sluice::Test {

namespace {

constexpr int SplitGapMs = 5; // pause between split writes, so that reads really split

} // namespace

// ---------------------------------------------------------------- Response

Response &Response::status(int code, QByteArray reason)
{
    m_status = code;
    m_reason = std::move(reason);
    return *this;
}

Response &Response::header(QByteArray name, QByteArray value)
{
    m_headers.append({std::move(name), std::move(value)});
    return *this;
}

Response &Response::contentType(QByteArray type)
{
    for (auto &h : m_headers) {
        if (h.first.compare("content-type", Qt::CaseInsensitive) == 0) {
            h.second = std::move(type);
            return *this;
        }
    }
    return header(QByteArrayLiteral("Content-Type"), std::move(type));
}

Response &Response::body(QByteArray bytes)
{
    add({Step::Write, false, 0, std::move(bytes), {}, {}});
    return *this;
}

Response &Response::json(QByteArray bytes)
{
    contentType(QByteArrayLiteral("application/json; charset=utf-8"));
    return body(std::move(bytes));
}

Response &Response::chunked(bool on)
{
    m_framing = on ? Framing::Chunked : Framing::Length;
    return *this;
}

Response &Response::closeDelimited()
{
    m_framing = Framing::Close;
    return *this;
}

Response &Response::delayBeforeHeaders(int ms)
{
    add({Step::Delay, true, ms, {}, {}, {}});
    return *this;
}

Response &Response::stallBeforeHeaders()
{
    add({Step::Stall, true, 0, {}, {}, {}});
    return *this;
}

Response &Response::closeBeforeHeaders()
{
    add({Step::Drop, true, 0, {}, {}, {}});
    return *this;
}

Response &Response::every(int intervalMs, QByteArray bytes)
{
    m_streamed = true;
    add({Step::Every, false, qMax(1, intervalMs), std::move(bytes), {}, {}});
    return *this;
}

Response &Response::call(std::function<void()> fn)
{
    add({Step::Call, !headersForced(), 0, {}, std::move(fn), {}});
    return *this;
}

Response &Response::waitFor(std::function<void(Resume)> arm)
{
    m_arms.append(std::move(arm));
    add({Step::Wait, !headersForced(), int(m_arms.size() - 1), {}, {}, {}});
    return *this;
}

Response &Response::write(QByteArray bytes)
{
    m_streamed = true;
    if (m_splitEvery <= 0 || bytes.size() <= m_splitEvery) {
        add({Step::Write, false, 0, std::move(bytes), {}, {}});
        return *this;
    }
    QList<int> offsets;
    for (int at = m_splitEvery; at < bytes.size(); at += m_splitEvery)
        offsets.append(at);
    const int every = m_splitEvery;
    m_splitEvery = 0; // writeSplit() calls write() for each piece
    writeSplit(std::move(bytes), offsets);
    m_splitEvery = every;
    return *this;
}

Response &Response::writeSplit(QByteArray bytes, QList<int> offsets)
{
    m_streamed = true;
    std::sort(offsets.begin(), offsets.end());
    qsizetype from = 0;
    for (int at : std::as_const(offsets)) {
        if (at <= from || at >= bytes.size())
            continue;
        write(bytes.mid(from, at - from));
        delay(SplitGapMs);
        from = at;
    }
    return write(bytes.mid(from));
}

Response &Response::delay(int ms)
{
    add({Step::Delay, false, ms, {}, {}, {}});
    return *this;
}

Response &Response::drip(QList<QByteArray> pieces, int intervalMs)
{
    m_streamed = true;
    for (qsizetype i = 0; i < pieces.size(); ++i) {
        if (i > 0)
            delay(intervalMs);
        write(pieces.at(i));
    }
    return *this;
}

Response &Response::generate(Generator next, int batchBytes)
{
    m_streamed = true;
    add({Step::Generate, false, batchBytes, {}, {}, std::move(next)});
    return *this;
}

Response &Response::splitWritesEvery(int n)
{
    m_splitEvery = n;
    return *this;
}

Response &Response::hold()
{
    // Nothing written before: the body stays open (chunked, headers only), rather than an
    // empty Content-Length body that the client would take as a whole answer.
    const bool written = std::any_of(m_steps.cbegin(), m_steps.cend(), [](const Step &step) {
        return !step.beforeHeaders && step.kind != Step::Delay && step.kind != Step::Call;
    });
    if (!written)
        m_streamed = true;
    add({Step::Hold, false, 0, {}, {}, {}});
    return *this;
}

Response &Response::drop()
{
    add({Step::Drop, false, 0, {}, {}, {}});
    return *this;
}

Response &Response::end()
{
    add({Step::End, false, 0, {}, {}, {}});
    return *this;
}

Response &Response::times(int n)
{
    m_times = qMax(1, n);
    return *this;
}

Response &Response::onInterrupted(std::function<void()> fn)
{
    m_onInterrupted = std::move(fn);
    return *this;
}

void Response::add(Step step)
{
    m_steps.append(std::move(step));
}

bool Response::headersForced() const
{
    for (const Step &s : m_steps) {
        if (!s.beforeHeaders)
            return true;
    }
    return false;
}

} // namespace Sluice::Test
