// Export to Markdown and JSON (with or without thinking), and JSON back into the store.
#include "core/storage/conversationexport.h"
#include "core/storage/conversationstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>

using namespace Sluice;

class TestConversationExport final : public QObject
{
    Q_OBJECT

    ConversationStore m_store;
    qint64 m_id = 0;

    // What a Markdown viewer makes of the export: QTextDocument reads CommonMark with HTML.
    struct Viewed
    {
        QStringList images;                  // sources a viewer would fetch
        QList<QPair<int, QString>> headings; // level, text
        QString text;
    };

    static Viewed view(const QString &markdown)
    {
        QTextDocument document;
        document.setMarkdown(markdown);
        Viewed viewed;
        viewed.text = document.toPlainText();
        for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
            if (block.blockFormat().headingLevel() > 0)
                viewed.headings.append({block.blockFormat().headingLevel(), block.text()});
            for (auto it = block.begin(); !it.atEnd(); ++it) {
                if (it.fragment().charFormat().isImageFormat())
                    viewed.images << it.fragment().charFormat().toImageFormat().name();
            }
        }
        return viewed;
    }

    qint64 addConversation(const QString &title, const QList<QPair<QString, QString>> &messages,
                           MessageState lastState = MessageState::Complete)
    {
        Conversation draft;
        draft.title = title;
        const qint64 id = m_store.createConversation(draft)->id;
        for (qsizetype i = 0; i < messages.size(); ++i) {
            ConversationMessage m;
            m.role = messages.at(i).first;
            m.content = messages.at(i).second;
            if (i == messages.size() - 1)
                m.state = lastState;
            if (!m_store.addMessage(id, m))
                return 0;
        }
        return id;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_store.openInMemory());
        Conversation draft;
        draft.title = QStringLiteral("Otters & rivers");
        draft.providerId = QStringLiteral("ollama");
        draft.model = QStringLiteral("qwen3:8b");
        draft.systemPrompt = QStringLiteral("Answer briefly.\nUse metric units.");
        draft.settings.temperature = 0.7;
        draft.settings.contextSize = 4096;
        draft.settings.think = QStringLiteral("true");
        draft.pinned = true;
        m_id = m_store.createConversation(draft)->id;

        ConversationMessage user;
        user.role = QStringLiteral("user");
        user.content = QStringLiteral("How long are otters?");
        QVERIFY(m_store.addMessage(m_id, user));
        ConversationMessage reply;
        reply.role = QStringLiteral("assistant");
        reply.thinking = QStringLiteral("SECRET-REASONING about lengths");
        reply.content = QStringLiteral("About **1 m**.\n\n```\ncode\n```");
        reply.model = QStringLiteral("qwen3:8b");
        reply.stats.outputTokens = 12;
        reply.stats.tokensPerSecond = 40.5;
        reply.thinkingMs = 3240;
        QVERIFY(m_store.addMessage(m_id, reply));
        ConversationMessage cut;
        cut.role = QStringLiteral("assistant");
        cut.content = QStringLiteral("And the sea ott");
        cut.state = MessageState::Stalled;
        cut.errorText = QStringLiteral("The server sent nothing for 60 seconds.");
        QVERIFY(m_store.addMessage(m_id, cut));
    }

    void markdownReadsLikeTheConversation()
    {
        const QString md =
            ConversationExport::toMarkdown(*m_store.conversation(m_id), m_store.messages(m_id));
        QVERIFY(md.startsWith(QStringLiteral("# Otters & rivers\n")));
        QVERIFY(md.contains(QStringLiteral("> Answer briefly.\n> Use metric units.")));
        QVERIFY(md.contains(QStringLiteral("## You\n\nHow long are otters?")));
        QVERIFY(md.contains(QStringLiteral("## Assistant (qwen3:8b)")));
        QVERIFY(md.contains(QStringLiteral("About **1 m**.\n\n```\ncode\n```")));
        QVERIFY(md.contains(QStringLiteral("SECRET-REASONING")));
        QVERIFY(md.contains(QStringLiteral("<summary>Thought for 3.2 s</summary>")));
        QVERIFY(md.contains(QStringLiteral("*stalled*")));
        QVERIFY(md.contains(QStringLiteral("The server sent nothing for 60 seconds.")));
        QVERIFY(md.indexOf(QStringLiteral("How long")) < md.indexOf(QStringLiteral("About")));

        ExportOptions noThinking;
        noThinking.includeThinking = false;
        const QString bare = ConversationExport::toMarkdown(*m_store.conversation(m_id),
                                                            m_store.messages(m_id), noThinking);
        QVERIFY(!bare.contains(QStringLiteral("SECRET-REASONING")));
        QVERIFY(!bare.contains(QStringLiteral("Thought for")));
        QVERIFY(bare.contains(QStringLiteral("About **1 m**.")));
    }

    void markdownShowsHtmlAndImagesAsText()
    {
        const QString reply = QStringLiteral(
            "Look: <img src=\"http://tracker.example/a.png\"> and "
            "![logo](http://tracker.example/b.png)\n\n"
            "<script>alert(1)</script>\n\n"
            "<div>\n<img src=http://tracker.example/c.png>\n</div>\n\n"
            "Kept: `<img src=x>` in code, <https://example.com> as a link, 1 < 2.\n\n"
            "```html\n<img src=\"http://tracker.example/d.png\">\n```");
        const qint64 id =
            addConversation(QStringLiteral("HTML <img src=http://tracker.example/t.png>"),
                            {{QStringLiteral("user"), QStringLiteral("Show <b>html</b>")},
                             {QStringLiteral("assistant"), reply}});
        const QString md =
            ConversationExport::toMarkdown(*m_store.conversation(id), m_store.messages(id));
        const Viewed viewed = view(md);
        QVERIFY2(viewed.images.isEmpty(), qPrintable(viewed.images.join(u' ')));
        QVERIFY2(!viewed.text.contains(QStringLiteral("alert(1)")) ||
                     viewed.text.contains(QStringLiteral("<script>alert(1)</script>")),
                 qPrintable(viewed.text));
        // The reader sees what the model wrote, as text.
        QVERIFY(viewed.text.contains(QStringLiteral("<img src=\"http://tracker.example/a.png\">")));
        QVERIFY(viewed.text.contains(QStringLiteral("<script>alert(1)</script>")));
        QVERIFY(viewed.text.contains(QStringLiteral("Show <b>html</b>")));
        QVERIFY(
            viewed.text.contains(QStringLiteral("HTML <img src=http://tracker.example/t.png>")));
        // Code is copied exactly, and so is a link.
        QVERIFY(md.contains(QStringLiteral("`<img src=x>`")));
        QVERIFY(md.contains(
            QStringLiteral("```html\n<img src=\"http://tracker.example/d.png\">\n```")));
        QVERIFY(md.contains(QStringLiteral("<https://example.com>")));
        QVERIFY(md.contains(QStringLiteral("1 < 2")));

        // The JSON export keeps the text exactly as stored.
        const QJsonObject message =
            QJsonDocument::fromJson(
                ConversationExport::toJson(*m_store.conversation(id), m_store.messages(id)))
                .object()
                .value(QLatin1StringView("messages"))
                .toArray()
                .at(1)
                .toObject();
        QCOMPARE(message.value(QLatin1StringView("content")).toString(), reply);
    }

    void markdownCarriesNoTerminalControls()
    {
        const QString reply = QStringLiteral("\x1b[31mred\x1b[0m, a bell\x07, a\rb, \u009b2J and "
                                             "CRLF\r\nlines\tkept");
        const qint64 id = addConversation(QStringLiteral("Title \x1b]0;pwned\x07"),
                                          {{QStringLiteral("assistant"), reply}});
        const QString md =
            ConversationExport::toMarkdown(*m_store.conversation(id), m_store.messages(id));
        for (const QChar c : md) {
            const char16_t u = c.unicode();
            QVERIFY2(u == u'\n' || u == u'\t' ||
                         (u >= 0x20 && u != 0x7f && (u < 0x80 || u >= 0xa0)),
                     qPrintable(QString::number(u, 16)));
        }
        QVERIFY(md.contains(QStringLiteral("\u241b[31mred\u241b[0m, a bell\u2407, a\u240db")));
        QVERIFY(md.contains(QStringLiteral("CRLF\nlines\tkept")));
        QVERIFY(md.contains(QStringLiteral("# Title \u241b]0;pwned\u2407")));
        // The JSON export keeps the text exactly (JSON escapes control characters itself).
        const QByteArray json =
            ConversationExport::toJson(*m_store.conversation(id), m_store.messages(id));
        QVERIFY(!json.contains('\x1b'));
        QCOMPARE(QJsonDocument::fromJson(json)
                     .object()
                     .value(QLatin1StringView("messages"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QLatin1StringView("content"))
                     .toString(),
                 reply);
    }

    void replyHeadingsStayBelowTheExportsOwn()
    {
        const qint64 id = addConversation(
            QStringLiteral("Headings"),
            {{QStringLiteral("user"), QStringLiteral("## You\nfake turn")},
             {QStringLiteral("assistant"),
              QStringLiteral("# Title\n\n## Assistant\n\nSetext\n======\n\nTwo\n---\n\n"
                             "###### Six\n\n```\n# not a heading\n```")}});
        const QString md =
            ConversationExport::toMarkdown(*m_store.conversation(id), m_store.messages(id));
        const Viewed viewed = view(md);
        const QList<QPair<int, QString>> expected{
            {1, QStringLiteral("Headings")}, {2, QStringLiteral("You")},
            {4, QStringLiteral("You")},      {2, QStringLiteral("Assistant")},
            {3, QStringLiteral("Title")},    {4, QStringLiteral("Assistant")},
            {3, QStringLiteral("Setext")},   {4, QStringLiteral("Two")},
            {6, QStringLiteral("Six")}};
        QCOMPARE(viewed.headings, expected);
        QVERIFY(viewed.text.contains(QStringLiteral("# not a heading")));
    }

    void anIncompleteReplySaysSo_data()
    {
        QTest::addColumn<MessageState>("state");
        QTest::addColumn<QString>("word");
        QTest::newRow("interrupted") << MessageState::Interrupted << QStringLiteral("interrupted");
        QTest::newRow("cancelled") << MessageState::Cancelled << QStringLiteral("cancelled");
        QTest::newRow("stalled") << MessageState::Stalled << QStringLiteral("stalled");
        QTest::newRow("failed") << MessageState::Failed << QStringLiteral("failed");
        QTest::newRow("streaming") << MessageState::Streaming << QStringLiteral("still streaming");
    }

    void anIncompleteReplySaysSo()
    {
        QFETCH(MessageState, state);
        QFETCH(QString, word);
        // Cut off inside a code block: the rest of the export must not become code.
        const qint64 id = addConversation(
            QStringLiteral("Cut"),
            {{QStringLiteral("user"), QStringLiteral("Write code")},
             {QStringLiteral("assistant"), QStringLiteral("Here:\n\n```python\nprint('hel")},
             {QStringLiteral("user"), QStringLiteral("Go on")},
             {QStringLiteral("assistant"), QStringLiteral("Sure, and then")}},
            state);
        const QList<ConversationMessage> messages = m_store.messages(id);
        ConversationMessage first = messages.at(1);
        first.state = state;
        QVERIFY(m_store.updateMessage(first));
        const QString md =
            ConversationExport::toMarkdown(*m_store.conversation(id), m_store.messages(id));
        QCOMPARE(md.count(QStringLiteral("> **Incomplete reply:**")), 2);
        QCOMPARE(md.count(u"— *" + word), 2);
        const Viewed viewed = view(md);
        QCOMPARE(viewed.headings.size(), 5); // the title and four turns
        QCOMPARE(viewed.headings.at(3), (QPair<int, QString>(2, QStringLiteral("You"))));
        QVERIFY(viewed.text.contains(QStringLiteral("Incomplete reply:")));

        // A finished reply says nothing of the kind.
        const qint64 done = addConversation(
            QStringLiteral("Done"), {{QStringLiteral("user"), QStringLiteral("Hi")},
                                     {QStringLiteral("assistant"), QStringLiteral("Hello")}});
        QVERIFY(!ConversationExport::toMarkdown(*m_store.conversation(done), m_store.messages(done))
                     .contains(QStringLiteral("Incomplete")));

        // The JSON export names the state.
        const QJsonArray json =
            QJsonDocument::fromJson(
                ConversationExport::toJson(*m_store.conversation(id), m_store.messages(id)))
                .object()
                .value(QLatin1StringView("messages"))
                .toArray();
        QCOMPARE(json.at(1).toObject().value(QLatin1StringView("state")).toString(),
                 messageStateName(state));
        QCOMPARE(json.at(0).toObject().value(QLatin1StringView("state")).toString(),
                 QStringLiteral("complete"));
    }

    void jsonRoundTripsThroughTheStore()
    {
        const Conversation original = *m_store.conversation(m_id);
        const QList<ConversationMessage> originalMessages = m_store.messages(m_id);
        const QByteArray json = ConversationExport::toJson(original, originalMessages);

        QString error;
        const auto imported = ConversationExport::fromJson(json, &error);
        QVERIFY2(imported.has_value(), qPrintable(error));
        const std::optional<qint64> newId =
            m_store.importConversation(imported->conversation, imported->messages);
        QVERIFY(newId.has_value());
        QVERIFY(*newId != m_id);

        const Conversation copy = *m_store.conversation(*newId);
        QCOMPARE(copy.title, original.title);
        QCOMPARE(copy.providerId, original.providerId);
        QCOMPARE(copy.model, original.model);
        QCOMPARE(copy.systemPrompt, original.systemPrompt);
        QCOMPARE(copy.settings.temperature, original.settings.temperature);
        QCOMPARE(copy.settings.contextSize, original.settings.contextSize);
        QCOMPARE(copy.settings.think, original.settings.think);
        QCOMPARE(copy.pinned, original.pinned);
        QCOMPARE(copy.created, original.created);
        QCOMPARE(copy.updated, original.updated);

        const QList<ConversationMessage> messages = m_store.messages(*newId);
        QCOMPARE(messages.size(), originalMessages.size());
        for (int i = 0; i < messages.size(); ++i) {
            const ConversationMessage &a = originalMessages.at(i);
            const ConversationMessage &b = messages.at(i);
            QCOMPARE(b.position, i);
            QCOMPARE(b.role, a.role);
            QCOMPARE(b.content, a.content);
            QCOMPARE(b.thinking, a.thinking);
            QCOMPARE(b.thinkingMs, a.thinkingMs);
            QCOMPARE(b.state, a.state);
            QCOMPARE(b.errorText, a.errorText);
            QCOMPARE(b.model, a.model);
            QCOMPARE(b.stats.outputTokens, a.stats.outputTokens);
            QCOMPARE(b.stats.tokensPerSecond, a.stats.tokensPerSecond);
            QCOMPARE(b.created, a.created);
        }
        QCOMPARE(messages.at(1).thinkingMs, qint64(3240));
        QCOMPARE(messages.at(0).thinkingMs, qint64(-1));
        const QJsonObject reply = QJsonDocument::fromJson(json)
                                      .object()
                                      .value(QLatin1StringView("messages"))
                                      .toArray()
                                      .at(1)
                                      .toObject();
        QCOMPARE(reply.value(QLatin1StringView("thinkingMs")).toInteger(), 3240);
        // The import is searchable like anything else.
        QCOMPARE(m_store.search(QStringLiteral("otters")).size(), 2);
    }

    void jsonWithoutThinkingHasNone()
    {
        ExportOptions noThinking;
        noThinking.includeThinking = false;
        const QByteArray json = ConversationExport::toJson(*m_store.conversation(m_id),
                                                           m_store.messages(m_id), noThinking);
        QVERIFY(!json.contains("SECRET-REASONING"));
        QVERIFY(!json.contains("thinkingMs"));
        QVERIFY(json.contains("About **1 m**"));
    }

    void jsonHoldsNoCredentials()
    {
        const QByteArray json =
            ConversationExport::toJson(*m_store.conversation(m_id), m_store.messages(m_id));
        const QJsonObject root = QJsonDocument::fromJson(json).object();
        // Exactly the documented fields: a new one must be looked at before it ships.
        QCOMPARE(root.keys(), (QStringList{QStringLiteral("conversation"), QStringLiteral("format"),
                                           QStringLiteral("messages"), QStringLiteral("version")}));
        QCOMPARE(root.value(QLatin1StringView("conversation")).toObject().keys(),
                 (QStringList{QStringLiteral("created"), QStringLiteral("model"),
                              QStringLiteral("pinned"), QStringLiteral("providerId"),
                              QStringLiteral("settings"), QStringLiteral("systemPrompt"),
                              QStringLiteral("title"), QStringLiteral("titleIsCustom"),
                              QStringLiteral("updated")}));
        const QString lower = QString::fromUtf8(json).toLower();
        QVERIFY(!lower.contains(QStringLiteral("apikey")));
        QVERIFY(!lower.contains(QStringLiteral("authorization")));
    }

    void brokenImportsSayWhy_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QByteArray("{oops") << QStringLiteral("not valid JSON");
        QTest::newRow("other json")
            << QByteArray("{\"a\":1}") << QStringLiteral("not a Sluice conversation");
        QTest::newRow("future version")
            << QByteArray("{\"format\":\"sluice-conversation\",\"version\":9}")
            << QStringLiteral("format version 9");
        QTest::newRow("message without role")
            << QByteArray("{\"format\":\"sluice-conversation\",\"version\":1,"
                          "\"messages\":[{\"content\":\"x\"}]}")
            << QStringLiteral("no role");
    }

    void brokenImportsSayWhy()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QString error;
        QVERIFY(!ConversationExport::fromJson(json, &error).has_value());
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    void fileNameIsSafe_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("expected");
        QTest::newRow("reserved characters")
            << QStringLiteral("a/b: c?*") << QStringLiteral("a b c");
        QTest::newRow("backslash, quotes, pipes")
            << QStringLiteral("C:\\x \"y\" <z> | w") << QStringLiteral("C x y z w");
        QTest::newRow("trailing dot")
            << QStringLiteral("Make a table.") << QStringLiteral("Make a table");
        QTest::newRow("trailing dots and spaces")
            << QStringLiteral("Wait... ") << QStringLiteral("Wait");
        QTest::newRow("trailing ellipsis character")
            << QStringLiteral("Explain the otters\u2019 long…")
            << QStringLiteral("Explain the otters\u2019 long…");
        QTest::newRow("leading dots")
            << QStringLiteral(".bashrc tips") << QStringLiteral("bashrc tips");
        QTest::newRow("only dots") << QStringLiteral("../..") << QStringLiteral("conversation-3");
        QTest::newRow("empty") << QString() << QStringLiteral("conversation-3");
        QTest::newRow("only unsafe") << QStringLiteral("???") << QStringLiteral("conversation-3");
        QTest::newRow("control characters")
            << QStringLiteral("a\tb\nc\x1b[31md") << QStringLiteral("a b c [31md");
        QTest::newRow("bidi override")
            << QStringLiteral("report\u202Edm.exe") << QStringLiteral("report dm.exe");
        QTest::newRow("device name") << QStringLiteral("con") << QStringLiteral("con_");
        QTest::newRow("device name with extension")
            << QStringLiteral("NUL.txt") << QStringLiteral("NUL_.txt");
        QTest::newRow("device name, then a dot")
            << QStringLiteral("Com1 . x") << QStringLiteral("Com1_ . x");
        QTest::newRow("device name inside a word is fine")
            << QStringLiteral("Console tricks") << QStringLiteral("Console tricks");
        QTest::newRow("long") << QString(200, u'x') << QString(80, u'x');
        QTest::newRow("long, cut before a trailing space")
            << QString(QString(79, u'x') + QStringLiteral(" yz")) << QString(79, u'x');
        // 4 UTF-8 bytes each: 50 of them fill the 200-byte budget, and a pair is never split.
        QTest::newRow("long emoji") << QString(QStringLiteral("\U0001F9A6").repeated(70))
                                    << QString(QStringLiteral("\U0001F9A6").repeated(50));
        QTest::newRow("unicode kept")
            << QStringLiteral("Café 日本語") << QStringLiteral("Café 日本語");
    }

    void fileNameIsSafe()
    {
        QFETCH(QString, title);
        QFETCH(QString, expected);
        Conversation c;
        c.id = 3;
        c.title = title;
        const QString name = ConversationExport::suggestedFileName(c);
        QCOMPARE(name, expected);
        QVERIFY(!QString(name + u".md").contains(QStringLiteral("..")));
        QVERIFY(name.toUtf8().size() + 8 < 255);
    }

    void fileNameWithoutIdOrTitle()
    {
        QCOMPARE(ConversationExport::suggestedFileName(Conversation()),
                 QStringLiteral("conversation"));
    }
};

QTEST_MAIN(TestConversationExport)
#include "tst_conversationexport.moc"
