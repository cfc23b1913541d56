#include "gui/settings/modelrefresh.h"

#include "core/chat/chatclient.h"
#include "core/models/ollamamodels.h"

namespace Sluice {

ModelRefresh::ModelRefresh(QObject *parent) : QObject(parent) {}

ModelRefresh::~ModelRefresh()
{
    cancel();
}

void ModelRefresh::cancel()
{
    if (m_list) {
        m_list->disconnect(this);
        m_list->deleteLater(); // closes its connection
    }
    if (m_ops) {
        m_ops->disconnect(this);
        delete m_ops; // its replies are its children: their connections close
    }
    m_queue.clear();
    m_inFlight = 0;
    m_running = false;
}

void ModelRefresh::start(ChatClient *client, const ProviderConfig &provider)
{
    cancel();
    m_provider = provider;
    m_running = true;
    ModelListReply *list = client->listModels(provider);
    m_list = list;
    connect(list, &ModelListReply::finished, this,
            [this, client, list](const QList<ModelInfo> &models) {
                list->deleteLater();
                Q_EMIT listed(models);
                if (m_provider.type != ProviderType::Ollama || models.isEmpty()) {
                    done();
                    return;
                }
                m_ops = new OllamaModels(client, m_provider, this);
                for (const ModelInfo &m : models)
                    m_queue.append(m.id);
                for (int i = 0; i < MaxConcurrent; ++i)
                    showNext();
            });
    connect(list, &ModelListReply::failed, this, [this, list](const ChatError &e) {
        list->deleteLater();
        Q_EMIT listFailed(e.message);
        done();
    });
}

void ModelRefresh::showNext()
{
    if (!m_ops)
        return;
    if (m_queue.isEmpty()) {
        if (m_inFlight == 0)
            done();
        return;
    }
    const QString name = m_queue.takeFirst();
    ++m_inFlight;
    ModelOpReply *show = m_ops->show(name);
    auto end = [this, show, name] {
        --m_inFlight;
        show->deleteLater();
        if (show->error().message.isEmpty())
            Q_EMIT detailsFound(name, show->details());
        else
            Q_EMIT detailsFailed(name, show->error().message);
        showNext();
    };
    connect(show, &ModelOpReply::finished, this, end);
    connect(show, &ModelOpReply::failed, this, end);
}

void ModelRefresh::done()
{
    if (!m_running)
        return;
    m_running = false;
    if (m_ops)
        m_ops->deleteLater();
    Q_EMIT finished();
}

} // namespace Sluice
