#include "session/servermodels.h"

#include "core/chat/chatclient.h"

namespace Sluice {

ServerModels::ServerModels(ChatClient *client, QObject *parent) : QObject(parent), m_client(client)
{}

QStringList ServerModels::modelIds(const QString &providerId) const
{
    QStringList ids;
    for (const ModelInfo &m : m_entries.value(providerId).models)
        ids.append(m.id);
    return ids;
}

void ServerModels::refresh(const ProviderConfig &provider)
{
    const QString id = provider.id;
    if (QPointer<ModelListReply> old = m_pending.take(id)) {
        old->disconnect(this);
        old->deleteLater();
    }
    m_entries[id].state = State::Checking;
    Q_EMIT changed(id);

    ModelListReply *reply = m_client->listModels(provider);
    m_pending.insert(id, reply);
    connect(reply, &ModelListReply::finished, this,
            [this, id, reply](const QList<ModelInfo> &models) {
                Entry &e = m_entries[id];
                e.state = State::Reachable;
                e.models = models;
                e.error = {};
                m_pending.remove(id);
                reply->deleteLater();
                Q_EMIT changed(id);
            });
    connect(reply, &ModelListReply::failed, this, [this, id, reply](const ChatError &error) {
        Entry &e = m_entries[id];
        // A server that answers with an HTTP error is there; only a missing one is unreachable.
        e.state =
            error.kind == ChatError::Kind::Connection || error.kind == ChatError::Kind::Stalled ||
                    error.kind == ChatError::Kind::Timeout || error.kind == ChatError::Kind::Config
                ? State::Unreachable
                : State::Reachable;
        e.error = error;
        m_pending.remove(id);
        reply->deleteLater();
        Q_EMIT changed(id);
    });
}

} // namespace Sluice
