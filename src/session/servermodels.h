// What each configured server offers: reachable or not, and its models.
#pragma once

#include "core/chat/chattypes.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace Sluice {

class ChatClient;
class ModelListReply;

class ServerModels final : public QObject
{
    Q_OBJECT
public:
    enum class State { Unknown, Checking, Reachable, Unreachable };
    Q_ENUM(State)

    struct Entry
    {
        State state = State::Unknown;
        QList<ModelInfo> models;
        ChatError error; // why it is unreachable
    };

    explicit ServerModels(ChatClient *client, QObject *parent = nullptr);

    // Asks the server for its models (again). changed() follows, twice: Checking, then a result.
    void refresh(const ProviderConfig &provider);
    Entry entry(const QString &providerId) const { return m_entries.value(providerId); }
    QStringList modelIds(const QString &providerId) const;

Q_SIGNALS:
    void changed(const QString &providerId);

private:
    ChatClient *m_client;
    QHash<QString, Entry> m_entries;
    QHash<QString, QPointer<ModelListReply>> m_pending;
};

} // namespace Sluice
