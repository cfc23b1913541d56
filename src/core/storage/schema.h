// The history database schema and its forward migrations (PRAGMA user_version).
//
// Version 1: conversations and messages.
// Version 2: pinned conversations and full-text search (FTS5, kept in sync by triggers;
//            a reply enters the index when it stops streaming).
// Version 3: messages.thinking_ms, how long the model thought before answering (-1: unknown).
// Version 4: search finds thinking (a second column in messages_fts) and titles
//            (conversations_fts).
// Version 5: messages are indexed in pieces of at most 256 KiB (messageindex.h), so that
//            indexing a long reply takes bounded memory.
// Version 6: conversations are trees (messages.parent_id; each message answers or follows its
//            parent), with the path shown remembered (conversations.selected_message) and a
//            branch's origin (conversations.origin_conversation, origin_message).
// Version 7: attachments: the files sent with a message (images), as their own bytes with
//            a thumbnail, in order (attachmenttable.h).
// Version 8: tool_calls, the tool calls of an assistant message (toolcalltable.h).
// Version 9: thinking_blocks, the signed thinking blocks of an assistant message that asked
//            for tools, which go back unchanged with its calls (thinkingblocktable.h).
//
// A released version's statements are never edited; a change is a new version.
#pragma once

#include <QString>

class QSqlDatabase;

namespace Sluice::Schema {

inline constexpr int kCurrentVersion = 9;

// Reads PRAGMA user_version; -1 when the database cannot be read.
int version(const QSqlDatabase &db, QString *error = nullptr);

// Brings a database from its version up to kCurrentVersion, one version per transaction.
// Returns false (and leaves the failed step rolled back) with a sentence in *error.
bool migrate(QSqlDatabase &db, QString *error);

} // namespace Sluice::Schema
