// The exact end of an Ollama model load: a load-only request beside the chat.
//
// Ollama sends nothing on a chat, not even the status line, until the model is loaded and the
// first chunk exists, and /api/ps cannot tell loading from loaded (docs/ollama-loads.md). What
// does tell is a load-only request: POST /api/generate without a prompt answers
// {"done":true,"done_reason":"load"} when the model is loaded, at once when it already was
// (server/routes.go, GenerateHandler). Sent beside the chat with the chat's keep_alive and
// options, it is scheduled with the chat and answered when the chat's load ends
// (server/sched.go, processPending: the second request for a loading model waits in
// needsReload() for the load and is then given the same runner).
//
// Whoever started the load owns it: its disconnect aborts the load, and the other request then
// loads the model again from zero (server/sched.go, load(): WaitUntilRunning(req.ctx)). So
// both requests stay open until the chat ends, and a cancel closes both.
#pragma once

#include "core/chat/chattypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace Sluice {

class Protocol;

class ModelLoadProbe final : public QObject
{
    Q_OBJECT
public:
    // `ollamaRoot`: the server's native API root (http://host:11434). `chatBody` is the Ollama
    // chat body (its keep_alive and options are carried over) or empty for /v1, which sends
    // neither. `auth` adds the provider's headers and key (the same origin as the chat).
    ModelLoadProbe(QNetworkAccessManager *nam, const ProviderConfig &config, const Protocol &auth,
                   const QUrl &ollamaRoot, const QString &model, const QByteArray &chatBody,
                   QObject *parent);
    ~ModelLoadProbe() override; // closes the request: never outlives its chat

    // The body of the load-only request: model, and the chat's keep_alive and options.
    static QByteArray loadBody(const QString &model, const QByteArray &chatBody);

    bool isRunning() const { return !m_done; }
    // Closes the request now (Ollama aborts a load it started); no signal follows.
    void close();

Q_SIGNALS:
    void loaded(qint64 loadMs); // the model is in memory; loadMs since the probe was sent
    // Ollama refused or failed the load (404 missing model, 500 with its reason, 503 busy …):
    // the chat would get the same answer.
    void failed(const Sluice::ChatError &error);
    // No answer that says anything about the load (no Ollama API there, connection lost).
    void unavailable(const QString &reason);

private:
    void onFinished();

    QPointer<QNetworkReply> m_net;
    QUrl m_root;
    QString m_model;
    bool m_hasKey = false;
    bool m_done = false;
    QElapsedTimer m_clock;
};

} // namespace Sluice
