// Settings (ui/settingsdialog.ui): the providers and the application settings. Edits a copy;
// OK and Apply write sluice.json (keys to the keychain), Cancel discards everything, and
// closing with unsaved changes asks.
#pragma once

#include "config.h"
#include "secretstore.h"

#include <QDialog>
#include <QMessageBox>
#include <QProcessEnvironment>

#include <functional>
#include <memory>

namespace Ui {
class SettingsDialog;
}

namespace Sluice {

class ChatClient;
class ConfigStore;
struct ProviderConfig;

class SettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    enum class Question {
        UnsavedChanges, // Save / Discard / Cancel
        KeepKeyInFile,  // Yes / No: no keychain is reachable
    };
    // The seam for questions: tests answer them, the app shows a QMessageBox.
    using QuestionHandler = std::function<QMessageBox::StandardButton(Question, const QString &)>;

    SettingsDialog(ConfigStore *store, SecretStore *secrets, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // Enables "Refresh from server" (ChatClient::listModels).
    void setChatClient(ChatClient *client);
    void setQuestionHandler(QuestionHandler handler);
    // Where $VAR references are looked up for Refresh and Test connection.
    void setEnvironment(const QProcessEnvironment &env) { m_env = env; }

    // ---- Test connection hook ------------------------------------------------------------
    // The button is disabled until a handler is set. The handler gets the provider as it is
    // in the form (key expanded) and reports back with showTestResult(); it may be called
    // again before the previous test finished.
    using TestConnectionHandler = std::function<void(const ProviderConfig &)>;
    void setTestConnectionHandler(TestConnectionHandler handler);
    void showTestResult(const QString &text);
    // ----------------------------------------------------------------------------------------

    bool hasUnsavedChanges() const;
    // Writes keys and the file. Asynchronous (the keychain is); ends with applied() or
    // applyFailed().
    void apply();

public Q_SLOTS:
    void accept() override;
    void reject() override;

Q_SIGNALS:
    void applied();
    void applyFailed(const QString &message);

private:
    struct Draft
    {
        ProviderEntry entry;
        QString keyText;      // what the key field shows
        QString savedKeyText; // … as last saved / loaded
        QString savedApiKey;  // the file's api_key as last saved
    };

    void loadFromStore();
    void rebuildList(int select);
    void selectProvider(int row);
    void syncEditor();
    void addPreset(int presetIndex);
    void duplicateProvider();
    void removeProvider();
    void moveProvider(int delta);
    void importCrush();
    void refreshModels();
    void testConnection();
    AppSettings appFromPage() const;
    void setAppPage(const AppSettings &app);
    std::optional<ProviderConfig> resolvedCurrent(QString *error) const;
    void finishApply(QList<Draft> drafts);
    QMessageBox::StandardButton ask(Question question, const QString &text);
    void setStatus(const QString &text);

    std::unique_ptr<Ui::SettingsDialog> m_ui;
    ConfigStore *m_store;
    SecretStore *m_secrets;
    ChatClient *m_client = nullptr;
    QuestionHandler m_questions;
    TestConnectionHandler m_testHandler;
    QProcessEnvironment m_env = QProcessEnvironment::systemEnvironment();
    QList<Draft> m_drafts;
    QStringList m_removedKeychainAccounts;
    int m_current = -1;
    bool m_applying = false;
    bool m_closeAfterApply = false;
    bool m_discard = false;
};

} // namespace Sluice
