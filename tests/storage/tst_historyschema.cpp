// Opening the history database: fresh files, migrations from every earlier schema,
// refusal of a newer one, and recovery from a damaged or unusable file.
#include "core/storage/conversationstore.h"
#include "core/storage/historydatabase.h"
#include "core/storage/schema.h"
#include "releasedschema.h"
#include "storagetestutil.h"

#include <QDir>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Sluice;
using namespace SluiceTest;

namespace {

// A file as release `version` left it (releasedschema.h: copied, not shared with the code).
QStringList schemaVersion(int version)
{
    return releasedSchemaUpTo(version) << releasedSchemaMark(version);
}

} // namespace

class TestHistorySchema final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sqliteDriverHasFts5()
    {
        QTemporaryDir dir;
        QVERIFY(runSql(dir.filePath(QStringLiteral("probe.sqlite")),
                       {QStringLiteral("CREATE VIRTUAL TABLE t USING fts5(x)")}));
    }

    void freshDatabaseIsCurrentAndWal()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("nested/history.sqlite"));
        {
            ConversationStore store;
            QVERIFY2(store.open(path), qPrintable(store.errorString()));
            QVERIFY(store.isPersistent());
            QVERIFY(store.notice().isEmpty());
            QVERIFY2(store.createConversation().has_value(), qPrintable(store.errorString()));
        }
        QVERIFY(QFileInfo::exists(path));
        QCOMPARE(queryValue(path, QStringLiteral("PRAGMA user_version")).toInt(),
                 Schema::kCurrentVersion);
        QCOMPARE(queryValue(path, QStringLiteral("PRAGMA journal_mode")).toString(),
                 QStringLiteral("wal"));
    }

    void migratesFromVersion1KeepingEverything()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        QStringList statements = schemaVersion(1);
        statements << QStringLiteral(
                          "INSERT INTO conversations (id, title, title_custom, created_at,"
                          " updated_at, provider_id, model, system_prompt, settings) VALUES"
                          " (7, 'Old talk', 1, 1700000000000, 1700000100000, 'ollama',"
                          " 'llama3', 'Be brief.', '{\"temperature\":0.5}')")
                   << QStringLiteral("INSERT INTO messages (conversation_id, position, role,"
                                     " content, state, created_at, updated_at) VALUES"
                                     " (7, 0, 'user', 'tell me about otters', 'complete',"
                                     " 1700000000000, 1700000000000)")
                   << QStringLiteral("INSERT INTO messages (conversation_id, position, role,"
                                     " content, state, created_at, updated_at) VALUES"
                                     " (7, 1, 'assistant', 'Otters hold hands', 'streaming',"
                                     " 1700000050000, 1700000050000)");
        QVERIFY(runSql(path, statements));

        ConversationStore store;
        QVERIFY2(store.open(path), qPrintable(store.errorString()));
        QCOMPARE(queryValue(path, QStringLiteral("PRAGMA user_version")).toInt(),
                 Schema::kCurrentVersion);

        const std::optional<Conversation> c = store.conversation(7);
        QVERIFY(c.has_value());
        QCOMPARE(c->title, QStringLiteral("Old talk"));
        QCOMPARE(c->model, QStringLiteral("llama3"));
        QCOMPARE(c->systemPrompt, QStringLiteral("Be brief."));
        QCOMPARE(c->settings.temperature.value_or(-1), 0.5);
        QCOMPARE(c->pinned, false);
        QCOMPARE(c->messageCount, 2);
        QCOMPARE(c->updated.toMSecsSinceEpoch(), 1700000100000);

        // What version 1 stored is searchable after the migration, and pinning works.
        const QList<SearchHit> hits = store.search(QStringLiteral("otter"));
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits.first().matchCount, 2);
        QCOMPARE(store.search(QStringLiteral("old talk")).size(), 1); // version 4: titles
        QVERIFY(store.setPinned(7, true));
        QVERIFY(store.conversation(7)->pinned);
        // A reply streaming when the old version died is marked interrupted.
        QCOMPARE(store.interruptedOnOpen(), 1);
        QCOMPARE(store.messages(7).at(1).state, MessageState::Interrupted);
        // Version 3: the thinking duration is unknown for old messages, and can be stored.
        QCOMPARE(store.messages(7).at(1).thinkingMs, qint64(-1));
        ConversationMessage reply = store.messages(7).at(1);
        reply.thinkingMs = 2500;
        QVERIFY(store.updateMessage(reply));
        QCOMPARE(store.message(reply.id)->thinkingMs, qint64(2500));
    }

    void migratesFromVersion2KeepingEverything()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        QStringList statements = schemaVersion(2);
        statements << QStringLiteral(
                          "INSERT INTO conversations (id, title, title_custom, created_at,"
                          " updated_at, provider_id, model, pinned) VALUES"
                          " (3, 'Pinned talk', 1, 1700000000000, 1700000100000, 'ollama',"
                          " 'qwen3', 1)")
                   << QStringLiteral("INSERT INTO messages (conversation_id, position, role,"
                                     " content, state, created_at, updated_at) VALUES"
                                     " (3, 0, 'user', 'what do beavers build', 'complete',"
                                     " 1700000000000, 1700000000000)")
                   << QStringLiteral("INSERT INTO messages (conversation_id, position, role,"
                                     " content, thinking, state, created_at, updated_at) VALUES"
                                     " (3, 1, 'assistant', 'Dams and lodges', 'hmm', 'complete',"
                                     " 1700000050000, 1700000050000)");
        QVERIFY(runSql(path, statements));
        QCOMPARE(queryValue(path, QStringLiteral("PRAGMA user_version")).toInt(), 2);

        ConversationStore store;
        QVERIFY2(store.open(path), qPrintable(store.errorString()));
        QCOMPARE(queryValue(path, QStringLiteral("PRAGMA user_version")).toInt(),
                 Schema::kCurrentVersion);
        const std::optional<Conversation> c = store.conversation(3);
        QVERIFY(c.has_value());
        QCOMPARE(c->title, QStringLiteral("Pinned talk"));
        QVERIFY(c->pinned);
        const QList<ConversationMessage> messages = store.messages(3);
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages.at(1).content, QStringLiteral("Dams and lodges"));
        QCOMPARE(messages.at(1).thinking, QStringLiteral("hmm"));
        QCOMPARE(messages.at(1).thinkingMs, qint64(-1));
        // The index built by version 2 still answers.
        QCOMPARE(store.search(QStringLiteral("beavers")).size(), 1);
        // A new message stores its duration.
        ConversationMessage reply;
        reply.role = QStringLiteral("assistant");
        reply.content = QStringLiteral("Canals too");
        reply.thinkingMs = 3200;
        const std::optional<ConversationMessage> added = store.addMessage(3, reply);
        QVERIFY2(added.has_value(), qPrintable(store.errorString()));
        QCOMPARE(added->thinkingMs, qint64(3200));
    }

    void migratesFromVersion3IndexingThinkingAndTitles()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        QStringList statements = schemaVersion(3);
        statements << QStringLiteral(
                          "INSERT INTO conversations (id, title, title_custom, created_at,"
                          " updated_at, provider_id, model) VALUES"
                          " (5, 'Kelp forests', 1, 1700000000000, 1700000100000, 'ollama',"
                          " 'qwen3')")
                   << QStringLiteral("INSERT INTO conversations (id, title, created_at,"
                                     " updated_at, deleted_at) VALUES"
                                     " (6, 'Kelp in the bin', 1700000000000, 1700000100000,"
                                     " 1700000200000)")
                   << QStringLiteral("INSERT INTO messages (id, conversation_id, position, role,"
                                     " content, state, created_at, updated_at) VALUES"
                                     " (1, 5, 0, 'user', 'what grows under water', 'complete',"
                                     " 1700000000000, 1700000000000)")
                   << QStringLiteral(
                          "INSERT INTO messages (id, conversation_id, position, role, content,"
                          " thinking, state, thinking_ms, created_at, updated_at) VALUES"
                          " (2, 5, 1, 'assistant', 'Seagrass and algae', 'urchins eat it',"
                          " 'complete', 1500, 1700000050000, 1700000050000)");
        QVERIFY(runSql(path, statements));
        QCOMPARE(queryValue(path, QStringLiteral("PRAGMA user_version")).toInt(), 3);

        ConversationStore store;
        QVERIFY2(store.open(path), qPrintable(store.errorString()));
        QCOMPARE(queryValue(path, QStringLiteral("PRAGMA user_version")).toInt(),
                 Schema::kCurrentVersion);
        // Everything is kept.
        QCOMPARE(store.conversation(5)->title, QStringLiteral("Kelp forests"));
        const QList<ConversationMessage> messages = store.messages(5);
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages.at(1).thinking, QStringLiteral("urchins eat it"));
        QCOMPARE(messages.at(1).thinkingMs, qint64(1500));
        // Text version 3 indexed is still found; thinking and titles now are too.
        QCOMPARE(store.search(QStringLiteral("seagrass")).size(), 1);
        const QList<SearchHit> thinking = store.search(QStringLiteral("urchins"));
        QCOMPARE(thinking.size(), 1);
        QCOMPARE(thinking.first().messageId, 2);
        QVERIFY(thinking.first().inThinking);
        const QList<SearchHit> titles = store.search(QStringLiteral("kelp"));
        QCOMPARE(titles.size(), 1); // the deleted one is not shown
        QCOMPARE(titles.first().conversationId, 5);
        // The new triggers keep both indexes in step.
        QVERIFY(store.renameConversation(5, QStringLiteral("Seaweed")));
        QCOMPARE(store.search(QStringLiteral("forests")).size(), 0);
        ConversationMessage reply = messages.at(1);
        reply.thinking = QStringLiteral("otters eat urchins");
        QVERIFY(store.updateMessage(reply));
        QCOMPARE(store.search(QStringLiteral("otters")).size(), 1);
        QVERIFY(store.removeMessagesFrom(5, 1));
        QCOMPARE(store.search(QStringLiteral("otters")).size(), 0);
    }

    void migratesAnEmptyVersion0File()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        QVERIFY(runSql(path, {QStringLiteral("CREATE TABLE unrelated (x)"),
                              QStringLiteral("DROP TABLE unrelated")}));
        QCOMPARE(queryValue(path, QStringLiteral("PRAGMA user_version")).toInt(), 0);
        ConversationStore store;
        QVERIFY2(store.open(path), qPrintable(store.errorString()));
        QVERIFY(store.createConversation().has_value());
        QCOMPARE(queryValue(path, QStringLiteral("PRAGMA user_version")).toInt(),
                 Schema::kCurrentVersion);
    }

    void refusesANewerSchemaAndLeavesItUntouched_data()
    {
        QTest::addColumn<int>("version");
        QTest::newRow("the next version") << Schema::kCurrentVersion + 1;
        QTest::newRow("far ahead") << 99;
    }

    void refusesANewerSchemaAndLeavesItUntouched()
    {
        QFETCH(int, version);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        QVERIFY(runSql(path, {QStringLiteral("CREATE TABLE future (x)"),
                              QStringLiteral("INSERT INTO future VALUES ('keep me')"),
                              QStringLiteral("PRAGMA user_version = %1").arg(version)}));
        const QByteArray before = fileBytes(path);
        QVERIFY(!before.isEmpty());

        ConversationStore store;
        QVERIFY(!store.open(path));
        QVERIFY(!store.isOpen());
        QVERIFY2(store.errorString().contains(QStringLiteral("newer version")),
                 qPrintable(store.errorString()));
        QVERIFY(store.errorString().contains(QString::number(version)));
        QCOMPARE(fileBytes(path), before);
        QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("*corrupt*")}, QDir::Files).size(), 0);
    }

    void damagedDatabaseIsKeptAsideAndAFreshOneStarted_data()
    {
        QTest::addColumn<bool>("overwriteRealDatabase");
        QTest::newRow("garbage over a real database") << true;
        QTest::newRow("a text file, not a database") << false;
    }

    void damagedDatabaseIsKeptAsideAndAFreshOneStarted()
    {
        QFETCH(bool, overwriteRealDatabase);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        QByteArray damaged;
        if (overwriteRealDatabase) {
            {
                ConversationStore store;
                QVERIFY(store.open(path));
                const auto c = store.createConversation();
                ConversationMessage m;
                m.role = QStringLiteral("user");
                m.content = QStringLiteral("precious");
                QVERIFY2(store.addMessage(c->id, m), qPrintable(store.errorString()));
            }
            damaged = fileBytes(path);
            for (int i = 0; i < damaged.size(); ++i)
                damaged[i] = char((i * 131 + 7) & 0xff);
        } else {
            damaged = QByteArrayLiteral("these are my notes, not a database\n");
        }
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(damaged);
        }

        ConversationStore store;
        QVERIFY2(store.open(path), qPrintable(store.errorString()));
        QVERIFY(store.isPersistent());
        QVERIFY(!store.keptAsidePath().isEmpty());
        QVERIFY(QFileInfo(store.keptAsidePath())
                    .fileName()
                    .startsWith(QStringLiteral("history.sqlite.corrupt-")));
        QCOMPARE(fileBytes(store.keptAsidePath()), damaged);
        QVERIFY2(store.notice().contains(QFileInfo(store.keptAsidePath()).fileName()),
                 qPrintable(store.notice()));
        QVERIFY(store.conversations().isEmpty());
        QVERIFY(store.createConversation().has_value());
        QCOMPARE(store.conversations().size(), 1);
    }

    // A healthy database that cannot be opened for writing (here SQLite cannot make its -shm
    // file, as with another user's -shm after one `sudo sluice`) is said as such and never
    // moved aside; reading it read-only still works.
    void aDatabaseThatCannotBeOpenedIsNotDamaged()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        {
            ConversationStore store;
            QVERIFY(store.open(path));
            ConversationMessage m;
            m.role = QStringLiteral("user");
            m.content = QStringLiteral("precious");
            QVERIFY(store.addMessage(store.createConversation()->id, m));
        }
        const QByteArray before = fileBytes(path);
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("history.sqlite-shm")));

        ConversationStore::OpenOptions readOnly;
        readOnly.readOnly = true;
        {
            ConversationStore reader; // `sluice history` still reads it
            QVERIFY2(reader.open(path, readOnly), qPrintable(reader.errorString()));
            QCOMPARE(reader.conversations().size(), 1);
        }

        ConversationStore window;
        QVERIFY(window.open(path)); // the window goes on without saving, and says why
        QVERIFY(!window.isPersistent());
        QVERIFY(window.keptAsidePath().isEmpty());
        QVERIFY2(window.notice().contains(u"could not be opened"), qPrintable(window.notice()));
        window.close();

        QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("*corrupt*")}, QDir::AllEntries).size(),
                 0);
        QCOMPARE(fileBytes(path), before);
        QVERIFY(QDir(dir.filePath(QStringLiteral("history.sqlite-shm"))).removeRecursively());
        ConversationStore again;
        QVERIFY(again.open(path, readOnly));
        QCOMPARE(again.conversations().size(), 1);
    }

    void asideNameNeverOverwritesAnEarlierCopy()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        const QString first = HistoryDatabase::asideName(path);
        QFile taken(first);
        QVERIFY(taken.open(QIODevice::WriteOnly));
        taken.close();
        const QString second = HistoryDatabase::asideName(path);
        QVERIFY(second != first);
        QVERIFY(!QFileInfo::exists(second));
    }

    void anUnusableFolderFallsBackToMemoryAndSaysSo()
    {
        QTemporaryDir dir;
        // A file where the folder should be: nothing can be created below it.
        const QString blocker = dir.filePath(QStringLiteral("blocker"));
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        ConversationStore store;
        QVERIFY(store.open(blocker + QStringLiteral("/history.sqlite")));
        QVERIFY(!store.isPersistent());
        QVERIFY2(store.notice().contains(QStringLiteral("not be saved")),
                 qPrintable(store.notice()));
        QVERIFY(store.createConversation().has_value());
    }
};

QTEST_GUILESS_MAIN(TestHistorySchema)
#include "tst_historyschema.moc"
