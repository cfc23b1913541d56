#include "gui/settings/serverkindprobe.h"

#include "core/chat/chatclient.h"
#include "core/net/endpoint.h"

namespace Sluice {

ServerKindProbe::ServerKindProbe(QObject *parent) : QObject(parent)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(600);
    connect(&m_debounce, &QTimer::timeout, this, [this] { probeNow(m_pending); });
}

ServerKindProbe::~ServerKindProbe()
{
    cancel();
}

void ServerKindProbe::schedule(const QString &baseUrl)
{
    cancel();
    m_pending = baseUrl;
    if (m_client && parseBaseUrl(baseUrl).ok())
        m_debounce.start();
}

void ServerKindProbe::cancel()
{
    m_debounce.stop();
    if (m_probe) {
        disconnect(m_probe, nullptr, this, nullptr);
        m_probe->deleteLater(); // its destructor aborts the request
        m_probe = nullptr;
    }
}

void ServerKindProbe::probeNow(const QString &baseUrl)
{
    cancel();
    const ParsedBaseUrl parsed = parseBaseUrl(baseUrl);
    if (!m_client || !parsed.ok()) {
        Q_EMIT noOllama(baseUrl);
        return;
    }
    ServerProbe *probe = m_client->probeServer(baseUrl);
    m_probe = probe;
    const QString native = displayBase(apiRoot(parsed.url, ProviderType::Ollama));
    const QString openAi =
        displayBase(apiRoot(apiRoot(parsed.url, ProviderType::Ollama), ProviderType::OpenAI));
    connect(probe, &ServerProbe::detected, this,
            [this, probe, baseUrl, native, openAi](const ProbeResult &found) {
                m_probe = nullptr;
                probe->deleteLater();
                if (found.basis == ProbeResult::Basis::Ollama)
                    Q_EMIT ollamaFound(baseUrl, found.version, native);
                else if (found.basis == ProbeResult::Basis::OtherServer)
                    Q_EMIT otherServer(baseUrl, found.httpStatus, openAi);
                else
                    Q_EMIT noOllama(baseUrl);
            });
    connect(probe, &ServerProbe::failed, this, [this, probe, baseUrl] {
        m_probe = nullptr;
        probe->deleteLater();
        Q_EMIT noOllama(baseUrl);
    });
    Q_EMIT started(baseUrl);
}

} // namespace Sluice
