// The app's one QNetworkAccessManager and the requests made with it.
#pragma once

#include "core/chat/chatreply.h"
#include "core/chat/chattypes.h"
#include "core/net/httpfetch.h"
#include "core/net/serverrequest.h"

#include <QHash>
#include <QObject>
#include <QPointer>

class QNetworkAccessManager;
class QNetworkReply;

namespace Sluice {

class Protocol;

// The model list of one provider. Exactly one of finished() or failed().
class ModelListReply final : public ServerRequest
{
    Q_OBJECT
public:
    ModelListReply(QNetworkAccessManager *nam, const ProviderConfig &config, QObject *parent);
    void start();
    const QList<ModelInfo> &models() const { return m_models; }

Q_SIGNALS:
    void finished(const QList<Sluice::ModelInfo> &models);

private:
    void get(const QUrl &url, ProviderType parseAs);
    void onErrorAnswer() override;
    void onComplete() override;
    ChatError stallError(StallWatchdog::Limit limit, qint64 elapsedMs) const override;

    std::unique_ptr<Protocol> m_protocol;
    QUrl m_root;
    ProviderType m_parseAs = ProviderType::Ollama;
    bool m_triedTags = false;
    QList<ModelInfo> m_models;
};

// What a ServerProbe found, and how.
struct ProbeResult
{
    enum class Basis {
        UrlPath,     // the URL's path says the type; the server was not asked (TrustPath)
        Ollama,      // Ollama answered GET /api/version
        OtherServer, // a server answered, not as Ollama
        NoAnswer,    // nothing answered in time: the type is guessed from the port
    };
    ProviderType type = ProviderType::OpenAI;
    Basis basis = Basis::NoAnswer;
    QString version; // Ollama's, with Basis::Ollama
    int httpStatus = 0; // what /api/version answered; 0 when not asked or no answer
    bool answered() const { return basis == Basis::Ollama || basis == Basis::OtherServer; }
};

// Works out which protocol a base URL speaks: from its path when it says (…/v1, …/api),
// else by asking GET {origin}/api/version, which only Ollama answers with {"version"}; when
// nothing answers, port 11434 means Ollama. With AskServer the server is asked even when the
// path says a type, so an Ollama behind "…/v1" is recognised. The probe sends no API key and
// follows no redirect to another origin.
class ServerProbe final : public QObject
{
    Q_OBJECT
public:
    enum class Mode { TrustPath, AskServer };
    ServerProbe(QNetworkAccessManager *nam, const QString &baseUrl, qint64 timeoutMs,
                QObject *parent, Mode mode = Mode::TrustPath);
    void start();

Q_SIGNALS:
    void detected(const Sluice::ProbeResult &result);
    void failed(const Sluice::ChatError &error); // only for a URL that cannot be parsed

private:
    void finish(const ProbeResult &result);

    QNetworkAccessManager *m_nam;
    QString m_baseUrl;
    qint64 m_timeoutMs;
    Mode m_mode;
    QPointer<HttpFetch> m_fetch;
    bool m_done = false;
};

class ChatClient final : public QObject
{
    Q_OBJECT
public:
    explicit ChatClient(QObject *parent = nullptr);
    // Uses a manager owned elsewhere (tests, or an app that already has one).
    explicit ChatClient(QNetworkAccessManager *nam, QObject *parent = nullptr);

    QNetworkAccessManager *network() const { return m_nam; }

    // The replies are children of the client and already started; delete them (deleteLater)
    // when done with them. Deleting a running reply closes its connection silently.
    ChatReply *chat(const ProviderConfig &config, const ChatRequest &request);
    ModelListReply *listModels(const ProviderConfig &config);
    ServerProbe *detectType(const QString &baseUrl, qint64 timeoutMs = 5000);
    // Asks the server what it is whatever the URL's path says (ServerProbe::Mode::AskServer).
    ServerProbe *probeServer(const QString &baseUrl, qint64 timeoutMs = 5000);

    // Whether the server at this native API root is Ollama, as a probe found it (`sluice
    // doctor` tells what it found). An OpenAI-compatible chat asks GET /api/version once per
    // server and remembers the answer; only Ollama gets a load-only request beside its chats.
    void rememberServer(const QUrl &ollamaRoot, bool isOllama);

private:
    void recogniseOllama(ChatReply *reply, const ProviderConfig &config);

    QNetworkAccessManager *m_nam;
    QHash<QString, bool> m_ollamaServers;           // native API root → is Ollama
    QHash<QString, QPointer<ServerProbe>> m_probes; // asking now
};

} // namespace Sluice
