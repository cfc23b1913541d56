// ServerModels, what the model picker lists: each server's models, or why it cannot be reached,
// against the loopback test server's Ollama persona.
#include "core/chat/chatclient.h"
#include "fakellm.h"
#include "session/servermodels.h"
#include "testserver.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Sluice;
using namespace Sluice::Test;

class TestServerModels final : public QObject
{
    Q_OBJECT

private:
    static ProviderConfig provider(const QString &id, const QString &baseUrl)
    {
        ProviderConfig p;
        p.id = id;
        p.baseUrl = baseUrl;
        p.maxRetries = 0;
        p.timeouts.connectMs = 2000;
        return p;
    }

private Q_SLOTS:
    void listsTheServersModels()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        ChatClient client;
        ServerModels models(&client);
        QSignalSpy changed(&models, &ServerModels::changed);

        models.refresh(provider(QStringLiteral("local"), server.url().toString()));
        QCOMPARE(models.entry(QStringLiteral("local")).state, ServerModels::State::Checking);
        QTRY_COMPARE(models.entry(QStringLiteral("local")).state, ServerModels::State::Reachable);
        QCOMPARE(models.modelIds(QStringLiteral("local")),
                 (QStringList{QStringLiteral("llama3.2:3b"), QStringLiteral("qwen3:4b")}));
        QCOMPARE(changed.count(), 2); // Checking, then the result
        QCOMPARE(changed.at(1).first().toString(), QStringLiteral("local"));
        // A provider never asked about is unknown, with no models.
        QCOMPARE(models.entry(QStringLiteral("other")).state, ServerModels::State::Unknown);
        QVERIFY(models.modelIds(QStringLiteral("other")).isEmpty());
    }

    void aServerThatIsNotThereIsUnreachable()
    {
        QTcpServer closed; // a port nobody listens on any more
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        ChatClient client;
        ServerModels models(&client);
        models.refresh(
            provider(QStringLiteral("gone"), QStringLiteral("http://127.0.0.1:%1").arg(port)));
        QTRY_COMPARE(models.entry(QStringLiteral("gone")).state, ServerModels::State::Unreachable);
        QCOMPARE(models.entry(QStringLiteral("gone")).error.kind, ChatError::Kind::Connection);
        QVERIFY(models.modelIds(QStringLiteral("gone")).isEmpty());
    }

    // A server that answers with an HTTP error is there: reachable, with the error kept.
    void anHttpErrorIsStillReachable()
    {
        TestServer server;
        QVERIFY(server.listen());
        server.on("GET", "/api/tags").status(500).json(R"({"error":"boom"})");
        ChatClient client;
        ServerModels models(&client);
        models.refresh(provider(QStringLiteral("local"), server.url().toString()));
        QTRY_VERIFY(models.entry(QStringLiteral("local")).state != ServerModels::State::Checking);
        QCOMPARE(models.entry(QStringLiteral("local")).state, ServerModels::State::Reachable);
        QCOMPARE(models.entry(QStringLiteral("local")).error.kind, ChatError::Kind::Http);
    }
};

QTEST_GUILESS_MAIN(TestServerModels)
#include "tst_servermodels.moc"
