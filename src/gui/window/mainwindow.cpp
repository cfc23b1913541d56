#include "gui/window/mainwindow.h"

#include "core/chat/chatclient.h"
#include "session/chatmodel.h"
#include "gui/window/composer.h"
#include "session/conversationcontroller.h"
#include "gui/window/conversationsettingsdialog.h"
#include "gui/conversation/conversationview.h"
#include "gui/window/emptystate.h"
#include "gui/conversation/messagegeometry.h"
#include "gui/window/modelpickerdelegate.h"
#include "core/models/modelcapabilities.h"
#include "session/replystatus.h"
#include "session/servermodels.h"
#include "gui/window/sessionsidebar.h"
#include "gui/window/windowshortcuts.h"
#include "gui/window/windowstyle.h"

#include "ui_mainwindow.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QLabel>
#include <QLineEdit>
#include <QMetaMethod>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QVBoxLayout>

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

    // The status texts (a long error, a long server address) are cut rather than widen the
    // window: its minimum size fits small screens at any scale.
    auto *phase = new QLabel(this);
    phase->setObjectName(QStringLiteral("statusPhaseLabel"));
    phase->setAccessibleName(tr("Reply status"));
    phase->setMinimumWidth(1);
    statusBar()->addWidget(phase, 1);
    auto *server = new QLabel(this);
    server->setObjectName(QStringLiteral("serverStatusLabel"));
    server->setMinimumWidth(1);
    statusBar()->addPermanentWidget(server);
    statusBar()->setSizeGripEnabled(false);
    connect(m_replyStatus, &ReplyStatus::textChanged, phase, &QLabel::setText);
    setupModelPull();

    m_ui->editBanner->hide();
    m_ui->composer->setFrameShape(QFrame::NoFrame);
    m_ui->emptyDetail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    centreEmptyState();
    m_ui->conversationStack->setCurrentWidget(m_ui->emptyPage);

    ConversationView *view = m_ui->conversationView;
    connect(m_ui->composer, &Composer::submitted, this, &MainWindow::send);
    connect(m_ui->composer, &Composer::escapePressed, this, &MainWindow::cancelEdit);
    connect(m_ui->sendButton, &QPushButton::clicked, this, &MainWindow::onSendClicked);
    connect(m_ui->cancelEditButton, &QToolButton::clicked, this, &MainWindow::cancelEdit);
    connect(view, &ConversationView::retryRequested, this, &MainWindow::retry);
    connect(view, &ConversationView::continueRequested, this, [this](int row) {
        if (m_current && m_current->continueReply(row))
            m_ui->conversationView->jumpToLatest();
    });
    connect(view, &ConversationView::regenerateRequested, this, [this](int) {
        if (m_current)
            retry(m_current->model()->rowCount() - 1); // the last reply, again
    });
    connect(view, &ConversationView::editRequested, this, &MainWindow::beginEdit);
    connect(view, &ConversationView::deleteRequested, this, [this](int row) {
        if (m_current)
            m_current->deleteMessage(row);
    });
    connect(view, &ConversationView::linkActivated, this, &MainWindow::openLink);

    connect(m_ui->providerCombo, &QComboBox::currentIndexChanged, this,
            &MainWindow::onProviderChosen);
    connect(m_ui->modelCombo, &QComboBox::currentTextChanged, this, &MainWindow::onModelEdited);
    connect(m_ui->refreshModelsButton, &QToolButton::clicked, this, &MainWindow::refreshModels);
    connect(m_ui->conversationSettingsButton, &QToolButton::clicked, this,
            &MainWindow::openConversationSettings);
    connect(m_ui->emptyRetryButton, &QPushButton::clicked, this, &MainWindow::refreshModels);
    connect(m_ui->emptySettingsButton, &QPushButton::clicked, this, &MainWindow::requestSettings);
    connect(m_serverModels, &ServerModels::changed, this, &MainWindow::onServerChanged);

    m_linkOpener = [](const QUrl &url) {
        QDesktopServices::openUrl(url);
    };
    setupActions();
    restyle();
    restoreState();
    newConversation();
}

