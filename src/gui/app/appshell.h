// The app around the window: the configuration file (and what to do when it is broken), API
// keys from the keychain, the history, and the dialogs the window asks for (Settings,
// Models, export and import). gui.cpp makes one; tests make one on temporary files.
#pragma once

#include "gui/app/conversationfiles.h"
#include "core/config/secretstore.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>
#include <QStringList>

#include <functional>
#include <memory>

namespace Sluice {

class ChatClient;
class ConfigStore;
struct Config;
class ConversationStore;
class MainWindow;
class ModelsDialog;
class SettingsDialog;
class WindowHistory;
struct ModelCapabilities;

class AppShell final : public QObject
{
    Q_OBJECT
public:
    enum class BrokenConfigAnswer { OpenFile, Reload, StartFromDefaults, Quit };
    // The seam for the broken-file question: tests answer it, the app shows a QMessageBox.
    // `opened`: the user opened the file already, so Reload is offered.
    using BrokenConfigPrompt =
        std::function<BrokenConfigAnswer(const QString &problem, bool opened)>;

    struct Options
    {
        QString configPath;              // --config; empty: $SLUICE_CONFIG, else the standard one
        QString dataDir;                 // --data-dir; empty: $SLUICE_DATA_DIR, the config's, …
        SecretStore *secrets = nullptr;  // nullptr: the OS keychain
        BrokenConfigPrompt brokenConfig; // empty: a message box
        std::function<void(const QUrl &)> openFile; // empty: QDesktopServices
        FileChooser chooseFile;                     // empty: the platform's file dialog
        // Runs once the configuration is loaded, before any widget exists (the app applies
        // its theme there: a style set afterwards repolishes every widget).
        std::function<void(const Config &)> configLoaded;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    };

    AppShell(ChatClient *client, Options options, QObject *parent = nullptr);
    ~AppShell() override;

    // Loads the configuration (asking what to do with a broken file), opens the history and
    // makes the window (not shown yet). False: the user chose Quit.
    bool start();

    MainWindow *window() const { return m_window.get(); }
    ConfigStore *config() const { return m_config.get(); }
    ConversationStore *history() const { return m_history.get(); }
    WindowHistory *windowHistory() const { return m_windowHistory; }
    // What start() had to tell the user (a broken file kept aside, a damaged history …).
    QStringList notices() const { return m_notices; }

    // The dialogs, window-modal but not blocking (tests drive them).
    SettingsDialog *openSettings();
    ModelsDialog *openModels();

    // Shows notices() in the window (the status bar; a damaged history also in a box).
    void showNotices();

private:
    bool loadConfig();
    void openHistory();
    void makeWindow();
    void readKeysAndApply();
    void applyLogSettings(); // app.logging: level and log file
    void applyProviders();
    void onServerModelsChanged(const QString &providerId);
    void renameProviders(const QHash<QString, QString> &renamed);
    void exportCurrent();
    void importFile();
    BrokenConfigAnswer askAboutBrokenConfig(const QString &problem, bool opened);

    ChatClient *m_client;
    Options m_options;
    std::unique_ptr<SecretStore> m_ownSecrets;
    SecretStore *m_secrets;
    std::unique_ptr<ConfigStore> m_config;
    std::unique_ptr<ConversationStore> m_history;
    std::unique_ptr<MainWindow> m_window;
    WindowHistory *m_windowHistory = nullptr;
    QHash<QString, SecretResult> m_keys;
    int m_keyRead = 0; // generation of the newest keychain read
    QStringList m_notices;
    QString m_historyProblem;
    QPointer<SettingsDialog> m_settings;
    QPointer<ModelsDialog> m_models;
};

} // namespace Sluice
