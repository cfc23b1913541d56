// A model that takes no tools, on each protocol: real Ollama 0.24 answers a request that
// offers tools to such a model with 400 "registry.ollama.ai/library/<model> does not support
// tools" on /api/chat, /v1/chat/completions and /v1/messages alike (the test server answers
// the same, fakellmrefusals.cpp). The reply says so in one sentence, the user's message
// stays, and Retry sends it again without tools, which the model answers.
#include "core/chat/chatclient.h"
#include "core/chat/toolloop.h"
#include "fakellm.h"
#include "protocolrows.h"
#include "scriptedtoolbox.h"
#include "session/conversationcontroller.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Sluice;
using namespace Sluice::Test;

class TestToolRefusal final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusedToolsAreSaidAndRetryGoesWithout_data()
    {
        QTest::addColumn<ProviderType>("type");
        QTest::addColumn<QByteArray>("path");
        QTest::newRow("ollama") << ProviderType::Ollama << QByteArray("/api/chat");
        QTest::newRow("openai") << ProviderType::OpenAI << QByteArray("/v1/chat/completions");
        QTest::newRow("anthropic") << ProviderType::Anthropic << QByteArray("/v1/messages");
    }

    void refusedToolsAreSaidAndRetryGoesWithout()
    {
        QFETCH(ProviderType, type);
        QFETCH(QByteArray, path);
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions o;
        o.reply = "Hello without tools.";
        o.models = {"tiny", "llama3.2:3b"};
        o.modelsWithoutTools = {"tiny"};
        FakeLlm::install(server, o);
        ChatClient client;
        ScriptedToolbox box;
        box.add({{u"files"_qs, u"read_file"_qs, {}, u"Reads a file."_qs,
                  QJsonDocument::fromJson(R"({"type":"object"})").object()},
                 ScriptedTool::Behaviour::Answer, u"milk"_qs, 0});
        ToolLoop loop(&box);
        loop.setPolicy([](const ToolCallRecord &) { return ToolLoop::Consent::Allow; });
        ConversationController conv(&client);
        ProviderConfig p;
        p.id = QStringLiteral("test");
        p.type = type;
        p.baseUrl = baseFor(type, server);
        p.maxRetries = 0;
        conv.setProvider(p);
        conv.setModel(QStringLiteral("tiny"));
        conv.setToolLoop(&loop);

        QCOMPARE(conv.send(QStringLiteral("What do my notes say?")),
                 ConversationController::SendResult::Sent);
        QTRY_VERIFY_WITH_TIMEOUT(!conv.isBusy(), 10000);
        ChatModel *model = conv.model();
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(model->message(0).content, QStringLiteral("What do my notes say?"));
        QCOMPARE(model->message(1).state, MessageState::Failed);
        const QString said = model->message(1).errorText;
        QVERIFY2(said.startsWith(QStringLiteral("tiny does not support tools here (")), qPrintable(said));
        QVERIFY2(said.contains(QStringLiteral("registry.ollama.ai/library/tiny:latest does not "
                                              "support tools")),
                 qPrintable(said));
        QVERIFY2(said.endsWith(QStringLiteral("Your message is kept: Retry sends it without "
                                              "tools, or choose a model that supports tools.")),
                 qPrintable(said));
        QVERIFY(server.lastRequest(path).json().contains(u"tools"));

        QVERIFY(conv.retry(1));
        QTRY_VERIFY_WITH_TIMEOUT(!conv.isBusy(), 10000);
        QCOMPARE(model->message(1).state, MessageState::Complete);
        QCOMPARE(model->message(1).content, QStringLiteral("Hello without tools."));
        QVERIFY(!server.lastRequest(path).json().contains(u"tools"));
        QCOMPARE(server.requestCount(path), 2);

        // Another model is offered the tools again.
        conv.setModel(QStringLiteral("llama3.2:3b"));
        QCOMPARE(conv.send(QStringLiteral("And now?")), ConversationController::SendResult::Sent);
        QTRY_VERIFY_WITH_TIMEOUT(!conv.isBusy(), 10000);
        QVERIFY(server.lastRequest(path).json().contains(u"tools"));
    }
};

QTEST_MAIN(TestToolRefusal)
#include "tst_toolrefusal.moc"
