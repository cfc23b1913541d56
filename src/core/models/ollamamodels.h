// Model management on one Ollama provider, over the ChatClient's network manager:
//
//   OllamaModels models(client, provider);
//   ModelOpReply *r = models.listRunning();          // or listInstalled / show / remove …
//   connect(r, &ModelOpReply::finished, …  r->running() …);
//   PullReply *p = models.pull(QStringLiteral("llama3.2:3b"));
//
// Every reply is a child of this object and already started; each ends with exactly one of
// finished() or failed(ChatError). Delete replies (deleteLater) when done with them.
#pragma once

#include "core/chat/chattypes.h"
#include "core/models/modelopreply.h"
#include "core/models/pullreply.h"

#include <QObject>

class QNetworkAccessManager;

namespace Sluice {

class ChatClient;

class OllamaModels final : public QObject
{
    Q_OBJECT
public:
    OllamaModels(ChatClient *client, const ProviderConfig &config, QObject *parent = nullptr);
    OllamaModels(QNetworkAccessManager *nam, const ProviderConfig &config,
                 QObject *parent = nullptr);

    const ProviderConfig &provider() const { return m_config; }

    ModelOpReply *listInstalled();              // GET /api/tags
    ModelOpReply *listRunning();                // GET /api/ps
    ModelOpReply *show(const QString &model);   // POST /api/show
    ModelOpReply *remove(const QString &model); // DELETE /api/delete
    // POST /api/chat with no messages; keepAlive ("10m", "-1") as Ollama reads it, or its
    // default when empty. Waits up to the provider's load limit.
    ModelOpReply *load(const QString &model, const QString &keepAlive = {});
    ModelOpReply *unload(const QString &model); // the same with keep_alive 0
    PullReply *pull(const QString &model);      // POST /api/pull, streamed

private:
    ModelOpReply *op(ModelOpReply::Operation operation, const QString &model,
                     const QString &keepAlive = {});

    QNetworkAccessManager *m_nam;
    ProviderConfig m_config;
};

} // namespace Sluice
