// The chat window: sidebar, model picker, conversation, composer and status bar.
//
// Plug-in points for the rest of the app:
//  - providers:   setProviders(list, defaultProviderId, defaultModel) — call again whenever the
//                 configuration changes; the next request uses the new values.
//  - settings:    openSettingsRequested() (Ctrl+,, "Open Settings" in the empty state);
//                 setAppSettings() whenever the application settings change.
//  - File menu:   exportRequested(), importRequested(), modelsRequested() (Ollama only).
//  - Go menu:     searchRequested() (Ctrl+K, Ctrl+F), conversationStepRequested(±1)
//                 (Ctrl+Tab, Ctrl+Shift+Tab) for a sidebar set with setSidebar(); the
//                 built-in session list handles them itself.
//  - models:      setModelCapabilities() marks what each model of the picker can do.
//  - history:     conversationCreated(controller) for every new chat (attach a
//                 ConversationSink there); showConversation(controller) to open a stored one
//                 (create it with chatClient(), then controller->load(options, messages));
//                 setSidebar(widget) to replace the session list.
#pragma once

#include "core/chat/chattypes.h"
#include "core/config/config.h"
#include "session/conversationcontroller.h"
#include "core/models/modelcapabilities.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>

#include <functional>
#include <memory>

class QLabel;

namespace Ui {
class MainWindow;
}

namespace Sluice {

class WindowTools;

class ChatClient;
class Composer;
class ComposerController;
class ComposerTools;
class ConversationView;
class EmptyPage;
class ModelPicker;
class LiveStatusLabel;
class ReplyAnnouncer;
class ReplyStatus;
class ServerModels;
class SessionSidebar;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(ChatClient *client, QWidget *parent = nullptr);
    ~MainWindow() override;

    void setProviders(const QList<ProviderConfig> &providers, const QString &defaultProviderId,
                      const QString &defaultModel);
    const QList<ProviderConfig> &providers() const;
    // The presets of the config file (typing "/" in the composer offers them) and the one new
    // chats start from; call again when the configuration changes.
    void setPresets(const QList<Preset> &presets, const QString &defaultPreset);
    ComposerTools *composerTools() const { return m_composerTools; }
    ChatClient *chatClient() const { return m_client; }
    ServerModels *serverModels() const { return m_serverModels; }
    // Marks for the picker's models of one provider (tooltip and a quiet suffix in the list).
    void setModelCapabilities(const QString &providerId,
                              const QHash<QString, ModelCapabilities> &capabilities);

    ConversationController *currentConversation() const { return m_current; }
    // Who deletes a message the user asked to delete (the history: with its versions, after a
    // confirmation); returns false to let the window delete the row itself.
    void setMessageDeleter(std::function<bool(ConversationController *, int row)> deleter)
    {
        m_messageDeleter = std::move(deleter);
    }
    QList<ConversationController *> conversations() const { return m_conversations; }
    ConversationController *newConversation();
    void showConversation(ConversationController *conversation);
    void setSidebar(QWidget *sidebar);

    ConversationView *conversationView() const;
    Composer *composer() const;

    // The application settings the window follows: which key sends, the size of the
    // conversation's text (0 = the system size). Applied at once, no restart.
    void setAppSettings(const AppSettings &app);

    // How links leave the app; the default opens http(s) and mailto links in the browser.
    void setLinkOpener(std::function<void(const QUrl &)> opener);
    // Tool calling: tools()->setToolbox() gives the conversations their tools.
    WindowTools *tools() const { return m_tools; }

Q_SIGNALS:
    void openSettingsRequested();
    void modelsRequested();
    void exportRequested();
    void importRequested();
    void conversationCreated(Sluice::ConversationController *conversation);
    void currentConversationChanged(Sluice::ConversationController *conversation);
    // A pull started from the model picker has finished: the model is on the server now.
    void modelPulled(const QString &providerId, const QString &model);
    // The search of the sidebar set with setSidebar() should take the focus.
    void searchRequested();
    // Open the next (+1) or previous (-1) conversation of the sidebar set with setSidebar().
    void conversationStepRequested(int step);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void setupActions();
    void restyle();
    void addStatusLabels();
    void watchCurrent();
    void updateEmptyState();
    void updateActions();
    void openConversationSettings();
    void requestSettings();
    void searchConversations();
    void stepConversation(int step);
    void openLink(const QUrl &url);
    void showTransient(const QString &text);

    std::unique_ptr<Ui::MainWindow> m_ui;
    ChatClient *m_client;
    ServerModels *m_serverModels;
    ReplyStatus *m_replyStatus;
    LiveStatusLabel *m_phaseLabel = nullptr; // the status bar: what the reply is doing
    ReplyAnnouncer *m_announcer = nullptr;   // says when a reply starts, ends or fails
    QLabel *m_serverLabel = nullptr; // the status bar: the conversation's server
    std::unique_ptr<EmptyPage> m_emptyPage;
    std::unique_ptr<ModelPicker> m_modelPicker;
    std::unique_ptr<ComposerController> m_composer;
    WindowTools *m_tools = nullptr;
    ComposerTools *m_composerTools = nullptr; // a child: the context meter and the presets menu
    SessionSidebar *m_sessionSidebar = nullptr;
    std::unique_ptr<QWidget> m_hiddenSidebar; // the session list while another sidebar shows
    QList<ConversationController *> m_conversations;
    QPointer<ConversationController> m_current;
    // The window's connections to the conversation shown, cut when another is shown.
    QList<QMetaObject::Connection> m_currentConnections;
    std::function<void(const QUrl &)> m_linkOpener;
    std::function<bool(ConversationController *, int row)> m_messageDeleter;
};

} // namespace Sluice
