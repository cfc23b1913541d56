#include "gui/settings/settingsdialog.h"
#include "gui/widgets/wheelguard.h"

#include "core/chat/chatclient.h"
#include "core/config/configstore.h"
#include "gui/settings/connectiontestpanel.h"
#include "core/config/crushimport.h"
#include "gui/settings/defaultpicker.h"
#include "core/config/envexpand.h"
#include "gui/settings/providerdrafts.h"
#include "gui/settings/providerpresets.h"
#include "core/config/resolve.h"
#include "gui/settings/appsettingspage.h"
#include "gui/settings/mcpserverspage.h"
#include "gui/settings/pagekeys.h"
#include "gui/settings/presetspage.h"
#include "gui/settings/serveractions.h"
#include "gui/settings/settingsapplier.h"
#include "ui_settingsdialog.h"
#include "core/config/urls.h"

#include <QFileDialog>
#include <QMenu>
#include <QPushButton>

#include <memory>
#include <tuple>

namespace Sluice {

SettingsDialog::SettingsDialog(ConfigStore *store, SecretStore *secrets, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::SettingsDialog>()), m_store(store),
      m_secrets(secrets)
{
    m_ui->setupUi(this);
    m_defaults = new DefaultPicker(m_ui->defaultProviderCombo, m_ui->defaultModelCombo, this);
    m_server = new ServerActions(m_ui->providerEditor, m_defaults, this);
    m_appPage = new AppSettingsPage(*m_ui, this);
    m_mcpPage = new McpServersPage(secrets, this);
    m_ui->pages->addTab(m_mcpPage, tr("MCP ser&vers"));
    m_presetsPage = new PresetsPage(m_ui->pages, this);
    addPageKeys(m_ui->pages);
    m_applier = new SettingsApplier(
        store, secrets,
        [this](const QString &question) {
            return ask(Question::KeepKeyInFile, question) == QMessageBox::Yes;
        },
        this);
    connect(m_applier, &SettingsApplier::keychainUnavailable, this,
            [this] { m_keychainUsable = false; });
    connect(m_applier, &SettingsApplier::keysStored, this, &SettingsDialog::finishApply);
    connect(m_applier, &SettingsApplier::failed, this, &SettingsDialog::applyFailedWith);

    auto *presetMenu = new QMenu(m_ui->addProviderButton);
    presetMenu->setObjectName(QStringLiteral("presetMenu"));
    const QList<ProviderPreset> &presets = providerPresets();
    for (int i = 0; i < presets.size(); ++i) {
        QAction *action = presetMenu->addAction(presets.at(i).name);
        action->setObjectName(QStringLiteral("preset_") + presets.at(i).id);
        connect(action, &QAction::triggered, this, [this, i] { addPreset(i); });
    }
    m_ui->addProviderButton->setMenu(presetMenu);
    m_ui->addProviderButton->setPopupMode(QToolButton::InstantPopup);

    connect(m_ui->providerList, &QListWidget::currentRowChanged, this,
            &SettingsDialog::selectProvider);
    connect(m_ui->duplicateProviderButton, &QAbstractButton::clicked, this,
            &SettingsDialog::duplicateProvider);
    connect(m_ui->removeProviderButton, &QAbstractButton::clicked, this,
            &SettingsDialog::removeProvider);
    connect(m_ui->moveUpButton, &QAbstractButton::clicked, this, [this] { moveProvider(-1); });
    connect(m_ui->moveDownButton, &QAbstractButton::clicked, this, [this] { moveProvider(1); });
    connect(m_ui->importCrushButton, &QAbstractButton::clicked, this, &SettingsDialog::importCrush);
    connect(m_ui->providerEditor, &ProviderEditor::edited, this, &SettingsDialog::syncEditor);
    const std::tuple<QDialogButtonBox::StandardButton, const char16_t *, QString> buttons[] = {
        {QDialogButtonBox::Ok, u"okButton", tr("Save and close")},
        {QDialogButtonBox::Apply, u"applyButton", tr("Save")},
        {QDialogButtonBox::Cancel, u"cancelButton", tr("Discard changes and close")}};
    // Named as shown (OK, Apply, Cancel), so that voice control finds them; what they do is
    // their description.
    for (const auto &[which, name, description] : buttons) {
        m_ui->buttonBox->button(which)->setObjectName(QString::fromUtf16(name));
        m_ui->buttonBox->button(which)->setAccessibleDescription(description);
    }
    connect(m_ui->buttonBox->button(QDialogButtonBox::Ok), &QAbstractButton::clicked, this,
            &SettingsDialog::accept);
    connect(m_ui->buttonBox->button(QDialogButtonBox::Apply), &QAbstractButton::clicked, this,
            &SettingsDialog::apply);
    connect(m_ui->buttonBox->button(QDialogButtonBox::Cancel), &QAbstractButton::clicked, this,
            [this] {
                m_discard = true; // Cancel means it: no question
                reject();
            });

    setChatClient(nullptr);
    loadFromStore();
    guardWheel(this);
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::setChatClient(ChatClient *client)
{
    m_client = client;
    m_server->setChatClient(client);
}

void SettingsDialog::setEnvironment(const QProcessEnvironment &env)
{
    m_server->setEnvironment(env);
}

void SettingsDialog::setTestModelChooser(TestModelChooser chooser)
{
    m_server->setTestModelChooser(std::move(chooser));
}

void SettingsDialog::setQuestionHandler(QuestionHandler handler)
{
    m_questions = std::move(handler);
}

QList<ProviderEntry> SettingsDialog::entries() const
{
    return ProviderDrafts::entries(m_drafts);
}

void SettingsDialog::loadFromStore()
{
    m_drafts = ProviderDrafts::fromConfig(m_store->config());
    m_appPage->show(m_store->config().app);
    m_mcpPage->show(m_store->config().mcpServers);
    m_mcpPage->setMaxRounds(m_store->config().app.maxToolRounds);
    m_presetsPage->show(m_store->config());
    rebuildList(m_drafts.isEmpty() ? -1 : 0);
    m_defaults->select(m_store->config().defaultProvider, m_store->config().defaultModel);

    const QStringList accounts = keychainAccounts(m_store->config());
    if (accounts.isEmpty() || !m_secrets)
        return;
    readSecrets(*m_secrets, accounts, this, [this](const QHash<QString, SecretResult> &results) {
        for (int i = 0; i < m_drafts.size(); ++i) {
            Draft &d = m_drafts[i];
            const QString account = keychainAccount(d.entry);
            if (account.isEmpty() || d.keyText != d.savedKeyText || !results.contains(account))
                continue;
            const SecretResult r = results.value(account);
            if (r.ok())
                d.keyText = d.savedKeyText = r.secret;
            if (r.status == SecretResult::Status::Unavailable)
                m_keychainUsable = false;
            if (i != m_current)
                continue;
            m_ui->providerEditor->setKeyText(d.keyText);
            showSavedKey();
            if (!r.ok())
                m_ui->providerEditor->setKeyStatus(
                    tr("The key is in the keychain but could not be read: %1").arg(r.message));
        }
    });
}

void SettingsDialog::rebuildList(int select)
{
    const QSignalBlocker block(m_ui->providerList);
    m_ui->providerList->clear();
    for (const Draft &d : std::as_const(m_drafts)) {
        auto *item = new QListWidgetItem(d.entry.displayName(), m_ui->providerList);
        item->setData(Qt::UserRole, d.entry.id);
    }
    m_current = -1;
    m_ui->providerList->setCurrentRow(select);
    selectProvider(select);
    m_defaults->setProviders(entries());
}

void SettingsDialog::selectProvider(int row)
{
    m_server->cancel();
    m_ui->providerEditor->setRefreshEnabled(m_client != nullptr);
    m_current = row;
    const bool valid = row >= 0 && row < m_drafts.size();
    m_ui->providerEditor->setVisible(valid);
    m_ui->noProviderLabel->setVisible(!valid);
    m_ui->noProviderLabel->setText(tr("Add a provider with the Add button."));
    for (QAbstractButton *b : {static_cast<QAbstractButton *>(m_ui->duplicateProviderButton),
                               static_cast<QAbstractButton *>(m_ui->removeProviderButton)})
        b->setEnabled(valid);
    m_ui->moveUpButton->setEnabled(valid && row > 0);
    m_ui->moveDownButton->setEnabled(valid && row < m_drafts.size() - 1);
    if (valid) {
        QStringList others;
        for (int i = 0; i < m_drafts.size(); ++i) {
            if (i != row)
                others.append(m_drafts.at(i).entry.id);
        }
        m_ui->providerEditor->setIdsInUse(others);
        m_ui->providerEditor->setEntry(m_drafts.at(row).entry, m_drafts.at(row).keyText);
        showSavedKey();
    }
}

void SettingsDialog::showProvider(const QString &id)
{
    for (int i = 0; i < m_drafts.size(); ++i) {
        if (m_drafts.at(i).entry.id == id) {
            syncEditor();
            m_ui->providerList->setCurrentRow(i);
            return;
        }
    }
}

void SettingsDialog::showSavedKey()
{
    if (m_current < 0 || m_current >= m_drafts.size())
        return;
    const Draft &d = m_drafts.at(m_current);
    ProviderEntry saved = d.entry;
    saved.apiKey = d.savedApiKey;
    using Place = ProviderEditor::KeyPlace;
    const Place place = !keychainAccount(saved).isEmpty() ? Place::Keychain
                        : d.savedApiKey.isEmpty() || isVariableReference(d.savedApiKey)
                            ? Place::Nowhere
                            : Place::File;
    m_ui->providerEditor->setSavedKey(d.savedKeyText, place, m_keychainUsable && m_secrets);
}

void SettingsDialog::syncEditor()
{
    if (m_current < 0 || m_current >= m_drafts.size())
        return;
    Draft &d = m_drafts[m_current];
    QListWidgetItem *item = m_ui->providerList->item(m_current);
    // The id the default picker knows this provider by: the last one that was not empty.
    const QString oldId = item ? item->data(Qt::UserRole).toString() : d.entry.id;
    d.entry = m_ui->providerEditor->entry();
    d.keyText = m_ui->providerEditor->keyText();
    if (item)
        item->setText(d.entry.displayName());
    if (d.entry.id.isEmpty())
        return; // being retyped: the picker keeps the provider under its last id
    if (item)
        item->setData(Qt::UserRole, d.entry.id);
    // The default provider follows a new id.
    const bool wasDefault = !oldId.isEmpty() && m_defaults->providerId() == oldId;
    const QString defaultModel = m_defaults->model();
    m_defaults->setProviders(entries());
    if (wasDefault && oldId != d.entry.id)
        m_defaults->select(d.entry.id, defaultModel);
}

void SettingsDialog::addPreset(int presetIndex)
{
    syncEditor();
    const ProviderPreset &preset = providerPresets().at(presetIndex);
    Config ids;
    for (const Draft &d : std::as_const(m_drafts))
        ids.providers.append(d.entry);
    const ProviderEntry entry = preset.toEntry(ids.uniqueProviderId(preset.id));
    m_drafts.append({entry, preset.keyHint, QString(), QString(), QString()});
    rebuildList(int(m_drafts.size()) - 1);
    if (entry.baseUrl.isEmpty())
        m_ui->providerEditor->focusBaseUrl();
}

void SettingsDialog::duplicateProvider()
{
    syncEditor();
    if (m_current < 0)
        return;
    m_drafts.insert(m_current + 1, ProviderDrafts::duplicate(m_drafts, m_current));
    rebuildList(m_current + 1);
}

void SettingsDialog::removeProvider()
{
    if (m_current < 0)
        return;
    const Draft removed = m_drafts.takeAt(m_current);
    ProviderEntry saved = removed.entry; // its key is where it was saved
    saved.apiKey = removed.savedApiKey;
    if (!removed.savedId.isEmpty())
        saved.id = removed.savedId;
    if (const QString account = keychainAccount(saved); !account.isEmpty())
        m_applier->forgetAccount(account);
    rebuildList(qMin(m_current, int(m_drafts.size()) - 1));
}

void SettingsDialog::moveProvider(int delta)
{
    syncEditor();
    const int to = m_current + delta;
    if (m_current < 0 || to < 0 || to >= m_drafts.size())
        return;
    m_drafts.move(m_current, to);
    rebuildList(to);
}

void SettingsDialog::importCrush()
{
    const QString path =
        m_chooseImport ? m_chooseImport()
                       : QFileDialog::getOpenFileName(this, tr("Import crush.json"), QString(),
                                                      tr("crush configuration (*.json)"));
    if (path.isEmpty())
        return;
    syncEditor();
    const CrushImport import = importCrushConfig(path);
    if (!import.ok) {
        setStatus(import.error);
        return;
    }
    ProviderDrafts::Imported imported = ProviderDrafts::importCrush(
        m_drafts, import, *m_store, m_defaults->providerId(), m_defaults->model());
    rebuildList(imported.first >= 0 ? imported.first : int(m_drafts.size()) - 1);
    m_defaults->select(imported.defaultProvider, imported.defaultModel);
    QStringList &notes = imported.notes;
    notes.prepend(tr("Imported %n provider(s) from %1; Save keeps them.", nullptr,
                     int(import.providers.size()))
                      .arg(path));
    setStatus(notes.join(u'\n'));
}

bool SettingsDialog::hasUnsavedChanges() const
{
    const QList<ProviderEntry> &saved = m_store->config().providers;
    if (saved.size() != m_drafts.size() ||
        !(m_appPage->settings(m_store->config().app) == m_store->config().app) ||
        m_mcpPage->servers() != m_store->config().mcpServers ||
        m_mcpPage->maxRounds() != m_store->config().app.maxToolRounds ||
        m_presetsPage->changed(m_store->config()))
        return true;
    const Config &c = m_store->config();
    const bool known = c.provider(c.defaultProvider) != nullptr;
    if (m_defaults->providerId() != (known ? c.defaultProvider : QString()) ||
        m_defaults->model() != (known ? c.defaultModel : QString()))
        return true;
    for (int i = 0; i < m_drafts.size(); ++i) {
        const bool shown = i == m_current;
        ProviderEntry e = shown ? m_ui->providerEditor->entry() : m_drafts.at(i).entry;
        const QString key = shown ? m_ui->providerEditor->keyText() : m_drafts.at(i).keyText;
        e.apiKey = m_drafts.at(i).savedApiKey;
        if (!(e == saved.at(i)) || key != m_drafts.at(i).savedKeyText)
            return true;
    }
    return false;
}

QMessageBox::StandardButton SettingsDialog::ask(Question question, const QString &text)
{
    if (m_questions)
        return m_questions(question, text);
    if (question == Question::UnsavedChanges) {
        return QMessageBox::question(this, tr("Unsaved settings"), text,
                                     QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel,
                                     QMessageBox::Save);
    }
    QMessageBox box(QMessageBox::Warning, tr("No keychain"), text, QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("keepKeyInFileBox"));
    QPushButton *file = box.addButton(tr("Write to sluice.json"), QMessageBox::AcceptRole);
    QPushButton *dont = box.addButton(tr("Don't Save"), QMessageBox::RejectRole);
    box.setDefaultButton(dont); // a key goes into a file only when asked for
    box.setEscapeButton(dont);
    box.exec();
    return box.clickedButton() == file ? QMessageBox::Yes : QMessageBox::No;
}

void SettingsDialog::setStatus(const QString &text)
{
    m_ui->applyStatus->setText(text);
}

// Save: the form checked, then the keys (SettingsApplier), then the file (finishApply()).
void SettingsDialog::apply()
{
    if (m_applying)
        return;
    syncEditor();
    if (const auto problem = SettingsApplier::check(m_drafts, m_current)) {
        m_ui->providerList->setCurrentRow(problem->row);
        m_ui->pages->setCurrentIndex(0);
        if (problem->inId)
            m_ui->providerEditor->focusId();
        else
            m_ui->providerEditor->focusBaseUrl();
        setStatus(problem->message);
        m_closeAfterApply = false;
        Q_EMIT applyFailed(problem->message);
        return;
    }
    m_applying = true;
    m_focusBeforeApply = focusWidget();
    m_ui->buttonBox->setEnabled(false);
    m_ui->pages->setEnabled(false);
    m_applier->storeKeys(m_drafts);
}

void SettingsDialog::applyFailedWith(const QString &message)
{
    m_applying = false;
    m_closeAfterApply = false;
    enableAfterApply();
    showSavedKey();
    setStatus(message);
    Q_EMIT applyFailed(message);
}

void SettingsDialog::enableAfterApply()
{
    m_ui->buttonBox->setEnabled(true);
    m_ui->pages->setEnabled(true);
    if (m_focusBeforeApply && m_focusBeforeApply->isVisible() && m_focusBeforeApply->isEnabled())
        m_focusBeforeApply->setFocus(Qt::OtherFocusReason);
    m_focusBeforeApply = nullptr;
}

void SettingsDialog::finishApply(QList<Draft> drafts)
{
    Config config = m_store->config();
    config.app = m_appPage->settings(config.app);
    config.mcpServers = m_mcpPage->servers();
    config.app.maxToolRounds = m_mcpPage->maxRounds();
    config.defaultProvider = m_defaults->providerId();
    config.defaultModel = m_defaults->model();
    m_presetsPage->applyTo(&config);
    m_applying = false;
    enableAfterApply();
    QString error;
    QHash<QString, QString> renamed;
    if (!m_applier->save(drafts, config, &renamed, &error)) {
        m_closeAfterApply = false;
        setStatus(error);
        Q_EMIT applyFailed(error);
        return;
    }
    // Edits made while the keychain was busy stay edits; the rest is now saved.
    for (int i = 0; i < m_drafts.size() && i < drafts.size(); ++i) {
        const bool untouched = m_drafts.at(i).keyText == drafts.at(i).keyText;
        m_drafts[i].savedKeyText = drafts.at(i).savedKeyText;
        m_drafts[i].savedApiKey = drafts.at(i).savedApiKey;
        m_drafts[i].savedId = drafts.at(i).savedId;
        if (untouched)
            m_drafts[i].entry.apiKey = drafts.at(i).entry.apiKey;
    }
    showSavedKey(); // the hint says where the key is now
    setStatus(tr("Saved to %1.").arg(m_store->path()));
    if (!renamed.isEmpty())
        Q_EMIT providerIdsRenamed(renamed);
    Q_EMIT applied();
    if (m_closeAfterApply) {
        m_closeAfterApply = false;
        QDialog::accept();
    }
}

void SettingsDialog::accept()
{
    m_closeAfterApply = true;
    apply();
}

void SettingsDialog::reject()
{
    if (m_applying)
        return;
    if (!m_discard && hasUnsavedChanges()) {
        switch (ask(Question::UnsavedChanges,
                    tr("Some settings have changed. Save them before closing?"))) {
        case QMessageBox::Save:
            accept();
            return;
        case QMessageBox::Discard:
            break;
        default:
            return;
        }
    }
    m_discard = false;
    QDialog::reject();
}

void SettingsDialog::done(int result)
{
    m_server->cancel();
    m_ui->providerEditor->testPanel()->clear();
    QDialog::done(result);
}

} // namespace Sluice
