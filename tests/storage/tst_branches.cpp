// Conversations as trees (schema version 6): versions side by side, the path shown remembered,
// reading along it page by page, deleting a subtree and undoing it, branching into a new
// conversation, an interrupted branch after a crash, and the migration from every earlier
// schema version with real data.
#include "cli/historycommand.h"
#include "core/storage/conversationexport.h"
#include "core/storage/conversationstore.h"
#include "core/storage/datalocation.h"
#include "core/storage/schema.h"
#include "core/storage/streamingsaver.h"
#include "manualclock.h"
#include "storagetestutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

using namespace Sluice;
using namespace SluiceTest;

namespace {

// The schema of each released version, as its statements created it (copied from schema.cpp
// of that release, not shared with the code).
QStringList schemaUpTo(int version)
{
    QStringList s{
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
    if (version >= 2)
        s << QStringLiteral("ALTER TABLE conversations ADD COLUMN pinned INTEGER NOT NULL"
                            " DEFAULT 0")
          << QStringLiteral("CREATE VIRTUAL TABLE messages_fts USING fts5(content,"
                            " content='messages', content_rowid='id',"
                            " tokenize='unicode61 remove_diacritics 2', prefix='2 3')")
          << QStringLiteral(
                 "CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages"
                 " WHEN new.state != 'streaming' BEGIN"
                 " INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content);"
                 " END")
          << QStringLiteral("CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages"
                            " WHEN old.state != 'streaming' BEGIN"
                            " INSERT INTO messages_fts(messages_fts, rowid, content)"
                            " VALUES ('delete', old.id, old.content); END")
          << QStringLiteral("CREATE TRIGGER messages_fts_update AFTER UPDATE OF content, state"
                            " ON messages BEGIN"
                            " INSERT INTO messages_fts(messages_fts, rowid, content)"
                            " SELECT 'delete', old.id, old.content WHERE old.state != 'streaming';"
                            " INSERT INTO messages_fts(rowid, content)"
                            " SELECT new.id, new.content WHERE new.state != 'streaming'; END");
    if (version >= 3)
        s << QStringLiteral("ALTER TABLE messages ADD COLUMN thinking_ms INTEGER NOT NULL"
                            " DEFAULT -1");
    if (version >= 4)
        s << QStringLiteral("DROP TRIGGER messages_fts_insert")
          << QStringLiteral("DROP TRIGGER messages_fts_delete")
          << QStringLiteral("DROP TRIGGER messages_fts_update")
          << QStringLiteral("DROP TABLE messages_fts")
          << QStringLiteral("CREATE VIRTUAL TABLE messages_fts USING fts5(content, thinking,"
                            " content='messages', content_rowid='id',"
                            " tokenize='unicode61 remove_diacritics 2', prefix='2 3')")
          << QStringLiteral("CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages"
                            " WHEN new.state != 'streaming' BEGIN"
                            " INSERT INTO messages_fts(rowid, content, thinking)"
                            " VALUES (new.id, new.content, new.thinking); END")
          << QStringLiteral("CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages"
                            " WHEN old.state != 'streaming' BEGIN"
                            " INSERT INTO messages_fts(messages_fts, rowid, content, thinking)"
                            " VALUES ('delete', old.id, old.content, old.thinking); END")
          << QStringLiteral("CREATE TRIGGER messages_fts_update AFTER UPDATE OF content,"
                            " thinking, state ON messages BEGIN"
                            " INSERT INTO messages_fts(messages_fts, rowid, content, thinking)"
                            " SELECT 'delete', old.id, old.content, old.thinking"
                            " WHERE old.state != 'streaming';"
                            " INSERT INTO messages_fts(rowid, content, thinking)"
                            " SELECT new.id, new.content, new.thinking"
                            " WHERE new.state != 'streaming'; END")
          << QStringLiteral("CREATE VIRTUAL TABLE conversations_fts USING fts5(title,"
                            " content='conversations', content_rowid='id',"
                            " tokenize='unicode61 remove_diacritics 2', prefix='2 3')")
          << QStringLiteral("CREATE TRIGGER conversations_fts_insert AFTER INSERT ON"
                            " conversations BEGIN INSERT INTO conversations_fts(rowid, title)"
                            " VALUES (new.id, new.title); END")
          << QStringLiteral("CREATE TRIGGER conversations_fts_delete AFTER DELETE ON"
                            " conversations BEGIN INSERT INTO conversations_fts("
                            "conversations_fts, rowid, title) VALUES ('delete', old.id,"
                            " old.title); END")
          << QStringLiteral("CREATE TRIGGER conversations_fts_update AFTER UPDATE OF title ON"
                            " conversations BEGIN INSERT INTO conversations_fts("
                            "conversations_fts, rowid, title) VALUES ('delete', old.id,"
                            " old.title); INSERT INTO conversations_fts(rowid, title)"
                            " VALUES (new.id, new.title); END");
    if (version >= 5)
        s << QStringLiteral("DROP TRIGGER messages_fts_insert")
          << QStringLiteral("DROP TRIGGER messages_fts_delete")
          << QStringLiteral("DROP TRIGGER messages_fts_update")
          << QStringLiteral("DROP TABLE messages_fts")
          << QStringLiteral("CREATE VIRTUAL TABLE messages_fts USING fts5(content, thinking,"
                            " tokenize='unicode61 remove_diacritics 2', prefix='2 3')")
          << QStringLiteral("CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN"
                            " DELETE FROM messages_fts"
                            "  WHERE rowid BETWEEN old.id * 65536 AND old.id * 65536 + 65535;"
                            " END")
          << QStringLiteral("CREATE TRIGGER messages_fts_update AFTER UPDATE OF content,"
                            " thinking, state ON messages WHEN old.state != 'streaming' BEGIN"
                            " DELETE FROM messages_fts"
                            "  WHERE rowid BETWEEN old.id * 65536 AND old.id * 65536 + 65535;"
                            " END");
    return s;
}

// A conversation of four messages as that version stored it, its search entries included.
QStringList realData(int version)
{
    QStringList s{
        QStringLiteral("INSERT INTO conversations (id, title, created_at, updated_at, model) VALUES"
                       " (3, 'Rivers', 1700000000000, 1700000300000, 'llama3')")};
    const QStringList texts{QStringLiteral("name a long river"), QStringLiteral("The Nile."),
                            QStringLiteral("and another"), QStringLiteral("The Amazon.")};
    for (int i = 0; i < texts.size(); ++i) {
        s << QStringLiteral("INSERT INTO messages (id, conversation_id, position, role, content,"
                            " created_at, updated_at) VALUES (%1, 3, %2, '%3', '%4', %5, %5)")
                 .arg(10 + i)
                 .arg(i)
                 .arg(i % 2 ? QStringLiteral("assistant") : QStringLiteral("user"), texts.at(i))
                 .arg(1700000000000 + i * 1000);
        if (version >= 5) // version 5 writes its pieces from code (MessageIndex), not triggers
            s << QStringLiteral("INSERT INTO messages_fts(rowid, content, thinking)"
                                " VALUES (%1, '%2', '')")
                     .arg((10 + i) * 65536)
                     .arg(texts.at(i));
    }
    s << QStringLiteral("PRAGMA user_version = %1").arg(version);
    return s;
}

ConversationMessage message(const char *role, const char *text, qint64 parent)
{
    ConversationMessage m;
    m.role = QString::fromUtf8(role);
    m.content = QString::fromUtf8(text);
    m.parentId = parent;
    return m;
}

QStringList L(std::initializer_list<const char *> items)
{
    QStringList result;
    for (const char *item : items)
        result << QString::fromUtf8(item);
    return result;
}

QStringList texts(const QList<ConversationMessage> &messages)
{
    QStringList result;
    for (const ConversationMessage &m : messages)
        result << m.content;
    return result;
}

} // namespace

class TestBranches final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path() const { return m_dir.filePath(QStringLiteral("history.sqlite")); }

private Q_SLOTS:
    void init() { QFile::remove(path()); }

