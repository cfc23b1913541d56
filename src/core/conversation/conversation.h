// The conversation model: one conversation and its messages, as plain values. The history
// stores them (core/storage), the session layer sends and streams them (src/session), the
// window shows them and `sluice run --save` writes them — all as these same types.
#pragma once

#include "core/chat/chattypes.h"
#include "core/conversation/attachment.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace Sluice {

// One conversation: what it is called and what it asks for (which server and model, a system
// prompt, sampling options).
struct Conversation
{
    qint64 id = 0; // the history's id; 0 until stored
    QString title;
    bool titleIsCustom = false; // true once the user renamed it; then never regenerated
    QDateTime created;
    QDateTime updated;
    QString providerId; // key of the provider in the config, e.g. "ollama"; empty = the default
    QString model;      // empty = none chosen yet
    QString systemPrompt;
    ChatOptions settings; // temperature, contextSize (num_ctx), maxTokens, think …; unset
                          // values use the model's defaults, then the server's
    bool pinned = false;
    int messageCount = 0; // filled by the store when listing; ignored on write
};

// Whether two conversations ask for the same: provider, model, system prompt and settings.
bool sameRequestSettings(const Conversation &a, const Conversation &b);
// A new conversation (not stored, no title) that asks for what `c` asks for.
Conversation newConversationLike(const Conversation &c);

enum class MessageState {
    Pending,     // sent, nothing back yet (connecting, waiting for the first token)
    Loading,     // the server is loading the model
    Streaming,   // tokens are arriving
    Complete,    // finished normally
    Stalled,     // the watchdog gave up: nothing arrived within the limit
    Failed,      // an HTTP, protocol or connection error
    Cancelled,   // the user stopped it
    Interrupted, // the app ended while it streamed (restored from history)
};

// "pending", "loading", "streaming", "complete", "stalled", "failed", "cancelled",
// "interrupted". The history stores a reply still running as "streaming".
QString messageStateName(MessageState state);
std::optional<MessageState> messageStateFromName(const QString &name);
bool isRunningState(MessageState state); // Pending, Loading, Streaming
bool isBrokenState(MessageState state);  // Stalled, Failed, Cancelled, Interrupted

struct ConversationMessage
{
    qint64 id = 0; // the history's id; 0 until stored
    qint64 conversationId = 0;
    int position = -1; // 0-based order in the stored conversation; assigned by the store
    // The stored message this one answers or follows (conversations are trees, see
    // conversationtree.h); 0: a first message; -1: unknown, stored after the newest message.
    qint64 parentId = -1;
    quint64 uid = 0;   // assigned by ChatModel; stable while the message is in a model
    QString role;      // "user", "assistant" (a system prompt lives in the conversation)
    QString content;
    QString thinking;
    MessageState state = MessageState::Complete;
    QString errorText; // one sentence, shown under a broken reply
    ReplyStats stats;
    QString model;          // the model that wrote an assistant message
    qint64 thinkingMs = -1; // how long the model thought before answering; -1: unknown
    QList<Attachment> attachments; // images sent with a user message, in order
    QDateTime created;
    QDateTime updated;
    // An assistant turn that asked for tools: its calls and what became of each (kept by
    // core/storage/toolcallstore); the model's answer follows in the next message.
    QList<ToolCallRecord> toolCalls = {};

    bool isUser() const { return role == u"user"; }
    bool isAssistant() const { return role == u"assistant"; }
};

// How a streamed reply ended, written with its last text (ConversationStore::appendReplyText).
struct ReplyEnd
{
    MessageState state = MessageState::Complete;
    QString errorText;
    ReplyStats stats;
    QString model;          // empty: keep the stored one
    qint64 thinkingMs = -1; // -1: keep the stored one
};

// A title from the first user message: its first non-empty line, whitespace collapsed,
// cut at a word boundary to about maxLength characters with an ellipsis.
QString titleFromMessage(const QString &text, int maxLength = 60);

// The title shown when a conversation has none yet.
QString untitledConversationTitle();

} // namespace Sluice
