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
#include <QToolButton>

#include <functional>
#include <memory>

namespace Ui {
class MainWindow;
}

namespace Sluice {

class ChatClient;
class Composer;
class ConversationView;
class ModelPullBar;
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
    const QList<ProviderConfig> &providers() const { return m_providers; }
    // A provider's id changed: the model last chosen for it is remembered under the new one.
    static void providerIdRenamed(const QString &from, const QString &to);
    ChatClient *chatClient() const { return m_client; }
    ServerModels *serverModels() const { return m_serverModels; }
    // Marks for the picker's models of one provider (tooltip and a quiet suffix in the list).
    void setModelCapabilities(const QString &providerId,
                              const QHash<QString, ModelCapabilities> &capabilities);

    ConversationController *currentConversation() const { return m_current; }
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
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    static QString lastModelKey(const QString &providerId);
    void setupActions();
    void centreEmptyState();
    void restyle();
    void restoreState();
    void fitIntoScreen(bool centre);
    void saveState();
    const ProviderConfig *providerById(const QString &id) const;
    void populateProviders();
    void populateModels();
    void updateModelMarks();
    void refreshLoadedModels(const ProviderConfig &provider);
    void onProviderChosen(int index);
    void onModelEdited(const QString &text);
    void onServerChanged(const QString &providerId);
    void refreshModels();
    void setupModelPull();
    QString modelToPull() const;
    void updatePullOffer();
    void pullTypedModel();
    void onModelPulled(const QString &providerId, const QString &model);
    void selectPulledModel(const QString &providerId);
    void chooseDefaultModel(ConversationController *conversation);
    void useDefaults(ConversationController *conversation);
    void updateEmptyState();
    void updateActions();
    void onSendClicked();
    void send();
    void onReplyEnded(int row);
    void retry(int row);
    void beginEdit(int row);
    void cancelEdit();
    void openConversationSettings();
    void requestSettings();
    void searchConversations();
    void stepConversation(int step);
    void chooseModel();
    void openLink(const QUrl &url);
    void showTransient(const QString &text);

    std::unique_ptr<Ui::MainWindow> m_ui;
    ChatClient *m_client;
    ServerModels *m_serverModels;
    ReplyStatus *m_replyStatus;
    ModelPullBar *m_pullBar = nullptr;
    QHash<QString, QString> m_pulled; // provider → a pulled model to select once listed
    SessionSidebar *m_sessionSidebar = nullptr;
    QList<ConversationController *> m_conversations;
    QPointer<ConversationController> m_current;
    QList<ProviderConfig> m_providers;
    QString m_defaultProviderId;
    QString m_defaultModel;
    QHash<QString, QHash<QString, ModelCapabilities>> m_modelCaps; // provider → model → marks
    quint64 m_editUid = 0;
    // The unanswered message whose text went back to the composer (see onReplyEnded()).
    QPointer<ConversationController> m_returnedTo;
    quint64 m_returnedUid = 0;
    std::function<void(const QUrl &)> m_linkOpener;
    bool m_populating = false;
    QToolButton *m_pullButton = nullptr; // "Pull <name>…" beside the model picker
    QList<QAction *> m_windowKeys;       // their keys win over the text fields' own
};

} // namespace Sluice
