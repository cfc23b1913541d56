// One message of a conversation as the window holds it: a plain value.
#pragma once

#include "core/chat/chattypes.h"

#include <QDateTime>
#include <QString>

namespace Sluice {

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
// "interrupted" — the same names the history stores.
QString messageStateKey(MessageState state);
bool isRunningState(MessageState state); // Pending, Loading, Streaming
bool isBrokenState(MessageState state);  // Stalled, Failed, Cancelled, Interrupted

struct ConversationMessage
{
    quint64 uid = 0;      // assigned by ChatModel; stable while the message is in a model
    qint64 storageId = 0; // free for a persistence layer (e.g. the history's row id)
    QString role;         // "user", "assistant" (a system prompt lives in the options)
    QString content;
    QString thinking;
    MessageState state = MessageState::Complete;
    QString errorText; // one sentence, shown under a broken reply
    ReplyStats stats;
    QString model; // the model that wrote an assistant message
    QDateTime created;
    QDateTime updated;
    qint64 thinkingMs = -1; // how long the model thought before answering

    bool isUser() const { return role == u"user"; }
    bool isAssistant() const { return role == u"assistant"; }
};

} // namespace Sluice
