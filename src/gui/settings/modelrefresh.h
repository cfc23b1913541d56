// "Refresh from server" in the provider form: the server's model list and, for Ollama, what
// /api/show says about each model (context length, capabilities), asked for with at most
// MaxConcurrent requests at a time. Destroying or restarting it stops every request.
#pragma once

#include "core/chat/chattypes.h"
#include "core/models/modeltypes.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

namespace Sluice {

class ChatClient;
class ModelListReply;
class OllamaModels;

class ModelRefresh final : public QObject
{
    Q_OBJECT
public:
    static constexpr int MaxConcurrent = 3;

    explicit ModelRefresh(QObject *parent = nullptr);
    ~ModelRefresh() override;

    void start(ChatClient *client, const ProviderConfig &provider);
    void cancel();
    bool isRunning() const { return m_running; }
    QString providerId() const { return m_provider.id; }

Q_SIGNALS:
    void listed(const QList<Sluice::ModelInfo> &models);
    void listFailed(const QString &message);
    void detailsFound(const QString &model, const Sluice::ModelDetails &details);
    void detailsFailed(const QString &model, const QString &message);
    void finished(); // after listFailed(), or when every model's details are in

private:
    void showNext();
    void done();

    ProviderConfig m_provider;
    QPointer<ModelListReply> m_list;
    QPointer<OllamaModels> m_ops;
    QStringList m_queue;
    int m_inFlight = 0;
    bool m_running = false;
};

} // namespace Sluice
