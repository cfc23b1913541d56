#include "gui/window/mainwindow.h"
#include "gui/tools/windowtools.h"

#include "core/chat/chatclient.h"
#include "session/chatmodel.h"
#include "gui/window/composer.h"
#include "gui/window/composercontroller.h"
#include "gui/attachments/composerattachments.h"
#include "gui/window/contextmeter.h"
#include "gui/window/composertools.h"
#include "session/conversationcontroller.h"
#include "gui/window/conversationsettingsdialog.h"
#include "gui/conversation/conversationview.h"
#include "gui/window/emptypage.h"
#include "gui/window/emptystate.h"
#include "gui/conversation/messagegeometry.h"
#include "gui/window/modelpicker.h"
#include "session/replystatus.h"
#include "gui/widgets/elidinglabel.h"
#include "gui/widgets/livestatuslabel.h"
#include "gui/window/replyannouncer.h"
#include "session/servermodels.h"
#include "gui/window/sessionsidebar.h"
#include "gui/window/windowgeometry.h"
#include "gui/window/windowshortcuts.h"
#include "gui/window/windowstyle.h"

#include "ui_mainwindow.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QLabel>
#include <QMetaMethod>
#include <QStatusBar>

namespace Sluice {

MainWindow::MainWindow(ChatClient *client, QWidget *parent)
    : QMainWindow(parent), m_ui(std::make_unique<Ui::MainWindow>()), m_client(client),
      m_serverModels(new ServerModels(client, this)), m_replyStatus(new ReplyStatus(this))
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Sluice"));

    m_sessionSidebar = new SessionSidebar;
    setSidebar(m_sessionSidebar);
    m_ui->splitter->setStretchFactor(0, 0);
    m_ui->splitter->setStretchFactor(1, 1);
    m_ui->splitter->setSizes({240, 860});
    connect(m_sessionSidebar, &SessionSidebar::newChatRequested, this,
            &MainWindow::newConversation);
    connect(m_sessionSidebar, &SessionSidebar::activated, this, &MainWindow::showConversation);
    addStatusLabels();

    m_modelPicker = std::make_unique<ModelPicker>(
        m_client, m_serverModels,
        ModelPicker::Widgets{m_ui->providerCombo, m_ui->modelCombo, m_ui->topBarLayout,
                             m_serverLabel, statusBar()});
    connect(m_modelPicker.get(), &ModelPicker::changed, this, &MainWindow::updateEmptyState);
    connect(m_modelPicker.get(), &ModelPicker::modelPulled, this, &MainWindow::modelPulled);
    connect(m_modelPicker.get(), &ModelPicker::message, this, &MainWindow::showTransient);
    ModelPicker *picker = m_modelPicker.get();
    connect(m_serverModels, &ServerModels::changed, picker, [this](const QString &providerId) {
        m_modelPicker->serverChanged(providerId, m_conversations);
    });
    connect(m_ui->refreshModelsButton, &QToolButton::clicked, picker, &ModelPicker::refreshModels);
    connect(m_ui->emptyRetryButton, &QPushButton::clicked, picker, &ModelPicker::refreshModels);

    m_composer = std::make_unique<ComposerController>(ComposerController::Widgets{
        m_ui->composer, m_ui->sendButton, m_ui->editBanner, m_ui->cancelEditButton,
        m_ui->conversationView, m_ui->modelCombo});
    connect(m_composer.get(), &ComposerController::message, this, &MainWindow::showTransient);
    m_composer->setAttachments(new ComposerAttachments(m_ui->composer, m_ui->composerColumnLayout,
                                                       1, m_ui->composerLayout, 0, this));
    m_composerTools = new ComposerTools(m_ui->composerColumnLayout, m_ui->composer, picker, this);
    m_composer->setSendGuard([this](const QString &t) { return m_composerTools->approveSend(t); });
    m_composer->setEditGuard([this](int row, const QString &t, const QList<Attachment> &a) {
        return m_composerTools->approveEdit(row, t, a);
    });
    m_composerTools->meter()->setAttachmentStrip(m_composer->attachments()->strip());
    connect(m_composerTools, &ComposerTools::message, this, &MainWindow::showTransient);

