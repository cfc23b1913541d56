// Tool calls in the history: kept with their message (schema version 8) and shown again after
// the database is closed and opened (a restart), replaced as they change, gone with their
// message; exported readable to Markdown (inert: nothing inside can close its fence) and
// complete to JSON, and imported back.
#include "core/storage/conversationexport.h"
#include "core/storage/conversationstore.h"
#include "core/storage/schema.h"
#include "storagetestutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Sluice;

namespace {

QList<ToolCallRecord> sampleCalls()
{
    ToolCallRecord a;
    a.callId = QStringLiteral("call_1");
    a.name = QStringLiteral("read_file");
    a.server = QStringLiteral("files");
    a.tool = QStringLiteral("read_file");
    a.arguments = QJsonObject{{QStringLiteral("path"), QStringLiteral("notes.txt")}};
    a.state = ToolCallRecord::State::Ok;
    a.resultText = QStringLiteral("milk ``` </details> <img src=x>");
    a.content = QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                       {QStringLiteral("text"), a.resultText}}};
    a.elapsedMs = 40;
    ToolCallRecord b;
    b.callId = QStringLiteral("call_2");
    b.name = QStringLiteral("now");
    b.server = QStringLiteral("clock");
    b.tool = QStringLiteral("now");
    b.state = ToolCallRecord::State::Denied;
    b.resultText = QStringLiteral("The user did not allow this tool call.");
    return {a, b};
}

} // namespace

class TestToolCallHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keptAcrossRestart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        qint64 conversationId = 0;
        {
            ConversationStore store;
            QVERIFY(store.open(path));
            const auto c = store.createConversation();
            QVERIFY(c);
            conversationId = c->id;
            ConversationMessage q;
            q.role = QStringLiteral("user");
            q.content = QStringLiteral("notes?");
            QVERIFY(store.addMessage(c->id, q));
            ConversationMessage a;
            a.role = QStringLiteral("assistant");
            const auto added = store.addMessage(c->id, a);
            QVERIFY(added);
            QList<ToolCallRecord> calls = sampleCalls();
            calls[1].state = ToolCallRecord::State::Running; // the app ends during the call
            QVERIFY(store.saveToolCalls(added->id, calls));
        }
        QCOMPARE(SluiceTest::queryValue(path, QStringLiteral("PRAGMA user_version")).toInt(),
                 Schema::kCurrentVersion);
        ConversationStore store;
        QVERIFY(store.open(path));
        const QList<ConversationMessage> messages = store.messages(conversationId);
        QCOMPARE(messages.size(), 2);
        QVERIFY(messages.at(0).toolCalls.isEmpty());
        QList<ToolCallRecord> expected = sampleCalls();
        expected[1].state = ToolCallRecord::State::Cancelled; // it never finished
        QCOMPARE(messages.at(1).toolCalls, expected);
        QCOMPARE(store.lastMessages(conversationId, 1).first().toolCalls, expected);
        // Found by what a call was given and what it answered.
        for (const QString &words : {u"notes.txt"_qs, u"milk"_qs}) {
            const QList<SearchHit> hits = store.search(words);
            QCOMPARE(hits.size(), 1);
            QCOMPARE(hits.first().messageId, messages.at(1).id);
            QVERIFY2(hits.first().snippet.contains(words), qPrintable(hits.first().snippet));
        }

        QVERIFY(store.removeMessagesFrom(conversationId, 1));
        QCOMPARE(SluiceTest::queryValue(path, QStringLiteral("SELECT count(*) FROM tool_calls")).toInt(), 0);
    }

    void markdownIsReadableAndInert()
    {
        Conversation c;
        c.title = QStringLiteral("Notes");
        ConversationMessage a;
        a.role = QStringLiteral("assistant");
        a.toolCalls = sampleCalls();
        const QString md = ConversationExport::toMarkdown(c, {a});
        QVERIFY2(md.contains(u"<summary>Tool call: files / read_file — answered, 40 ms</summary>"_qs),
                 qPrintable(md));
        QVERIFY(md.contains(u"<summary>Tool call: clock / now — not allowed</summary>"_qs));
        QVERIFY(md.contains(u"```json\n{\n    \"path\": \"notes.txt\"\n}\n```"_qs));
        // The result holds ``` : its fence is longer, so the text stays inside it.
        QVERIFY(md.contains(u"````text\nmilk ``` </details> <img src=x>\n````"_qs));
    }

    void jsonIsCompleteAndImports()
    {
        Conversation c;
        c.title = QStringLiteral("Notes");
        ConversationMessage a;
        a.role = QStringLiteral("assistant");
        a.toolCalls = sampleCalls();
        const QByteArray json = ConversationExport::toJson(c, {a});
        const QJsonObject root = QJsonDocument::fromJson(json).object();
        QCOMPARE(root.value(u"version").toInt(), 2);
        const QJsonObject first = root.value(u"messages").toArray().first().toObject()
                                      .value(u"toolCalls").toArray().first().toObject();
        QCOMPARE(first.value(u"content").toArray(), sampleCalls().first().content);
        QCOMPARE(first.value(u"elapsed_ms").toInt(), 40);
        QString error;
        const auto back = ConversationExport::fromJson(json, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->messages.first().toolCalls, sampleCalls());

        ConversationStore store;
        QVERIFY(store.openInMemory());
        const auto id = store.importConversation(back->conversation, back->messages);
        QVERIFY(id);
        QCOMPARE(store.messages(*id).first().toolCalls, sampleCalls());
    }
};

QTEST_GUILESS_MAIN(TestToolCallHistory)
#include "tst_toolcallhistory.moc"
