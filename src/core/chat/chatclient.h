// The app's one QNetworkAccessManager and the requests made with it.
#pragma once

#include "core/chat/chatreply.h"
#include "core/chat/chattypes.h"

#include <QHash>
#include <QObject>
#include <QPointer>

class QNetworkAccessManager;
class QNetworkReply;

namespace Sluice {

class Protocol;

// The model list of one provider. Exactly one of finished() or failed().
class ModelListReply final : public QObject
{
    Q_OBJECT
public:
    ModelListReply(QNetworkAccessManager *nam, const ProviderConfig &config, QObject *parent);
    ~ModelListReply() override;
    void start();
    const QList<ModelInfo> &models() const { return m_models; }

Q_SIGNALS:
    void finished(const QList<Sluice::ModelInfo> &models);
    void failed(const Sluice::ChatError &error);

private:
    void get(const QUrl &url, ProviderType parseAs);
    void onFinished();
    void fail(ChatError error);

    QNetworkAccessManager *m_nam;
    ProviderConfig m_config;
    QPointer<QNetworkReply> m_net;
    StallWatchdog *m_watchdog;
    QUrl m_root;
    QUrl m_url;
    ProviderType m_parseAs = ProviderType::Ollama;
    bool m_triedTags = false;
    bool m_done = false;
    QList<ModelInfo> m_models;
};

// Works out which protocol a base URL speaks: from its path when it says (…/v1, …/api),
// else by asking GET {origin}/api/version, which only Ollama answers with {"version"}.
// With AskServer the server is asked even when the path says a type, so an Ollama behind
// "…/v1" is recognised. The probe sends no API key and follows no redirect to another
// origin.
class ServerProbe final : public QObject
{
    Q_OBJECT
public:
    enum class Mode { TrustPath, AskServer };
    ServerProbe(QNetworkAccessManager *nam, const QString &baseUrl, qint64 timeoutMs,
                QObject *parent, Mode mode = Mode::TrustPath);
    ~ServerProbe() override;
    void start();
    // The HTTP status /api/version answered with; 0 when it was not asked or got no answer.
    int httpStatus() const { return m_httpStatus; }

Q_SIGNALS:
    // `version` is Ollama's version when the probe met an Ollama server.
    void detected(Sluice::ProviderType type, const QString &version);
    void failed(const Sluice::ChatError &error); // only for a URL that cannot be parsed

private:
    void finish(ProviderType type, const QString &version = {});

    QNetworkAccessManager *m_nam;
    QString m_baseUrl;
    qint64 m_timeoutMs;
    Mode m_mode;
    int m_httpStatus = 0;
    QPointer<QNetworkReply> m_net;
    QTimer m_timer;
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
    // Asks the server what it is whatever the URL's path says (ServerProbe::Mode::AskServer):
    // detected() carries Ollama's version only when an Ollama server answered.
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