    void migratesFromEveryVersionLosingNothing_data()
    {
        QTest::addColumn<int>("version");
        // Every version before conversations were trees (6); later steps only add tables.
        for (int v = 1; v < 6; ++v)
            QTest::addRow("version %d", v) << v;
    }

    void migratesFromEveryVersionLosingNothing()
    {
        QFETCH(int, version);
        QVERIFY(runSql(path(), schemaUpTo(version) + realData(version)));
        ConversationStore store;
        QVERIFY2(store.open(path()), qPrintable(store.errorString()));
        QCOMPARE(queryValue(path(), QStringLiteral("PRAGMA user_version")).toInt(),
                 Schema::kCurrentVersion);

        // One branch, in the order it was written, each message following the one before.
        const QList<ConversationMessage> shown = store.messages(3);
        QCOMPARE(texts(shown), L({"name a long river", "The Nile.", "and another", "The Amazon."}));
        for (int i = 0; i < shown.size(); ++i)
            QCOMPARE(shown.at(i).parentId, i ? shown.at(i - 1).id : 0);
        QCOMPARE(store.selectedMessage(3), qint64(13));
        QCOMPARE(store.conversation(3)->messageCount, 4);
        QCOMPARE(store.search(QStringLiteral("amazon")).size(), 1);
        QCOMPARE(store.allMessages(3).size(), 4);

        // The migrated conversation branches like a new one: another answer to the last question.
        const auto again = store.addMessage(3, message("assistant", "The Yangtze.", 12));
        QVERIFY(again);
        QCOMPARE(texts(store.messages(3)).last(), QStringLiteral("The Yangtze."));
        QCOMPARE(store.tree(3).siblings(again->id).count, 2);
        QVERIFY(store.selectMessage(13));
        QCOMPARE(texts(store.messages(3)).last(), QStringLiteral("The Amazon."));
    }