MainWindow::~MainWindow()
{
    // Replies end (as cancelled, so sinks record it) while everything still exists.
    m_ui->conversationView->setModel(nullptr);
    m_sessionSidebar->disconnect(this);
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

void MainWindow::setLinkOpener(std::function<void(const QUrl &)> opener)
{
    m_linkOpener = std::move(opener);
}

void MainWindow::setAppSettings(const AppSettings &app)
{
    m_ui->composer->setSendKey(app.sendKey);
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

void MainWindow::centreEmptyState()
{
    // The empty state's words in a column of readable width, centred (stretch on both sides).
    auto *column = new QWidget(m_ui->emptyPage);
    column->setObjectName(QStringLiteral("emptyColumn"));
    column->setMaximumWidth(560);
    column->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    auto *inner = new QVBoxLayout(column);
    inner->setContentsMargins(0, 0, 0, 0);
    inner->setSpacing(12);
    const int at = m_ui->emptyLayout->indexOf(m_ui->emptyTitle);
    m_ui->emptyLayout->removeWidget(m_ui->emptyTitle);
    m_ui->emptyLayout->removeWidget(m_ui->emptyDetail);
    m_ui->emptyLayout->removeItem(m_ui->emptyButtons);
    inner->addWidget(m_ui->emptyTitle);
    inner->addWidget(m_ui->emptyDetail);
    inner->addSpacing(4);
    inner->addLayout(m_ui->emptyButtons);
    m_ui->emptyButtons->setSpacing(10);
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(column, 100);
    row->addStretch(1);
    m_ui->emptyLayout->insertLayout(at, row);
}

void MainWindow::setupActions()
{
    Ui::MainWindow &ui = *m_ui;
    const QList<QAction *> actions{ui.actionNewChat,
                                   ui.actionSettings,
                                   ui.actionQuit,
                                   ui.actionStop,
                                   ui.actionRegenerate,
                                   ui.actionCopyLastReply,
                                   ui.actionFocusComposer,
                                   ui.actionChooseModel,
                                   ui.actionConversationSettings,
                                   ui.actionRefreshModels,
                                   ui.actionModels,
                                   ui.actionExportConversation,
                                   ui.actionImportConversation,
                                   ui.actionSearchConversations,
                                   ui.actionNextConversation,
                                   ui.actionPreviousConversation};
    addActions(actions);
    const auto keys = [](const char *text) {
        return QKeySequence(tr(text));
    };
    // On macOS Ctrl is ⌘, and ⌘M minimises the window.
#ifdef Q_OS_MACOS
    const QKeySequence chooseModel = keys(QT_TR_NOOP("Ctrl+Shift+M"));
#else
    const QKeySequence chooseModel = keys(QT_TR_NOOP("Ctrl+M"));
#endif
    assignShortcuts(
        {
            {ui.actionNewChat, {keys(QT_TR_NOOP("Ctrl+N"))}, QKeySequence::New},
            {ui.actionSettings, {keys(QT_TR_NOOP("Ctrl+,"))}, QKeySequence::Preferences},
            {ui.actionQuit, {keys(QT_TR_NOOP("Ctrl+Q"))}, QKeySequence::Quit},
            {ui.actionStop, {keys(QT_TR_NOOP("Esc"))}},
            {ui.actionRegenerate, {keys(QT_TR_NOOP("Ctrl+R"))}},
            {ui.actionCopyLastReply, {keys(QT_TR_NOOP("Ctrl+Shift+C"))}},
            {ui.actionFocusComposer, {keys(QT_TR_NOOP("Ctrl+L"))}},
            {ui.actionChooseModel, {chooseModel}},
            {ui.actionConversationSettings, {keys(QT_TR_NOOP("Ctrl+Shift+,"))}},
            {ui.actionRefreshModels, {keys(QT_TR_NOOP("F5"))}, QKeySequence::Refresh},
            {ui.actionExportConversation, {keys(QT_TR_NOOP("Ctrl+Shift+S"))}},
            {ui.actionSearchConversations,
             {keys(QT_TR_NOOP("Ctrl+K")), keys(QT_TR_NOOP("Ctrl+F"))},
             QKeySequence::Find},
            {ui.actionNextConversation,
             {keys(QT_TR_NOOP("Ctrl+Tab")), keys(QT_TR_NOOP("Ctrl+PgDown"))},
             QKeySequence::NextChild},
            // Ctrl+Shift+Tab (the menu shows it) arrives as Ctrl+Shift+Backtab on X11.
            {ui.actionPreviousConversation,
             {keys(QT_TR_NOOP("Ctrl+Shift+Tab")), keys(QT_TR_NOOP("Ctrl+Shift+Backtab")),
              keys(QT_TR_NOOP("Ctrl+PgUp"))},
             QKeySequence::PreviousChild},
        },
        // The history list's own keys (rename, delete) while it has the focus.
        {QKeySequence(Qt::Key_F2), QKeySequence(QKeySequence::Delete)});
    // These keys reach the window from the text fields too (X11 gives Ctrl+K to the fields
    // as "delete to the end of the line").
    m_windowKeys = {ui.actionSearchConversations, ui.actionNextConversation,
                    ui.actionPreviousConversation, ui.actionChooseModel};
    qApp->installEventFilter(this);
    connect(ui.actionNewChat, &QAction::triggered, this, &MainWindow::newConversation);
    connect(ui.actionSettings, &QAction::triggered, this, &MainWindow::requestSettings);
    connect(ui.actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(ui.actionStop, &QAction::triggered, this, [this] {
        if (m_current)
            m_current->stop();
    });
    connect(ui.actionRegenerate, &QAction::triggered, this, [this] {
        if (m_current)
            retry(m_current->model()->rowCount() - 1); // the last reply, again
    });
    connect(ui.actionCopyLastReply, &QAction::triggered, this, [this] {
        if (!m_current)
            return;
        const ChatModel *model = m_current->model();
        for (int row = model->rowCount() - 1; row >= 0; --row) {
            if (model->message(row).isAssistant()) {
                m_ui->conversationView->copyMessage(row, false);
                showTransient(tr("Copied the last reply."));
                return;
            }
        }
    });
    connect(ui.actionFocusComposer, &QAction::triggered, this,
            [this] { m_ui->composer->setFocus(Qt::ShortcutFocusReason); });
    connect(ui.actionConversationSettings, &QAction::triggered, this,
            &MainWindow::openConversationSettings);
    connect(ui.actionRefreshModels, &QAction::triggered, this, &MainWindow::refreshModels);
    connect(ui.actionModels, &QAction::triggered, this, &MainWindow::modelsRequested);
    connect(ui.actionExportConversation, &QAction::triggered, this, &MainWindow::exportRequested);
    connect(ui.actionSearchConversations, &QAction::triggered, this,
            &MainWindow::searchConversations);
    connect(ui.actionNextConversation, &QAction::triggered, this, [this] { stepConversation(1); });
    connect(ui.actionPreviousConversation, &QAction::triggered, this,
            [this] { stepConversation(-1); });
    connect(ui.actionChooseModel, &QAction::triggered, this, &MainWindow::chooseModel);
    connect(ui.actionImportConversation, &QAction::triggered, this, &MainWindow::importRequested);
    m_ui->modelCombo->setItemDelegate(new ModelPickerDelegate(m_ui->modelCombo));
    updateActions();
}

void MainWindow::restyle()
{
    setStyleSheet(mainWindowStyleSheet(palette()));
    QFont title = font();
    title.setPointSizeF(title.pointSizeF() * 1.45);
    title.setWeight(QFont::DemiBold);
    m_ui->emptyTitle->setFont(title);
    // The composer as wide as the messages' column, which follows their font size.
    const MessageTheme theme = MessageTheme::from(palette(), m_ui->conversationView->font());
    m_ui->composerColumn->setMaximumWidth(int(theme.maxColumn) + 24);
    m_ui->composerFrame->setMinimumHeight(0);
    // The pickers ask for room for long names but give it up on a narrow window.
    const int chars = fontMetrics().averageCharWidth();
    m_ui->modelCombo->setMinimumWidth(chars * 14 + 40);
    m_ui->providerCombo->setMinimumWidth(chars * 8 + 40);
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        restyle();
}

void MainWindow::restoreState()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("window"));
    const QByteArray geometry = settings.value(QStringLiteral("geometry")).toByteArray();
    // The form's 1100 × 760 is larger than a 1400 × 900 screen at twice the scale, and a window
    // saved on a larger screen (or at a smaller scale) can be too: it is fitted to this one.
    const bool restored = !geometry.isEmpty() && restoreGeometry(geometry);
    fitIntoScreen(!restored);
    const QByteArray state = settings.value(QStringLiteral("state")).toByteArray();
    if (!state.isEmpty())
        QMainWindow::restoreState(state);
    const QByteArray splitter = settings.value(QStringLiteral("splitter")).toByteArray();
    if (!splitter.isEmpty())
        m_ui->splitter->restoreState(splitter);
}

void MainWindow::fitIntoScreen(bool centre)
{
    const QScreen *s = screen();
    if (!s)
        return;
    const QRect available = s->availableGeometry();
    // Room for the window frame, which is not part of size().
    const QSize room(available.width() * 95 / 100, available.height() * 90 / 100);
    const QSize fitted = size().boundedTo(room).expandedTo(minimumSizeHint());
    if (fitted != size())
        resize(fitted);
    if (centre || !available.contains(geometry()))
        move(available.center() - QPoint(width() / 2, height() / 2));
}

void MainWindow::saveState()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("window"));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), QMainWindow::saveState());
    settings.setValue(QStringLiteral("splitter"), m_ui->splitter->saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveState();
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
    m_ui->splitter->replaceWidget(0, sidebar);
    sidebar->setMinimumWidth(160);
    // QSplitter::replaceWidget() leaves the replaced widget without a parent.
    if (old != m_sessionSidebar) {
        old->deleteLater();
    } else {
        old->setParent(this); // still owned (and hidden): it keeps this session's list
        old->hide();
    }
}

