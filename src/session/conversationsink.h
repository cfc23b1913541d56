// Where a conversation's changes go besides the window — the history plugs in here.
//
// A ConversationController calls these on the GUI thread, in order, as things happen. Rows
// are the model rows at the time of the call; ConversationMessage::uid identifies a message
// for as long as it lives (use it to map to storage ids). Every method has a no-op default.
//
// Order for one exchange:
//   userMessageAdded(row)             — before the request is sent (commit it now)
//   replyStarted(row, continuing)     — the assistant row exists (state Pending); with
//                                       continuing = true the row already holds partial text
//                                       and the new text is appended to it (Continue)
//   replyProgress(row, c, t)*         — every delta as it arrives, not coalesced
//   replyEnded(row)                   — final state, error sentence, stats, model
// Editing and deleting: messageEdited(row), messagesRemoved(first, count).
// A new version (Regenerate, Edit & Resend): messagesDetached(first, count) — the rows leave
// the window but stay stored, as the branch the new version is a sibling of.
#pragma once

#include "core/conversation/conversation.h"

#include <QStringView>

namespace Sluice {

class ConversationSink
{
public:
    virtual ~ConversationSink() = default;

    virtual void optionsChanged(const Conversation &options) { Q_UNUSED(options) }
    virtual void userMessageAdded(int row, const ConversationMessage &message)
    {
        Q_UNUSED(row)
        Q_UNUSED(message)
    }
    virtual void replyStarted(int row, const ConversationMessage &message, bool continuing)
    {
        Q_UNUSED(row)
        Q_UNUSED(message)
        Q_UNUSED(continuing)
    }
    virtual void replyProgress(int row, QStringView contentDelta, QStringView thinkingDelta)
    {
        Q_UNUSED(row)
        Q_UNUSED(contentDelta)
        Q_UNUSED(thinkingDelta)
    }
    virtual void replyEnded(int row, const ConversationMessage &message)
    {
        Q_UNUSED(row)
        Q_UNUSED(message)
    }
    virtual void messageEdited(int row, const ConversationMessage &message)
    {
        Q_UNUSED(row)
        Q_UNUSED(message)
    }
    virtual void messagesRemoved(int first, int count)
    {
        Q_UNUSED(first)
        Q_UNUSED(count)
    }
    // The tool calls of the assistant message at `row` changed (asked for, ran, answered).
    virtual void toolCallsChanged(int row, const ConversationMessage &message)
    {
        Q_UNUSED(row)
        Q_UNUSED(message)
    }
    virtual void messagesDetached(int first, int count)
    {
        Q_UNUSED(first)
        Q_UNUSED(count)
    }
    // Older messages were loaded above the first `count` rows (they come from the sink's
    // own store: nothing to save).
    virtual void messagesPrepended(int count) { Q_UNUSED(count) }
};

} // namespace Sluice
