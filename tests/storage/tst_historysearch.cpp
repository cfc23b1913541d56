// Searching every conversation: ranking, prefix matches as the user types, snippets with
// the match marked, FTS syntax in the input treated as text, and the index kept in sync.
#include "core/storage/conversationstore.h"
#include "core/storage/historysearch.h"

#include <QTest>

#include <algorithm>

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
            ConversationMessage m;
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
        ConversationMessage m;
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
        ConversationMessage reply;
        reply.role = QStringLiteral("assistant");
        reply.state = MessageState::Streaming;
        ConversationMessage stored = *m_store.addMessage(id, reply);
        QVERIFY(m_store.updateStreamingText(stored.id, QStringLiteral("growing draft"), {}));
        QCOMPARE(m_store.search(QStringLiteral("growing")).size(), 0);
        stored.content = QStringLiteral("finished answer");
        stored.state = MessageState::Complete;
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
        ConversationMessage message = m_store.messages(id).first();
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
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits.first().conversationId, recent);
        QCOMPARE(hits.first().matchCount, 3);
        QVERIFY(hits.first().moreMatches); // older matches were not looked at
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
        addConversation(
            QStringLiteral("Other"),
            {QStringLiteral("a zebra in a message that is longer than all of the others here, "
                            "with even more words around the one match")});
        addConversation(QStringLiteral("Third"),
                        {QStringLiteral("the weakest zebra of all, in the longest message of "
                                        "them all, which goes on and on and on about nothing")});
        QVERIFY(m_store.deleteConversation(deleted));
        const QList<SearchHit> hits = m_store.search(QStringLiteral("zebra"), 2);
        QCOMPARE(hits.size(), 2);
        QCOMPARE(hits.at(0).conversationId, live);
        QVERIFY(hits.at(1).conversationId != live);
        QVERIFY(hits.at(1).conversationId != deleted);
        QCOMPARE(m_store.search(QStringLiteral("zebra")).size(), 3);
    }

    void oneResultPerConversationWithItsBestMessage()
    {
        const qint64 many = addConversation(
            QStringLiteral("Many"),
            {QStringLiteral("a heron, then more words about rivers and lakes and the weather"),
             QStringLiteral("heron heron heron"), QStringLiteral("a heron again, in passing"),
             QStringLiteral("nothing here")});
        const qint64 one = addConversation(
            QStringLiteral("One"),
            {QStringLiteral("one heron among a lot of other words that make it weak")});
        const QList<SearchHit> hits = m_store.search(QStringLiteral("heron"));
        QCOMPARE(hits.size(), 2);
        QCOMPARE(hits.at(0).conversationId, many);
        QCOMPARE(hits.at(0).matchCount, 3);
        QVERIFY(!hits.at(0).moreMatches);
        QCOMPARE(hits.at(0).messageId, m_store.messages(many).at(1).id); // the best of the three
        QCOMPARE(hits.at(1).conversationId, one);
        QCOMPARE(hits.at(1).matchCount, 1);
    }

    void titlesAreFound()
    {
        const qint64 inText = addConversation(QStringLiteral("Rivers"),
                                              {QStringLiteral("The beaver builds dams. Beavers!")});
        const qint64 titled =
            addConversation(QStringLiteral("Beaver facts"), {QStringLiteral("Tell me about dams")});
        const QList<SearchHit> hits = m_store.search(QStringLiteral("beav"));
        QCOMPARE(hits.size(), 2);
        // The title's match comes first: it names the whole conversation.
        QCOMPARE(hits.at(0).conversationId, titled);
        QCOMPARE(hits.at(0).messageId, 0);
        QCOMPARE(hits.at(0).matchCount, 0);
        QCOMPARE(hits.at(0).titleHighlights.size(), 1);
        QCOMPARE(hits.at(0).title.mid(hits.at(0).titleHighlights[0].start,
                                      hits.at(0).titleHighlights[0].length),
                 QStringLiteral("Beaver"));
        QCOMPARE(hits.at(1).conversationId, inText);
        QVERIFY(hits.at(1).titleHighlights.isEmpty());
        QCOMPARE(hits.at(1).matchCount, 1);

        // A title that matches and a message that matches: one row, with the message.
        const qint64 both = addConversation(QStringLiteral("Beaver lodges"),
                                            {QStringLiteral("A lodge is a beaver's home.")});
        const QList<SearchHit> again = m_store.search(QStringLiteral("beaver"));
        QCOMPARE(again.size(), 3);
        const auto found = std::find_if(again.cbegin(), again.cend(), [&](const SearchHit &h) {
            return h.conversationId == both;
        });
        QVERIFY(found != again.cend());
        QVERIFY(found - again.cbegin() < 2); // among the title matches
        QVERIFY(found->messageId > 0);
        QCOMPARE(found->titleHighlights.size(), 1);
        QCOMPARE(found->markedSnippet(QStringLiteral("["), QStringLiteral("]")),
                 QStringLiteral("A lodge is a [beaver]'s home."));
    }

    void titleIndexFollowsRenamesAndDeletes()
    {
        const qint64 id = addConversation(QStringLiteral("Old name"), {QStringLiteral("hi")});
        QCOMPARE(m_store.search(QStringLiteral("old")).size(), 1);
        QVERIFY(m_store.renameConversation(id, QStringLiteral("Fresh name")));
        QCOMPARE(m_store.search(QStringLiteral("old")).size(), 0);
        QCOMPARE(m_store.search(QStringLiteral("fresh")).size(), 1);
        QVERIFY(m_store.deleteConversation(id));
        QCOMPARE(m_store.search(QStringLiteral("fresh")).size(), 0);
        QVERIFY(m_store.restoreConversation(id));
        QCOMPARE(m_store.search(QStringLiteral("fresh")).size(), 1);
        QVERIFY(m_store.deleteConversation(id));
        QCOMPARE(m_store.purgeDeleted(), 1);
        QCOMPARE(m_store.search(QStringLiteral("fresh")).size(), 0);
    }

    void thinkingIsFound()
    {
        const qint64 id = m_store.createConversation()->id;
        ConversationMessage reply;
        reply.role = QStringLiteral("assistant");
        reply.state = MessageState::Streaming;
        ConversationMessage stored = *m_store.addMessage(id, reply);
        QVERIFY(m_store.updateStreamingText(stored.id, QStringLiteral("Forty-two."),
                                            QStringLiteral("The user wants a **narwhal** fact")));
        QCOMPARE(m_store.search(QStringLiteral("narwhal")).size(), 0); // still streaming
        stored = *m_store.message(stored.id);
        stored.state = MessageState::Complete;
        QVERIFY(m_store.updateMessage(stored));
        const QList<SearchHit> hits = m_store.search(QStringLiteral("narwhal"));
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits.first().messageId, stored.id);
        QVERIFY(hits.first().inThinking);
        QCOMPARE(hits.first().markedSnippet(QStringLiteral("["), QStringLiteral("]")),
                 QStringLiteral("The user wants a [narwhal] fact"));
        // A match in the reply itself shows the reply.
        const QList<SearchHit> inReply = m_store.search(QStringLiteral("forty"));
        QCOMPARE(inReply.size(), 1);
        QVERIFY(!inReply.first().inThinking);
    }

    void snippetsArePlainText_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<QString>("expected");
        QTest::newRow("emphasis") << QStringLiteral(
                                         "a **bold** and *it* and ***both*** and ~~gone~~")
                                  << QStringLiteral("a bold and it and both and gone");
        QTest::newRow("underscores") << QStringLiteral("__strong__ _em_ but snake_case_name")
                                     << QStringLiteral("strong em but snake_case_name");
        QTest::newRow("arithmetic stays")
            << QStringLiteral("2 * 3 = 6") << QStringLiteral("2 * 3 = 6");
        QTest::newRow("code") << QStringLiteral("run `ls -la` now\n```bash\nls\n```")
                              << QStringLiteral("run ls -la now ls");
        QTest::newRow("headings, quotes, lists")
            << QStringLiteral("## Title\n> quoted\n> - nested item\n1. first\n* star")
            << QStringLiteral("Title quoted nested item first star");
        QTest::newRow("links and images")
            << QStringLiteral("see [the docs](https://x.example/a) and ![a cat](cat.png)")
            << QStringLiteral("see the docs and a cat");
        QTest::newRow("table") << QStringLiteral("| a | b |\n|---|---|\n| 1 | 2 |")
                               << QStringLiteral("a b 1 2");
        QTest::newRow("rule") << QStringLiteral("above\n\n---\n\nbelow")
                              << QStringLiteral("above below");
        QTest::newRow("escapes") << QStringLiteral("a \\*literal\\* star")
                                 << QStringLiteral("a *literal* star");
        QTest::newRow("markers kept") << QStringLiteral("**\x02bold\x03** [\x02link\x03](http://x)")
                                      << QStringLiteral("\x02bold\x03 \x02link\x03");
        QTest::newRow("a match in a link's address keeps the link")
            << QStringLiteral("[site](http://\x02otter\x03.example)")
            << QStringLiteral("[site](http://\x02otter\x03.example)");
    }

    void snippetsArePlainText()
    {
        QFETCH(QString, markdown);
        QFETCH(QString, expected);
        QCOMPARE(HistorySearch::plainSnippet(markdown), expected);
    }

    void aLongMessageShowsTheWordsAroundTheMatch()
    {
        QStringList words;
        for (int i = 0; i < 60; ++i)
            words << QStringLiteral("w%1").arg(i);
        words[30] = QStringLiteral("walrus");
        addConversation(QStringLiteral("Long"), {words.join(u' ')});
        const QList<SearchHit> hits = m_store.search(QStringLiteral("walrus"));
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits.first().markedSnippet(QStringLiteral("["), QStringLiteral("]")),
                 QStringLiteral("…w26 w27 w28 w29 [walrus] w31 w32 w33 w34 w35 w36 w37…"));
    }

    void aResultsSnippetIsOneCleanLine()
    {
        addConversation(QStringLiteral("Md"),
                        {QStringLiteral("# Sea life\n\n- **Otters** use `tools`\n"
                                        "- see [more](https://sea.example/life)")});
        const QList<SearchHit> hits = m_store.search(QStringLiteral("otter"));
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits.first().markedSnippet(QStringLiteral("["), QStringLiteral("]")),
                 QStringLiteral("Sea life [Otters] use tools see more"));
    }
};

QTEST_GUILESS_MAIN(TestHistorySearch)
#include "tst_historysearch.moc"
