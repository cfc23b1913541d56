// Anthropic's thinking blocks of a tool round, kept in the history: a conversation with
// thinking on runs a round of calls against the test server (FakeLlm, which refuses with 400,
// as the API does, a continued turn whose thinking block did not come back unchanged), Sluice
// "restarts" (the store is closed and opened again, the conversation loaded from it into a new
// controller), and Retry of the answer sends the stored block back: the server answers 200.
// A round stored by an older Sluice has no blocks: its answer is asked for without thinking.
#include "core/chat/chatclient.h"
#include "core/chat/toolloop.h"
#include "core/storage/conversationstore.h"
#include "fakellm.h"
#include "protocolrows.h"
#include "scriptedtoolbox.h"
#include "session/conversationcontroller.h"
#include "session/historysink.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Sluice;
using namespace Sluice::Test;

namespace {

const QJsonObject &expectedBlock()
{
    static const QJsonObject block{{u"type"_qs, u"thinking"_qs},
                                   {u"thinking"_qs, QString::fromUtf8(FakeToolThinking)},
                                   {u"signature"_qs, QString::fromUtf8(FakeThinkingSignature)}};
    return block;
}

} // namespace

class TestThinkingHistory final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ChatClient> m_client;
    std::unique_ptr<ScriptedToolbox> m_box;
    std::unique_ptr<ToolLoop> m_loop;
    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<ConversationController> m_conv;
    ProviderConfig m_provider;
    HistorySink *m_sink = nullptr; // the controller's child

    QString path() const { return m_dir.filePath(QStringLiteral("history.sqlite")); }

    // What the window makes for a conversation (WindowHistory): a controller with its tool
    // loop, the stored conversation `id` loaded into it (none: a new chat), saving into the
    // history.
    void makeConversation(qint64 id)
    {
        m_conv = std::make_unique<ConversationController>(m_client.get());
        m_loop = std::make_unique<ToolLoop>(m_box.get());
        m_loop->setPolicy([](const ToolCallRecord &) { return ToolLoop::Consent::Allow; });
        m_conv->setToolLoop(m_loop.get());
        if (id) {
            const std::optional<Conversation> c = m_store->conversation(id);
            QVERIFY(c);
            m_conv->load(*c, m_store->lastMessages(id, 50));
        }
        m_sink = new HistorySink(m_store.get(), m_conv.get(), id);
        m_conv->setProvider(m_provider);
    }

    // Quits (the controller and the store go) and starts again: the conversation is loaded
    // from the history file into a new controller.
    void reopen(qint64 id)
    {
        m_conv.reset();
        m_loop.reset();
        m_store = std::make_unique<ConversationStore>();
        QVERIFY2(m_store->open(path()), qPrintable(m_store->errorString()));
        makeConversation(id);
    }

    // Sends the question with thinking on; the round of calls and the answer follow.
    qint64 askWithThinking(bool stream)
    {
        m_provider.stream = stream;
        makeConversation(0);
        m_conv->setModel(QStringLiteral("llama3.2:3b")); // a model the test server has
        Conversation options = m_conv->options();
        options.settings.think = QStringLiteral("medium");
        m_conv->setOptions(options);
        m_conv->send(QStringLiteral("What do my notes say?"));
        if (!QTest::qWaitFor([this] { return !m_conv->isBusy(); }, 10000))
            return 0;
        return m_sink->conversationId();
    }

