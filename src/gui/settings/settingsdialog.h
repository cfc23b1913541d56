// Settings (ui/settingsdialog.ui): the providers, the application settings and the presets
// (presetspage.h). Edits a copy; OK and Apply write sluice.json (keys to the keychain),
// Cancel discards everything, and closing with unsaved changes asks.
#pragma once

#include "core/config/config.h"
#include "core/config/secretstore.h"
#include "gui/settings/providerdrafts.h"

#include <QDialog>
#include <QMessageBox>
#include <QPointer>
#include <QProcessEnvironment>

#include <functional>
#include <memory>

namespace Ui {
class SettingsDialog;
}

namespace Sluice {

class AppSettingsPage;
class McpServersPage;
class PresetsPage;
class ChatClient;
class ConfigStore;
class DefaultPicker;
class ServerActions;
class SettingsApplier;
struct ProviderConfig;

class SettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    enum class Question {
        UnsavedChanges, // Save / Discard / Cancel
        KeepKeyInFile,  // Yes (write the key into the file) / No: no keychain is reachable
    };
    // The seam for questions: tests answer them, the app shows a QMessageBox.
    using QuestionHandler = std::function<QMessageBox::StandardButton(Question, const QString &)>;

    SettingsDialog(ConfigStore *store, SecretStore *secrets, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // Enables "Refresh from server" (ChatClient::listModels).
    void setChatClient(ChatClient *client);
    void setQuestionHandler(QuestionHandler handler);
    // Where $VAR references are looked up for Refresh and Test connection.
    void setEnvironment(const QProcessEnvironment &env);

    // "Test connection" runs the diagnostics (sluice doctor's steps) with the ChatClient, on
    // the provider as it is in the form (key expanded). The chooser names the model to try
    // (e.g. the current conversation's); without one, or when it returns nothing, the
    // default model when the provider is the default, else the provider's first model, else
    // the first the server lists.
    using TestModelChooser = std::function<QString(const ProviderConfig &)>;
    void setTestModelChooser(TestModelChooser chooser);

    // Where "Import crush.json…" asks for the file (tests answer it); empty: a file dialog.
    void setImportFileChooser(std::function<QString()> chooser)
    {
        m_chooseImport = std::move(chooser);
    }

    // Shows this provider (e.g. the one of the conversation in front), if it exists.
    void showProvider(const QString &id);

    bool hasUnsavedChanges() const;
    // Writes keys and the file. Asynchronous (the keychain is); ends with applied() or
    // applyFailed().
    void apply();

public Q_SLOTS:
    void accept() override;
    void reject() override;
    void done(int result) override; // also stops probes, refreshes and tests

Q_SIGNALS:
    void applied();
    void applyFailed(const QString &message);
    // After a save that changed providers' ids: old id → new id, for whatever refers to them
    // (conversations in the history, the window's open chats). Emitted before applied().
    void providerIdsRenamed(const QHash<QString, QString> &renamed);

private:
    using Draft = ProviderDraft;

    void loadFromStore();
    void rebuildList(int select);
    void selectProvider(int row);
    void syncEditor();
    void addPreset(int presetIndex);
    void duplicateProvider();
    void removeProvider();
    void moveProvider(int delta);
    void importCrush();
    QList<ProviderEntry> entries() const;
    void finishApply(QList<Draft> drafts);
    void applyFailedWith(const QString &message);
    void showSavedKey(); // tells the provider form where the current provider's key is
    QMessageBox::StandardButton ask(Question question, const QString &text);
    void setStatus(const QString &text);

    std::unique_ptr<Ui::SettingsDialog> m_ui;
    ConfigStore *m_store;
    SecretStore *m_secrets;
    ChatClient *m_client = nullptr;
    QuestionHandler m_questions;
    std::function<QString()> m_chooseImport;
    DefaultPicker *m_defaults;
    ServerActions *m_server; // probe, Refresh from server, Test connection
    McpServersPage *m_mcpPage = nullptr;
    AppSettingsPage *m_appPage;
    PresetsPage *m_presetsPage; // Settings → Presets
    SettingsApplier *m_applier;
    QList<Draft> m_drafts;
    int m_current = -1;
    bool m_keychainUsable = true; // false once the keychain said it is not there
    bool m_applying = false;
    // Where the keyboard was when Save disabled the form: it goes back there when the form is
    // enabled again (a disabled field loses the focus, and a screen reader its place).
    QPointer<QWidget> m_focusBeforeApply;
    void enableAfterApply();
    bool m_closeAfterApply = false;
    bool m_discard = false;
};

} // namespace Sluice
