#include "session/historysink.h"

#include "session/conversationcontroller.h"
#include "core/storage/conversationstore.h"
#include "core/storage/streamingsaver.h"

namespace Sluice {

StoredMessage::State storedState(MessageState state)
{
    switch (state) {
    case MessageState::Pending:
    case MessageState::Loading:
    case MessageState::Streaming:
        return StoredMessage::State::Streaming;
    case MessageState::Complete:
        return StoredMessage::State::Complete;
    case MessageState::Stalled:
        return StoredMessage::State::Stalled;
    case MessageState::Failed:
        return StoredMessage::State::Failed;
    case MessageState::Cancelled:
        return StoredMessage::State::Cancelled;
    case MessageState::Interrupted:
        return StoredMessage::State::Interrupted;
    }
    return StoredMessage::State::Complete;
}

MessageState messageState(StoredMessage::State state)
{
    switch (state) {
    case StoredMessage::State::Complete:
        return MessageState::Complete;
    case StoredMessage::State::Streaming:
        return MessageState::Streaming; // the controller's load() makes it Interrupted
    case StoredMessage::State::Stalled:
        return MessageState::Stalled;
    case StoredMessage::State::Failed:
        return MessageState::Failed;
    case StoredMessage::State::Cancelled:
        return MessageState::Cancelled;
    case StoredMessage::State::Interrupted:
        return MessageState::Interrupted;
    }
    return MessageState::Complete;
}

ConversationMessage toConversationMessage(const StoredMessage &s)
{
    ConversationMessage m;
    m.storageId = s.id;
    m.role = s.role;
    m.content = s.content;
    m.thinking = s.thinking;
    m.state = messageState(s.state);
    m.errorText = s.errorText;
    m.stats = s.stats;
    m.model = s.model;
    m.thinkingMs = s.thinkingMs;
    m.created = s.created;
    m.updated = s.updated;
    return m;
}

ConversationOptions toConversationOptions(const Conversation &c)
{
    ConversationOptions o;
    o.providerId = c.providerId;
    o.model = c.model;
    o.systemPrompt = c.systemPrompt;
    o.chat = c.settings;
    return o;
}

namespace {

StoredMessage toStored(const ConversationMessage &m, StoredMessage::State state)
{
    StoredMessage s;
    s.role = m.role;
    s.content = m.content;
    s.thinking = m.thinking;
    s.state = state;
    s.errorText = m.errorText;
    s.stats = m.stats;
    s.model = m.model;
    s.thinkingMs = m.thinkingMs;
    return s;
}

void applyOptions(Conversation &c, const ConversationOptions &o)
{
    c.providerId = o.providerId;
    c.model = o.model;
    c.systemPrompt = o.systemPrompt;
    c.settings = o.chat;
}

} // namespace

HistorySink::HistorySink(ConversationStore *store, ConversationController *controller,
                         qint64 conversationId)
    : QObject(controller), m_store(store), m_controller(controller),
      m_conversationId(conversationId)
{
    for (const ConversationMessage &m : controller->model()->messages())
        m_ids.append(m.storageId);
    controller->setSink(this);
}

HistorySink::~HistorySink()
{
    // As a child of the controller we may be deleted from inside its destructor.
    if (m_controller && m_controller->sink() == this)
        m_controller->setSink(nullptr);
}

qint64 HistorySink::messageIdAt(int row) const
{
    return row >= 0 && row < m_ids.size() ? m_ids.at(row) : 0;
}

bool HistorySink::ensureConversation()
{
    if (m_conversationId)
        return true;
    if (!m_store)
        return false;
    Conversation draft;
    applyOptions(draft, m_controller->options());
    const std::optional<Conversation> created = m_store->createConversation(draft);
    if (!created) {
        Q_EMIT saveFailed(m_store->errorString());
        return false;
    }
    m_conversationId = created->id;
    Q_EMIT conversationStored(m_conversationId);
    return true;
}

qint64 HistorySink::add(int row, const ConversationMessage &message, StoredMessage::State state)
{
    qint64 id = 0;
    if (ensureConversation()) {
        const std::optional<StoredMessage> stored =
            m_store->addMessage(m_conversationId, toStored(message, state));
        if (stored)
            id = stored->id;
        else
            Q_EMIT saveFailed(m_store->errorString());
    }
    m_ids.insert(qBound(0, row, int(m_ids.size())), id);
    return id;
}

void HistorySink::optionsChanged(const ConversationOptions &options)
{
    if (!m_conversationId || !m_store)
        return;
    std::optional<Conversation> c = m_store->conversation(m_conversationId);
    if (!c)
        return;
    applyOptions(*c, options);
    m_store->updateConversationSettings(*c);
}

void HistorySink::userMessageAdded(int row, const ConversationMessage &message)
{
    add(row, message, StoredMessage::State::Complete);
}

void HistorySink::replyStarted(int row, const ConversationMessage &message, bool continuing)
{
    m_saver.reset();
    qint64 id = 0;
    if (continuing) {
        id = messageIdAt(row);
        if (id && m_store) {
            if (std::optional<StoredMessage> s = m_store->message(id)) {
                s->state = StoredMessage::State::Streaming;
                s->errorText.clear();
                m_store->updateMessage(*s);
            }
        }
    } else {
        id = add(row, message, StoredMessage::State::Streaming);
    }
    if (!id || !m_store)
        return;
    m_saver = std::make_unique<StreamingSaver>(m_store, id);
    if (m_saveIntervalMs >= 0)
        m_saver->setIntervalMs(m_saveIntervalMs);
    connect(m_saver.get(), &StreamingSaver::saveFailed, this, &HistorySink::saveFailed);
    if (continuing)
        m_saver->setText(message.content, message.thinking);
    m_saverRow = row;
}

void HistorySink::replyProgress(int row, QStringView contentDelta, QStringView thinkingDelta)
{
    if (!m_saver || row != m_saverRow)
        return;
    if (!contentDelta.isEmpty())
        m_saver->appendContent(contentDelta);
    if (!thinkingDelta.isEmpty())
        m_saver->appendThinking(thinkingDelta);
}

void HistorySink::replyEnded(int row, const ConversationMessage &message)
{
    if (!m_saver || row != m_saverRow)
        return;
    // The model's text is the exact final text (the saver only saw the deltas).
    m_saver->setText(message.content, message.thinking);
    m_saver->finish(storedState(message.state), message.errorText, message.stats, message.model,
                    message.thinkingMs);
    m_saver.reset();
    m_saverRow = -1;
}

void HistorySink::messageEdited(int row, const ConversationMessage &message)
{
    const qint64 id = messageIdAt(row);
    if (!id || !m_store)
        return;
    if (std::optional<StoredMessage> s = m_store->message(id)) {
        s->content = message.content;
        m_store->updateMessage(*s);
    }
}

void HistorySink::messagesPrepended(int count)
{
    if (!m_controller || count <= 0)
        return;
    const QList<ConversationMessage> &rows = m_controller->model()->messages();
    QList<qint64> ids;
    ids.reserve(count);
    for (int row = 0; row < count && row < rows.size(); ++row)
        ids.append(rows.at(row).storageId);
    m_ids = ids + m_ids;
    if (m_saverRow >= 0)
        m_saverRow += count;
}

void HistorySink::messagesRemoved(int first, int count)
{
    if (first < 0 || first >= m_ids.size())
        return;
    // A reply still streaming below the removed rows keeps being saved under its new id.
    const int streamingRow = m_saverRow >= first + count ? m_saverRow - count : -1;
    if (m_saverRow >= first) {
        m_saver.reset();
        m_saverRow = -1;
    }
    const qint64 firstId = m_ids.at(first);
    m_ids.remove(first, qMin(qsizetype(count), m_ids.size() - first));
    if (!m_store || !m_conversationId)
        return;
    const std::optional<StoredMessage> stored = firstId ? m_store->message(firstId) : std::nullopt;
    if (!stored)
        return;
    // The store drops messages from a position on; the ones after the removed rows go back
    // in, in order (they get new ids).
    m_store->removeMessagesFrom(m_conversationId, stored->position);
    const QList<ConversationMessage> &rows = m_controller->model()->messages();
    for (int row = first; row < rows.size() && row < m_ids.size(); ++row) {
        const ConversationMessage &m = rows.at(row);
        const std::optional<StoredMessage> again =
            m_store->addMessage(m_conversationId, toStored(m, storedState(m.state)));
        m_ids[row] = again ? again->id : 0;
    }
    if (streamingRow >= 0 && streamingRow < rows.size() && m_ids.at(streamingRow)) {
        m_saver = std::make_unique<StreamingSaver>(m_store, m_ids.at(streamingRow));
        if (m_saveIntervalMs >= 0)
            m_saver->setIntervalMs(m_saveIntervalMs);
        connect(m_saver.get(), &StreamingSaver::saveFailed, this, &HistorySink::saveFailed);
        m_saver->setText(rows.at(streamingRow).content, rows.at(streamingRow).thinking);
        m_saverRow = streamingRow;
    }
}

} // namespace Sluice
