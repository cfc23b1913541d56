#include "core/storage/streamingsaver.h"

#include "core/storage/conversationstore.h"
#include "core/util/clock.h"

#include <algorithm>

namespace Sluice {

StreamingSaver::StreamingSaver(ConversationStore *store, qint64 messageId, QObject *parent)
    : QObject(parent), m_store(store), m_messageId(messageId), m_clock(Clock::current())
{
    // New text goes after what the message holds (a reply that is continued).
    if (m_store && m_store->isOpen()) {
        if (const std::optional<ConversationMessage> stored = m_store->message(messageId)) {
            m_content = stored->content.toUtf8();
            m_thinking = stored->thinking.toUtf8();
        }
    }
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &StreamingSaver::flush);
    if (!m_clock->runsByItself())
        connect(m_clock, &Clock::moved, this, &StreamingSaver::clockMoved);
}

StreamingSaver::~StreamingSaver()
{
    flush();
}

void StreamingSaver::appendContent(QStringView delta)
{
    if (m_finished || delta.isEmpty())
        return;
    m_content += delta.toUtf8();
    changed();
}

void StreamingSaver::appendThinking(QStringView delta)
{
    if (m_finished || delta.isEmpty())
        return;
    m_thinking += delta.toUtf8();
    changed();
}

void StreamingSaver::setText(const QString &content, const QString &thinking)
{
    if (m_finished)
        return;
    m_content = content.toUtf8();
    m_thinking = thinking.toUtf8();
    changed();
}

int StreamingSaver::currentIntervalMs() const
{
    return int(std::clamp<qint64>(m_lastWriteMs * kQuietFactor, m_intervalMs, 60'000));
}

void StreamingSaver::changed()
{
    m_dirty = true;
    // The first change after a write starts the clock; later ones ride along, so a fast
    // stream costs one write per interval however many deltas arrive.
    if (m_dueMs < 0)
        arm(currentIntervalMs());
}

void StreamingSaver::arm(int ms)
{
    m_dueMs = m_clock->nowMs() + ms;
    if (m_clock->runsByItself())
        m_timer.start(ms);
}

void StreamingSaver::disarm()
{
    m_dueMs = -1;
    m_timer.stop();
}

void StreamingSaver::clockMoved()
{
    if (m_dueMs >= 0 && m_clock->nowMs() >= m_dueMs)
        flush();
}

bool StreamingSaver::write(const std::optional<ReplyEnd> &end)
{
    ++m_writes;
    const qint64 started = m_clock->nowMs();
    const bool ok = m_store->appendReplyText(m_messageId, m_content, m_thinking, true, end);
    m_lastWriteMs = m_clock->nowMs() - started;
    if (ok) {
        m_dirty = false;
        m_failing = false;
        return true;
    }
    // The text stays here and goes with the next write (the disk may have room again).
    if (!m_failing || end) {
        m_failing = true;
        Q_EMIT saveFailed(m_store->errorString());
    }
    return false;
}

void StreamingSaver::flush()
{
    disarm();
    if (!m_dirty || !m_store || !m_store->isOpen())
        return;
    if (!write(std::nullopt) && !m_finished)
        arm(currentIntervalMs()); // try again later
}

bool StreamingSaver::finish(MessageState state, const QString &errorText, const ReplyStats &stats,
                            const QString &model, qint64 thinkingMs)
{
    disarm();
    m_finished = true;
    if (!m_store || !m_store->isOpen())
        return false;
    ReplyEnd end;
    end.state = state;
    end.errorText = errorText;
    end.stats = stats;
    end.model = model;
    end.thinkingMs = thinkingMs;
    if (write(end))
        return true;
    // No room for the text: at least say how the reply ended, so that it does not stay
    // "streaming". The unsaved tail is lost with this process, and the sentence says so.
    m_content.clear();
    m_thinking.clear();
    m_dirty = false;
    const QString lost = tr("Part of this reply could not be saved.");
    end.errorText = errorText.isEmpty() ? lost : errorText + u' ' + lost;
    m_store->appendReplyText(m_messageId, {}, {}, false, end);
    return false;
}

} // namespace Sluice
