// What one conversation asks for: which server and model, a system prompt, sampling options.
// The history stores these per conversation (its Conversation has the same fields).
#pragma once

#include "core/chat/chattypes.h"

#include <QString>

namespace Sluice {

struct ConversationOptions
{
    QString providerId; // ProviderConfig::id; empty = the window's default provider
    QString model;      // empty = none chosen yet
    QString systemPrompt;
    ChatOptions chat; // temperature, contextSize (num_ctx), maxTokens, think ("", "false", "true",
                      // "low", "medium", "high"); unset values use the server's defaults

    friend bool operator==(const ConversationOptions &a, const ConversationOptions &b)
    {
        return a.providerId == b.providerId && a.model == b.model &&
               a.systemPrompt == b.systemPrompt && a.chat.temperature == b.chat.temperature &&
               a.chat.contextSize == b.chat.contextSize && a.chat.maxTokens == b.chat.maxTokens &&
               a.chat.think == b.chat.think && a.chat.topP == b.chat.topP &&
               a.chat.topK == b.chat.topK && a.chat.seed == b.chat.seed &&
               a.chat.stop == b.chat.stop && a.chat.keepAlive == b.chat.keepAlive;
    }
    friend bool operator!=(const ConversationOptions &a, const ConversationOptions &b)
    {
        return !(a == b);
    }
};

} // namespace Sluice
