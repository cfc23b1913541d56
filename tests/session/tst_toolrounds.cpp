// Tool calls through a whole conversation, per protocol, streaming and not: the test server
// (FakeLlm) asks for two parallel calls, a scripted in-process Toolbox runs them, the results
// go back in the protocol's own shape (exact JSON of the second request), and the model's
// answer follows in a new message. Also: the round limit, a refused call, a tool that fails,
// Stop during a call that hangs, and Anthropic's thinking blocks going back with the calls.
#include "core/chat/chatclient.h"
#include "core/chat/toolloop.h"
#include "fakellm.h"
#include "protocolrows.h"
#include "scriptedtoolbox.h"
#include "session/conversationcontroller.h"
#include "toolroundsjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Sluice;
using namespace Sluice::Test;

namespace {

QByteArray chatPath(ProviderType type)
{
    switch (type) {
    case ProviderType::Ollama:
        return "/api/chat";
    case ProviderType::OpenAI:
        return "/v1/chat/completions";
    case ProviderType::Anthropic:
        return "/v1/messages";
    }
    return {};
}

} // namespace

class TestToolRounds final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    FakeLlm *m_llm = nullptr;
    std::unique_ptr<ChatClient> m_client;
    std::unique_ptr<ScriptedToolbox> m_box;
    std::unique_ptr<ToolLoop> m_loop;
    std::unique_ptr<ConversationController> m_conv;

    void setUpConversation(ProviderType type, bool stream)
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY(m_server->listen());
        FakeLlmOptions o;
        o.reply = "Your notes say milk and eggs.";
        o.toolCalls = {{"call_r1", "read_file", R"({"path":"notes.txt"})"},
                       {"call_r2", "broken", "{}"}};
        m_llm = FakeLlm::install(*m_server, o);
        m_client = std::make_unique<ChatClient>();
        m_box = std::make_unique<ScriptedToolbox>();
        m_box->add({{u"files"_qs, u"read_file"_qs, {}, u"Reads a file."_qs,
                     QJsonDocument::fromJson(R"({"type":"object"})").object()},
                    ScriptedTool::Behaviour::Answer, u"milk, eggs"_qs, 40});
        m_box->add({{u"files"_qs, u"broken"_qs, {}, {}, {}},
                    ScriptedTool::Behaviour::Fail, u"disk on fire"_qs, 5});
        m_box->add({{u"slow"_qs, u"wait"_qs, {}, {}, {}}, ScriptedTool::Behaviour::Hang, {}, 0});
        m_loop = std::make_unique<ToolLoop>(m_box.get());
        m_loop->setPolicy([](const ToolCallRecord &) { return ToolLoop::Consent::Allow; });
        m_conv = std::make_unique<ConversationController>(m_client.get());
        ProviderConfig p;
        p.id = QStringLiteral("test");
        p.type = type;
        p.baseUrl = baseFor(type, *m_server);
        p.stream = stream;
        p.maxRetries = 0;
        m_conv->setProvider(p);
        m_conv->setModel(QStringLiteral("llama3.2:3b"));
        m_conv->setToolLoop(m_loop.get());
    }

private Q_SLOTS:
    void cleanup()
    {
        m_conv.reset();
        m_loop.reset();
        m_box.reset();
        m_client.reset();
        m_server.reset();
    }
    void parallelCallsThenAnswer_data();
    void parallelCallsThenAnswer();
    void roundLimitSaysSo();
    void deniedCallSendsRefusal();
    void stopCancelsHangingCall();
    void anthropicThinkingGoesBackWithTheCalls_data();
    void anthropicThinkingGoesBackWithTheCalls();
};

void TestToolRounds::parallelCallsThenAnswer_data()
{
    QTest::addColumn<ProviderType>("type");
    QTest::addColumn<bool>("stream");
    for (bool stream : {true, false}) {
        const char *s = stream ? "stream" : "whole";
        QTest::addRow("ollama %s", s) << ProviderType::Ollama << stream;
        QTest::addRow("openai %s", s) << ProviderType::OpenAI << stream;
        QTest::addRow("anthropic %s", s) << ProviderType::Anthropic << stream;
    }
}

void TestToolRounds::parallelCallsThenAnswer()
{
    QFETCH(ProviderType, type);
    QFETCH(bool, stream);
    setUpConversation(type, stream);
    QCOMPARE(m_conv->send(QStringLiteral("What do my notes say?")),
             ConversationController::SendResult::Sent);
    QTRY_VERIFY_WITH_TIMEOUT(!m_conv->isBusy(), 10000);

    ChatModel *model = m_conv->model();
    QCOMPARE(model->rowCount(), 3); // question, the turn with the calls, the answer
    const ConversationMessage &calls = model->message(1);
    QCOMPARE(calls.toolCalls.size(), 2);
    QCOMPARE(calls.toolCalls.at(0).state, ToolCallRecord::State::Ok);
    QCOMPARE(calls.toolCalls.at(0).server, u"files"_qs);
    QCOMPARE(calls.toolCalls.at(0).resultText, u"milk, eggs"_qs);
    QCOMPARE(calls.toolCalls.at(0).elapsedMs, 40);
    QCOMPARE(calls.toolCalls.at(1).state, ToolCallRecord::State::Failed);
    QCOMPARE(model->message(2).content, u"Your notes say milk and eggs."_qs);
    QCOMPARE(model->message(2).state, MessageState::Complete);

    QCOMPARE(m_box->calls().size(), 2);
    QCOMPARE(m_box->calls().at(0).arguments,
             QJsonDocument::fromJson(R"({"path":"notes.txt"})").object());

    const QByteArray path = chatPath(type);
    QCOMPARE(m_server->requestCount(path), 2);
    const QJsonObject second = m_server->lastRequest(path).json();
    QJsonArray sent = second.value(u"messages").toArray();
    QCOMPARE(sent.first().toObject().value(u"content").toString(), u"What do my notes say?"_qs);
    sent.removeFirst();
    QCOMPARE(sent, expectedRound(type));
    QCOMPARE(second.value(u"tools").toArray().size(), 3); // every tool offered again
}