const ProviderConfig *MainWindow::providerById(const QString &id) const
{
    for (const ProviderConfig &p : m_providers) {
        if (p.id == id)
            return &p;
    }
    for (const ProviderConfig &p : m_providers) {
        if (p.id == m_defaultProviderId)
            return &p;
    }
    return m_providers.isEmpty() ? nullptr : &m_providers.first();
}

void MainWindow::setProviders(const QList<ProviderConfig> &providers,
                              const QString &defaultProviderId, const QString &defaultModel)
{
    const bool newDefaults =
        defaultProviderId != m_defaultProviderId || defaultModel != m_defaultModel;
    m_providers = providers;
    m_defaultProviderId = defaultProviderId;
    m_defaultModel = defaultModel;
    for (ConversationController *c : std::as_const(m_conversations)) {
        // A chat not begun yet follows new defaults; one with messages keeps its server.
        if (newDefaults && c->model()->rowCount() == 0 && !c->isBusy()) {
            useDefaults(c);
            continue;
        }
        if (const ProviderConfig *p = providerById(c->options().providerId))
            c->setProvider(*p);
        chooseDefaultModel(c);
    }
    populateProviders();
    for (const ProviderConfig &p : std::as_const(m_providers))
        m_serverModels->refresh(p);
    populateModels();
    updateEmptyState();
    updateActions();
}

