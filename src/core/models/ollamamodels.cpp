#include "core/models/ollamamodels.h"

#include "core/chat/chatclient.h"

namespace Sluice {

OllamaModels::OllamaModels(ChatClient *client, const ProviderConfig &config, QObject *parent)
    : OllamaModels(client->network(), config, parent)
{}

OllamaModels::OllamaModels(QNetworkAccessManager *nam, const ProviderConfig &config,
                           QObject *parent)
    : QObject(parent), m_nam(nam), m_config(config)
{}

ModelOpReply *OllamaModels::op(ModelOpReply::Operation operation, const QString &model,
                               const QString &keepAlive)
{
    auto *reply = new ModelOpReply(m_nam, m_config, operation, model, keepAlive, this);
    reply->start();
    return reply;
}

ModelOpReply *OllamaModels::listInstalled()
{
    return op(ModelOpReply::Operation::ListInstalled, {});
}

ModelOpReply *OllamaModels::listRunning()
{
    return op(ModelOpReply::Operation::ListRunning, {});
}

ModelOpReply *OllamaModels::show(const QString &model)
{
    return op(ModelOpReply::Operation::Show, model);
}

ModelOpReply *OllamaModels::remove(const QString &model)
{
    return op(ModelOpReply::Operation::Delete, model);
}

ModelOpReply *OllamaModels::load(const QString &model, const QString &keepAlive)
{
    return op(ModelOpReply::Operation::Load, model, keepAlive);
}

ModelOpReply *OllamaModels::unload(const QString &model)
{
    return op(ModelOpReply::Operation::Unload, model);
}

PullReply *OllamaModels::pull(const QString &model)
{
    auto *reply = new PullReply(m_nam, m_config, model, this);
    reply->start();
    return reply;
}

} // namespace Sluice