void TestToolRounds::roundLimitSaysSo()
{
    setUpConversation(ProviderType::OpenAI, true);
    m_llm->options().toolRounds = 100; // a model that never stops asking
    m_loop->setMaxRounds(2);
    m_conv->send(QStringLiteral("loop"));
    QTRY_VERIFY_WITH_TIMEOUT(!m_conv->isBusy(), 10000);
    QCOMPARE(m_server->requestCount("/v1/chat/completions"), 3);
    QCOMPARE(m_box->calls().size(), 4); // two rounds of two calls; the third is not run
    ChatModel *model = m_conv->model();
    const ConversationMessage &last = model->message(model->rowCount() - 1);
    QCOMPARE(last.state, MessageState::Failed);
    QCOMPARE(last.errorText,
             u"Stopped after 2 rounds of tool calls (the limit); the model asked for more."_qs);
    QCOMPARE(last.toolCalls.at(0).state, ToolCallRecord::State::Denied);
}

void TestToolRounds::deniedCallSendsRefusal()
{
    setUpConversation(ProviderType::Ollama, true);
    m_loop->setPolicy([](const ToolCallRecord &) { return ToolLoop::Consent::Ask; });
    QSignalSpy asked(m_loop.get(), &ToolLoop::consentNeeded);
    m_conv->send(QStringLiteral("notes?"));
    QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 1, 10000);
    QVERIFY(m_conv->isBusy()); // waiting for the answer
    QCOMPARE(asked.first().at(1).value<ToolCallRecord>().name, u"read_file"_qs);
    m_loop->answerConsent(false);
    QTRY_COMPARE(asked.size(), 2);
    m_loop->answerConsent(true);
    QTRY_VERIFY_WITH_TIMEOUT(!m_conv->isBusy(), 10000);
    QCOMPARE(m_box->calls().size(), 1); // only the allowed one ran
    const QJsonArray sent = m_server->lastRequest("/api/chat").json().value(u"messages").toArray();
    QCOMPARE(sent.at(2).toObject(), expectedRefusal());
}

void TestToolRounds::stopCancelsHangingCall()
{
    setUpConversation(ProviderType::Anthropic, true);
    m_llm->options().toolCalls = {{"toolu_w", "wait", "{}"}};
    m_conv->send(QStringLiteral("wait for it"));
    QTRY_COMPARE_WITH_TIMEOUT(m_box->running(), 1, 10000);
    QVERIFY(m_conv->isBusy());
    m_conv->stop();
    QTRY_VERIFY(!m_conv->isBusy());
    QCOMPARE(m_box->running(), 0);
    ChatModel *model = m_conv->model();
    QCOMPARE(model->rowCount(), 2); // nothing asked after the stop
    QCOMPARE(model->message(1).state, MessageState::Cancelled);
    QCOMPARE(model->message(1).toolCalls.at(0).state, ToolCallRecord::State::Cancelled);
    QCOMPARE(m_server->requestCount("/v1/messages"), 1);
}

void TestToolRounds::anthropicThinkingGoesBackWithTheCalls_data()
{
    QTest::addColumn<bool>("stream");
    QTest::addRow("stream") << true;
    QTest::addRow("whole") << false;
}

void TestToolRounds::anthropicThinkingGoesBackWithTheCalls()
{
    QFETCH(bool, stream);
    setUpConversation(ProviderType::Anthropic, stream);
    Conversation options = m_conv->options();
    options.settings.think = QStringLiteral("medium");
    m_conv->setOptions(options);
    m_conv->send(QStringLiteral("What do my notes say?"));
    QTRY_VERIFY_WITH_TIMEOUT(!m_conv->isBusy(), 10000);
    // The test server refuses (400) a turn whose thinking block did not come back unchanged.
    QCOMPARE(m_conv->model()->rowCount(), 3);
    QCOMPARE(m_conv->model()->message(2).content, u"Your notes say milk and eggs."_qs);
    QCOMPARE(m_conv->model()->message(2).state, MessageState::Complete);
    const QJsonArray sent =
        m_server->lastRequest("/v1/messages").json().value(u"messages").toArray();
    const QJsonArray turn = sent.at(1).toObject().value(u"content").toArray();
    QCOMPARE(turn.size(), 3); // thinking first, then the two tool_use blocks
    QCOMPARE(turn.at(0).toObject(),
             QJsonObject({{u"type"_qs, u"thinking"_qs},
                          {u"thinking"_qs, QString::fromUtf8(FakeToolThinking)},
                          {u"signature"_qs, QString::fromUtf8(FakeThinkingSignature)}}));
    QCOMPARE(turn.at(1).toObject().value(u"type").toString(), u"tool_use"_qs);

    // The next question has a round of its own, whose thinking goes back the same way.
    m_conv->send(QStringLiteral("And now?"));
    QTRY_VERIFY_WITH_TIMEOUT(!m_conv->isBusy(), 10000);
    QCOMPARE(m_conv->model()->rowCount(), 6);
    QCOMPARE(m_conv->model()->message(5).state, MessageState::Complete);
    QCOMPARE(m_server->requestCount("/v1/messages"), 4);
}

QTEST_GUILESS_MAIN(TestToolRounds)
#include "tst_toolrounds.moc"
