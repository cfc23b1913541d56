// Searching every conversation: ranking, prefix matches as the user types, snippets with
// the match marked, FTS syntax in the input treated as text, and the index kept in sync.
#include "storage/conversationstore.h"
#include "storage/historysearch.h"

#include <QTest>

using namespace Sluice;

class TestHistorySearch final : public QObject
{
    Q_OBJECT

    ConversationStore m_store;

    qint64 addConversation(const QString &title, const QStringList &texts)
    {
        Conversation draft;
        draft.title = title;
        const qint64 id = m_store.createConversation(draft)->id;
        for (const QString &text : texts) {
            StoredMessage m;
            m.role = QStringLiteral("assistant");
            m.content = text;
            m_store.addMessage(id, m);
        }
        return id;
    }

private Q_SLOTS:
    void init() { QVERIFY(m_store.openInMemory()); }

    void bestMatchComesFirst()
    {
        addConversation(QStringLiteral("Cooking"),
                        {QStringLiteral("A long text about pasta, sauces, ovens, knives, "
                                        "cutting boards, and once, briefly, an otter.")});
        const qint64 otters = addConversation(
            QStringLiteral("Otters"), {QStringLiteral("Otter facts: an otter holds hands.")});
        addConversation(QStringLiteral("Unrelated"), {QStringLiteral("Nothing to see here.")});

        const QList<SearchHit> hits = m_store.search(QStringLiteral("otter"));
        QCOMPARE(hits.size(), 2);
        QCOMPARE(hits.at(0).conversationId, otters);
        QCOMPARE(hits.at(0).title, QStringLiteral("Otters"));
        QVERIFY(hits.at(0).score <= hits.at(1).score);
        QVERIFY(hits.at(0).messageId > 0);
        QCOMPARE(hits.at(0).role, QStringLiteral("assistant"));
    }

    void prefixFindsWordsAsTheUserTypes()
    {
        addConversation(QStringLiteral("Greeting"), {QStringLiteral("Hello, world")});
        QCOMPARE(m_store.search(QStringLiteral("hel")).size(), 1);
        QCOMPARE(m_store.search(QStringLiteral("HEL wor")).size(), 1);
        QCOMPARE(m_store.search(QStringLiteral("hel xyz")).size(), 0); // every word must match
        QCOMPARE(m_store.search(QStringLiteral("ello")).size(), 0);    // prefixes, not infixes
        // Accents are folded: "cafe" finds "café".
        addConversation(QStringLiteral("Paris"), {QStringLiteral("Un café au lait")});
        QCOMPARE(m_store.search(QStringLiteral("cafe")).size(), 1);
    }

    void snippetMarksTheMatch()
    {
        addConversation(QStringLiteral("T"),
                        {QStringLiteral("before <b>tag</b> the needle after")});
        const QList<SearchHit> hits = m_store.search(QStringLiteral("need"));
        QCOMPARE(hits.size(), 1);
        const SearchHit &hit = hits.first();
        QCOMPARE(hit.highlights.size(), 1);
        QCOMPARE(hit.snippet.mid(hit.highlights[0].start, hit.highlights[0].length),
                 QStringLiteral("needle"));
        QCOMPARE(hit.markedSnippet(QStringLiteral("["), QStringLiteral("]")),
                 QStringLiteral("before <b>tag</b> the [needle] after"));
        // The HTML form escapes the message's own markup.
        QVERIFY(hit.snippetHtml().contains(QStringLiteral("&lt;b&gt;tag")));
        QVERIFY(hit.snippetHtml().contains(QStringLiteral("<b>needle</b>")));
    }

