// What the store keeps: every field round trips, the list order, titles, delete/undo,
// paging, and replies left streaming by a dead process coming back as interrupted.
#include "core/storage/conversationstore.h"
#include "storagetestutil.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Sluice;
using namespace SluiceTest;

namespace {

ConversationMessage userMessage(const QString &text)
{
    ConversationMessage m;
    m.role = QStringLiteral("user");
    m.content = text;
    return m;
}

} // namespace

class TestConversationStore final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path() const { return m_dir.filePath(QStringLiteral("history.sqlite")); }

private Q_SLOTS:
    void init() { QFile::remove(path()); }

    void everyFieldRoundTripsThroughTheFile()
    {
        Conversation draft;
        draft.title = QStringLiteral("Ünïcode ✓ title");
        draft.titleIsCustom = true;
        draft.created = QDateTime::fromMSecsSinceEpoch(1700000000123);
        draft.updated = QDateTime::fromMSecsSinceEpoch(1700000000456);
        draft.providerId = QStringLiteral("anthropic");
        draft.model = QStringLiteral("claude-x");
        draft.systemPrompt = QStringLiteral("You are terse.\nSecond line.");
        draft.settings.temperature = 0.25;
        draft.settings.topP = 0.9;
        draft.settings.topK = 40;
        draft.settings.contextSize = 8192;
        draft.settings.maxTokens = 512;
        draft.settings.seed = 1234567890123;
        draft.settings.stop = {QStringLiteral("###"), QStringLiteral("\n\n")};
        draft.settings.keepAlive = QStringLiteral("5m");
        draft.settings.think = QStringLiteral("high");
        draft.pinned = true;

        ConversationMessage reply;
        reply.role = QStringLiteral("assistant");
        reply.content = QStringLiteral("Answer with \"quotes\", 'apostrophes' and NUL-free 🦦");
        reply.thinking = QStringLiteral("Let me think…");
        reply.state = MessageState::Stalled;
        reply.errorText = QStringLiteral("No data for 60 seconds.");
        reply.stats.promptTokens = 11;
        reply.stats.outputTokens = 22;
        reply.stats.timeToFirstTokenMs = 33;
        reply.stats.totalMs = 44;
        reply.stats.loadMs = 55;
        reply.stats.promptEvalMs = 66;
        reply.stats.evalMs = 77;
        reply.stats.tokensPerSecond = 12.5;
        reply.stats.finishReason = QStringLiteral("length");
        reply.stats.model = QStringLiteral("claude-x-2024");
        reply.stats.chunks = 9;
        reply.model = QStringLiteral("claude-x");
        reply.thinkingMs = 3215;
        reply.created = QDateTime::fromMSecsSinceEpoch(1700000001000);
        reply.updated = QDateTime::fromMSecsSinceEpoch(1700000002000);

        qint64 conversationId = 0;
        qint64 messageId = 0;
        {
            ConversationStore store;
            QVERIFY(store.open(path()));
            const std::optional<Conversation> c = store.createConversation(draft);
            QVERIFY(c.has_value());
            conversationId = c->id;
            const std::optional<ConversationMessage> m = store.addMessage(conversationId, reply);
            QVERIFY(m.has_value());
            messageId = m->id;
            QCOMPARE(m->position, 0);
            QCOMPARE(m->conversationId, conversationId);
        }

        ConversationStore store;
        QVERIFY(store.open(path()));
        const std::optional<Conversation> c = store.conversation(conversationId);
        QVERIFY(c.has_value());
        QCOMPARE(c->title, draft.title);
        QCOMPARE(c->titleIsCustom, true);
        QCOMPARE(c->created, draft.created);
        QVERIFY(c->updated >= draft.updated); // adding the message touched it
        QCOMPARE(c->providerId, draft.providerId);
        QCOMPARE(c->model, draft.model);
        QCOMPARE(c->systemPrompt, draft.systemPrompt);
        QCOMPARE(c->settings.temperature, draft.settings.temperature);
        QCOMPARE(c->settings.topP, draft.settings.topP);
        QCOMPARE(c->settings.topK, draft.settings.topK);
        QCOMPARE(c->settings.contextSize, draft.settings.contextSize);
        QCOMPARE(c->settings.maxTokens, draft.settings.maxTokens);
        QCOMPARE(c->settings.seed, draft.settings.seed);
        QCOMPARE(c->settings.stop, draft.settings.stop);
        QCOMPARE(c->settings.keepAlive, draft.settings.keepAlive);
        QCOMPARE(c->settings.think, draft.settings.think);
        QCOMPARE(c->pinned, true);
        QCOMPARE(c->messageCount, 1);

        const std::optional<ConversationMessage> m = store.message(messageId);
        QVERIFY(m.has_value());
        QCOMPARE(m->role, reply.role);
        QCOMPARE(m->content, reply.content);
        QCOMPARE(m->thinking, reply.thinking);
        QCOMPARE(m->state, reply.state);
        QCOMPARE(m->errorText, reply.errorText);
        QCOMPARE(m->stats.promptTokens, 11);
        QCOMPARE(m->stats.outputTokens, 22);
        QCOMPARE(m->stats.timeToFirstTokenMs, 33);
        QCOMPARE(m->stats.totalMs, 44);
        QCOMPARE(m->stats.loadMs, 55);
        QCOMPARE(m->stats.promptEvalMs, 66);
        QCOMPARE(m->stats.evalMs, 77);
        QCOMPARE(m->stats.tokensPerSecond, 12.5);
        QCOMPARE(m->stats.finishReason, reply.stats.finishReason);
        QCOMPARE(m->stats.model, reply.stats.model);
        QCOMPARE(m->stats.chunks, 9);
        QCOMPARE(m->model, reply.model);
        QCOMPARE(m->thinkingMs, qint64(3215));
        QCOMPARE(m->created, reply.created);
        QCOMPARE(m->updated, reply.updated);

        // Unset options stay unset, unset statistics stay -1.
        const auto plain = store.createConversation();
        QVERIFY(!store.conversation(plain->id)->settings.temperature.has_value());
        const auto bare = store.addMessage(plain->id, userMessage(QStringLiteral("hi")));
        QCOMPARE(bare->stats.totalMs, -1);
        QCOMPARE(bare->thinkingMs, qint64(-1));
        // updateMessage writes the duration too.
        ConversationMessage changed = *store.message(messageId);
        changed.thinkingMs = 1500;
        QVERIFY(store.updateMessage(changed));
        QCOMPARE(store.message(messageId)->thinkingMs, qint64(1500));
        QCOMPARE(bare->state, MessageState::Complete);
    }

    void userMessageIsOnDiskWhenAddMessageReturns()
    {
        ConversationStore store;
        QVERIFY(store.open(path()));
        const auto c = store.createConversation();
        QVERIFY(store.addMessage(c->id, userMessage(QStringLiteral("sent before the request"))));
        // Another connection (another process, after a crash) sees it at once.
        QCOMPARE(queryValue(path(), QStringLiteral("SELECT content FROM messages")).toString(),
                 QStringLiteral("sent before the request"));
    }

    void listShowsPinnedFirstThenNewest()
    {
        ConversationStore store;
        QVERIFY(store.open(path()));
        QDateTime clock = QDateTime::fromMSecsSinceEpoch(1700000000000);
        store.setClock([&clock] { return clock; });
        const auto oldest = store.createConversation();
        clock = clock.addSecs(60);
        const auto middle = store.createConversation();
        clock = clock.addSecs(60);
        const auto newest = store.createConversation();

        auto ids = [&store] {
            QList<qint64> result;
            for (const Conversation &c : store.conversations())
                result << c.id;
            return result;
        };
        QCOMPARE(ids(), (QList<qint64>{newest->id, middle->id, oldest->id}));

        QVERIFY(store.setPinned(oldest->id, true));
        QCOMPARE(ids(), (QList<qint64>{oldest->id, newest->id, middle->id}));

        // A new message moves a conversation to the top of the unpinned ones.
        clock = clock.addSecs(60);
        QVERIFY(store.addMessage(middle->id, userMessage(QStringLiteral("bump"))));
        QCOMPARE(ids(), (QList<qint64>{oldest->id, middle->id, newest->id}));
        QCOMPARE(store.conversations().at(1).messageCount, 1);
    }

    void titleComesFromTheFirstUserMessageUntilRenamed()
    {
        ConversationStore store;
        QVERIFY(store.open(path()));
        QSignalSpy changed(&store, &ConversationStore::conversationChanged);
        const auto c = store.createConversation();
        QVERIFY(store.conversation(c->id)->title.isEmpty());

        ConversationMessage system;
        system.role = QStringLiteral("system");
        system.content = QStringLiteral("ignored for titles");
        QVERIFY(store.addMessage(c->id, system));
        QVERIFY(store.addMessage(
            c->id, userMessage(QStringLiteral("\n  How do   otters sleep without drifting "
                                              "apart in the ocean at night?\nSecond line"))));
        QVERIFY(store.addMessage(c->id, userMessage(QStringLiteral("A later question"))));
        const QString generated = store.conversation(c->id)->title;
        QCOMPARE(generated, QStringLiteral("How do otters sleep without drifting apart in the "
                                           "ocean at…"));
        QVERIFY(generated.size() <= 60);
        QVERIFY(!changed.isEmpty());

        QVERIFY(store.renameConversation(c->id, QStringLiteral("  Otters  ")));
        QCOMPARE(store.conversation(c->id)->title, QStringLiteral("Otters"));
        QVERIFY(store.conversation(c->id)->titleIsCustom);
        // Clearing the name goes back to the generated title.
        QVERIFY(store.renameConversation(c->id, QString()));
        QCOMPARE(store.conversation(c->id)->title, generated);
        QVERIFY(!store.renameConversation(9999, QStringLiteral("nobody")));
    }

    void titleFromMessageCutsAtAWordBoundary()
    {
        QCOMPARE(titleFromMessage(QStringLiteral("short")), QStringLiteral("short"));
        QCOMPARE(titleFromMessage(QStringLiteral("one two three four"), 12),
                 QStringLiteral("one two…"));
        QCOMPARE(titleFromMessage(QStringLiteral("abcdefghijklmnopqrstuvwxyz"), 10),
                 QStringLiteral("abcdefghi…"));
        QCOMPARE(titleFromMessage(QStringLiteral("\n\n  \nfirst real line\nsecond")),
                 QStringLiteral("first real line"));
    }

    void deleteCanBeUndoneUntilPurged()
    {
        ConversationStore store;
        QVERIFY(store.open(path()));
        const auto keep = store.createConversation();
        const auto gone = store.createConversation();
        QVERIFY(store.addMessage(gone->id, userMessage(QStringLiteral("delete me"))));
        QSignalSpy removed(&store, &ConversationStore::conversationRemoved);
        QSignalSpy added(&store, &ConversationStore::conversationAdded);

        QVERIFY(store.deleteConversation(gone->id));
        QCOMPARE(removed.size(), 1);
        QCOMPARE(store.conversations().size(), 1);
        QVERIFY(!store.conversation(gone->id));

        QVERIFY(store.restoreConversation(gone->id));
        QCOMPARE(added.size(), 1);
        QCOMPARE(store.conversations().size(), 2);
        QCOMPARE(store.messages(gone->id).size(), 1);

        QVERIFY(store.deleteConversation(gone->id));
        QCOMPARE(store.purgeDeleted(), 1);
        QVERIFY(!store.restoreConversation(gone->id));
        QCOMPARE(queryValue(path(), QStringLiteral("SELECT count(*) FROM messages")).toInt(), 0);
        QVERIFY(store.conversation(keep->id));
    }

    void deletedConversationsArePurgedOnAStartAnHourLater()
    {
        QDateTime clock = QDateTime::fromMSecsSinceEpoch(1700000000000);
        qint64 id = 0;
        {
            ConversationStore store;
            store.setClock([&clock] { return clock; });
            QVERIFY(store.open(path()));
            id = store.createConversation()->id;
            QVERIFY(store.deleteConversation(id));
        }
        {
            ConversationStore store; // soon after: still undoable
            store.setClock([&clock] { return clock.addSecs(60); });
            QVERIFY(store.open(path()));
            QVERIFY(store.restoreConversation(id));
            QVERIFY(store.deleteConversation(id));
        }
        ConversationStore store;
        store.setClock([&clock] { return clock.addSecs(2 * 3600); });
        QVERIFY(store.open(path()));
        QVERIFY(!store.restoreConversation(id));
    }

    void pagesOfMessagesNewestLast()
    {
        ConversationStore store;
        QVERIFY(store.open(path()));
        const auto c = store.createConversation();
        for (int i = 0; i < 10; ++i)
            QVERIFY(store.addMessage(c->id, userMessage(QString::number(i))));
        const QList<ConversationMessage> last = store.lastMessages(c->id, 3);
        QCOMPARE(last.size(), 3);
        QCOMPARE(last.at(0).content, QStringLiteral("7"));
        QCOMPARE(last.at(2).content, QStringLiteral("9"));
        const QList<ConversationMessage> before =
            store.messagesBefore(c->id, last.at(0).position, 4);
        QCOMPARE(before.size(), 4);
        QCOMPARE(before.at(0).content, QStringLiteral("3"));
        QCOMPARE(before.at(3).content, QStringLiteral("6"));
        QCOMPARE(store.messageCount(c->id), 10);

        // Retry drops the tail; new messages continue the order.
        QVERIFY(store.removeMessagesFrom(c->id, 8));
        const auto next = store.addMessage(c->id, userMessage(QStringLiteral("again")));
        QCOMPARE(next->position, 8);
        QCOMPARE(store.messages(c->id).last().content, QStringLiteral("again"));
    }

    void streamingReplyFromADeadProcessComesBackInterrupted()
    {
        qint64 id = 0;
        {
            ConversationStore store;
            QVERIFY(store.open(path()));
            const auto c = store.createConversation();
            ConversationMessage reply;
            reply.role = QStringLiteral("assistant");
            reply.state = MessageState::Streaming;
            id = store.addMessage(c->id, reply)->id;
            QVERIFY(store.updateStreamingText(id, QStringLiteral("half an ans"), QString()));
        } // the process "dies" here: nobody finished the reply

        {
            // A read-only tool beside a live window leaves the streaming reply alone.
            ConversationStore store;
            ConversationStore::OpenOptions readOnly;
            readOnly.maintenance = false;
            QVERIFY(store.open(path(), readOnly));
            QCOMPARE(store.message(id)->state, MessageState::Streaming);
        }

        ConversationStore store;
        QVERIFY(store.open(path()));
        QCOMPARE(store.interruptedOnOpen(), 1);
        const auto reply = store.message(id);
        QCOMPARE(reply->state, MessageState::Interrupted);
        QCOMPARE(reply->content, QStringLiteral("half an ans"));
        // Interrupted replies are searchable like finished ones.
        QCOMPARE(store.search(QStringLiteral("ans")).size(), 1);
    }

    void writesToAMissingConversationFail()
    {
        ConversationStore store;
        QVERIFY(store.openInMemory());
        QVERIFY(!store.addMessage(4242, userMessage(QStringLiteral("lost?"))));
        QVERIFY(!store.errorString().isEmpty());
        QVERIFY(!store.setPinned(4242, true));
        QVERIFY(!store.deleteConversation(4242));
    }
};

QTEST_GUILESS_MAIN(TestConversationStore)
#include "tst_conversationstore.moc"
