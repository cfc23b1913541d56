// Long messages in the search index (schema version 5): a message is indexed as pieces of at
// most 256 KiB (so that indexing a 40 MB reply takes bounded memory, issue 14.6), and search
// still finds it by any part, as one result, with words that span a cut; edits, deletes,
// streamed replies and databases of version 4 keep the pieces in step.
#include "core/storage/conversationstore.h"
#include "core/storage/messageindex.h"
#include "core/storage/schema.h"
#include "releasedschema.h"
#include "storagetestutil.h"

#include <QStringDecoder>
#include <QTemporaryDir>
#include <QTest>

using namespace Sluice;
using namespace SluiceTest;

namespace {

// "lorem12 " over and over: every word is 7 bytes and a space, so a word can be swapped for
// another of the same length without moving any cut.
QString filler(qsizetype bytes)
{
    return QStringLiteral("lorem12 ").repeated(bytes / 8);
}

// Where the first piece of `text` ends, in characters (the filler is ASCII).
qsizetype firstCut(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    return MessageIndex::cut(QByteArrayView(utf8).first(MessageIndex::kPieceBytes), false).end;
}

ConversationMessage message(const QString &role, const QString &content,
                            MessageState state = MessageState::Complete)
{
    ConversationMessage m;
    m.role = role;
    m.content = content;
    m.state = state;
    return m;
}

} // namespace