private Q_SLOTS:
    void init()
    {
        QFile::remove(path());
        m_server = std::make_unique<TestServer>();
        QVERIFY(m_server->listen());
        FakeLlmOptions o;
        o.reply = "Your notes say milk and eggs.";
        o.toolCalls = {{"call_r1", "read_file", R"({"path":"notes.txt"})"}};
        FakeLlm::install(*m_server, o);
        m_client = std::make_unique<ChatClient>();
        m_box = std::make_unique<ScriptedToolbox>();
        m_box->add({{u"files"_qs, u"read_file"_qs, {}, u"Reads a file."_qs,
                     QJsonDocument::fromJson(R"({"type":"object"})").object()},
                    ScriptedTool::Behaviour::Answer, u"milk, eggs"_qs, 40});
        m_provider = {};
        m_provider.id = QStringLiteral("anthropic");
        m_provider.type = ProviderType::Anthropic;
        m_provider.baseUrl = baseFor(ProviderType::Anthropic, *m_server);
        m_provider.maxRetries = 0;
        m_store = std::make_unique<ConversationStore>();
        QVERIFY2(m_store->open(path()), qPrintable(m_store->errorString()));
    }
    void cleanup()
    {
        m_conv.reset();
        m_loop.reset();
        m_store.reset();
        m_box.reset();
        m_client.reset();
        m_server.reset();
    }

    void retryAfterReopeningSendsTheStoredBlock_data()
    {
        QTest::addColumn<bool>("stream");
        QTest::addRow("stream") << true;
        QTest::addRow("whole") << false;
    }
    void retryAfterReopeningSendsTheStoredBlock()
    {
        QFETCH(bool, stream);
        const qint64 id = askWithThinking(stream);
        QVERIFY(id > 0);
        QVERIFY2(m_conv->model()->rowCount() == 3,
                 qPrintable(m_conv->model()->message(1).errorText));
        QCOMPARE(m_conv->model()->message(2).state, MessageState::Complete);

        reopen(id);
        QCOMPARE(m_conv->model()->rowCount(), 3);
        QCOMPARE(m_conv->model()->message(1).stats.thinkingBlocks, QJsonArray{expectedBlock()});
        QCOMPARE(m_conv->options().settings.think, QStringLiteral("medium"));

        const int before = m_server->requestCount("/v1/messages");
        QVERIFY(m_conv->retry(2));
        QTRY_VERIFY_WITH_TIMEOUT(!m_conv->isBusy(), 10000);
        QCOMPARE(m_server->requestCount("/v1/messages"), before + 1);
        // Answered (200), not refused: the block went back first in the turn, unchanged, with
        // thinking still on.
        QCOMPARE(m_conv->model()->message(2).state, MessageState::Complete);
        QCOMPARE(m_conv->model()->message(2).content, u"Your notes say milk and eggs."_qs);
        const QJsonObject sent = m_server->lastRequest("/v1/messages").json();
        QCOMPARE(sent.value(u"thinking").toObject().value(u"type").toString(), u"enabled"_qs);
        const QJsonArray turn =
            sent.value(u"messages").toArray().at(1).toObject().value(u"content").toArray();
        QCOMPARE(turn.at(0).toObject(), expectedBlock());
        QCOMPARE(turn.at(1).toObject().value(u"type").toString(), u"tool_use"_qs);

        // And again after one more restart: the new answer was stored beside the round, whose
        // block is still there.
        reopen(id);
        QCOMPARE(m_conv->model()->message(1).stats.thinkingBlocks, QJsonArray{expectedBlock()});
    }

    // A round stored by Sluice before the history kept thinking blocks: the answer to it is
    // asked for without thinking (Anthropic would refuse it with thinking on).
    void roundWithoutBlocksIsAnsweredWithoutThinking()
    {
        const qint64 id = askWithThinking(true);
        QVERIFY(id > 0);
        m_conv.reset();
        m_store.reset();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                        QStringLiteral("older-sluice"));
            db.setDatabaseName(path());
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("DELETE FROM thinking_blocks")));
            QVERIFY(query.numRowsAffected() == 1);
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("older-sluice"));

        reopen(id);
        QVERIFY(m_conv->model()->message(1).stats.thinkingBlocks.isEmpty());
        QVERIFY(m_conv->retry(2));
        QTRY_VERIFY_WITH_TIMEOUT(!m_conv->isBusy(), 10000);
        QCOMPARE(m_conv->model()->message(2).state, MessageState::Complete);
        QCOMPARE(m_conv->model()->message(2).content, u"Your notes say milk and eggs."_qs);
        QVERIFY(!m_server->lastRequest("/v1/messages").json().contains(u"thinking"));

        // A new question asks with thinking again.
        m_conv->send(QStringLiteral("Anything else?"));
        QTRY_VERIFY_WITH_TIMEOUT(!m_conv->isBusy(), 10000);
        QVERIFY(m_server->lastRequest("/v1/messages").json().contains(u"thinking"));
    }
};

QTEST_GUILESS_MAIN(TestThinkingHistory)
#include "tst_thinkinghistory.moc"
