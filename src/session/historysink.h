// Keeps one conversation of the window in the history (ConversationStore): the
// ConversationSink of its ConversationController.
//
// The conversation is created in the store on the first message sent. The user's message is
// committed before the request goes out; a reply is added in state Streaming and saved as it
// grows through a StreamingSaver (at most about once a second), then finished with its end
// state, error sentence, statistics and model.
#pragma once

#include "session/conversationsink.h"
#include "core/storage/conversation.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <memory>

namespace Sluice {

class ConversationController;
class ConversationStore;
class StreamingSaver;

class HistorySink final : public QObject, public ConversationSink
{
    Q_OBJECT
public:
    // Attaches itself to `controller` (as its sink and its child). `conversationId` 0: a new
    // chat, stored on its first message.
    HistorySink(ConversationStore *store, ConversationController *controller,
                qint64 conversationId = 0);
    ~HistorySink() override;

    qint64 conversationId() const { return m_conversationId; }
    // The stored message shown at `row`, 0 if none.
    qint64 messageIdAt(int row) const;
    // Saving interval of streaming replies (tests).
    void setSaveIntervalMs(int ms) { m_saveIntervalMs = ms; }

    void optionsChanged(const ConversationOptions &options) override;
    void userMessageAdded(int row, const ConversationMessage &message) override;
    void replyStarted(int row, const ConversationMessage &message, bool continuing) override;
    void replyProgress(int row, QStringView contentDelta, QStringView thinkingDelta) override;
    void replyEnded(int row, const ConversationMessage &message) override;
    void messageEdited(int row, const ConversationMessage &message) override;
    void messagesRemoved(int first, int count) override;
    void messagesPrepended(int count) override;

Q_SIGNALS:
    // The conversation was stored for the first time.
    void conversationStored(qint64 id);
    void saveFailed(const QString &message);

private:
    bool ensureConversation();
    qint64 add(int row, const ConversationMessage &message, StoredMessage::State state);

    QPointer<ConversationStore> m_store;
    QPointer<ConversationController> m_controller; // null while the controller is destroyed
    qint64 m_conversationId;
    QList<qint64> m_ids; // stored id of each model row (0: not stored)
    std::unique_ptr<StreamingSaver> m_saver;
    int m_saverRow = -1;
    int m_saveIntervalMs = -1;
};

// Between the window's values and the store's.
StoredMessage::State storedState(MessageState state);
MessageState messageState(StoredMessage::State state);
ConversationMessage toConversationMessage(const StoredMessage &stored);
ConversationOptions toConversationOptions(const Conversation &conversation);

} // namespace Sluice
