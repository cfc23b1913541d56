#include "gui/settings/settingsdialog.h"
#include "gui/widgets/wheelguard.h"

#include "core/chat/chatclient.h"
#include "core/config/configstore.h"
#include "gui/settings/connectiontestpanel.h"
#include "core/config/crushimport.h"
#include "gui/settings/defaultpicker.h"
#include "core/config/envexpand.h"
#include "gui/settings/modelrefresh.h"
#include "gui/settings/providerpresets.h"
#include "core/config/resolve.h"
#include "gui/settings/serverkindprobe.h"
#include "ui_settingsdialog.h"
#include "core/config/urls.h"

#include <QFileDialog>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>

#include <memory>
#include <tuple>

namespace Sluice {

SettingsDialog::SettingsDialog(ConfigStore *store, SecretStore *secrets, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::SettingsDialog>()), m_store(store),
      m_secrets(secrets), m_probe(new ServerKindProbe(this)), m_refresh(new ModelRefresh(this))
{
    m_ui->setupUi(this);
    m_defaults = new DefaultPicker(m_ui->defaultProviderCombo, m_ui->defaultModelCombo, this);

    for (Theme t : {Theme::System, Theme::Light, Theme::Dark}) {
        const QString label = t == Theme::System  ? tr("Follow the system")
                              : t == Theme::Light ? tr("Light")
                                                  : tr("Dark");
        m_ui->themeCombo->addItem(label, int(t));
    }
    m_ui->sendKeyCombo->addItem(tr("Enter (Shift+Enter for a new line)"), int(SendKey::Enter));
    m_ui->sendKeyCombo->addItem(tr("Ctrl+Enter"), int(SendKey::CtrlEnter));
    const std::pair<LogLevel, QString> levels[] = {{LogLevel::Off, tr("Off")},
                                                   {LogLevel::Error, tr("Errors")},
                                                   {LogLevel::Warning, tr("Warnings")},
                                                   {LogLevel::Info, tr("Information")},
                                                   {LogLevel::Debug, tr("Debug (verbose)")}};
    for (const auto &[level, label] : levels)
        m_ui->logLevelCombo->addItem(label, int(level));

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
    connect(m_ui->providerEditor, &ProviderEditor::refreshModelsRequested, this,
            &SettingsDialog::refreshModels);
    connect(m_ui->providerEditor, &ProviderEditor::testConnectionRequested, this,
            &SettingsDialog::testConnection);
    ProviderEditor *editor = m_ui->providerEditor;
    connect(editor, &ProviderEditor::baseUrlEdited, m_probe, &ServerKindProbe::schedule);
    connect(editor, &ProviderEditor::detectRequested, this,
            [this, editor] { m_probe->probeNow(editor->entry().baseUrl); });
    connect(m_probe, &ServerKindProbe::started, editor, &ProviderEditor::showProbing);
    connect(m_probe, &ServerKindProbe::ollamaFound, editor, &ProviderEditor::showOllamaFound);
    connect(m_probe, &ServerKindProbe::otherServer, editor, &ProviderEditor::showOtherServer);
    connect(m_probe, &ServerKindProbe::noOllama, editor, &ProviderEditor::clearServerHint);
    connect(m_ui->dataDirBrowseButton, &QAbstractButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Data folder"), m_ui->dataDirEdit->text());
        if (!dir.isEmpty())
            m_ui->dataDirEdit->setText(dir);
    });
    connect(m_ui->logFileBrowseButton, &QAbstractButton::clicked, this, [this] {
        const QString file =
            QFileDialog::getSaveFileName(this, tr("Log file"), m_ui->logFileEdit->text());
        if (!file.isEmpty())
            m_ui->logFileEdit->setText(file);
    });

