// What the provider form asks the provider's server, with the values in the form (a $VAR key
// expanded): which kind of server answers at the address being typed, which models it has
// ("Refresh from server"), and the connection test (sluice doctor's steps). All of them need
// a ChatClient; without one their buttons are off.
#pragma once

#include "core/chat/chattypes.h"

#include <QObject>
#include <QProcessEnvironment>

#include <functional>
#include <optional>

namespace Sluice {

class ChatClient;
class DefaultPicker;
class ModelRefresh;
class ProviderEditor;
class ServerKindProbe;

class ServerActions final : public QObject
{
    Q_OBJECT
public:
    ServerActions(ProviderEditor *editor, DefaultPicker *defaults, QObject *parent = nullptr);

    void setChatClient(ChatClient *client);
    // Where $VAR references are looked up.
    void setEnvironment(const QProcessEnvironment &env) { m_env = env; }
    // Names the model the connection test tries (see SettingsDialog::setTestModelChooser()).
    void setTestModelChooser(std::function<QString(const ProviderConfig &)> chooser)
    {
        m_testModel = std::move(chooser);
    }

    // Another provider is shown, or the dialog closes: the probe and the refresh stop.
    void cancel();
    void refreshModels();
    void testConnection();

private:
    std::optional<ProviderConfig> resolvedForm(QString *error) const;

    ProviderEditor *m_editor;
    DefaultPicker *m_defaults;
    ServerKindProbe *m_probe;
    ModelRefresh *m_refresh;
    ChatClient *m_client = nullptr;
    QProcessEnvironment m_env = QProcessEnvironment::systemEnvironment();
    std::function<QString(const ProviderConfig &)> m_testModel;
};

} // namespace Sluice
