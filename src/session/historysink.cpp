#include "session/historysink.h"

#include "session/conversationcontroller.h"
#include "core/storage/conversationstore.h"
#include "core/storage/streamingsaver.h"

#include <QPointer>

namespace Sluice {

namespace {

// The message as the store takes it: the store stamps the time it stores it.
ConversationMessage toStore(ConversationMessage message, MessageState state)
{
    message.state = state;
    message.created = {};
    message.updated = {};
    return message;
}

} // namespace

HistorySink::HistorySink(ConversationStore *store, ConversationController *controller,
                         qint64 conversationId)
    : QObject(controller), m_store(store), m_controller(controller),
      m_conversationId(conversationId)
{
    for (const ConversationMessage &m : controller->model()->messages())
        m_ids.append(m.id);
    readBaseParent();
    controller->setSink(this);
    // Messages loaded from the history carry thumbnails; a request reads the images here.
    controller->setAttachmentLoader([store = QPointer<ConversationStore>(store)](qint64 id)
                                        -> std::optional<QByteArray> {
        return store ? store->attachmentData(id) : std::nullopt;
    });
}

void HistorySink::readBaseParent()
{
    const QList<ConversationMessage> &rows = m_controller->model()->messages();
    m_baseParent = rows.isEmpty() ? 0 : qMax(rows.first().parentId, qint64(0));
}

void HistorySink::resync(int firstRow)
{
    if (!m_controller)
        return;
    m_saver.reset();
    m_saverRow = -1;
    const QList<ConversationMessage> &rows = m_controller->model()->messages();
    m_ids.resize(qBound(0, firstRow, int(qMin(m_ids.size(), rows.size()))));
    for (qsizetype row = m_ids.size(); row < rows.size(); ++row)
        m_ids.append(rows.at(row).id);
    if (m_ids.size() == rows.size() && firstRow <= 0)
        readBaseParent();
}

qint64 HistorySink::parentFor(int row) const
{
    if (row <= 0)
        return m_baseParent;
    const qint64 before = messageIdAt(row - 1);
    return before ? before : -1; // not stored: after the newest stored message
}

HistorySink::HistorySink(ConversationStore *store, const Conversation &draft, QObject *parent)
    : QObject(parent), m_store(store), m_draft(draft), m_conversationId(0)
{}

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
    const Conversation draft =
        m_controller ? newConversationLike(m_controller->options()) : m_draft;
    const std::optional<Conversation> created = m_store->createConversation(draft);
    if (!created) {
        Q_EMIT saveFailed(m_store->errorString());
        return false;
    }
    m_conversationId = created->id;
    Q_EMIT conversationStored(m_conversationId);
    return true;
}

qint64 HistorySink::add(int row, const ConversationMessage &message, MessageState state)
{
    qint64 id = 0;
    if (ensureConversation()) {
        ConversationMessage m = toStore(message, state);
        m.parentId = parentFor(qMin(row, int(m_ids.size())));
        const std::optional<ConversationMessage> stored = m_store->addMessage(m_conversationId, m);
        if (stored)
            id = stored->id;
        else
            Q_EMIT saveFailed(m_store->errorString());
    }
    m_ids.insert(qBound(0, row, int(m_ids.size())), id);
    return id;
}

void HistorySink::optionsChanged(const Conversation &options)
{
    if (!m_conversationId || !m_store)
        return;
    Conversation c = options; // only its provider, model, prompt and settings are written
    c.id = m_conversationId;
    m_store->updateConversationSettings(c);
}

void HistorySink::userMessageAdded(int row, const ConversationMessage &message)
{
    add(row, message, MessageState::Complete);
}

void HistorySink::replyStarted(int row, const ConversationMessage &message, bool continuing)
{
    m_saver.reset();
    qint64 id = 0;
    if (continuing) {
        id = messageIdAt(row);
        if (id && m_store) {
            if (std::optional<ConversationMessage> s = m_store->message(id)) {
                s->state = MessageState::Streaming;
                s->errorText.clear();
                m_store->updateMessage(*s);
            }
        }
    } else {
        id = add(row, message, MessageState::Streaming);
    }
    if (!id || !m_store)
        return;
    startSaver(row, id);
    if (continuing)
        m_saver->setText(message.content, message.thinking);
}