    void versionsPathsAndPagesFollowTheSelection()
    {
        qint64 c = 0;
        {
            ConversationStore store;
            QVERIFY(store.open(path()));
            c = store.createConversation()->id;
            const qint64 q = store.addMessage(c, message("user", "q", 0))->id;
            const qint64 a1 = store.addMessage(c, message("assistant", "a1", q))->id;
            store.addMessage(c, message("user", "q2 under a1", a1));
            store.addMessage(c, message("assistant", "a2", q));
            const qint64 a3 = store.addMessage(c, message("assistant", "a3", q))->id;
            const ConversationTree t = store.tree(c);
            QCOMPARE(t.siblings(a3).index, 2);
            QCOMPARE(t.siblings(a3).count, 3);
            QCOMPARE(t.siblings(q).count, 1);
            // The newest version is shown; choosing the first shows what followed it.
            QCOMPARE(texts(store.messages(c)), L({"q", "a3"}));
            QVERIFY(store.selectMessage(a1));
        }
        ConversationStore store; // the choice is remembered in the file
        QVERIFY(store.open(path()));
        QCOMPARE(texts(store.messages(c)), L({"q", "a1", "q2 under a1"}));
        QCOMPARE(texts(store.lastMessages(c, 2)), L({"a1", "q2 under a1"}));
        const int secondPosition = store.lastMessages(c, 2).first().position;
        QCOMPARE(texts(store.messagesBefore(c, secondPosition, 5)), L({"q"}));
        QCOMPARE(store.allMessages(c).size(), 5);
    }

    void deletingASubtreeSaysWhatWentAndUndoBringsItBack()
    {
        ConversationStore store;
        QVERIFY(store.open(path()));
        const qint64 c = store.createConversation()->id;
        const qint64 q = store.addMessage(c, message("user", "question", 0))->id;
        const qint64 a1 = store.addMessage(c, message("assistant", "first walrus", q))->id;
        const qint64 q2 = store.addMessage(c, message("user", "more", a1))->id;
        store.addMessage(c, message("assistant", "second walrus", q2));
        store.addMessage(c, message("assistant", "other", q2));
        const qint64 a2 = store.addMessage(c, message("assistant", "a2", q))->id;
        store.selectMessage(a1);

        const auto removed = store.removeSubtree(a1);
        QVERIFY(removed);
        QCOMPARE(removed->messages.size(), 4);
        QCOMPARE(store.allMessages(c).size(), 2);
        QCOMPARE(texts(store.messages(c)), L({"question", "a2"}));
        QVERIFY(store.search(QStringLiteral("walrus")).isEmpty());
        // Something new meanwhile, then Undo: everything back, the same ids, findable again.
        store.addMessage(c, message("assistant", "a3", q));
        QVERIFY2(store.restoreSubtree(*removed), qPrintable(store.errorString()));
        QCOMPARE(store.allMessages(c).size(), 7);
        QCOMPARE(store.selectedMessage(c), a1);
        QCOMPARE(texts(store.messages(c)), L({"question", "first walrus", "more", "other"}));
        QCOMPARE(store.search(QStringLiteral("walrus")).value(0).matchCount, 2);
        QCOMPARE(store.tree(c).siblings(a2).count, 3);
    }