class TestMessagePieces final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Pieces end between words or at least between characters, never inside one, overlap,
    // and together hold the whole text in order.
    void piecesCoverTheTextOnCharacterBoundaries_data()
    {
        QTest::addColumn<QString>("unit");
        QTest::newRow("words") << QStringLiteral("otters hold hands, ");
        QTest::newRow("no separators") << QStringLiteral("ä€𝄞日本語");
        QTest::newRow("one long word") << QStringLiteral("x");
    }
    void piecesCoverTheTextOnCharacterBoundaries()
    {
        QFETCH(QString, unit);
        const QByteArray text = unit.repeated(3 * 1024 * 1024 / unit.toUtf8().size()).toUtf8();
        qsizetype start = 0;
        qsizetype previousEnd = 0;
        int pieces = 0;
        for (;;) {
            const qsizetype length = qMin(MessageIndex::kPieceBytes, text.size() - start);
            const bool last = start + length == text.size();
            const MessageIndex::Cut cut =
                MessageIndex::cut(QByteArrayView(text).sliced(start, length), last);
            QVERIFY(cut.end > 0 && cut.end <= length);
            QVERIFY(cut.next > 0 && cut.next <= cut.end);
            const QByteArray piece = text.sliced(start, cut.end);
            QStringDecoder decoder(QStringDecoder::Utf8);
            const QString decoded = decoder(piece);
            QVERIFY2(!decoder.hasError(), "a piece cut a character in two");
            QVERIFY(start <= previousEnd); // no gap between pieces
            if (pieces > 0 && unit.contains(u' '))
                QVERIFY(previousEnd - start >= MessageIndex::kOverlapBytes / 2);
            previousEnd = start + cut.end;
            ++pieces;
            if (last)
                break;
            start += cut.next;
        }
        QCOMPARE(previousEnd, text.size());
        QVERIFY(pieces >= 12);
    }

    void aLongMessageIsFoundByAnyPartAsOneResult()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        ConversationStore store;
        QVERIFY2(store.open(path), qPrintable(store.errorString()));
        const qint64 conversation = store.createConversation()->id;
        QVERIFY(store.addMessage(conversation, message(QStringLiteral("user"),
                                                        QStringLiteral("tell me a lot"))));
        // About 700 KB: three pieces. Two words stand on either side of the first cut, one
        // word at the very end.
        QString text = filler(700 * 1024) + QStringLiteral("zebracorn");
        const qsizetype cut = firstCut(text);
        QCOMPARE(text.at(cut - 1), u' ');
        text.replace(cut - 8, 7, QStringLiteral("quokkas"));
        text.replace(cut, 7, QStringLiteral("wombats"));
        QCOMPARE(firstCut(text), cut);
        ConversationMessage reply = message(QStringLiteral("assistant"), text);
        const std::optional<ConversationMessage> stored = store.addMessage(conversation, reply);
        QVERIFY2(stored, qPrintable(store.errorString()));
        QVERIFY(queryValue(path, QStringLiteral("SELECT count(*) FROM messages_fts")).toInt() >=
                4); // the question and three pieces

        const QList<SearchHit> last = store.search(QStringLiteral("zebracorn"));
        QCOMPARE(last.size(), 1);
        QCOMPARE(last.first().messageId, stored->id);
        QVERIFY(last.first().snippet.startsWith(u'…'));
        QVERIFY(last.first().snippet.endsWith(QStringLiteral("zebracorn")));
        const QList<SearchHit> spanning = store.search(QStringLiteral("quokkas wombats"));
        QCOMPARE(spanning.size(), 1);
        QCOMPARE(spanning.first().messageId, stored->id);
        QVERIFY2(spanning.first().snippet.contains(QStringLiteral("quokkas lorem12 wombats")) ||
                     spanning.first().snippet.contains(QStringLiteral("quokkas wombats")),
                 qPrintable(spanning.first().snippet));
        // A word in every piece: still one result, one matching message.
        const QList<SearchHit> everywhere = store.search(QStringLiteral("lorem12"));
        QCOMPARE(everywhere.size(), 1);
        QCOMPARE(everywhere.first().matchCount, 1);
        QVERIFY(everywhere.first().snippet.endsWith(u'…'));

        // An edit replaces the pieces; a delete removes them.
        reply = *stored;
        reply.content = QStringLiteral("short now, about wombats");
        QVERIFY2(store.updateMessage(reply), qPrintable(store.errorString()));
        QCOMPARE(store.search(QStringLiteral("zebracorn")).size(), 0);
        QCOMPARE(store.search(QStringLiteral("quokkas")).size(), 0);
        QCOMPARE(store.search(QStringLiteral("wombats")).size(), 1);
        QCOMPARE(queryValue(path, QStringLiteral("SELECT count(*) FROM messages_fts")).toInt(), 2);
        QVERIFY(store.removeMessagesFrom(conversation, 1));
        QCOMPARE(store.search(QStringLiteral("wombats")).size(), 0);
        QCOMPARE(queryValue(path, QStringLiteral("SELECT count(*) FROM messages_fts")).toInt(), 1);
        // Purging the conversation takes the rest.
        QVERIFY(store.deleteConversation(conversation));
        QVERIFY(store.purgeDeleted() == 1);
        QCOMPARE(queryValue(path, QStringLiteral("SELECT count(*) FROM messages_fts")).toInt(), 0);
    }

    // A streamed reply is saved in increments and indexed once, when it ends; its thinking
    // is found too.
    void aStreamedReplyIsIndexedWhenItEnds()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        ConversationStore store;
        QVERIFY2(store.open(path), qPrintable(store.errorString()));
        const qint64 conversation = store.createConversation()->id;
        const ConversationMessage reply =
            message(QStringLiteral("assistant"), QString(), MessageState::Streaming);
        const qint64 id = store.addMessage(conversation, reply)->id;
        for (int i = 0; i < 6; ++i) {
            QVERIFY(store.appendReplyText(id, filler(100 * 1024).toUtf8(),
                                          filler(60 * 1024).toUtf8(), false, std::nullopt));
            QCOMPARE(queryValue(path, QStringLiteral("SELECT count(*) FROM messages_fts")).toInt(),
                     0);
        }
        QVERIFY(store.appendReplyText(id, "narwhal", "kraken", false,
                                      ReplyEnd{}));
        QCOMPARE(store.message(id)->state, MessageState::Complete);
        QCOMPARE(queryValue(path, QStringLiteral("SELECT count(*) FROM messages_fts")).toInt(), 3);
        const QList<SearchHit> content = store.search(QStringLiteral("narwhal"));
        QCOMPARE(content.size(), 1);
        QVERIFY(!content.first().inThinking);
        const QList<SearchHit> thinking = store.search(QStringLiteral("kraken"));
        QCOMPARE(thinking.size(), 1);
        QCOMPARE(thinking.first().messageId, id);
        QVERIFY(thinking.first().inThinking);
        QVERIFY(thinking.first().snippet.endsWith(QStringLiteral("kraken")));
    }

    // A database of version 4 (each message one row) is indexed in pieces when it opens, and
    // everything it held is found.
    void migratesFromVersion4()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        const QString longText = filler(600 * 1024) + QStringLiteral("zebracorn");
        QStringList statements = releasedSchemaUpTo(4) << releasedSchemaMark(4);
        statements
            << QStringLiteral("INSERT INTO conversations (id, title, created_at, updated_at)"
                              " VALUES (3, 'Sea life', 1700000000000, 1700000000000)")
            << QStringLiteral("INSERT INTO messages (id, conversation_id, position, role,"
                              " content, thinking, state, created_at, updated_at) VALUES"
                              " (1, 3, 0, 'user', 'what eats kelp', 'urchins maybe', 'complete',"
                              " 1700000000000, 1700000000000)")
            << QStringLiteral("INSERT INTO messages (id, conversation_id, position, role,"
                              " content, state, created_at, updated_at) VALUES"
                              " (2, 3, 1, 'assistant', '%1', 'complete',"
                              " 1700000000000, 1700000000000)")
                   .arg(longText)
            << QStringLiteral("INSERT INTO messages (id, conversation_id, position, role,"
                              " content, state, created_at, updated_at) VALUES"
                              " (3, 3, 2, 'assistant', 'sea otters', 'streaming',"
                              " 1700000000000, 1700000000000)");
        QVERIFY(runSql(path, statements));
        // Version 4 indexed the two that were not streaming, one row each.
        QCOMPARE(
            queryValue(path, QStringLiteral("SELECT count(*) FROM messages_fts_docsize")).toInt(),
            2);

        ConversationStore store;
        QVERIFY2(store.open(path), qPrintable(store.errorString()));
        QCOMPARE(queryValue(path, QStringLiteral("PRAGMA user_version")).toInt(),
                 Schema::kCurrentVersion);
        QCOMPARE(store.messages(3).at(1).content, longText);
        QVERIFY(queryValue(path, QStringLiteral("SELECT count(*) FROM messages_fts"
                                                " WHERE rowid / 65536 = 2"))
                    .toInt() >= 3);
        const QList<SearchHit> last = store.search(QStringLiteral("zebracorn"));
        QCOMPARE(last.size(), 1);
        QCOMPARE(last.first().messageId, 2);
        const QList<SearchHit> thinking = store.search(QStringLiteral("urchins"));
        QCOMPARE(thinking.size(), 1);
        QVERIFY(thinking.first().inThinking);
        // The reply that was streaming is marked interrupted, and now found.
        QCOMPARE(store.interruptedOnOpen(), 1);
        QCOMPARE(store.search(QStringLiteral("otters")).size(), 1);
        QCOMPARE(store.search(QStringLiteral("sea")).size(), 1); // title and message: one hit
    }
};

QTEST_GUILESS_MAIN(TestMessagePieces)
#include "tst_messagepieces.moc"
