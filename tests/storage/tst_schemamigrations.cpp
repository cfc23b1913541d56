// The history file of every released schema version, filled with what that version could
// hold (a pinned conversation with its settings, replies with thinking, statistics, an error,
// a deleted conversation; branches, the path shown and a branch's origin; images; tool calls;
// the signed thinking blocks of a tool round),
// opens in this version with nothing lost: every field reads back, search finds it, and the
// conversation goes on (a new version of a reply) as a new one does.
// Each fixture is made with the statements of its release (releasedschema.h).
#include "core/storage/conversationstore.h"
#include "core/storage/schema.h"
#include "releasedschema.h"
#include "storagetestutil.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Sluice;
using namespace SluiceTest;

namespace {

constexpr qint64 kT0 = 1700000000000; // when the fixtures' conversations began

struct Row
{
    qint64 id;
    int position;
    const char *role;
    const char *content;
    const char *thinking;
    const char *state;
    const char *errorText;
    const char *stats;
    qint64 parent; // version 6 and later
};

// Rivers (3): q → a → q2 → a2 (an error); from version 6 also a second version of the first
// reply (14), with the path shown still the first one, and a branch conversation (4).
const QList<Row> &rows()
{
    static const QList<Row> r{
        {10, 0, "user", "name a long river", "", "complete", "", "{}", 0},
        {11, 1, "assistant", "The Nile.", "tributaries first", "complete", "",
         R"({"outputTokens":12,"finishReason":"stop","totalMs":900})", 10},
        {12, 2, "user", "and another", "", "complete", "", "{}", 11},
        {13, 3, "assistant", "The Ama", "", "failed", "The server closed the connection.", "{}", 12},
    };
    return r;
}

QString sqlText(const char *text)
{
    return QString::fromUtf8(text).replace(u'\'', QStringLiteral("''"));
}

QStringList insertMessage(int version, qint64 conversation, const Row &m)
{
    QString columns = QStringLiteral("id, conversation_id, position, role, content, thinking,"
                                     " state, error_text, stats, model, created_at, updated_at");
    QString values = QStringLiteral("%1, %2, %3, '%4', '%5', '%6', '%7', '%8', '%9', 'llama3',"
                                    " %10, %10")
                         .arg(m.id)
                         .arg(conversation)
                         .arg(m.position)
                         .arg(sqlText(m.role), sqlText(m.content), sqlText(m.thinking),
                              sqlText(m.state), sqlText(m.errorText), sqlText(m.stats))
                         .arg(kT0 + m.position * 1000);
    if (version >= 3) {
        columns += QStringLiteral(", thinking_ms");
        values += m.thinking[0] ? QStringLiteral(", 1500") : QStringLiteral(", -1");
    }
    if (version >= 6) {
        columns += QStringLiteral(", parent_id");
        values += m.parent ? QStringLiteral(", %1").arg(m.parent) : QStringLiteral(", NULL");
    }
    QStringList s{QStringLiteral("INSERT INTO messages (%1) VALUES (%2)").arg(columns, values)};
    if (version >= 5) // version 5 writes the pieces from code (MessageIndex), not triggers
        s << QStringLiteral("INSERT INTO messages_fts(rowid, content, thinking)"
                            " VALUES (%1, '%2', '%3')")
                 .arg(m.id * 65536)
                 .arg(sqlText(m.content), sqlText(m.thinking));
    return s;
}

// What a user of release `version` had in the file.
QStringList realData(int version)
{
    const qint64 deletedAt = QDateTime::currentMSecsSinceEpoch() - 10 * 60 * 1000;
    QStringList s{
        QStringLiteral("INSERT INTO conversations (id, title, title_custom, created_at,"
                       " updated_at, provider_id, model, system_prompt, settings) VALUES"
                       " (3, 'Rivers', 1, %1, %2, 'ollama', 'llama3', 'Be brief.',"
                       " '{\"temperature\":0.5}')")
            .arg(kT0)
            .arg(kT0 + 300000),
        // Deleted ten minutes ago: still there to restore.
        QStringLiteral("INSERT INTO conversations (id, title, created_at, updated_at,"
                       " deleted_at) VALUES (5, 'Binned lakes', %1, %1, %2)")
            .arg(kT0)
            .arg(deletedAt),
    };
    for (const Row &m : rows())
        s << insertMessage(version, 3, m);
    s << insertMessage(version, 5, {50, 0, "user", "a binned lake", "", "complete", "", "{}", 0});
    if (version >= 2)
        s << QStringLiteral("UPDATE conversations SET pinned = 1 WHERE id = 3");
    if (version >= 6) {
        s << insertMessage(
                 version, 3,
                 {14, 4, "assistant", "The Amazon, by some counts.", "", "complete", "", "{}", 10})
          << QStringLiteral("UPDATE conversations SET selected_message = 13 WHERE id = 3")
          << QStringLiteral("INSERT INTO conversations (id, title, title_custom, created_at,"
                            " updated_at, origin_conversation, origin_message) VALUES"
                            " (4, 'Rivers (branch)', 1, %1, %1, 3, 11)")
                 .arg(kT0 + 400000)
          << insertMessage(version, 4,
                           {40, 0, "user", "name a long river", "", "complete", "", "{}", 0});
    }
    if (version >= 7)
        s << QStringLiteral("INSERT INTO attachments (message_id, ordinal, kind, file_name,"
                            " media_type, byte_size, width, height, data, thumbnail) VALUES"
                            " (10, 0, 'image', 'nile.png', 'image/png', 9, 640, 480,"
                            " x'89504e470d0a1a0a00', x'89504e47')");
    if (version >= 8)
        s << QStringLiteral(
            "INSERT INTO tool_calls (message_id, calls) VALUES (11, '[{\"id\":\"call_1\","
            "\"name\":\"atlas\",\"server\":\"maps\",\"tool\":\"atlas\",\"arguments\":"
            "{\"q\":\"Nile\"},\"state\":\"ok\",\"result\":\"6650 km\",\"elapsed_ms\":42}]')");
    if (version >= 9)
        s << QStringLiteral("INSERT INTO thinking_blocks (message_id, blocks) VALUES (11,"
                            " '[{\"type\":\"thinking\",\"thinking\":\"look it up\","
                            "\"signature\":\"c2lnbmVk\"},{\"type\":\"redacted_thinking\","
                            "\"data\":\"ZW5jcnlwdGVk\"}]')");
    s << releasedSchemaMark(version);
    return s;
}

QStringList texts(const QList<ConversationMessage> &messages)
{
    QStringList result;
    for (const ConversationMessage &m : messages)
        result << m.content;
    return result;
}

} // namespace

