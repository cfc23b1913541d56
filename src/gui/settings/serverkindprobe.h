// Asks the server behind a base URL what it is while the user edits the URL: debounced after
// typing stops, or at once ("Detect"). One probe at a time; a newer URL cancels the probe in
// flight, and so does destroying this object (the dialog closing). The probe carries no API
// key (ServerProbe::Mode::AskServer), so typing another host never sends a key there.
#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Sluice {

class ChatClient;
class ServerProbe;

class ServerKindProbe final : public QObject
{
    Q_OBJECT
public:
    explicit ServerKindProbe(QObject *parent = nullptr);
    ~ServerKindProbe() override;

    void setChatClient(ChatClient *client) { m_client = client; }
    void setDebounce(int ms) { m_debounce.setInterval(ms); }

    void schedule(const QString &baseUrl); // after the debounce interval
    void probeNow(const QString &baseUrl);
    void cancel();
    bool isRunning() const { return !m_probe.isNull(); }

Q_SIGNALS:
    void started(const QString &baseUrl);
    // An Ollama server answered at `baseUrl`; `nativeUrl` is its native API base.
    void ollamaFound(const QString &baseUrl, const QString &version, const QString &nativeUrl);
    // A server answered at `baseUrl` (with `httpStatus`) but it is not Ollama; `openAiUrl`
    // is where an OpenAI-compatible API would be (…/v1).
    void otherServer(const QString &baseUrl, int httpStatus, const QString &openAiUrl);
    // Nothing to say: unreachable, not a URL.
    void noOllama(const QString &baseUrl);

private:
    ChatClient *m_client = nullptr;
    QTimer m_debounce;
    QString m_pending;
    QPointer<ServerProbe> m_probe;
};

} // namespace Sluice
