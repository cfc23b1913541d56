// MainWindow: its menus' actions and their shortcuts.
#include "gui/window/mainwindow.h"
#include "gui/tools/windowtools.h"
#include "core/chat/chatclient.h"
#include "session/chatmodel.h"
#include "gui/window/composer.h"
#include "gui/window/composercontroller.h"
#include "gui/attachments/composerattachments.h"
#include "gui/window/composertools.h"
#include "session/conversationcontroller.h"
#include "gui/window/conversationsettingsdialog.h"
#include "gui/conversation/conversationview.h"
#include "gui/window/emptypage.h"
#include "gui/window/emptystate.h"
#include "gui/conversation/messagegeometry.h"
#include "gui/window/modelpicker.h"
#include "session/replystatus.h"
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
    // These keys reach the window from the text fields too.
    new WindowKeys(this, {ui.actionSearchConversations, ui.actionNextConversation,
                          ui.actionPreviousConversation, ui.actionChooseModel});
    connect(ui.actionNewChat, &QAction::triggered, this, &MainWindow::newConversation);
    connect(ui.actionSettings, &QAction::triggered, this, &MainWindow::requestSettings);
    connect(ui.actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(ui.actionStop, &QAction::triggered, m_composer.get(), &ComposerController::stop);
    connect(ui.actionRegenerate, &QAction::triggered, m_composer.get(),
            &ComposerController::regenerate);
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
    connect(ui.actionRefreshModels, &QAction::triggered, m_modelPicker.get(),
            &ModelPicker::refreshModels);
    connect(ui.actionModels, &QAction::triggered, this, &MainWindow::modelsRequested);
    connect(ui.actionExportConversation, &QAction::triggered, this, &MainWindow::exportRequested);
    connect(ui.actionSearchConversations, &QAction::triggered, this,
            &MainWindow::searchConversations);
    connect(ui.actionNextConversation, &QAction::triggered, this, [this] { stepConversation(1); });
    connect(ui.actionPreviousConversation, &QAction::triggered, this,
            [this] { stepConversation(-1); });
    connect(ui.actionChooseModel, &QAction::triggered, m_modelPicker.get(),
            &ModelPicker::chooseModel);
    connect(ui.actionImportConversation, &QAction::triggered, this, &MainWindow::importRequested);
    updateActions();
}

} // namespace Sluice