void MainWindow::populateProviders()
{
    m_populating = true;
    m_ui->providerCombo->clear();
    for (const ProviderConfig &p : std::as_const(m_providers))
        m_ui->providerCombo->addItem(p.name.isEmpty() ? p.id : p.name, p.id);
    const ProviderConfig *p = m_current ? providerById(m_current->options().providerId) : nullptr;
    m_ui->providerCombo->setCurrentIndex(p ? m_ui->providerCombo->findData(p->id) : -1);
    m_ui->providerCombo->setVisible(m_providers.size() > 1);
    if (auto *label = findChild<QLabel *>(QStringLiteral("serverStatusLabel")))
        label->setText(p ? tr("%1 · %2").arg(serverKind(p->type), serverAddress(*p)) : QString());
    m_populating = false;
}

ConversationController *MainWindow::newConversation()
{
    // A new chat uses what Settings name under "New conversations use", not the chat in front.
    if (m_current && m_current->model()->rowCount() == 0 && !m_current->isBusy()) {
        useDefaults(m_current);
        populateProviders();
        populateModels();
        updateEmptyState();
        m_ui->composer->setFocus(Qt::ShortcutFocusReason);
        return m_current;
    }
    auto *c = new ConversationController(m_client, this);
    useDefaults(c);
    Q_EMIT conversationCreated(c);
    showConversation(c);
    m_ui->composer->setFocus(Qt::ShortcutFocusReason);
    return c;
}

