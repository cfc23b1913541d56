// The history schema of each released version, as that release's statements created it:
// copied from schema.cpp of each release, not shared with the code, so that a change to a
// released version shows up in the migration tests (tst_historyschema, tst_schemamigrations,
// tst_messagepieces, tst_branches) instead of being carried along by them.
#pragma once

#include <QStringList>

namespace SluiceTest {

// Version 1: conversations and messages.
inline QStringList releasedSchemaVersion1()
{
    return {
        QStringLiteral(
            "CREATE TABLE conversations (id INTEGER PRIMARY KEY AUTOINCREMENT,"
            " title TEXT NOT NULL DEFAULT '', title_custom INTEGER NOT NULL DEFAULT 0,"
            " created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,"
            " provider_id TEXT NOT NULL DEFAULT '', model TEXT NOT NULL DEFAULT '',"
            " system_prompt TEXT NOT NULL DEFAULT '', settings TEXT NOT NULL DEFAULT '{}',"
            " deleted_at INTEGER)"),
        QStringLiteral("CREATE TABLE messages (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " conversation_id INTEGER NOT NULL REFERENCES conversations(id)"
                       " ON DELETE CASCADE, position INTEGER NOT NULL, role TEXT NOT NULL,"
                       " content TEXT NOT NULL DEFAULT '', thinking TEXT NOT NULL DEFAULT '',"
                       " state TEXT NOT NULL DEFAULT 'complete',"
                       " error_text TEXT NOT NULL DEFAULT '', stats TEXT NOT NULL DEFAULT '{}',"
                       " model TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL,"
                       " updated_at INTEGER NOT NULL, UNIQUE (conversation_id, position))"),
        QStringLiteral("CREATE INDEX messages_state ON messages(state)"),
    };
}

// Version 2: pinned conversations; full-text search kept by triggers.
inline QStringList releasedSchemaVersion2()
{
    return {
        QStringLiteral("ALTER TABLE conversations ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("CREATE INDEX conversations_order"
                       " ON conversations(pinned DESC, updated_at DESC)"),
        QStringLiteral("CREATE VIRTUAL TABLE messages_fts USING fts5("
                       "content, content='messages', content_rowid='id',"
                       " tokenize='unicode61 remove_diacritics 2', prefix='2 3')"),
        QStringLiteral("CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages"
                       " WHEN new.state != 'streaming' BEGIN"
                       " INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content);"
                       " END"),
        QStringLiteral("CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages"
                       " WHEN old.state != 'streaming' BEGIN"
                       " INSERT INTO messages_fts(messages_fts, rowid, content)"
                       " VALUES ('delete', old.id, old.content);"
                       " END"),
        QStringLiteral("CREATE TRIGGER messages_fts_update AFTER UPDATE OF content, state"
                       " ON messages BEGIN"
                       " INSERT INTO messages_fts(messages_fts, rowid, content)"
                       " SELECT 'delete', old.id, old.content WHERE old.state != 'streaming';"
                       " INSERT INTO messages_fts(rowid, content)"
                       " SELECT new.id, new.content WHERE new.state != 'streaming';"
                       " END"),
        QStringLiteral("INSERT INTO messages_fts(rowid, content)"
                       " SELECT id, content FROM messages WHERE state != 'streaming'"),
    };
}

// Version 3: messages.thinking_ms.
inline QStringList releasedSchemaVersion3()
{
    return {
        QStringLiteral("ALTER TABLE messages ADD COLUMN thinking_ms INTEGER NOT NULL DEFAULT -1"),
    };
}

// Version 4: thinking and titles are searched too.
inline QStringList releasedSchemaVersion4()
{
    return {
        QStringLiteral("DROP TRIGGER messages_fts_insert"),
        QStringLiteral("DROP TRIGGER messages_fts_delete"),
        QStringLiteral("DROP TRIGGER messages_fts_update"),
        QStringLiteral("DROP TABLE messages_fts"),
        QStringLiteral("CREATE VIRTUAL TABLE messages_fts USING fts5("
                       "content, thinking, content='messages', content_rowid='id',"
                       " tokenize='unicode61 remove_diacritics 2', prefix='2 3')"),
        QStringLiteral("CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages"
                       " WHEN new.state != 'streaming' BEGIN"
                       " INSERT INTO messages_fts(rowid, content, thinking)"
                       " VALUES (new.id, new.content, new.thinking);"
                       " END"),
        QStringLiteral("CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages"
                       " WHEN old.state != 'streaming' BEGIN"
                       " INSERT INTO messages_fts(messages_fts, rowid, content, thinking)"
                       " VALUES ('delete', old.id, old.content, old.thinking);"
                       " END"),
        QStringLiteral("CREATE TRIGGER messages_fts_update AFTER UPDATE OF content, thinking, state"
                       " ON messages BEGIN"
                       " INSERT INTO messages_fts(messages_fts, rowid, content, thinking)"
                       " SELECT 'delete', old.id, old.content, old.thinking"
                       " WHERE old.state != 'streaming';"
                       " INSERT INTO messages_fts(rowid, content, thinking)"
                       " SELECT new.id, new.content, new.thinking WHERE new.state != 'streaming';"
                       " END"),
        QStringLiteral("INSERT INTO messages_fts(rowid, content, thinking)"
                       " SELECT id, content, thinking FROM messages WHERE state != 'streaming'"),
        QStringLiteral("CREATE VIRTUAL TABLE conversations_fts USING fts5("
                       "title, content='conversations', content_rowid='id',"
                       " tokenize='unicode61 remove_diacritics 2', prefix='2 3')"),
        QStringLiteral("CREATE TRIGGER conversations_fts_insert AFTER INSERT ON conversations"
                       " BEGIN"
                       " INSERT INTO conversations_fts(rowid, title) VALUES (new.id, new.title);"
                       " END"),
        QStringLiteral("CREATE TRIGGER conversations_fts_delete AFTER DELETE ON conversations"
                       " BEGIN"
                       " INSERT INTO conversations_fts(conversations_fts, rowid, title)"
                       " VALUES ('delete', old.id, old.title);"
                       " END"),
        QStringLiteral("CREATE TRIGGER conversations_fts_update AFTER UPDATE OF title"
                       " ON conversations BEGIN"
                       " INSERT INTO conversations_fts(conversations_fts, rowid, title)"
                       " VALUES ('delete', old.id, old.title);"
                       " INSERT INTO conversations_fts(rowid, title) VALUES (new.id, new.title);"
                       " END"),
        QStringLiteral("INSERT INTO conversations_fts(rowid, title) SELECT id, title"
                       " FROM conversations"),
    };
}

// Version 5: messages indexed in pieces, written by the code (a fixture of version 5 or later
// writes its own pieces: rowid = message id * 65536 + piece).
inline QStringList releasedSchemaVersion5()
{
    return {
        QStringLiteral("DROP TRIGGER messages_fts_insert"),
        QStringLiteral("DROP TRIGGER messages_fts_delete"),
        QStringLiteral("DROP TRIGGER messages_fts_update"),
        QStringLiteral("DROP TABLE messages_fts"),
        QStringLiteral("CREATE VIRTUAL TABLE messages_fts USING fts5(content, thinking,"
                       " tokenize='unicode61 remove_diacritics 2', prefix='2 3')"),
        QStringLiteral("CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN"
                       " DELETE FROM messages_fts"
                       "  WHERE rowid BETWEEN old.id * 65536 AND old.id * 65536 + 65535;"
                       " END"),
        QStringLiteral("CREATE TRIGGER messages_fts_update AFTER UPDATE OF content, thinking, state"
                       " ON messages WHEN old.state != 'streaming' BEGIN"
                       " DELETE FROM messages_fts"
                       "  WHERE rowid BETWEEN old.id * 65536 AND old.id * 65536 + 65535;"
                       " END"),
    };
}

// Version 6: conversations are trees.
inline QStringList releasedSchemaVersion6()
{
    return {
        QStringLiteral("ALTER TABLE messages ADD COLUMN parent_id INTEGER"),
        QStringLiteral("UPDATE messages SET parent_id = (SELECT p.id FROM messages p"
                       " WHERE p.conversation_id = messages.conversation_id"
                       " AND p.position < messages.position ORDER BY p.position DESC LIMIT 1)"),
        QStringLiteral("CREATE INDEX messages_parent ON messages(parent_id)"),
        QStringLiteral("ALTER TABLE conversations ADD COLUMN selected_message INTEGER"),
        QStringLiteral("ALTER TABLE conversations ADD COLUMN origin_conversation INTEGER"),
        QStringLiteral("ALTER TABLE conversations ADD COLUMN origin_message INTEGER"),
        QStringLiteral("UPDATE conversations SET selected_message = (SELECT m.id FROM messages m"
                       " WHERE m.conversation_id = conversations.id"
                       " ORDER BY m.position DESC LIMIT 1)"),
        QStringLiteral("CREATE TRIGGER messages_select AFTER INSERT ON messages BEGIN"
                       " UPDATE conversations SET selected_message = new.id"
                       "  WHERE id = new.conversation_id;"
                       " END"),
    };
}

// Version 7: attachments (images).
inline QStringList releasedSchemaVersion7()
{
    return {
        QStringLiteral("CREATE TABLE attachments ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,"
                       " ordinal INTEGER NOT NULL,"
                       " kind TEXT NOT NULL,"
                       " file_name TEXT NOT NULL DEFAULT '',"
                       " media_type TEXT NOT NULL DEFAULT '',"
                       " byte_size INTEGER NOT NULL DEFAULT 0,"
                       " width INTEGER NOT NULL DEFAULT 0,"
                       " height INTEGER NOT NULL DEFAULT 0,"
                       " data BLOB NOT NULL,"
                       " thumbnail BLOB NOT NULL DEFAULT x'',"
                       " UNIQUE (message_id, ordinal))"),
    };
}

// Version 8: tool calls.
inline QStringList releasedSchemaVersion8()
{
    return {
        QStringLiteral("CREATE TABLE tool_calls ("
                       " message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,"
                       " calls TEXT NOT NULL DEFAULT '[]')"),
    };
}

// Version 9: the thinking blocks of a tool round.
inline QStringList releasedSchemaVersion9()
{
    return {
        QStringLiteral("CREATE TABLE thinking_blocks ("
                       " message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,"
                       " blocks TEXT NOT NULL DEFAULT '[]')"),
    };
}

inline constexpr int kNewestReleasedSchema = 9;

// The statements of one version's step (1: the tables of a new file).
inline QStringList releasedSchemaStep(int version)
{
    switch (version) {
    case 1:
        return releasedSchemaVersion1();
    case 2:
        return releasedSchemaVersion2();
    case 3:
        return releasedSchemaVersion3();
    case 4:
        return releasedSchemaVersion4();
    case 5:
        return releasedSchemaVersion5();
    case 6:
        return releasedSchemaVersion6();
    case 7:
        return releasedSchemaVersion7();
    case 8:
        return releasedSchemaVersion8();
    case 9:
        return releasedSchemaVersion9();
    default:
        return {};
    }
}

// A new file as release `version` made it, without its user_version (the fixture adds its
// rows, then sets it with releasedSchemaMark).
inline QStringList releasedSchemaUpTo(int version)
{
    QStringList statements;
    for (int v = 1; v <= version; ++v)
        statements << releasedSchemaStep(v);
    return statements;
}

inline QString releasedSchemaMark(int version)
{
    return QStringLiteral("PRAGMA user_version = %1").arg(version);
}

} // namespace SluiceTest
