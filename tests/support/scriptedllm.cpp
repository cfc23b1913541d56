#include "scriptedllm.h"

namespace Sluice::GuiTest {

ScriptedLlm::ScriptedLlm(QObject *parent) : QObject(parent), m_llm(Test::FakeLlm::install(m_server))
{
    // Emitted before the server picks its answer: the persona gets this request's script.
    connect(&m_server, &Test::TestServer::requestReceived, this, &ScriptedLlm::onRequest,
            Qt::DirectConnection);
}

bool ScriptedLlm::listen()
{
    return m_server.listen();
}

QString ScriptedLlm::baseUrl() const
{
    return m_server.url().toString();
}

QList<QJsonObject> ScriptedLlm::chatRequests() const
{
    QList<QJsonObject> out;
    const QList<Test::RecordedRequest> all = m_server.requests();
    for (const Test::RecordedRequest &r : all) {
        if (r.pathWithoutQuery() == "/api/chat")
            out.append(r.json());
    }
    return out;
}

void ScriptedLlm::onRequest(const Test::RecordedRequest &request)
{
    // A turn is a chat and, beside it, the client's load-only request (/api/generate): the
    // script applies from whichever of the two arrives first.
    const QByteArray path = request.pathWithoutQuery();
    if (path != "/api/chat" && path != "/api/generate")
        return;
    if (!m_unpaired.isEmpty() && path != m_unpaired) {
        m_unpaired.clear(); // the second request of the turn
        return;
    }
    m_unpaired = path;
    const Script s = m_queue.isEmpty() ? m_default : m_queue.takeFirst();
    Test::FakeLlmOptions &o = m_llm->options();
    o.reply = s.reply;
    o.thinking = s.thinking;
    o.tokenDelayMs = s.tokenDelayMs;
    o.loadDelayMs = s.loadDelayMs;
    o.silenceAfterLoadMs = s.silenceAfterLoadMs;
    if (s.loadDelayMs > 0)
        m_llm->unloadAll();
    o.fault = s.fault;
    o.faultAfterTokens = s.faultAfterTokens;
    if (s.httpStatus != 200)
        m_server.on("POST", "/api/chat").times(1).status(s.httpStatus).json(s.errorBody);
}

} // namespace Sluice::GuiTest
