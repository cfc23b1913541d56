// One conversation: its messages, its options, and the reply being streamed into it.
//
// Builds each ChatRequest (system prompt + history + options), starts and cancels replies
// through the app's ChatClient and applies their signals to the ChatModel on the GUI thread.
// A failed, stalled or cancelled reply keeps its partial text; Retry starts it over, Continue
// sends the partial text back and appends what follows to the same message.
#pragma once

#include "core/chat/chatreply.h"
#include "core/chat/toolloop.h"
#include "core/conversation/conversation.h"
#include "session/chatmodel.h"
#include "session/imagerequest.h"

#include <QObject>
#include <QPointer>

namespace Sluice {

class ChatClient;
class ConversationSink;

class ConversationController final : public QObject
{
    Q_OBJECT
public:
    enum class SendResult { Sent, Empty, Busy, NoProvider, NoModel };
    Q_ENUM(SendResult)

    explicit ConversationController(ChatClient *client, QObject *parent = nullptr);
    ~ConversationController() override;

    ChatModel *model() const { return m_model; }

    // Not owned; nullptr = nowhere. Set it before anything is sent.
    void setSink(ConversationSink *sink);
    ConversationSink *sink() const { return m_sink; }

    // Not owned; nullptr = no tools (the default). With a loop whose toolbox has tools, each
    // request offers them, and a reply that asks for calls runs them (conversationtools.cpp)
    // and asks again, until the model answers without tools or the loop's round limit.
    void setToolLoop(ToolLoop *loop);
    ToolLoop *toolLoop() const { return m_tools; }

    // The server the next request goes to (already resolved: key expanded, limits set).
    void setProvider(const ProviderConfig &provider);
    const ProviderConfig &provider() const { return m_provider; }
    bool hasProvider() const { return !m_provider.baseUrl.isEmpty(); }

    // What the conversation asks for: provider, model, system prompt, settings (and, once
    // loaded from the history, its id and title). Setting the same again changes nothing.
    const Conversation &options() const { return m_options; }
    void setOptions(const Conversation &options);
    void setModel(const QString &model);

    // A stored conversation: messages still marked running become Interrupted.
    void load(const Conversation &options, QList<ConversationMessage> messages);
    // Older stored messages, above the loaded ones (a reply may be streaming below).
    void prependMessages(QList<ConversationMessage> messages);
    // Another stored version is shown from `row` on (BranchNavigator): the rows from there are
    // replaced, those above stay as they are (and keep their layout). Nothing goes to the sink.
    void showStored(int row, QList<ConversationMessage> messages);

    QString title() const;
    bool isBusy() const { return m_reply != nullptr || m_toolUid != 0 || m_prepareUid != 0; }
    ChatReply *activeReply() const { return m_reply; }
    int activeRow() const; // the row being streamed into, -1 when idle

    // What the next request would carry if it answered the messages before `endRow`.
    ChatRequest buildRequest(int endRow) const;
    // The messages before `endRow` that request sends (the context meter counts them).
    QList<ConversationMessage> sentMessages(int endRow) const;
    // A message no longer sent (dropped to fit the context window) stays in the conversation,
    // marked; it is saved with the message.
    void setDroppedFromContext(int row, bool dropped);

    // `replacing`: the row of an unanswered user message (see unansweredRow()) that this one
    // takes the place of, together with its failed reply; -1 appends.
    // `attachments` (images) go with the text; either may be empty, not both.
    SendResult send(const QString &text, int replacing = -1,
                    const QList<Attachment> &attachments = {});
    void stop();

    // The row of the last user message when the reply to it failed before saying anything
    // (connection refused, an HTTP error, an unknown model, nothing before the stall limit);
    // -1 otherwise, and while a reply runs.
    int unansweredRow() const;

    bool canRetry(int row) const;
    bool canContinue(int row) const;
    bool canRegenerate() const;
    bool canEdit(int row) const;
    bool canDelete(int row) const;

    // A reply that said something is kept as the previous version of the new one (the
    // history keeps every version: see messagesDetached in conversationsink.h).
    bool retry(int row);         // start the reply at `row` over
    bool continueReply(int row); // ask the model to go on from the partial text
    bool regenerate();           // the last reply, again, as a new version
    // A new version of the user message at `row`, answered anew; the old one and what followed
    // it stay as the other version.
    bool editAndResend(int row, const QString &text);
    bool deleteMessage(int row);

    static QString continuePrompt();

    // Where the bytes of stored attachments come from (the history); unset, images of
    // messages loaded without their bytes are left out of requests.
    void setAttachmentLoader(AttachmentLoader load) { m_loadAttachment = std::move(load); }
    // The bytes of an attachment: its own, or the history's; nullopt when neither has them.
    std::optional<QByteArray> attachmentData(const Attachment &a) const
    {
        if (a.hasData())
            return a.data;
        return m_loadAttachment && a.id ? m_loadAttachment(a.id) : std::nullopt;
    }

Q_SIGNALS:
    void busyChanged(bool busy);
    void replyStarted(Sluice::ChatReply *reply);
    void replyEnded(int row);
    void titleChanged(const QString &title);
    void optionsChanged(const Sluice::Conversation &options);

private:
    ConversationSink &out() const; // the sink, or a no-op one
    int lastAssistantRow() const;
    void startNewReply(); // appends a pending assistant message and answers into it
    void startReply(int row, bool continuing); // once the tool servers are up, sendReply()
    void sendReply(int row, bool continuing);
    void onPhase(int phase);
    void onContent(const QString &text);
    void onThinking(const QString &text);
    void onFinished(ReplyStats stats);
    void onFailed(const ChatError &error);
    void endReply(int row);
    void removeFrom(int first);
    // conversationtools.cpp
    void addTools(ChatRequest &request) const;
    bool waitForTools(int row, bool continuing);
    bool stopWaitingForTools();
    bool startToolRound(int row, const ReplyStats &stats);
    void onToolCallChanged(int index, const ToolCallRecord &record);
    void onToolRoundFinished(const QList<ToolCallRecord> &records);
    void detachFrom(int first); // the rows leave the window, kept as another version

    ChatClient *m_client;
    ChatModel *m_model;
    ConversationSink *m_sink = nullptr;
    ProviderConfig m_provider;
    Conversation m_options;
    QPointer<ChatReply> m_reply;
    quint64 m_replyUid = 0;
    QPointer<ToolLoop> m_tools;
    quint64 m_toolUid = 0; // the message whose tool calls are running; 0: none
    QString m_toolsRefusedBy; // the model whose server refused tools: it is asked without
    quint64 m_prepareUid = 0; // the reply waiting for its tool servers to start; 0: none
    bool m_prepareContinuing = false;
    qint64 m_promptEstimate = -1; // of the reply running, and the window it was sent against
    qint64 m_contextWindow = -1;
    QString m_title;
    AttachmentLoader m_loadAttachment;
};

// "the server stopped sending" → "The server stopped sending."
QString errorSentence(const QString &message);
MessageState stateForError(const ChatError &error);

} // namespace Sluice