void HistorySink::startSaver(int row, qint64 id)
{
    m_saver = std::make_unique<StreamingSaver>(m_store, id);
    connect(m_saver.get(), &StreamingSaver::saveFailed, this, &HistorySink::saveFailed);
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
    // The window's model holds the exact final text: it replaces what the deltas added up
    // to. Without a controller the deltas are all there is (`run --save` keeps no copy).
    if (m_controller)
        m_saver->setText(message.content, message.thinking);
    m_saver->finish(message.state, message.errorText, message.stats, message.model,
                    message.thinkingMs);
    m_saver.reset();
    m_saverRow = -1;
}

void HistorySink::messageEdited(int row, const ConversationMessage &message)
{
    const qint64 id = messageIdAt(row);
    if (!id || !m_store)
        return;
    if (std::optional<ConversationMessage> s = m_store->message(id)) {
        s->content = message.content;
        s->stats.droppedFromContext = message.stats.droppedFromContext;
        m_store->updateMessage(*s);
    }
}

void HistorySink::toolCallsChanged(int row, const ConversationMessage &message)
{
    const qint64 id = messageIdAt(row);
    if (!id || !m_store || (m_saver && m_saverRow == row))
        return;
    // The turn ended by its calls (stopped, or the round limit): its state goes with them,
    // first (rewriting a message renews its search rows, the calls' one included).
    std::optional<ConversationMessage> s = m_store->message(id);
    if (s && (s->state != message.state || s->errorText != message.errorText)) {
        s->state = message.state;
        s->errorText = message.errorText;
        if (!m_store->updateMessage(*s))
            Q_EMIT saveFailed(m_store->errorString());
    }
    if (!m_store->saveToolCalls(id, message.toolCalls))
        Q_EMIT saveFailed(m_store->errorString());
}

void HistorySink::messagesPrepended(int count)
{
    if (!m_controller || count <= 0)
        return;
    const QList<ConversationMessage> &rows = m_controller->model()->messages();
    QList<qint64> ids;
    ids.reserve(count);
    for (int row = 0; row < count && row < rows.size(); ++row)
        ids.append(rows.at(row).id);
    m_ids = ids + m_ids;
    readBaseParent();
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
    if (!m_store || !m_conversationId || !m_controller) // the rows after come from its model
        return;
    if (!firstId)
        return;
    // The store drops the removed message with everything below it (every version); the rows
    // after the removed ones go back in, each following the one before (they get new ids).
    if (!m_store->removeSubtree(firstId)) {
        Q_EMIT saveFailed(m_store->errorString());
        return;
    }
    const QList<ConversationMessage> &rows = m_controller->model()->messages();
    for (int row = first; row < rows.size() && row < m_ids.size(); ++row) {
        ConversationMessage m = toStore(rows.at(row), rows.at(row).state);
        m.parentId = parentFor(row);
        const std::optional<ConversationMessage> again = m_store->addMessage(m_conversationId, m);
        m_ids[row] = again ? again->id : 0;
    }
    if (streamingRow >= 0 && streamingRow < rows.size() && m_ids.at(streamingRow)) {
        startSaver(streamingRow, m_ids.at(streamingRow));
        m_saver->setText(rows.at(streamingRow).content, rows.at(streamingRow).thinking);
    }
}

} // namespace Sluice

namespace Sluice {

void HistorySink::messagesDetached(int first, int count)
{
    // The rows stay stored as the other version; the next message added becomes their sibling.
    if (first < 0 || first >= m_ids.size())
        return;
    if (m_saverRow >= first) {
        m_saver.reset();
        m_saverRow = -1;
    }
    m_ids.remove(first, qMin(qsizetype(count), m_ids.size() - first));
}

} // namespace Sluice