void MainWindow::useDefaults(ConversationController *c)
{
    if (const ProviderConfig *p = providerById(m_defaultProviderId))
        c->setProvider(*p);
    c->setModel({});
    chooseDefaultModel(c);
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
        connect(c, &QObject::destroyed, this, [this, c] { m_conversations.removeAll(c); });
    }
    if (m_current == c)
        return;
    if (m_current) {
        m_current->disconnect(this);
        m_current->model()->disconnect(this);
        // Compared as QObject: by the time destroyed() fires the controller part is gone.
        connect(m_current, &QObject::destroyed, this, [this](QObject *o) {
            m_conversations.removeIf(
                [o](ConversationController *held) { return static_cast<QObject *>(held) == o; });
        });
    }
    cancelEdit();
    m_current = c;
    if (!c->hasProvider()) {
        if (const ProviderConfig *p = providerById(c->options().providerId))
            c->setProvider(*p);
    }
    chooseDefaultModel(c);
    m_ui->conversationView->setModel(c->model());
    connect(c, &ConversationController::busyChanged, this, &MainWindow::updateActions);
    connect(c, &ConversationController::replyStarted, m_replyStatus, &ReplyStatus::watch);
    connect(c, &ConversationController::replyEnded, this, &MainWindow::updateActions);
    connect(c, &ConversationController::replyEnded, this, &MainWindow::onReplyEnded);
    connect(c, &ConversationController::replyEnded, this,
            [this, c] { refreshLoadedModels(c->provider()); });
    connect(c->model(), &QAbstractItemModel::rowsInserted, this, &MainWindow::updateEmptyState);
    connect(c->model(), &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateEmptyState);
    connect(c->model(), &QAbstractItemModel::modelReset, this, &MainWindow::updateEmptyState);
    m_replyStatus->watch(c->activeReply());
    populateProviders();
    populateModels();
    m_sessionSidebar->setCurrent(c);
    updateEmptyState();
    updateActions();
    Q_EMIT currentConversationChanged(c);
}

void MainWindow::updateEmptyState()
{
    updateActions(); // Export and Models follow the conversation and its server
    const bool empty = !m_current || m_current->model()->rowCount() == 0;
    m_ui->conversationStack->setCurrentWidget(empty ? static_cast<QWidget *>(m_ui->emptyPage)
                                                    : m_ui->conversationView);
    if (!empty)
        return;
    const ProviderConfig *p = m_current ? providerById(m_current->options().providerId) : nullptr;
    const EmptyState state = emptyState(p, p ? m_serverModels->entry(p->id) : ServerModels::Entry(),
                                        m_current ? m_current->options().model : QString());
    m_ui->emptyTitle->setText(state.title);
    m_ui->emptyDetail->setText(state.detail);
    m_ui->emptyRetryButton->setVisible(state.showRetry);
    m_ui->emptySettingsButton->setVisible(state.showSettings);
}

void MainWindow::updateActions()
{
    const bool busy = m_current && m_current->isBusy();
    QPushButton *send = m_ui->sendButton;
    send->setText(busy ? tr("Stop") : tr("Send"));
    send->setAccessibleName(busy ? tr("Stop") : tr("Send"));
    send->setToolTip(busy ? tr("Stop the reply (Esc)")
                          : tr("Send the message (%1)").arg(m_ui->composer->sendKeyText()));
    if (send->property("stopMode").toBool() != busy) {
        send->setProperty("stopMode", busy);
        send->style()->unpolish(send);
        send->style()->polish(send);
    }
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
