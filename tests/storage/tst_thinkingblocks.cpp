// The thinking blocks of a tool round in the history (schema version 9): a streamed reply's
// blocks (thinking with its signature, redacted_thinking with its data) are kept when it ends
// and read back unchanged after the database is closed and opened (a restart); an edit of the
// message keeps them; they go with their message. Markdown exports show none of their
// signatures or encrypted data; JSON exports carry them (with the thinking) and import them.
#include "core/storage/conversationexport.h"
#include "core/storage/conversationstore.h"
#include "core/storage/streamingsaver.h"
#include "storagetestutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Sluice;

namespace {

const char kSignature[] = "EqQBCkYIBRgCIkBzaWduZWQtYnktdGhlLWFwaQ==";
const char kRedacted[] = "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP";

QJsonArray sampleBlocks()
{
    return {
        QJsonObject{{QStringLiteral("type"), QStringLiteral("thinking")},
                    {QStringLiteral("thinking"), QStringLiteral("The notes are in a file.")},
                    {QStringLiteral("signature"), QString::fromLatin1(kSignature)}},
        QJsonObject{{QStringLiteral("type"), QStringLiteral("redacted_thinking")},
                    {QStringLiteral("data"), QString::fromLatin1(kRedacted)}},
    };
}

ToolCallRecord sampleCall()
{
    ToolCallRecord c;
    c.callId = QStringLiteral("toolu_1");
    c.name = QStringLiteral("read_file");
    c.server = QStringLiteral("files");
    c.tool = QStringLiteral("read_file");
    c.state = ToolCallRecord::State::Ok;
    c.resultText = QStringLiteral("milk, eggs");
    return c;
}

ConversationMessage roundMessage()
{
    ConversationMessage a;
    a.role = QStringLiteral("assistant");
    a.thinking = QStringLiteral("The notes are in a file.");
    a.toolCalls = {sampleCall()};
    a.stats.thinkingBlocks = sampleBlocks();
    return a;
}

} // namespace

class TestThinkingBlocks final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keptAcrossRestart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        qint64 conversationId = 0;
        qint64 messageId = 0;
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
            // As the window saves a reply: added streaming, its text as it comes, then its end
            // with the statistics that carry the blocks.
            ConversationMessage a;
            a.role = QStringLiteral("assistant");
            a.state = MessageState::Streaming;
            const auto added = store.addMessage(c->id, a);
            QVERIFY(added);
            messageId = added->id;
            StreamingSaver saver(&store, messageId);
            saver.appendThinking(u"The notes are in a file.");
            ReplyStats stats;
            stats.finishReason = QStringLiteral("tool_use");
            stats.thinkingBlocks = sampleBlocks();
            QVERIFY(saver.finish(MessageState::Complete, {}, stats, QStringLiteral("claude")));
            QVERIFY(store.saveToolCalls(messageId, {sampleCall()}));
        }
        ConversationStore store;
        QVERIFY(store.open(path));
        const QList<ConversationMessage> messages = store.messages(conversationId);
        QCOMPARE(messages.size(), 2);
        QVERIFY(messages.at(0).stats.thinkingBlocks.isEmpty());
        QCOMPARE(messages.at(1).stats.thinkingBlocks, sampleBlocks());
        QCOMPARE(messages.at(1).stats.finishReason, QStringLiteral("tool_use"));
        QCOMPARE(store.message(messageId)->stats.thinkingBlocks, sampleBlocks());
        QCOMPARE(store.lastMessages(conversationId, 1).first().stats.thinkingBlocks,
                 sampleBlocks());

        // An edit (the message read, changed, written) keeps them.
        ConversationMessage edited = *store.message(messageId);
        edited.content = QStringLiteral("Let me look.");
        QVERIFY(store.updateMessage(edited));
        QCOMPARE(store.message(messageId)->stats.thinkingBlocks, sampleBlocks());
        // Nothing of a signature is searchable.
        QVERIFY(store.search(QStringLiteral("EqQBCkYIBRgCIkBzaWduZWQ")).isEmpty());

        QVERIFY(store.removeMessagesFrom(conversationId, 1));
        QCOMPARE(SluiceTest::queryValue(path, QStringLiteral("SELECT count(*) FROM thinking_blocks"))
                     .toInt(),
                 0);
    }

    void markdownShowsNoSignatures()
    {
        Conversation c;
        c.title = QStringLiteral("Notes");
        const QString md = ConversationExport::toMarkdown(c, {roundMessage()});
        QVERIFY2(md.contains(QStringLiteral("The notes are in a file.")), qPrintable(md));
        QVERIFY2(!md.contains(QString::fromLatin1(kSignature)), qPrintable(md));
        QVERIFY2(!md.contains(QString::fromLatin1(kRedacted)), qPrintable(md));
        QVERIFY2(!md.contains(QStringLiteral("redacted_thinking")), qPrintable(md));
    }

    void jsonCarriesThemAndImports()
    {
        Conversation c;
        c.title = QStringLiteral("Notes");
        const QByteArray json = ConversationExport::toJson(c, {roundMessage()});
        const QJsonObject message =
            QJsonDocument::fromJson(json).object().value(u"messages").toArray().first().toObject();
        QCOMPARE(message.value(u"thinkingBlocks").toArray(), sampleBlocks());
        // Not among the statistics: one place for them.
        QVERIFY(!message.value(u"stats").toObject().contains(u"thinkingBlocks"));

        QString error;
        const auto back = ConversationExport::fromJson(json, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->messages.first().stats.thinkingBlocks, sampleBlocks());
        ConversationStore store;
        QVERIFY(store.openInMemory());
        const auto id = store.importConversation(back->conversation, back->messages);
        QVERIFY(id);
        QCOMPARE(store.messages(*id).first().stats.thinkingBlocks, sampleBlocks());

        // Exported without the thinking: without the blocks too (they hold its text).
        ExportOptions options;
        options.includeThinking = false;
        const QByteArray bare = ConversationExport::toJson(c, {roundMessage()}, options);
        QVERIFY(!bare.contains("thinkingBlocks"));
        QVERIFY(!bare.contains(kSignature));
        QVERIFY(!bare.contains("The notes are in a file."));
    }
};

QTEST_GUILESS_MAIN(TestThinkingBlocks)
#include "tst_thinkingblocks.moc"