    m_ui->composer->setFrameShape(QFrame::NoFrame);
    m_tools = new WindowTools(m_ui->composerColumnLayout,
                              m_ui->composerColumnLayout->indexOf(m_ui->composerFrame), this);
    connect(m_tools, &WindowTools::message, this, &MainWindow::showTransient);
    m_emptyPage = std::make_unique<EmptyPage>(
        EmptyPage::Widgets{m_ui->emptyPage, m_ui->emptyLayout, m_ui->emptyTitle, m_ui->emptyDetail,
                           m_ui->emptyButtons, m_ui->emptyRetryButton, m_ui->emptySettingsButton});
    m_ui->conversationStack->setCurrentWidget(m_ui->emptyPage);

    ConversationView *view = m_ui->conversationView;
    connect(view, &ConversationView::deleteRequested, this, [this](int row) {
        if (m_current && !(m_messageDeleter && m_messageDeleter(m_current, row)))
            m_current->deleteMessage(row);
    });
    connect(view, &ConversationView::linkActivated, this, &MainWindow::openLink);
    connect(m_ui->conversationSettingsButton, &QToolButton::clicked, this,
            &MainWindow::openConversationSettings);
    connect(m_ui->emptySettingsButton, &QPushButton::clicked, this, &MainWindow::requestSettings);

    m_linkOpener = [](const QUrl &url) {
        QDesktopServices::openUrl(url);
    };
    setupActions();
    restyle();
    WindowGeometry::restore(this, m_ui->splitter);
    newConversation();
}

MainWindow::~MainWindow()
{
    // Replies end (as cancelled, so sinks record it) while everything still exists.
    m_ui->conversationView->setModel(nullptr);
    m_sessionSidebar->disconnect(this);
    for (const QMetaObject::Connection &connection : std::as_const(m_currentConnections))
        disconnect(connection);
    const QList<ConversationController *> conversations = std::exchange(m_conversations, {});
    for (ConversationController *c : conversations) {
        c->disconnect(this);
        c->stop();
    }
    qDeleteAll(conversations);
}

ConversationView *MainWindow::conversationView() const
{
    return m_ui->conversationView;
}

Composer *MainWindow::composer() const
{
    return m_ui->composer;
}

const QList<ProviderConfig> &MainWindow::providers() const
{
    return m_modelPicker->providers();
}

void MainWindow::setModelCapabilities(const QString &providerId,
                                      const QHash<QString, ModelCapabilities> &capabilities)
{
    m_modelPicker->setModelCapabilities(providerId, capabilities);
    m_composer->attachments()->setModelCapabilities(providerId, capabilities);
}

void MainWindow::setLinkOpener(std::function<void(const QUrl &)> opener)
{
    m_linkOpener = std::move(opener);
}

void MainWindow::setAppSettings(const AppSettings &app)
{
    m_ui->composer->setSendKey(app.sendKey);
    m_tools->setMaxRounds(app.maxToolRounds);
    // 0: no font of their own, so the view and the composer follow the system font. A font
    // change reaches ConversationView::changeEvent(), which drops the cached message layouts.
    QFont font;
    if (app.fontSize > 0) {
        font = QApplication::font(m_ui->conversationView);
        font.setPointSize(app.fontSize);
    }
    m_ui->conversationView->setFont(font);
    m_ui->composer->setFont(font);
    restyle();
    updateActions(); // the Send button's tooltip names the key
}

void MainWindow::addStatusLabels()
{
    // The status texts (a long error, a long server address) end in "…" rather than widen the
    // window (its minimum size fits small screens at any scale); their tooltip is the whole text.
    m_phaseLabel = new LiveStatusLabel(this); // named by what it shows; announces replies
    m_phaseLabel->setObjectName(QStringLiteral("statusPhaseLabel"));
    m_phaseLabel->setAccessibleDescription(tr("Reply status"));
    statusBar()->addWidget(m_phaseLabel, 1);
    auto *serverLabel = new ElidingLabel(this);
    serverLabel->setObjectName(QStringLiteral("serverStatusLabel"));
    serverLabel->setPreferredChars(48); // the reply's status gets the rest
    statusBar()->addPermanentWidget(serverLabel);
    m_serverLabel = serverLabel;
    statusBar()->setSizeGripEnabled(false);
    connect(m_replyStatus, &ReplyStatus::textChanged, m_phaseLabel, &QLabel::setText);
    m_announcer = new ReplyAnnouncer(m_phaseLabel, m_replyStatus,
                                     {m_ui->composer, m_ui->conversationView}, this);
}