    void branchingFromAMessageMakesALinkedConversation()
    {
        ConversationStore store;
        QVERIFY(store.open(path()));
        Conversation draft;
        draft.title = QStringLiteral("Rivers");
        draft.model = QStringLiteral("llama3");
        draft.systemPrompt = QStringLiteral("Be brief.");
        const qint64 c = store.createConversation(draft)->id;
        const qint64 q = store.addMessage(c, message("user", "q", 0))->id;
        const qint64 a = store.addMessage(c, message("assistant", "a", q))->id;
        store.addMessage(c, message("user", "later", a));
        const std::optional<qint64> branch = store.branchConversation(a);
        QVERIFY(branch);
        const Conversation b = *store.conversation(*branch);
        QCOMPARE(b.title, QStringLiteral("Rivers (branch)"));
        QCOMPARE(b.model, QStringLiteral("llama3"));
        QCOMPARE(b.systemPrompt, QStringLiteral("Be brief."));
        QCOMPARE(texts(store.messages(*branch)), L({"q", "a"}));
        QCOMPARE(store.origin(*branch)->conversationId, c);
        QCOMPARE(store.origin(*branch)->messageId, a);
        QVERIFY(!store.origin(c));
        QCOMPARE(store.messages(c).size(), 3); // the origin is untouched
    }

    // What a kill -9 leaves: the branch's reply as last saved while it streamed. Opened again,
    // that branch is the one shown, marked interrupted, with no more than the last interval lost.
    void aBranchStreamingWhenTheAppDiedComesBackMarked()
    {
        Test::ManualClock clock;
        ConversationStore dying;
        QVERIFY(dying.open(path()));
        const qint64 c = dying.createConversation()->id;
        const qint64 q = dying.addMessage(c, message("user", "q", 0))->id;
        dying.addMessage(c, message("assistant", "first answer", q));
        ConversationMessage reply = message("assistant", "", q);
        reply.state = MessageState::Streaming;
        const qint64 branch = dying.addMessage(c, reply)->id;
        StreamingSaver saver(&dying, branch);
        saver.appendContent(u"saved part ");
        clock.advance(StreamingSaver::kDefaultIntervalMs);
        QTRY_COMPARE(saver.writeCount(), 1);
        saver.appendContent(u"lost part");

        ConversationStore reopened; // the process died here: nothing more reached the file
        QVERIFY(reopened.open(path()));
        QCOMPARE(reopened.interruptedOnOpen(), 1);
        const QList<ConversationMessage> shown = reopened.messages(c);
        QCOMPARE(shown.last().id, branch);
        QCOMPARE(shown.last().state, MessageState::Interrupted);
        QCOMPARE(shown.last().content, QStringLiteral("saved part "));
        QCOMPARE(reopened.tree(c).siblings(branch).count, 2);
    }

