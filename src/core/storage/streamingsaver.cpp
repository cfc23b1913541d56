#include "streamingsaver.h"

#include "conversationstore.h"

namespace Sluice {

StreamingSaver::StreamingSaver(ConversationStore *store, qint64 messageId, QObject *parent)
    : QObject(parent), m_store(store), m_messageId(messageId)
{
    if (store) {
        if (const std::optional<StoredMessage> message = store->message(messageId)) {
            m_content = message->content;
            m_thinking = message->thinking;
        }
    }
    m_timer.setSingleShot(true);
    m_timer.setInterval(kDefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &StreamingSaver::flush);
}

StreamingSaver::~StreamingSaver()
{
    flush();
}

void StreamingSaver::appendContent(QStringView delta)
{
    if (m_finished || delta.isEmpty())
        return;
    m_content += delta;
    changed();
}

void StreamingSaver::appendThinking(QStringView delta)
{
    if (m_finished || delta.isEmpty())
        return;
    m_thinking += delta;
    changed();
}

void StreamingSaver::setText(const QString &content, const QString &thinking)
{
    if (m_finished)
        return;
    m_content = content;
    m_thinking = thinking;
    changed();
}

void StreamingSaver::changed()
{
    m_dirty = true;
    // The first change after a write starts the clock; later ones ride along, so a fast
    // stream costs one write per interval however many deltas arrive.
    if (!m_timer.isActive())
        m_timer.start();
}

void StreamingSaver::flush()
{
    m_timer.stop();
    if (!m_dirty || !m_store || !m_store->isOpen())
        return;
    m_dirty = false;
    ++m_writes;
    if (!m_store->updateStreamingText(m_messageId, m_content, m_thinking))
        Q_EMIT saveFailed(m_store->errorString());
}

bool StreamingSaver::finish(StoredMessage::State state, const QString &errorText,
                            const ReplyStats &stats, const QString &model, qint64 thinkingMs)
{
    m_timer.stop();
    m_finished = true;
    m_dirty = false;
    if (!m_store || !m_store->isOpen())
        return false;
    std::optional<StoredMessage> message = m_store->message(m_messageId);
    if (!message)
        return false;
    message->content = m_content;
    message->thinking = m_thinking;
    message->state = state;
    message->errorText = errorText;
    message->stats = stats;
    if (!model.isEmpty())
        message->model = model;
    if (thinkingMs >= 0)
        message->thinkingMs = thinkingMs;
    ++m_writes;
    if (!m_store->updateMessage(*message)) {
        Q_EMIT saveFailed(m_store->errorString());
        return false;
    }
    return true;
}

} // namespace Sluice