void MainWindow::restyle()
{
    setStyleSheet(mainWindowStyleSheet(palette()));
    m_emptyPage->setFont(font());
    // The composer as wide as the messages' column, which follows their font size.
    const MessageTheme theme = MessageTheme::from(palette(), m_ui->conversationView->font());
    m_ui->composerColumn->setMaximumWidth(int(theme.maxColumn) + 24);
    m_ui->composerFrame->setMinimumHeight(0);
    // The pickers ask for room for long names but give it up on a narrow window.
    const int chars = fontMetrics().averageCharWidth();
    m_ui->modelCombo->setMinimumWidth(chars * 10 + 40);
    m_ui->providerCombo->setMinimumWidth(chars * 6 + 40);
    // The chat pane's layout keeps the top bar's least width from before (the form's pickers)
    // until the bar says it changed: without this a window restored before it was first shown
    // is widened to that old least width.
    m_ui->topBar->updateGeometry();
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        restyle();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    WindowGeometry::save(this, m_ui->splitter);
    for (ConversationController *c : std::as_const(m_conversations))
        c->stop();
    event->accept();
}

void MainWindow::setSidebar(QWidget *sidebar)
{
    if (!sidebar)
        return;
    QWidget *old = m_ui->splitter->widget(0);
    if (old == sidebar)
        return;
    if (m_hiddenSidebar.get() == sidebar)
        (void)m_hiddenSidebar.release(); // the splitter owns it again
    m_ui->splitter->replaceWidget(0, sidebar);
    sidebar->setMinimumWidth(160);
    // QSplitter::replaceWidget() leaves the replaced widget without a parent.
    if (old != m_sessionSidebar) {
        old->deleteLater();
    } else {
        // Kept (hidden, owned) for this session's list, out of the accessibility tree (#18).
        m_hiddenSidebar.reset(old);
    }
}

void MainWindow::setProviders(const QList<ProviderConfig> &providers,
                              const QString &defaultProviderId, const QString &defaultModel)
{
    ModelPicker *picker = m_modelPicker.get();
    const bool newDefaults = picker->setProviders(providers, defaultProviderId, defaultModel);
    for (ConversationController *c : std::as_const(m_conversations)) {
        // A chat not begun yet follows new defaults; one with messages keeps its server.
        if (newDefaults && c->model()->rowCount() == 0 && !c->isBusy()) {
            picker->useDefaults(c);
            continue;
        }
        if (const ProviderConfig *p = picker->providerById(c->options().providerId))
            c->setProvider(*p);
        picker->chooseDefaultModel(c);
    }
    picker->populateProviders();
    for (const ProviderConfig &p : picker->providers())
        m_serverModels->refresh(p);
    picker->populateModels();
    updateEmptyState();
    updateActions();
}

ConversationController *MainWindow::newConversation()
{
    // A new chat uses what Settings name under "New conversations use", not the chat in front.
    if (m_current && m_current->model()->rowCount() == 0 && !m_current->isBusy()) {
        m_modelPicker->useDefaults(m_current);
        m_modelPicker->populateProviders();
        m_modelPicker->populateModels();
        updateEmptyState();
        m_ui->composer->setFocus(Qt::ShortcutFocusReason);
        return m_current;
    }
    auto *c = new ConversationController(m_client, this);
    m_modelPicker->useDefaults(c);
    Q_EMIT conversationCreated(c);
    showConversation(c);
    m_ui->composer->setFocus(Qt::ShortcutFocusReason);
    return c;
}

void MainWindow::showConversation(ConversationController *c)
{
    if (!c)
        return;
    if (!m_conversations.contains(c)) {
        m_conversations.append(c);
        if (c->parent() != this)
            c->setParent(this);
        m_sessionSidebar->addConversation(c);
        m_tools->attach(c);
        connect(c, &QObject::destroyed, this, [this, c] { m_conversations.removeAll(c); });
    }
    if (m_current == c)
        return;
    for (const QMetaObject::Connection &connection : std::as_const(m_currentConnections))
        disconnect(connection);
    m_composer->setConversation(c);
    m_modelPicker->setConversation(c);
    m_composerTools->setConversation(c);
    m_current = c;
    m_tools->setCurrent(c);
    if (!c->hasProvider()) {
        if (const ProviderConfig *p = m_modelPicker->providerById(c->options().providerId))
            c->setProvider(*p);
    }
    m_modelPicker->chooseDefaultModel(c);
    m_ui->conversationView->setModel(c->model());
    watchCurrent();
    m_replyStatus->watch(c->activeReply());
    m_announcer->follow(c->activeReply());
    m_modelPicker->populateProviders();
    m_modelPicker->populateModels();
    m_sessionSidebar->setCurrent(c);
    updateEmptyState();
    updateActions();
    Q_EMIT currentConversationChanged(c);
}

