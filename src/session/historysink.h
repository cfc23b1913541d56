// Keeps one conversation in the history (ConversationStore): the ConversationSink of the
// window's ConversationController, and what `sluice run --save` saves its exchange through.
//
// The conversation is created in the store on the first message sent. The user's message is
// committed before the request goes out; a reply is added in state Streaming and saved as it
// grows through a StreamingSaver (at most about once a second), then finished with its end
// state, error sentence, statistics and model.
#pragma once

#include "core/conversation/conversation.h"
#include "session/conversationsink.h"

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
    // A new conversation saved without a controller (`sluice run --save`): the caller calls
    // the ConversationSink methods itself, in the order conversationsink.h gives (removing
    // rows needs a controller's model). `draft` is stored on the first message (its title
    // comes from that message).
    HistorySink(ConversationStore *store, const Conversation &draft, QObject *parent = nullptr);
    ~HistorySink() override;

    qint64 conversationId() const { return m_conversationId; }
    // The stored message at `row`, 0 if none (not stored, or the store refused it).
    qint64 messageIdAt(int row) const;

    void optionsChanged(const Conversation &options) override;
    void userMessageAdded(int row, const ConversationMessage &message) override;
    void replyStarted(int row, const ConversationMessage &message, bool continuing) override;
    void replyProgress(int row, QStringView contentDelta, QStringView thinkingDelta) override;
    void replyEnded(int row, const ConversationMessage &message) override;
    void messageEdited(int row, const ConversationMessage &message) override;
    void messagesRemoved(int first, int count) override;
    void messagesPrepended(int count) override;
    void toolCallsChanged(int row, const ConversationMessage &message) override;
    void messagesDetached(int first, int count) override;

    // The controller's model was loaded anew from the store from `firstRow` on (another branch
    // is shown): those rows' ids are read from it again. Only while no reply streams.
    void resync(int firstRow = 0);

Q_SIGNALS:
    // The conversation was stored for the first time.
    void conversationStored(qint64 id);
    void saveFailed(const QString &message);

private:
    bool ensureConversation();
    qint64 add(int row, const ConversationMessage &message, MessageState state);
    void startSaver(int row, qint64 id);
    // The stored message a message at `row` follows (ConversationMessage::parentId).
    qint64 parentFor(int row) const;
    void readBaseParent();

    QPointer<ConversationStore> m_store;
    QPointer<ConversationController> m_controller; // null while it is destroyed, or none
    Conversation m_draft; // without a controller: what is stored on the first message
    qint64 m_conversationId;
    QList<qint64> m_ids; // stored id of each model row (0: not stored)
    qint64 m_baseParent = 0; // the stored parent of row 0 (older rows may not be loaded)
    std::unique_ptr<StreamingSaver> m_saver;
    int m_saverRow = -1;
};

} // namespace Sluice