    void importingATreeKeepsItsShapeAndSelection()
    {
        ConversationStore store;
        QVERIFY(store.open(path()));
        QList<ConversationMessage> file{message("user", "q", 0), message("assistant", "a1", 100),
                                        message("assistant", "a2", 100)};
        file[0].id = 100;
        file[1].id = 101;
        file[2].id = 102;
        const std::optional<qint64> c = store.importTree({}, file, 101);
        QVERIFY(c);
        QCOMPARE(texts(store.messages(*c)), L({"q", "a1"}));
        QCOMPARE(store.allMessages(*c).size(), 3);
        QCOMPARE(store.conversation(*c)->title, QStringLiteral("q"));
    }
    // JSON keeps the whole tree and the path shown; importing it gives back every message with
    // the same shape and the same path. Markdown is the path shown.
    void exportAndImportKeepEveryBranchAndThePathShown()
    {
        ConversationStore store;
        QVERIFY(store.open(path()));
        Conversation draft;
        draft.title = QStringLiteral("Lakes");
        const qint64 c = store.createConversation(draft)->id;
        const qint64 q = store.addMessage(c, message("user", "Name a lake", 0))->id;
        const qint64 a1 = store.addMessage(c, message("assistant", "Baikal", q))->id;
        store.addMessage(c, message("user", "Deeper?", a1));
        const qint64 a2 = store.addMessage(c, message("assistant", "Tanganyika", q))->id;
        store.addMessage(c, message("assistant", "Superior", q));
        QVERIFY(store.selectMessage(a2));

        const QByteArray json = ConversationExport::toJson(
            *store.conversation(c), store.allMessages(c), {}, store.selectedPath(c));
        QCOMPARE(QJsonDocument::fromJson(json).object().value(u"version").toInt(), 2);
        QString error;
        const auto read = ConversationExport::fromJson(json, &error);
        QVERIFY2(read, qPrintable(error));
        const std::optional<qint64> copy =
            store.importTree(read->conversation, read->messages, read->selectedMessage);
        QVERIFY(copy);
        QCOMPARE(texts(store.messages(*copy)), L({"Name a lake", "Tanganyika"}));
        QCOMPARE(texts(store.allMessages(*copy)), texts(store.allMessages(c)));
        const ConversationTree t = store.tree(*copy);
        const qint64 copiedFirst = store.allMessages(*copy).first().id;
        QCOMPARE(t.children(copiedFirst).size(), 3);
        QCOMPARE(t.children(0).size(), 1);

        const QString md =
            ConversationExport::toMarkdown(*store.conversation(c), store.messages(c));
        QVERIFY(md.contains(QStringLiteral("Tanganyika")));
        QVERIFY(!md.contains(QStringLiteral("Baikal")));
        const QString all = ConversationExport::allBranchesMarkdown(
            *store.conversation(c), store.allMessages(c), store.selectedPath(c));
        QVERIFY(all.contains(QStringLiteral("branch 1 of 3 (shown)")));
        QVERIFY(all.indexOf(QStringLiteral("Tanganyika")) < all.indexOf(QStringLiteral("Baikal")));
        QVERIFY(all.contains(QStringLiteral("Deeper?")));
        QVERIFY(all.contains(QStringLiteral("Superior")));
    }

    // A file written before conversations were trees (format version 1) imports as one path.
    void aLinearFileFromBeforeImportsAsOnePath()
    {
        const QByteArray v1 = R"({"format":"sluice-conversation","version":1,
            "conversation":{"title":"Old"},
            "messages":[{"role":"user","content":"one"},{"role":"assistant","content":"two"},
                        {"role":"user","content":"three"}]})";
        QString error;
        const auto read = ConversationExport::fromJson(v1, &error);
        QVERIFY2(read, qPrintable(error));
        ConversationStore store;
        QVERIFY(store.open(path()));
        const qint64 c =
            *store.importTree(read->conversation, read->messages, read->selectedMessage);
        QCOMPARE(texts(store.messages(c)), L({"one", "two", "three"}));
        QCOMPARE(store.tree(c).path(0).size(), 3);
    }

    void theExportCommandWritesEveryBranchWhenAsked()
    {
        const QString dataDir = m_dir.filePath(QStringLiteral("data"));
        qint64 c = 0;
        {
            ConversationStore store;
            QVERIFY(store.open(historyDatabasePath(dataDir)));
            c = store.createConversation()->id;
            const qint64 q = store.addMessage(c, message("user", "Name a lake", 0))->id;
            store.addMessage(c, message("assistant", "Baikal", q));
            store.addMessage(c, message("assistant", "Tanganyika", q));
        }
        const auto run = [&](QStringList args) {
            QString out;
            QString err;
            QTextStream o(&out);
            QTextStream e(&err);
            args << QString::number(c) << QStringLiteral("--data-dir") << dataDir;
            const int code = Cli::exportCommandOn(args, o, e);
            o.flush();
            return code == 0 ? out : QStringLiteral("failed: ") + err;
        };
        const QString shown = run({});
        QVERIFY2(shown.contains(QStringLiteral("Tanganyika")), qPrintable(shown));
        QVERIFY(!shown.contains(QStringLiteral("Baikal")));
        const QString all = run({QStringLiteral("--all-branches")});
        QVERIFY2(all.contains(QStringLiteral("Baikal")) &&
                     all.contains(QStringLiteral("Tanganyika")),
                 qPrintable(all));
        const QString json = run({QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(
            QJsonDocument::fromJson(json.toUtf8()).object().value(u"messages").toArray().size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestBranches)
#include "tst_branches.moc"