// The window follows the conversation shown: its busy state, its replies, its rows.
void MainWindow::watchCurrent()
{
    ConversationController *c = m_current;
    const ChatModel *model = c->model();
    m_currentConnections = {
        connect(c, &ConversationController::busyChanged, this, &MainWindow::updateActions),
        connect(c, &ConversationController::replyStarted, m_replyStatus, &ReplyStatus::watch),
        connect(c, &ConversationController::replyStarted, m_announcer, &ReplyAnnouncer::watch),
        connect(c, &ConversationController::replyEnded, this, &MainWindow::updateActions),
        connect(c, &ConversationController::replyEnded, m_composer.get(),
                &ComposerController::onReplyEnded),
        connect(c, &ConversationController::replyEnded, m_modelPicker.get(),
                [this, c] { m_modelPicker->refreshLoadedModels(c->provider()); }),
        connect(model, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateEmptyState),
        connect(model, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateEmptyState),
        connect(model, &QAbstractItemModel::modelReset, this, &MainWindow::updateEmptyState),
    };
}

void MainWindow::updateEmptyState()
{
    updateActions(); // Export and Models follow the conversation and its server
    const bool empty = !m_current || m_current->model()->rowCount() == 0;
    m_ui->conversationStack->setCurrentWidget(empty ? static_cast<QWidget *>(m_ui->emptyPage)
                                                    : m_ui->conversationView);
    if (!empty)
        return;
    const ProviderConfig *p =
        m_current ? m_modelPicker->providerById(m_current->options().providerId) : nullptr;
    const EmptyState state = emptyState(p, p ? m_serverModels->entry(p->id) : ServerModels::Entry(),
                                        m_current ? m_current->options().model : QString());
    m_emptyPage->show(state);
}

void MainWindow::updateActions()
{
    const bool busy = m_current && m_current->isBusy();
    m_composer->updateSendButton();
    m_ui->actionStop->setEnabled(busy);
    m_ui->actionRegenerate->setEnabled(m_current && m_current->canRegenerate());
    m_ui->actionCopyLastReply->setEnabled(m_current && m_current->model()->rowCount() > 0);
    m_ui->actionExportConversation->setEnabled(m_current && m_current->model()->rowCount() > 0);
    const bool ollama =
        m_current && m_current->hasProvider() && m_current->provider().type == ProviderType::Ollama;
    m_ui->actionModels->setEnabled(ollama);
    m_ui->actionModels->setToolTip(ollama ? tr("Download, load and remove the models of this "
                                               "Ollama server")
                                          : tr("Managing models needs an Ollama server"));
}

void MainWindow::openConversationSettings()
{
    if (!m_current)
        return;
    ConversationSettingsDialog dialog(this);
    dialog.setOptions(m_current->options());
    dialog.setProviderType(m_current->provider().type);
    if (dialog.exec() == QDialog::Accepted && m_current)
        m_current->setOptions(dialog.options(m_current->options()));
}

void MainWindow::requestSettings()
{
    if (isSignalConnected(QMetaMethod::fromSignal(&MainWindow::openSettingsRequested))) {
        Q_EMIT openSettingsRequested();
        return;
    }
    showTransient(tr("Settings are not available here."));
}

void MainWindow::searchConversations()
{
    if (isSignalConnected(QMetaMethod::fromSignal(&MainWindow::searchRequested))) {
        Q_EMIT searchRequested();
        return;
    }
    showTransient(tr("Searching needs the history, which is not open."));
}

void MainWindow::stepConversation(int step)
{
    if (isSignalConnected(QMetaMethod::fromSignal(&MainWindow::conversationStepRequested))) {
        Q_EMIT conversationStepRequested(step);
        return;
    }
    if (m_ui->splitter->widget(0) == m_sessionSidebar)
        m_sessionSidebar->activateRelative(step);
}

void MainWindow::openLink(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    if (scheme != u"http" && scheme != u"https" && scheme != u"mailto") {
        showTransient(tr("Not opened: %1 (only web and mail links open from replies).")
                          .arg(url.toDisplayString()));
        return;
    }
    if (m_linkOpener)
        m_linkOpener(url);
}

void MainWindow::showTransient(const QString &text)
{
    statusBar()->showMessage(text, 8000);
}

} // namespace Sluice
