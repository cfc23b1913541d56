// "Start a new chat with a summary of this one": the model writes the summary. A conversation
// too long for the context window is summarised in parts that fit, oldest first, each request
// carrying the summary so far and the next messages, so that no part is cut by the server.
#pragma once

#include "core/chat/chattypes.h"
#include "core/conversation/conversation.h"

#include <QObject>
#include <QPointer>

namespace Sluice {

class ChatClient;
class ChatReply;

class ConversationSummary final : public QObject
{
    Q_OBJECT
public:
    // `messages`: what the conversation sends (ConversationController::sentMessages());
    // `window`: the context window in tokens, -1 when unknown (then one request).
    ConversationSummary(ChatClient *client, const ProviderConfig &provider,
                        const Conversation &options, QList<ConversationMessage> messages,
                        qint64 window, QObject *parent = nullptr);
    ~ConversationSummary() override;

    void start();
    void cancel();
    int parts() const { return int(m_parts.size()); }

    // The request for one part, as sent: the instruction, the summary so far and the
    // messages of the part (for tests and for the window's progress).
    static ChatRequest partRequest(const Conversation &options, const QString &summarySoFar,
                                   const QList<ConversationMessage> &part);
    // The system prompt of the new chat: the old one (if any) and the summary.
    static QString newSystemPrompt(const QString &oldSystemPrompt, const QString &summary);

Q_SIGNALS:
    void progress(int part, int parts);
    void finished(const QString &summary);
    void failed(const QString &sentence);

private:
    void startPart();

    ChatClient *m_client;
    ProviderConfig m_provider;
    Conversation m_options;
    QList<QList<ConversationMessage>> m_parts;
    int m_next = 0;
    QString m_summary;
    QPointer<ChatReply> m_reply;
};

} // namespace Sluice
