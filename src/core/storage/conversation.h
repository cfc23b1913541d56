// What the history stores: a conversation and its messages, as plain values.
#pragma once

#include "core/chat/chattypes.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace Sluice {

struct Conversation
{
    qint64 id = 0; // 0 until stored
    QString title;
    bool titleIsCustom = false; // true once the user renamed it; then never regenerated
    QDateTime created;
    QDateTime updated;
    QString providerId; // key of the provider in the config, e.g. "ollama"
    QString model;
    QString systemPrompt;
    ChatOptions settings;
    bool pinned = false;
    int messageCount = 0; // filled by the store when listing; ignored on write
};

struct StoredMessage
{
    enum class State { Complete, Streaming, Stalled, Failed, Cancelled, Interrupted };

    qint64 id = 0; // 0 until stored
    qint64 conversationId = 0;
    int position = -1; // 0-based order in the conversation; assigned by the store
    QString role;      // "system", "user", "assistant"
    QString content;
    QString thinking;
    State state = State::Complete;
    QString errorText; // one sentence shown under a failed/stalled reply
    ReplyStats stats;
    QString model;          // the model that wrote an assistant message
    qint64 thinkingMs = -1; // how long the model thought before answering; -1: unknown
    QDateTime created;
    QDateTime updated;
};

// How a streamed reply ended, written with its last text (ConversationStore::appendReplyText).
struct ReplyEnd
{
    StoredMessage::State state = StoredMessage::State::Complete;
    QString errorText;
    ReplyStats stats;
    QString model;          // empty: keep the stored one
    qint64 thinkingMs = -1; // -1: keep the stored one
};

QString messageStateName(StoredMessage::State state); // "complete", "streaming" …
std::optional<StoredMessage::State> messageStateFromName(const QString &name);

// A title from the first user message: its first non-empty line, whitespace collapsed,
// cut at a word boundary to about maxLength characters with an ellipsis.
QString titleFromMessage(const QString &text, int maxLength = 60);

// The title shown when a conversation has none yet.
QString untitledConversationTitle();

} // namespace Sluice