class TestSchemaMigrations final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path() const { return m_dir.filePath(QStringLiteral("history.sqlite")); }

private Q_SLOTS:
    void init() { QFile::remove(path()); }

    void everyReleasedVersionOpensLosingNothing_data()
    {
        QTest::addColumn<int>("version");
        for (int v = 1; v <= kNewestReleasedSchema; ++v)
            QTest::addRow("version %d", v) << v;
    }

    void everyReleasedVersionOpensLosingNothing()
    {
        QFETCH(int, version);
        QVERIFY(version <= Schema::kCurrentVersion);
        QVERIFY(runSql(path(), releasedSchemaUpTo(version) + realData(version)));
        QCOMPARE(queryValue(path(), QStringLiteral("PRAGMA user_version")).toInt(), version);

        ConversationStore store;
        QVERIFY2(store.open(path()), qPrintable(store.errorString()));
        QCOMPARE(queryValue(path(), QStringLiteral("PRAGMA user_version")).toInt(),
                 Schema::kCurrentVersion);

        // The conversation as it was.
        const std::optional<Conversation> c = store.conversation(3);
        QVERIFY(c);
        QCOMPARE(c->title, QStringLiteral("Rivers"));
        QVERIFY(c->titleIsCustom);
        QCOMPARE(c->providerId, QStringLiteral("ollama"));
        QCOMPARE(c->model, QStringLiteral("llama3"));
        QCOMPARE(c->systemPrompt, QStringLiteral("Be brief."));
        QCOMPARE(c->settings.temperature.value_or(-1), 0.5);
        QCOMPARE(c->created.toMSecsSinceEpoch(), kT0);
        QCOMPARE(c->updated.toMSecsSinceEpoch(), kT0 + 300000);
        QCOMPARE(c->pinned, version >= 2);
        QCOMPARE(c->messageCount, version >= 6 ? 5 : 4);
        QCOMPARE(store.conversations().size(), version >= 6 ? 2 : 1);

        // Its messages, field by field, on the path that was shown.
        const QList<ConversationMessage> shown = store.messages(3);
        QCOMPARE(texts(shown),
                 (QStringList{QStringLiteral("name a long river"), QStringLiteral("The Nile."),
                              QStringLiteral("and another"), QStringLiteral("The Ama")}));
        for (int i = 0; i < shown.size(); ++i) {
            const ConversationMessage &m = shown.at(i);
            QCOMPARE(m.id, rows().at(i).id);
            QCOMPARE(m.role, QString::fromUtf8(rows().at(i).role));
            QCOMPARE(m.parentId, i ? shown.at(i - 1).id : 0);
            QCOMPARE(m.model, QStringLiteral("llama3"));
            QCOMPARE(m.created.toMSecsSinceEpoch(), kT0 + i * 1000);
        }
        QCOMPARE(shown.at(1).thinking, QStringLiteral("tributaries first"));
        QCOMPARE(shown.at(1).thinkingMs, version >= 3 ? qint64(1500) : qint64(-1));
        QCOMPARE(shown.at(1).stats.outputTokens, qint64(12));
        QCOMPARE(shown.at(1).stats.finishReason, QStringLiteral("stop"));
        QCOMPARE(shown.at(1).state, MessageState::Complete);
        QCOMPARE(shown.at(3).state, MessageState::Failed);
        QCOMPARE(shown.at(3).errorText, QStringLiteral("The server closed the connection."));
        QCOMPARE(store.interruptedOnOpen(), 0);

        // Search finds text, thinking and titles, and nothing of the deleted conversation.
        QCOMPARE(store.search(QStringLiteral("nile")).value(0).conversationId, qint64(3));
        const QList<SearchHit> thought = store.search(QStringLiteral("tributaries"));
        QCOMPARE(thought.size(), 1);
        QCOMPARE(thought.first().messageId, qint64(11));
        QVERIFY(thought.first().inThinking);
        QCOMPARE(store.search(QStringLiteral("rivers")).value(0).conversationId, qint64(3));
        QVERIFY(store.search(QStringLiteral("binned")).isEmpty());

        if (version >= 6) { // the tree, the path shown and the branch's origin
            QCOMPARE(store.allMessages(3).size(), 5);
            QCOMPARE(store.selectedMessage(3), qint64(13));
            QCOMPARE(store.tree(3).siblings(14).count, 2);
            QVERIFY(store.selectMessage(14));
            QCOMPARE(texts(store.messages(3)).last(),
                     QStringLiteral("The Amazon, by some counts."));
            QVERIFY(store.selectMessage(13));
            QCOMPARE(store.origin(4)->conversationId, qint64(3));
            QCOMPARE(store.origin(4)->messageId, qint64(11));
        }
        if (version >= 7) { // the image, bytes and thumbnail
            QCOMPARE(shown.first().attachments.size(), 1);
            const Attachment a = shown.first().attachments.first();
            QCOMPARE(a.fileName, QStringLiteral("nile.png"));
            QCOMPARE(a.mediaType, QStringLiteral("image/png"));
            QCOMPARE(a.pixelSize, QSize(640, 480));
            QCOMPARE(a.thumbnail, QByteArray::fromHex("89504e47"));
            QCOMPARE(store.attachmentData(a.id).value_or(QByteArray()),
                     QByteArray::fromHex("89504e470d0a1a0a00"));
        }
        if (version >= 8) { // the tool call and what became of it
            QCOMPARE(shown.at(1).toolCalls.size(), 1);
            const ToolCallRecord call = shown.at(1).toolCalls.first();
            QCOMPARE(call.name, QStringLiteral("atlas"));
            QCOMPARE(call.server, QStringLiteral("maps"));
            QCOMPARE(call.state, ToolCallRecord::State::Ok);
            QCOMPARE(call.resultText, QStringLiteral("6650 km"));
            QCOMPARE(call.elapsedMs, qint64(42));
        }
        if (version >= 9) { // the round's thinking blocks, exactly as they came
            const QJsonArray blocks = shown.at(1).stats.thinkingBlocks;
            const auto field = [&blocks](int i, const char *key) {
                return blocks.at(i).toObject().value(QLatin1StringView(key)).toString();
            };
            QCOMPARE(blocks.size(), 2);
            QCOMPARE(field(0, "signature"), QStringLiteral("c2lnbmVk"));
            QCOMPARE(field(0, "thinking"), QStringLiteral("look it up"));
            QCOMPARE(field(1, "type"), QStringLiteral("redacted_thinking"));
            QCOMPARE(field(1, "data"), QStringLiteral("ZW5jcnlwdGVk"));
        } else { // none are made up for an older round (its answer is asked without thinking)
            QVERIFY(shown.at(1).stats.thinkingBlocks.isEmpty());
        }

        // The deleted conversation is still deleted, and can still be restored.
        QVERIFY(!store.conversation(5));
        QVERIFY(store.restoreConversation(5));
        QCOMPARE(texts(store.messages(5)), QStringList{QStringLiteral("a binned lake")});

        // The conversation goes on as a new one does: another version of the last reply.
        ConversationMessage again;
        again.role = QStringLiteral("assistant");
        again.content = QStringLiteral("The Yangtze.");
        again.parentId = 12;
        const std::optional<ConversationMessage> added = store.addMessage(3, again);
        QVERIFY2(added, qPrintable(store.errorString()));
        QCOMPARE(texts(store.messages(3)).last(), QStringLiteral("The Yangtze."));
        QCOMPARE(store.tree(3).siblings(added->id).count, 2);
        QCOMPARE(store.search(QStringLiteral("yangtze")).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSchemaMigrations)
#include "tst_schemamigrations.moc"
