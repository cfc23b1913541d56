// HistorySink keeps a conversation in the history: behind the window's controller (what it
// sends, streams and edits) and on its own, driven as `sluice run --save` drives it.
#include "core/chat/chatclient.h"
#include "core/storage/conversationstore.h"
#include "scriptedllm.h"
#include "session/conversationcontroller.h"
#include "session/historysink.h"

#include <QSignalSpy>
#include <QTest>

using namespace Sluice;
using namespace Sluice::GuiTest;

class TestHistorySink final : public QObject
{
    Q_OBJECT

private:
    ScriptedLlm *m_server = nullptr;
    ChatClient *m_client = nullptr;
    std::unique_ptr<ConversationStore> m_store;

    static ConversationMessage message(const QString &role, const QString &content)
    {
        ConversationMessage m;
        m.role = role;
        m.content = content;
        return m;
    }

private Q_SLOTS:
    void init()
    {
        m_server = new ScriptedLlm(this);
        QVERIFY(m_server->listen());
        m_client = new ChatClient(this);
        m_store = std::make_unique<ConversationStore>();
        QVERIFY(m_store->openInMemory());
    }
    void cleanup()
    {
        m_store.reset();
        delete m_client;
        delete m_server;
    }

    // The window: the question is in the history before the request goes out; the reply
    // follows with its text, state and model; the conversation keeps its provider and model.
    void savesWhatTheControllerSends()
    {
        ConversationController controller(m_client);
        auto *sink = new HistorySink(m_store.get(), &controller);
        ProviderConfig p;
        p.id = QStringLiteral("ollama");
        p.baseUrl = m_server->baseUrl();
        p.maxRetries = 0;
        controller.setProvider(p);
        controller.setModel(QStringLiteral("llama3.2:3b"));
        QSignalSpy stored(sink, &HistorySink::conversationStored);

        QCOMPARE(controller.send(QStringLiteral("Why is the sky blue?")),
                 ConversationController::SendResult::Sent);
        QCOMPARE(stored.count(), 1);
        const qint64 id = sink->conversationId();
        QCOMPARE(m_store->messages(id).size(), 2);
        QCOMPARE(m_store->messages(id).at(0).content, QStringLiteral("Why is the sky blue?"));
        QCOMPARE(m_store->messages(id).at(1).state, MessageState::Streaming);

        QTRY_VERIFY(!controller.isBusy());
        const QList<ConversationMessage> messages = m_store->messages(id);
        QCOMPARE(messages.at(1).state, MessageState::Complete);
        QCOMPARE(messages.at(1).content, QStringLiteral("Hello! How can I help you today?"));
        QCOMPARE(messages.at(1).model, QStringLiteral("llama3.2:3b"));
        const std::optional<Conversation> c = m_store->conversation(id);
        QVERIFY(c);
        QCOMPARE(c->title, QStringLiteral("Why is the sky blue?"));
        QCOMPARE(c->providerId, QStringLiteral("ollama"));
        QCOMPARE(c->model, QStringLiteral("llama3.2:3b"));

        // Deleting the question leaves the reply, in the history as in the window.
        QVERIFY(controller.deleteMessage(0));
        QCOMPARE(m_store->messages(id).size(), 1);
        QCOMPARE(m_store->messages(id).at(0).content,
                 QStringLiteral("Hello! How can I help you today?"));
        QCOMPARE(sink->messageIdAt(0), m_store->messages(id).at(0).id);
    }

    // `sluice run --save`: no controller and no copy of the text; the deltas are saved as
    // they come and the end says how the reply ended.
    void savesWithoutAController()
    {
        Conversation draft;
        draft.providerId = QStringLiteral("command-line");
        draft.model = QStringLiteral("qwen3:4b");
        draft.systemPrompt = QStringLiteral("Be brief.");
        draft.settings.temperature = 0.5;
        HistorySink sink(m_store.get(), draft);
        QSignalSpy failed(&sink, &HistorySink::saveFailed);

        sink.userMessageAdded(0, message(QStringLiteral("user"), QStringLiteral("Count")));
        QVERIFY(sink.messageIdAt(0) > 0);
        ConversationMessage answer = message(QStringLiteral("assistant"), {});
        answer.state = MessageState::Pending;
        sink.replyStarted(1, answer, false);
        QVERIFY(sink.messageIdAt(1) > 0);
        sink.replyProgress(1, {}, u"Counting.");
        sink.replyProgress(1, u"one ", {});
        sink.replyProgress(1, u"two", {});
        answer.state = MessageState::Stalled;
        answer.errorText = QStringLiteral("The server stopped sending.");
        answer.model = QStringLiteral("qwen3:4b-q4");
        sink.replyEnded(1, answer); // no text: what the deltas added up to stays

        const qint64 id = sink.conversationId();
        const QList<ConversationMessage> messages = m_store->messages(id);
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages.at(1).content, QStringLiteral("one two"));
        QCOMPARE(messages.at(1).thinking, QStringLiteral("Counting."));
        QCOMPARE(messages.at(1).state, MessageState::Stalled);
        QCOMPARE(messages.at(1).errorText, QStringLiteral("The server stopped sending."));
        QCOMPARE(messages.at(1).model, QStringLiteral("qwen3:4b-q4"));
        const std::optional<Conversation> c = m_store->conversation(id);
        QVERIFY(c);
        QCOMPARE(c->title, QStringLiteral("Count"));
        QCOMPARE(c->systemPrompt, QStringLiteral("Be brief."));
        QCOMPARE(c->settings.temperature, 0.5);
        QCOMPARE(failed.count(), 0);
    }

    // A store that cannot take the question: nothing is stored, the caller can tell, and
    // the reason is said once.
    void aRefusedQuestionIsSaid()
    {
        m_store->close();
        HistorySink sink(m_store.get(), Conversation());
        QSignalSpy failed(&sink, &HistorySink::saveFailed);
        sink.userMessageAdded(0, message(QStringLiteral("user"), QStringLiteral("Hello")));
        QCOMPARE(sink.messageIdAt(0), 0);
        QCOMPARE(sink.conversationId(), 0);
        QCOMPARE(failed.count(), 1);
        QVERIFY(!failed.first().first().toString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHistorySink)
#include "tst_historysink.moc"