    void ftsSyntaxInTheInputIsJustText_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<int>("expected");
        QTest::newRow("quote") << QStringLiteral("\"") << 0;
        QTest::newRow("unbalanced quote") << QStringLiteral("say \"hi") << 1;
        QTest::newRow("operators") << QStringLiteral("AND OR NOT") << 1;
        QTest::newRow("near") << QStringLiteral("NEAR(a b)") << 0;
        QTest::newRow("star") << QStringLiteral("*") << 0;
        QTest::newRow("column filter") << QStringLiteral("content:hi") << 1;
        QTest::newRow("caret and minus") << QStringLiteral("^hi -say") << 1;
        QTest::newRow("sql") << QStringLiteral("'); DROP TABLE messages; --") << 0;
        QTest::newRow("parentheses") << QStringLiteral("(say") << 1;
        QTest::newRow("only spaces") << QStringLiteral("   ") << 0;
        QTest::newRow("control characters") << QStringLiteral("s\x02"
                                                              "ay")
                                            << 1;
    }

    void ftsSyntaxInTheInputIsJustText()
    {
        QFETCH(QString, input);
        QFETCH(int, expected);
        addConversation(QStringLiteral("Syntax"),
                        {QStringLiteral("say hi AND OR NOT content: hi DROP TABLE")});
        const QList<SearchHit> hits = m_store.search(input);
        QVERIFY2(m_store.errorString().isEmpty(), qPrintable(m_store.errorString()));
        QCOMPARE(hits.size(), expected);
        QCOMPARE(m_store.conversations().size(), 1); // nothing dropped
    }

    void matchExpressionQuotesEveryWord()
    {
        QCOMPARE(HistorySearch::matchExpression(QStringLiteral("a \"b")),
                 QStringLiteral("\"a\"* \"\"\"b\"*"));
        QCOMPARE(HistorySearch::matchExpression(QStringLiteral("- * ()")), QString());
    }

    void matchRangesMarkWhatTheIndexMatches()
    {
        const QString text =
            QStringLiteral("Otters hold hands; a hotter café, an OTTER's cafe-au-lait.");
        const auto words = [&](const QString &search) {
            QStringList result;
            for (const SearchHit::Range &r : HistorySearch::matchRanges(text, search))
                result << text.mid(r.start, r.length);
            return result;
        };
        QCOMPARE(words(QStringLiteral("otter")),
                 (QStringList{QStringLiteral("Otters"), QStringLiteral("OTTER")}));
        QCOMPARE(
            words(QStringLiteral("cafe HANDS")),
            (QStringList{QStringLiteral("hands"), QStringLiteral("café"), QStringLiteral("cafe")}));
        QCOMPARE(words(QStringLiteral("\"ott*\"")),
                 (QStringList{QStringLiteral("Otters"), QStringLiteral("OTTER")}));
        QVERIFY(words(QStringLiteral("  ")).isEmpty());
        QVERIFY(words(QStringLiteral("tter")).isEmpty()); // words are matched from their start

        // The same words the index finds.
        const qint64 id = m_store.createConversation()->id;
        StoredMessage m;
        m.role = QStringLiteral("user");
        m.content = text;
        m_store.addMessage(id, m);
        for (const QString &search :
             {QStringLiteral("otter"), QStringLiteral("cafe"), QStringLiteral("hot")}) {
            const QList<SearchHit> hits = m_store.search(search);
            QCOMPARE(hits.size(), 1);
            QStringList indexWords;
            for (const SearchHit::Range &r : hits.first().highlights)
                indexWords << hits.first().snippet.mid(r.start, r.length);
            QCOMPARE(words(search), indexWords);
        }
    }

    void aReplyIsFoundOnceItStopsStreaming()
    {
        const qint64 id = addConversation(QStringLiteral("Live"), {});
        StoredMessage reply;
        reply.role = QStringLiteral("assistant");
        reply.state = StoredMessage::State::Streaming;
        StoredMessage stored = *m_store.addMessage(id, reply);
        QVERIFY(m_store.updateStreamingText(stored.id, QStringLiteral("growing draft"), {}));
        QCOMPARE(m_store.search(QStringLiteral("growing")).size(), 0);
        stored.content = QStringLiteral("finished answer");
        stored.state = StoredMessage::State::Complete;
        QVERIFY(m_store.updateMessage(stored));
        QCOMPARE(m_store.search(QStringLiteral("growing")).size(), 0);
        QCOMPARE(m_store.search(QStringLiteral("finished")).size(), 1);
        // Later edits replace the indexed text, once.
        stored.content = QStringLiteral("finished answer, edited");
        QVERIFY(m_store.updateMessage(stored));
        QCOMPARE(m_store.search(QStringLiteral("finished")).size(), 1);
        QCOMPARE(m_store.search(QStringLiteral("edited")).size(), 1);
        QVERIFY(m_store.removeMessagesFrom(id, 0));
        QCOMPARE(m_store.search(QStringLiteral("finished")).size(), 0);
    }

    void indexFollowsEditsDeletesAndUndo()
    {
        const qint64 id = addConversation(QStringLiteral("Edits"), {QStringLiteral("draft")});
        StoredMessage message = m_store.messages(id).first();
        message.content = QStringLiteral("final wording");
        QVERIFY(m_store.updateMessage(message));
        QCOMPARE(m_store.search(QStringLiteral("draft")).size(), 0);
        QCOMPARE(m_store.search(QStringLiteral("wording")).size(), 1);

        QVERIFY(m_store.deleteConversation(id));
        QCOMPARE(m_store.search(QStringLiteral("wording")).size(), 0);
        QVERIFY(m_store.restoreConversation(id));
        QCOMPARE(m_store.search(QStringLiteral("wording")).size(), 1);
        QVERIFY(m_store.deleteConversation(id));
        QCOMPARE(m_store.purgeDeleted(), 1);
        QCOMPARE(m_store.search(QStringLiteral("wording")).size(), 0);
    }

    void aVeryCommonWordRanksItsNewestMatches()
    {
        // The best match is old; with a ranking window of 3 only the newest 3 are ranked.
        const qint64 old = addConversation(QStringLiteral("Old"), {QStringLiteral("kiwi kiwi")});
        const qint64 recent =
            addConversation(QStringLiteral("Recent"),
                            {QStringLiteral("kiwi and a great many other words around it, one"),
                             QStringLiteral("kiwi and a great many other words around it, two"),
                             QStringLiteral("kiwi and a great many other words around it, three")});
        QCOMPARE(m_store.search(QStringLiteral("kiwi")).first().conversationId, old);

        m_store.setSearchRankWindow(3);
        const QList<SearchHit> hits = m_store.search(QStringLiteral("kiwi"));
        m_store.setSearchRankWindow(HistorySearch::kDefaultRankWindow);
        QCOMPARE(hits.size(), 3);
        for (const SearchHit &hit : hits)
            QCOMPARE(hit.conversationId, recent);
    }

    void limitHoldsEvenWhenDeletedConversationsMatchFirst()
    {
        // Many strong matches in a deleted conversation must not crowd out live ones.
        QStringList strong;
        for (int i = 0; i < 40; ++i)
            strong << QStringLiteral("zebra zebra zebra");
        const qint64 deleted = addConversation(QStringLiteral("Deleted"), strong);
        const qint64 live = addConversation(
            QStringLiteral("Live"),
            {QStringLiteral("one zebra among many other words in a much longer message"),
             QStringLiteral("a second zebra, also in a long and wordy message text")});
        QVERIFY(m_store.deleteConversation(deleted));
        const QList<SearchHit> hits = m_store.search(QStringLiteral("zebra"), 2);
        QCOMPARE(hits.size(), 2);
        QCOMPARE(hits.at(0).conversationId, live);
        QCOMPARE(hits.at(1).conversationId, live);
    }
};

QTEST_GUILESS_MAIN(TestHistorySearch)
#include "tst_historysearch.moc"
