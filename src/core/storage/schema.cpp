#include "core/storage/schema.h"

#include "core/storage/messageindex.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace Sluice::Schema {

namespace {

QStringList version1()
{
    return {
        QStringLiteral("CREATE TABLE conversations ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " title TEXT NOT NULL DEFAULT '',"
                       " title_custom INTEGER NOT NULL DEFAULT 0,"
                       " created_at INTEGER NOT NULL,"
                       " updated_at INTEGER NOT NULL,"
                       " provider_id TEXT NOT NULL DEFAULT '',"
                       " model TEXT NOT NULL DEFAULT '',"
                       " system_prompt TEXT NOT NULL DEFAULT '',"
                       " settings TEXT NOT NULL DEFAULT '{}',"
                       " deleted_at INTEGER)"),
        QStringLiteral("CREATE TABLE messages ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " conversation_id INTEGER NOT NULL"
                       "  REFERENCES conversations(id) ON DELETE CASCADE,"
                       " position INTEGER NOT NULL,"
                       " role TEXT NOT NULL,"
                       " content TEXT NOT NULL DEFAULT '',"
                       " thinking TEXT NOT NULL DEFAULT '',"
                       " state TEXT NOT NULL DEFAULT 'complete',"
                       " error_text TEXT NOT NULL DEFAULT '',"
                       " stats TEXT NOT NULL DEFAULT '{}',"
                       " model TEXT NOT NULL DEFAULT '',"
                       " created_at INTEGER NOT NULL,"
                       " updated_at INTEGER NOT NULL,"
                       " UNIQUE (conversation_id, position))"),
        QStringLiteral("CREATE INDEX messages_state ON messages(state)"),
    };
}

QStringList version2()
{
    return {
        QStringLiteral("ALTER TABLE conversations ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("CREATE INDEX conversations_order"
                       " ON conversations(pinned DESC, updated_at DESC)"),
        QStringLiteral("CREATE VIRTUAL TABLE messages_fts USING fts5("
                       "content, content='messages', content_rowid='id',"
                       " tokenize='unicode61 remove_diacritics 2', prefix='2 3')"),
        // A reply is indexed once it stops streaming: rewriting a growing reply's index
        // every second would make saves slower as the reply gets longer.
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
        // Index what version 1 already stored.
        QStringLiteral("INSERT INTO messages_fts(rowid, content)"
                       " SELECT id, content FROM messages WHERE state != 'streaming'"),
    };
}

QStringList version3()
{
    return {
        QStringLiteral("ALTER TABLE messages ADD COLUMN thinking_ms INTEGER NOT NULL DEFAULT -1"),
    };
}

QStringList version4()
{
    return {
        // Messages are found by their thinking too: the index gets a second column.
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
        // And conversations by their titles.
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

QStringList version5()
{
    // A message is indexed in pieces (messageindex.h): one row of a 40 MB reply cost FTS5
    // three times that in memory. The rows are written by MessageIndex, not by triggers
    // (a trigger cannot loop over the pieces); these only remove them. The index keeps its
    // own copy of the pieces, so removing a row needs no text from the message.
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

QStringList version6()
{
    // A message's parent is the one before it in the linear history: every conversation
    // becomes a tree with one branch, shown as before. Positions stay unique per conversation
    // and grow with every message added, so a child always comes after its parent.
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
        // The message added last is the one shown: a new reply or version is selected.
        QStringLiteral("CREATE TRIGGER messages_select AFTER INSERT ON messages BEGIN"
                       " UPDATE conversations SET selected_message = new.id"
                       "  WHERE id = new.conversation_id;"
                       " END"),
    };
}

QStringList version7()
{
    // Generic: an image today, a text or PDF file later, each a row in message order. The
    // thumbnail is made when the file is attached, so opening a conversation reads no
    // full image.
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

QStringList version8()
{
    return {
        QStringLiteral("CREATE TABLE tool_calls ("
                       " message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,"
                       " calls TEXT NOT NULL DEFAULT '[]')"),
    };
}

QStringList version9()
{
    return {
        QStringLiteral("CREATE TABLE thinking_blocks ("
                       " message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,"
                       " blocks TEXT NOT NULL DEFAULT '[]')"),
    };
}

// What a version needs beyond its statements, in the same transaction.
bool afterStatements(const QSqlDatabase &db, int targetVersion, QString *error)
{
    if (targetVersion == 5) // index what version 4 stored, in pieces
        return MessageIndex::indexAll(db, error);
    return true;
}

QStringList statementsFor(int targetVersion)
{
    switch (targetVersion) {
    case 1:
        return version1();
    case 2:
        return version2();
    case 3:
        return version3();
    case 4:
        return version4();
    case 5:
        return version5();
    case 6:
        return version6();
    case 7:
        return version7();
    case 8:
        return version8();
    case 9:
        return version9();
    default:
        return {};
    }
}

QString stepFailed(int targetVersion, const QSqlError &error)
{
    return QCoreApplication::translate("Sluice::Schema",
                                       "Could not update the history database to version %1: %2.")
        .arg(targetVersion)
        .arg(error.text());
}

} // namespace

int version(const QSqlDatabase &db, QString *error)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next()) {
        if (error)
            *error = query.lastError().text();
        return -1;
    }
    return query.value(0).toInt();
}

bool migrate(QSqlDatabase &db, QString *error)
{
    if (const int from = version(db, error); from < 0 || from >= kCurrentVersion)
        return from >= 0;
    for (;;) {
        QSqlQuery query(db);
        // IMMEDIATE: another process may be creating or updating the same file right now;
        // wait for it, then read the version it left (a deferred transaction would fail on
        // "database is locked" when it starts to write).
        if (!query.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
            *error = stepFailed(kCurrentVersion, query.lastError());
            return false;
        }
        const int from = version(db, error);
        if (from < 0 || from >= kCurrentVersion) {
            db.rollback();
            return from >= 0;
        }
        const int target = from + 1;
        const QStringList statements = statementsFor(target);
        bool ok = true;
        for (const QString &statement : statements) {
            if (!query.exec(statement)) {
                ok = false;
                break;
            }
        }
        QString afterError;
        if (ok && !afterStatements(db, target, &afterError)) {
            *error = stepFailed(target, QSqlError(afterError));
            db.rollback();
            return false;
        }
        if (ok)
            ok = query.exec(QStringLiteral("PRAGMA user_version = %1").arg(target));
        if (!ok) {
            *error = stepFailed(target, query.lastError());
            query.finish();
            db.rollback();
            return false;
        }
        query.finish();
        if (!db.commit()) {
            *error = stepFailed(target, db.lastError());
            db.rollback();
            return false;
        }
    }
}

} // namespace Sluice::Schema