    const std::tuple<QDialogButtonBox::StandardButton, const char16_t *, QString> buttons[] = {
        {QDialogButtonBox::Ok, u"okButton", tr("Save and close")},
        {QDialogButtonBox::Apply, u"applyButton", tr("Save")},
        {QDialogButtonBox::Cancel, u"cancelButton", tr("Discard changes and close")}};
    for (const auto &[which, name, accessible] : buttons) {
        m_ui->buttonBox->button(which)->setObjectName(QString::fromUtf16(name));
        m_ui->buttonBox->button(which)->setAccessibleName(accessible);
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
    m_probe->setChatClient(client);
    m_ui->providerEditor->setRefreshEnabled(client != nullptr);
    m_ui->providerEditor->setDetectEnabled(client != nullptr);
    m_ui->providerEditor->setTestEnabled(client != nullptr,
                                         tr("Connection tests are not available."));
}

void SettingsDialog::setQuestionHandler(QuestionHandler handler)
{
    m_questions = std::move(handler);
}

QList<ProviderEntry> SettingsDialog::entries() const
{
    QList<ProviderEntry> list;
    for (const Draft &d : m_drafts)
        list.append(d.entry);
    return list;
}

void SettingsDialog::loadFromStore()
{
    m_drafts.clear();
    for (const ProviderEntry &p : m_store->config().providers) {
        const bool inKeychain = !keychainAccount(p).isEmpty();
        const QString shown = inKeychain ? QString() : p.apiKey;
        m_drafts.append({p, shown, shown, p.apiKey, p.id});
    }
    setAppPage(m_store->config().app);
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
    m_probe->cancel();
    m_refresh->cancel();
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

// "Ollama" → "Ollama (copy)"; a copy of that → "Ollama (copy 2)", not "Ollama (copy) (copy)".
QString SettingsDialog::copyName(const QString &name) const
{
    static const QRegularExpression copied(QStringLiteral("^(.*) \\(copy(?: \\d+)?\\)$"));
    // The suffix as this dialog writes it, in whatever language it is shown.
    const QString marker = tr("%1 (copy)");
    QString base = name;
    if (const QRegularExpressionMatch m = copied.match(name); m.hasMatch())
        base = m.captured(1);
    QStringList names;
    for (const Draft &d : std::as_const(m_drafts))
        names.append(d.entry.displayName());
    QString candidate = marker.arg(base);
    for (int n = 2; names.contains(candidate); ++n)
        candidate = tr("%1 (copy %2)").arg(base).arg(n);
    return candidate;
}

void SettingsDialog::duplicateProvider()
{
    syncEditor();
    if (m_current < 0)
        return;
    Draft copy = m_drafts.at(m_current);
    Config ids;
    for (const Draft &d : std::as_const(m_drafts))
        ids.providers.append(d.entry);
    copy.entry.id = ids.uniqueProviderId(copy.entry.id);
    copy.entry.name = copyName(copy.entry.displayName());
    copy.entry.apiKey.clear();
    copy.savedKeyText.clear(); // a new provider: its key is saved afresh under its own id
    copy.savedApiKey.clear();
    copy.savedId.clear();
    m_drafts.insert(m_current + 1, copy);
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
        m_removedKeychainAccounts.append(account);
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
    Config merged;
    QStringList implicitIds; // never saved and untouched: the built-in defaults of a first run
    for (const Draft &d : std::as_const(m_drafts)) {
        merged.providers.append(d.entry);
        const ProviderEntry *stored = m_store->config().provider(d.entry.id);
        if (m_store->lastLoad() == ConfigStore::LoadResult::FirstRun && stored &&
            *stored == d.entry && d.keyText == d.savedKeyText)
            implicitIds.append(d.entry.id);
    }
    merged.defaultProvider = m_defaults->providerId();
    merged.defaultModel = m_defaults->model();
    const qsizetype before = merged.providers.size();
    QStringList notes = import.notes;
    mergeImport(merged, import, &notes, implicitIds);
    int first = -1;
    for (qsizetype i = 0; i < merged.providers.size(); ++i) {
        const ProviderEntry &p = merged.providers.at(i);
        const bool replaced =
            i < before && implicitIds.contains(p.id) && !(p == m_drafts.at(i).entry);
        if (i < before && !replaced)
            continue;
        const QString keyText = keychainAccount(p).isEmpty() ? p.apiKey : QString();
        ProviderEntry entry = p;
        entry.apiKey.clear();
        const Draft draft{entry, keyText, QString(), QString(), QString()};
        if (replaced)
            m_drafts[i] = draft;
        else
            m_drafts.append(draft);
        if (first < 0)
            first = int(i);
    }
    rebuildList(first >= 0 ? first : int(m_drafts.size()) - 1);
    m_defaults->select(merged.defaultProvider, merged.defaultModel);
    notes.prepend(tr("Imported %n provider(s) from %1; Save keeps them.", nullptr,
                     int(import.providers.size()))
                      .arg(path));
    setStatus(notes.join(u'\n'));
}

std::optional<ProviderConfig> SettingsDialog::resolvedCurrent(QString *error) const
{
    if (m_current < 0 || m_current >= m_drafts.size())
        return std::nullopt;
    ProviderEntry e = m_ui->providerEditor->entry();
    const QString key = m_ui->providerEditor->keyText();
    const bool reference = isVariableReference(key);
    e.apiKey = reference ? key : QString();
    if (const QString problem = m_ui->providerEditor->baseUrlProblemText(); !problem.isEmpty()) {
        *error = problem;
        return std::nullopt;
    }
    ResolvedProvider r = resolveProvider(e, m_env);
    if (!r.config) {
        *error = r.error;
        return std::nullopt;
    }
    if (!reference)
        r.config->apiKey = key;
    return r.config;
}

void SettingsDialog::refreshModels()
{
    if (!m_client)
        return;
    ProviderEditor *editor = m_ui->providerEditor;
    QString error;
    const std::optional<ProviderConfig> config = resolvedCurrent(&error);
    if (!config) {
        editor->setModelsStatus(error);
        return;
    }
    editor->setModelsStatus(tr("Asking %1 for its models…").arg(config->baseUrl));
    editor->setRefreshEnabled(false);
    const bool ollama = config->type == ProviderType::Ollama;
    m_refresh->disconnect(this);
    auto listed = [this, editor, ollama](const QList<ModelInfo> &infos) {
        QList<ModelEntry> models;
        QStringList ids;
        for (const ModelInfo &info : infos) {
            ModelEntry m;
            m.id = info.id.isEmpty() ? info.name : info.id;
            models.append(m); // context_window stays the server's default: no surprise RAM use
            ids.append(m.id);
        }
        m_defaults->addFetchedModels(m_refresh->providerId(), ids);
        editor->setServerModels(infos, ollama);
        const int added = editor->mergeModels(models);
        editor->setModelsStatus(
            tr("%n model(s) on the server, %1 new.", nullptr, int(models.size())).arg(added));
    };
    connect(m_refresh, &ModelRefresh::listed, this, listed);
    connect(m_refresh, &ModelRefresh::listFailed, editor, [editor](const QString &message) {
        editor->setServerModels({}, false); // nothing stale from an earlier address
        editor->setModelsStatus(message);
    });
    connect(m_refresh, &ModelRefresh::detailsFound, editor, &ProviderEditor::setServerModelDetails);
    connect(m_refresh, &ModelRefresh::detailsFailed, editor, &ProviderEditor::setServerModelFailed);
    connect(m_refresh, &ModelRefresh::finished, this,
            [this, editor] { editor->setRefreshEnabled(m_client != nullptr); });
    m_refresh->start(m_client, *config);
}

void SettingsDialog::testConnection()
{
    ConnectionTestPanel *panel = m_ui->providerEditor->testPanel();
    if (!m_client)
        return;
    QString error;
    const std::optional<ProviderConfig> config = resolvedCurrent(&error);
    if (!config) {
        panel->showProblem(error);
        return;
    }
    QString model = m_testModel ? m_testModel(*config) : QString();
    if (model.isEmpty() && config->id == m_defaults->providerId())
        model = m_defaults->model();
    if (model.isEmpty())
        model = m_ui->providerEditor->entry().models.value(0).id;
    panel->run(m_client, *config, model);
}

AppSettings SettingsDialog::appFromPage() const
{
    AppSettings a = m_store->config().app;
    a.theme = Theme(m_ui->themeCombo->currentData().toInt());
    a.fontSize = m_ui->fontSizeSpin->value();
    a.sendKey = SendKey(m_ui->sendKeyCombo->currentData().toInt());
    a.dataDir = m_ui->dataDirEdit->text().trimmed();
    a.logLevel = LogLevel(m_ui->logLevelCombo->currentData().toInt());
    a.logFile = m_ui->logFileEdit->text().trimmed();
    return a;
}

void SettingsDialog::setAppPage(const AppSettings &app)
{
    m_ui->themeCombo->setCurrentIndex(m_ui->themeCombo->findData(int(app.theme)));
    m_ui->fontSizeSpin->setValue(app.fontSize);
    m_ui->sendKeyCombo->setCurrentIndex(m_ui->sendKeyCombo->findData(int(app.sendKey)));
    m_ui->dataDirEdit->setText(app.dataDir);
    m_ui->logLevelCombo->setCurrentIndex(m_ui->logLevelCombo->findData(int(app.logLevel)));
    m_ui->logFileEdit->setText(app.logFile);
}

bool SettingsDialog::hasUnsavedChanges() const
{
    const QList<ProviderEntry> &saved = m_store->config().providers;
    if (saved.size() != m_drafts.size() || !(appFromPage() == m_store->config().app))
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
    m_probe->cancel();
    m_refresh->cancel();
    m_ui->providerEditor->testPanel()->clear();
    QDialog::done(result);
}

} // namespace Sluice
