// The chat window's server and model picker, above the conversation: which server and model
// answer in the conversation shown, the models that server lists (with marks for what each
// can do and which are loaded), the default choice for a new conversation, what the user
// types, and pulling a model that an Ollama server does not have yet.
//
// It works on the window's widgets (its form owns them) and on the conversation shown,
// set with setConversation(). The window tells it when a server's list changes
// (serverChanged()) and hears back through changed().
#pragma once

#include "core/chat/chattypes.h"
#include "core/config/presets.h"
#include "core/models/modelcapabilities.h"

#include <QHash>
#include <QObject>
#include <QPointer>

class QComboBox;
class QHBoxLayout;
class QLabel;
class QStatusBar;
class QToolButton;

namespace Sluice {

class ChatClient;
class ConversationController;
class ModelPullBar;
class ServerModels;

class ModelPicker final : public QObject
{
    Q_OBJECT
public:
    struct Widgets
    {
        QComboBox *providerCombo = nullptr;
        QComboBox *modelCombo = nullptr;
        QHBoxLayout *bar = nullptr;      // the row of the combos; gets the "Pull …" button
        QLabel *serverLabel = nullptr;   // the status bar's "Ollama · host:port"
        QStatusBar *statusBar = nullptr; // gets the pull's progress
    };

    ModelPicker(ChatClient *client, ServerModels *serverModels, const Widgets &widgets,
                QObject *parent = nullptr);
    ~ModelPicker() override;

    // The configured servers and the default for new conversations. True if the default
    // changed.
    bool setProviders(const QList<ProviderConfig> &providers, const QString &defaultProviderId,
                      const QString &defaultModel);
    const QList<ProviderConfig> &providers() const { return m_providers; }
    // The server with this id; else the default one; else the first; null without servers.
    const ProviderConfig *providerById(const QString &id) const;

    // The model last sent to on a provider, remembered for its next conversation.
    static void rememberModel(const QString &providerId, const QString &model);
    // A provider's id changed: the model last chosen for it is remembered under the new one.
    static void providerIdRenamed(const QString &from, const QString &to);

    void setConversation(ConversationController *conversation);
    // The preset new chats start from (Settings → Presets → New chats use); none: nullopt.
    void setDefaultPreset(const std::optional<Preset> &preset) { m_defaultPreset = preset; }
    // A conversation not begun: the default server, and its default model, then the default
    // preset.
    void useDefaults(ConversationController *conversation);
    // A conversation without a model: the default one, else the last used, else the first listed.
    void chooseDefaultModel(ConversationController *conversation);

    void populateProviders();
    void populateModels();
    void setModelCapabilities(const QString &providerId,
                              const QHash<QString, ModelCapabilities> &capabilities);
    // What is known of `model` on a provider (context window, marks); nothing known: {}.
    // "tiny" finds what the server listed as "tiny:latest" (Ollama's names).
    ModelCapabilities capabilities(const QString &providerId, const QString &model) const;
    // Asks an Ollama server again which models it holds in memory (the "loaded" marks).
    void refreshLoadedModels(const ProviderConfig &provider);
    // Asks the shown conversation's server for its models again.
    void refreshModels();
    // A server's list changed: conversations on it that have no model get their default.
    void serverChanged(const QString &providerId,
                       const QList<ConversationController *> &conversations);
    // The picker takes the focus and opens its list (Ctrl+M); nothing listed: type a name.
    void chooseModel();

Q_SIGNALS:
    // What the picker shows for the conversation changed: its server, its model, or the list.
    void changed();
    // A pull started from the picker has finished: the model is on the server now.
    void modelPulled(const QString &providerId, const QString &model);
    // A sentence for the status bar.
    void message(const QString &text);

private:
    static QString lastModelKey(const QString &providerId);
    void updateModelMarks();
    void onProviderChosen(int index);
    void onModelEdited(const QString &text);
    QString modelToPull() const;
    void updatePullOffer();
    void pullTypedModel();
    void onModelPulled(const QString &providerId, const QString &model);
    void selectPulledModel(const QString &providerId,
                           const QList<ConversationController *> &conversations);

    ChatClient *m_client;
    ServerModels *m_serverModels;
    Widgets m_ui;
    QToolButton *m_pullButton; // "Pull <name>…" beside the model picker
    ModelPullBar *m_pullBar;
    QPointer<ConversationController> m_current;
    QList<ProviderConfig> m_providers;
    QString m_defaultProviderId;
    QString m_defaultModel;
    QHash<QString, QHash<QString, ModelCapabilities>> m_modelCaps; // provider → model → marks
    std::optional<Preset> m_defaultPreset;
    QHash<QString, QString> m_pulled; // provider → a pulled model to select once listed
    bool m_populating = false;
};

} // namespace Sluice
