#include "gui/app/appshell.h"

#include "core/chat/chatclient.h"
#include "core/config/configstore.h"
#include "core/config/keychainsecretstore.h"
#include "session/conversationcontroller.h"
#include "gui/app/conversationfiles.h"
#include "core/util/logfile.h"
#include "gui/window/mainwindow.h"
#include "gui/window/modelpicker.h"
#include "core/models/modelcapabilities.h"
#include "core/models/serverprops.h"
#include "gui/modelmanager/modelsdialog.h"
#include "session/servermodels.h"
#include "gui/settings/settingsdialog.h"
#include "core/storage/conversationstore.h"
#include "core/storage/datalocation.h"
#include "gui/tools/windowtools.h"
#include "gui/window/theme.h"
#include "gui/app/windowhistory.h"

#include <QDesktopServices>
#include <QDir>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QUrl>

namespace Sluice {

AppShell::AppShell(ChatClient *client, Options options, QObject *parent)
    : QObject(parent), m_client(client), m_options(std::move(options)), m_secrets(m_options.secrets)
{
    if (!m_secrets) {
        m_ownSecrets = std::make_unique<KeychainSecretStore>();
        m_secrets = m_ownSecrets.get();
    }
}

AppShell::~AppShell()
{
    // The window first: its replies end (as cancelled) into a history that still exists.
    m_window.reset();
}

bool AppShell::start()
{
    if (!loadConfig())
        return false;
    if (m_options.configLoaded)
        m_options.configLoaded(m_config->config());
    openHistory();
    makeWindow();
    readKeysAndApply();
    return true;
}

AppShell::BrokenConfigAnswer AppShell::askAboutBrokenConfig(const QString &problem, bool opened)
{
    if (m_options.brokenConfig)
        return m_options.brokenConfig(problem, opened);
    QMessageBox box(QMessageBox::Warning, tr("Sluice"), tr("The configuration file can't be used"));
    box.setObjectName(QStringLiteral("brokenConfigBox"));
    box.setInformativeText(
        problem + u"\n\n" +
        (opened ? tr("Fix the file and press Reload, or start from the defaults (the broken "
                     "file is kept aside, not overwritten).")
                : tr("Open the file to fix it, or start from the defaults (the broken file is "
                     "kept aside, not overwritten).")));
    QPushButton *open = box.addButton(tr("Open File"), QMessageBox::ActionRole);
    QPushButton *reload = opened ? box.addButton(tr("Reload"), QMessageBox::ActionRole) : nullptr;
    QPushButton *defaults = box.addButton(tr("Start from Defaults"), QMessageBox::AcceptRole);
    QPushButton *quit = box.addButton(tr("Quit"), QMessageBox::RejectRole);
    box.setDefaultButton(opened ? reload : open);
    box.setEscapeButton(quit);
    box.exec();
    if (box.clickedButton() == open)
        return BrokenConfigAnswer::OpenFile;
    if (reload && box.clickedButton() == reload)
        return BrokenConfigAnswer::Reload;
    if (box.clickedButton() == defaults)
        return BrokenConfigAnswer::StartFromDefaults;
    return BrokenConfigAnswer::Quit;
}

bool AppShell::loadConfig()
{
    m_config =
        std::make_unique<ConfigStore>(ConfigStore::choosePath(m_options.configPath, m_options.env));
    bool opened = false;
    while (m_config->load(m_options.env) == ConfigStore::LoadResult::Broken) {
        switch (askAboutBrokenConfig(m_config->error().message, opened)) {
        case BrokenConfigAnswer::OpenFile: {
            const QUrl url = QUrl::fromLocalFile(m_config->path());
            if (m_options.openFile)
                m_options.openFile(url);
            else
                QDesktopServices::openUrl(url);
            opened = true;
            break;
        }
        case BrokenConfigAnswer::Reload:
            break;
        case BrokenConfigAnswer::StartFromDefaults: {
            QString error;
            if (!m_config->startFromDefaults(m_options.env, &error) || !m_config->save(&error)) {
                QMessageBox::critical(nullptr, tr("Sluice"),
                                      tr("Could not start from the defaults: %1").arg(error));
                return false;
            }
            m_notices.append(tr("Started from the default settings; the broken file was kept "
                                "as %1.")
                                 .arg(QDir::toNativeSeparators(m_config->brokenFileBackup())));
            return true;
        }
        case BrokenConfigAnswer::Quit:
            return false;
        }
    }
    return true;
}

void AppShell::openHistory()
{
    QString dir = m_options.dataDir;
    if (dir.isEmpty() && m_options.env.value(QStringLiteral("SLUICE_DATA_DIR")).isEmpty())
        dir = m_config->config().app.dataDir;
    if (dir.isEmpty())
        dir = m_options.env.value(QStringLiteral("SLUICE_DATA_DIR"));
    const QString path = historyDatabasePath(dataDirectory(dir));
    m_history = std::make_unique<ConversationStore>();
    if (!m_history->open(path)) {
        m_historyProblem = tr("The history at %1 could not be opened: %2 Conversations of this "
                              "session are kept in memory only.")
                               .arg(QDir::toNativeSeparators(path), m_history->errorString());
        m_history->openInMemory();
    } else if (!m_history->notice().isEmpty()) {
        m_historyProblem = m_history->notice();
    }
    if (!m_historyProblem.isEmpty())
        m_notices.append(m_historyProblem);
    if (const int n = m_history->interruptedOnOpen())
        m_notices.append(n == 1 ? tr("A reply was cut off when Sluice last closed; it is marked "
                                     "interrupted, with Retry and Continue.")
                                : tr("%1 replies were cut off when Sluice last closed; they are "
                                     "marked interrupted, with Retry and Continue.")
                                      .arg(n));
}

void AppShell::makeWindow()
{
    m_window = std::make_unique<MainWindow>(m_client);
    m_windowHistory = new WindowHistory(m_history.get(), m_window.get());
    m_window->setAppSettings(m_config->config().app);
    m_window->tools()->followConfig(m_config->config()); // the MCP servers' toolbox
    applyLogSettings();

    connect(m_window.get(), &MainWindow::openSettingsRequested, this, &AppShell::openSettings);
    connect(m_window.get(), &MainWindow::modelsRequested, this, &AppShell::openModels);
    connect(m_window.get(), &MainWindow::exportRequested, this, &AppShell::exportCurrent);
    connect(m_window.get(), &MainWindow::importRequested, this, &AppShell::importFile);
    connect(m_window->serverModels(), &ServerModels::changed, this,
            &AppShell::onServerModelsChanged);
    // A pull from the model picker shows in an open Models dialog of the same server.
    connect(m_window.get(), &MainWindow::modelPulled, this, [this](const QString &providerId) {
        if (m_models && m_models->provider().id == providerId)
            m_models->refresh();
    });
    connect(m_config.get(), &ConfigStore::changed, this, [this] {
        if (qEnvironmentVariableIsEmpty("SLUICE_THEME"))
            applyTheme(m_config->config().app.theme);
        m_window->setAppSettings(m_config->config().app);
        m_window->tools()->followConfig(m_config->config()); // MCP servers, without a restart
        applyLogSettings();
        readKeysAndApply();
    });
}

void AppShell::applyLogSettings()
{
    const AppSettings &app = m_config->config().app;
    if (const QString error = applyLogging(app.logLevel, app.logFile); !error.isEmpty())
        m_window->statusBar()->showMessage(error, 8000);
}

void AppShell::readKeysAndApply()
{
    applyProviders(); // at once with what is known; keychain keys follow
    const QStringList accounts = keychainAccounts(m_config->config());
    if (accounts.isEmpty())
        return;
    const int generation = ++m_keyRead;
    readSecrets(*m_secrets, accounts, this,
                [this, generation](const QHash<QString, SecretResult> &keys) {
                    if (generation != m_keyRead)
                        return; // a newer read is on its way
                    m_keys = keys;
                    applyProviders();
                });
}

void AppShell::applyProviders()
{
    QStringList errors;
    const QList<ProviderConfig> providers =
        m_config->providerConfigs(m_keys, &errors, m_options.env);
    m_window->setProviders(providers, m_config->defaultProviderId(), m_config->defaultModel());
    m_window->setPresets(m_config->config().presets, m_config->config().defaultPreset);
    if (!errors.isEmpty() && !m_keys.isEmpty())
        m_window->statusBar()->showMessage(errors.join(u' '), 15000);
}

void AppShell::showNotices()
{
    if (m_notices.isEmpty() || !m_window)
        return;
    m_window->statusBar()->showMessage(m_notices.join(u' '), 30000);
    if (!m_historyProblem.isEmpty()) {
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Sluice"), m_historyProblem,
                                    QMessageBox::Ok, m_window.get());
        box->setObjectName(QStringLiteral("historyNoticeBox"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
}

SettingsDialog *AppShell::openSettings()
{
    if (m_settings) {
        m_settings->raise();
        m_settings->activateWindow();
        return m_settings;
    }
    auto *dialog = new SettingsDialog(m_config.get(), m_secrets, m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setEnvironment(m_options.env);
    dialog->setChatClient(m_client);
    dialog->setTestModelChooser([this](const ProviderConfig &provider) {
        // The model of the conversation in front, when it uses this provider.
        if (ConversationController *c = m_window->currentConversation();
            c && c->provider().id == provider.id)
            return c->options().model;
        return QString();
    });
    connect(dialog, &SettingsDialog::providerIdsRenamed, this, &AppShell::renameProviders);
    m_settings = dialog;
    // It opens on the provider of the conversation in front.
    if (ConversationController *c = m_window->currentConversation(); c && c->hasProvider())
        dialog->showProvider(c->provider().id);
    dialog->open();
    return dialog;
}

// A provider's id changed in Settings: the conversations that use it (in the history and
// open in the window) follow it.
void AppShell::renameProviders(const QHash<QString, QString> &renamed)
{
    QStringList failures;
    for (auto it = renamed.constBegin(); it != renamed.constEnd(); ++it) {
        if (!m_history->renameProvider(it.key(), it.value()))
            failures.append(m_history->errorString());
        ModelPicker::providerIdRenamed(it.key(), it.value());
    }
    const QList<ProviderConfig> providers = m_window->providers();
    for (ConversationController *c : m_window->conversations()) {
        const QString to = renamed.value(c->options().providerId);
        for (const ProviderConfig &p : providers) {
            if (!to.isEmpty() && p.id == to)
                c->setProvider(p);
        }
    }
    applyProviders();
    if (!failures.isEmpty()) {
        m_window->statusBar()->showMessage(
            tr("Older conversations still name the provider's old identifier: %1")
                .arg(failures.first()),
            15000);
    }
}

ModelsDialog *AppShell::openModels()
{
    ConversationController *c = m_window->currentConversation();
    if (!c || !c->hasProvider() || c->provider().type != ProviderType::Ollama)
        return nullptr;
    if (m_models) {
        m_models->raise();
        return m_models;
    }
    const ProviderConfig provider = c->provider();
    auto *dialog = new ModelsDialog(m_client, provider, m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ModelsDialog::modelsChanged, this,
            [this, provider] { m_window->serverModels()->refresh(provider); });
    m_models = dialog;
    dialog->open();
    return dialog;
}

void AppShell::onServerModelsChanged(const QString &providerId)
{
    const ServerModels::Entry entry = m_window->serverModels()->entry(providerId);
    if (entry.state != ServerModels::State::Reachable)
        return;
    for (const ProviderConfig &p : m_window->providers()) {
        if (p.id != providerId || p.type == ProviderType::Anthropic)
            continue;
        const QStringList ids = m_window->serverModels()->modelIds(providerId);
        if (ids.isEmpty())
            return;
        QPointer<MainWindow> window = m_window.get();
        if (p.type == ProviderType::OpenAI) { // llama.cpp's server says its window at /props
            const auto done = [window, providerId, ids](const ServerProps &props) {
                if (window && (props.contextSize > 0 || props.vision.has_value()))
                    window->setModelCapabilities(providerId, capabilitiesFromProps(props, ids));
            };
            fetchServerProps(m_client, p, m_window.get(), done);
            return;
        }
        fetchModelCapabilities(m_client, p, ids, m_window.get(),
                               [window, providerId](const QHash<QString, ModelCapabilities> &caps) {
                                   if (window)
                                       window->setModelCapabilities(providerId, caps);
                               });
        return;
    }
}

void AppShell::exportCurrent()
{
    const qint64 id = m_windowHistory->conversationId(m_window->currentConversation());
    if (!id) {
        m_window->statusBar()->showMessage(tr("Nothing to export yet: send a message first."),
                                           8000);
        return;
    }
    const QString done =
        exportConversationInteractively(m_window.get(), *m_history, id, m_options.chooseFile);
    if (!done.isEmpty())
        m_window->statusBar()->showMessage(done, 8000);
}

void AppShell::importFile()
{
    if (const std::optional<qint64> id =
            importConversationInteractively(m_window.get(), *m_history, m_options.chooseFile)) {
        m_windowHistory->openConversation(*id);
        m_window->statusBar()->showMessage(tr("Conversation imported."), 8000);
    }
}

} // namespace Sluice
