// Export to Markdown and JSON (with or without thinking), and JSON back into the store.
#include "storage/conversationexport.h"
#include "storage/conversationstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Sluice;

class TestConversationExport final : public QObject
{
    Q_OBJECT

    ConversationStore m_store;
    qint64 m_id = 0;

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

        StoredMessage user;
        user.role = QStringLiteral("user");
        user.content = QStringLiteral("How long are otters?");
        QVERIFY(m_store.addMessage(m_id, user));
        StoredMessage reply;
        reply.role = QStringLiteral("assistant");
        reply.thinking = QStringLiteral("SECRET-REASONING about lengths");
        reply.content = QStringLiteral("About **1 m**.\n\n```\ncode\n```");
        reply.model = QStringLiteral("qwen3:8b");
        reply.stats.outputTokens = 12;
        reply.stats.tokensPerSecond = 40.5;
        reply.thinkingMs = 3240;
        QVERIFY(m_store.addMessage(m_id, reply));
        StoredMessage cut;
        cut.role = QStringLiteral("assistant");
        cut.content = QStringLiteral("And the sea ott");
        cut.state = StoredMessage::State::Stalled;
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

    void jsonRoundTripsThroughTheStore()
    {
        const Conversation original = *m_store.conversation(m_id);
        const QList<StoredMessage> originalMessages = m_store.messages(m_id);
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

        const QList<StoredMessage> messages = m_store.messages(*newId);
        QCOMPARE(messages.size(), originalMessages.size());
        for (int i = 0; i < messages.size(); ++i) {
            const StoredMessage &a = originalMessages.at(i);
            const StoredMessage &b = messages.at(i);
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

    void fileNameIsSafe()
    {
        Conversation c;
        c.id = 3;
        c.title = QStringLiteral("a/b: c?*");
        QCOMPARE(ConversationExport::suggestedFileName(c), QStringLiteral("a b c"));
        c.title = QStringLiteral("../..");
        QCOMPARE(ConversationExport::suggestedFileName(c), QStringLiteral("conversation-3"));
    }
};

QTEST_GUILESS_MAIN(TestConversationExport)
#include "tst_conversationexport.moc"
