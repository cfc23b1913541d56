#include "session/conversationsummary.h"

#include "core/chat/chatclient.h"
#include "core/chat/chatreply.h"
#include "core/conversation/contextbudget.h"

#include <QCoreApplication>

#include <limits>

namespace Sluice {

namespace {

QString instruction(bool extending)
{
    return extending
               ? QStringLiteral(
                     "Below are a summary of the beginning of a conversation and the messages "
                     "that followed it. Write one summary of the whole conversation so far that "
                     "someone could continue it from: the facts, decisions, open questions and "
                     "what the user asked for last. Reply with the summary only.")
               : QStringLiteral(
                     "Summarise the conversation below so that someone could continue it from "
                     "the summary alone: the facts, decisions, open questions and what the user "
                     "asked for last. Reply with the summary only.");
}

} // namespace

ConversationSummary::ConversationSummary(ChatClient *client, const ProviderConfig &provider,
                                         const Conversation &options,
                                         QList<ConversationMessage> messages, qint64 window,
                                         QObject *parent)
    : QObject(parent), m_client(client), m_provider(provider), m_options(options)
{
    // Parts that fit half the window with what goes with them (the instruction, the summary
    // so far), leaving the rest for the summary the model writes.
    const qint64 budget = window > 0 ? window / 2 : std::numeric_limits<qint64>::max();
    QList<ConversationMessage> part;
    qint64 tokens = 0;
    for (const ConversationMessage &m : std::as_const(messages)) {
        const qint64 t = estimateMessageTokens(m);
        if (!part.isEmpty() && tokens + t > budget) {
            m_parts.append(part);
            part.clear();
            tokens = 0;
        }
        part.append(m);
        tokens += t;
    }
    if (!part.isEmpty())
        m_parts.append(part);
}

ConversationSummary::~ConversationSummary()
{
    cancel();
}

ChatRequest ConversationSummary::partRequest(const Conversation &options,
                                             const QString &summarySoFar,
                                             const QList<ConversationMessage> &part)
{
    ChatRequest req;
    req.model = options.model;
    req.options = options.settings;
    req.options.think = QStringLiteral("false");
    QString text;
    if (!summarySoFar.isEmpty())
        text += QStringLiteral("Summary so far:\n") + summarySoFar + QStringLiteral("\n\n");
    text += summarySoFar.isEmpty() ? QStringLiteral("Conversation:\n")
                                   : QStringLiteral("Messages that followed:\n");
    for (const ConversationMessage &m : part)
        text += (m.isUser() ? QStringLiteral("User: ") : QStringLiteral("Assistant: ")) +
                m.content + QStringLiteral("\n\n");
    req.messages.append({QStringLiteral("system"), instruction(!summarySoFar.isEmpty()), {}, {}});
    req.messages.append({QStringLiteral("user"), text.trimmed(), {}, {}});
    return req;
}

QString ConversationSummary::newSystemPrompt(const QString &oldSystemPrompt,
                                             const QString &summary)
{
    QString prompt = oldSystemPrompt.trimmed();
    if (!prompt.isEmpty())
        prompt += QStringLiteral("\n\n");
    return prompt + QStringLiteral("This chat continues an earlier conversation. Its summary:\n") +
           summary.trimmed();
}

void ConversationSummary::start()
{
    m_next = 0;
    m_summary.clear();
    if (m_parts.isEmpty()) {
        Q_EMIT failed(tr("There is nothing to summarise yet."));
        return;
    }
    startPart();
}

void ConversationSummary::cancel()
{
    if (m_reply) {
        disconnect(m_reply, nullptr, this, nullptr);
        m_reply->cancel();
        m_reply = nullptr;
    }
}

void ConversationSummary::startPart()
{
    Q_EMIT progress(m_next + 1, int(m_parts.size()));
    ChatRequest req = partRequest(m_options, m_summary, m_parts.at(m_next));
    req.stream = m_provider.stream;
    req.options = requestOptions(req.options, m_provider, req.model);
    ChatReply *reply = m_client->chat(m_provider, req);
    m_reply = reply;
    connect(reply, &ChatReply::finished, this, [this, reply] {
        reply->deleteLater();
        m_reply = nullptr;
        const QString text = reply->content().trimmed();
        if (text.isEmpty()) {
            Q_EMIT failed(tr("The model wrote no summary."));
            return;
        }
        m_summary = text;
        if (++m_next < m_parts.size()) {
            startPart();
            return;
        }
        Q_EMIT finished(m_summary);
    });
    connect(reply, &ChatReply::failed, this, [this, reply](const ChatError &e) {
        reply->deleteLater();
        m_reply = nullptr;
        Q_EMIT failed(tr("The summary could not be written: %1").arg(e.message));
    });
}

} // namespace Sluice
