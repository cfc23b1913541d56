// The shared test server's Ollama persona, scripted reply by reply for the window's tests:
// each chat request takes the next queued Script (or the default one).
#pragma once

#include "fakellm.h"
#include "testserver.h"

#include <QJsonObject>
#include <QList>

namespace Sluice::GuiTest {

struct Script
{
    QByteArray reply = QByteArrayLiteral("Hello! How can I help you today?");
    QByteArray thinking;
    int tokenDelayMs = 2;
    int loadDelayMs = 0;        // Ollama loading the model first (silent; /api/ps shows it)
    int silenceAfterLoadMs = 0; // then silent this long before the first chunk (-1: forever)
    Test::FakeLlmFault fault = Test::FakeLlmFault::None;
    int faultAfterTokens = 3; // tokens are 4 characters
    int httpStatus = 200;     // anything else: that status with errorBody
    QByteArray errorBody;
};

class ScriptedLlm final : public QObject
{
    Q_OBJECT
public:
    explicit ScriptedLlm(QObject *parent = nullptr);

    bool listen();
    QString baseUrl() const;
    quint16 port() const { return m_server.port(); }
    Test::TestServer &server() { return m_server; }
    Test::FakeLlm *llm() const { return m_llm; }

    void setDefault(const Script &script) { m_default = script; }
    void enqueue(const Script &script) { m_queue.append(script); }
    QList<QJsonObject> chatRequests() const;

private:
    void onRequest(const Test::RecordedRequest &request);

    Test::TestServer m_server;
    Test::FakeLlm *m_llm;
    Script m_default;
    QList<Script> m_queue;
    QByteArray m_unpaired; // the first request of the turn in progress, until its partner
};

} // namespace Sluice::GuiTest
