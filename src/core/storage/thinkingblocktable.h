// The thinking blocks kept with an assistant message (schema version 9: the thinking_blocks
// table, one row per message holding ReplyStats::thinkingBlocks as a JSON array): Anthropic's
// `thinking` (text and signature) and `redacted_thinking` (encrypted data) blocks of a reply
// that asked for tools, exactly as they came. They go back unchanged before the reply's
// tool_use blocks whenever the turn is continued — also after a restart (Retry of the answer
// to the calls, Continue) — as Anthropic requires (platform.claude.com/docs/build-with-claude/
// thinking-tool-workflows, the rules of "Preserving thinking blocks": when a tool result goes
// back, the thinking blocks of that assistant message must come back with it, complete and
// unmodified, redacted_thinking included; otherwise the API answers 400 "When `thinking` is
// enabled, a final `assistant` message must start with a thinking block"). Not searchable (the
// message's thinking text is), never in Markdown exports (signatures and redacted data are the
// provider's opaque, secret-like tokens, not reading); in JSON exports as the message's
// "thinkingBlocks".
#pragma once

#include "core/conversation/conversation.h"

#include <QJsonArray>
#include <QList>
#include <QSqlDatabase>

namespace Sluice::ThinkingBlockTable {

// Keeps the blocks of a message (none: nothing is written; what was kept stays). False with
// *error set on failure.
bool save(const QSqlDatabase &db, qint64 messageId, const QJsonArray &blocks, QString *error);
// Fills in stats.thinkingBlocks of the messages that have some.
void attach(const QSqlDatabase &db, QList<ConversationMessage> &messages);

} // namespace Sluice::ThinkingBlockTable
