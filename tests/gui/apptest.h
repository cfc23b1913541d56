// The fixture of the whole-app tests (tst_app, tst_appsettings): a config file pointing at the
// loopback test server, a data directory for the history, and the app shell with its window,
// file dialogs and broken-config question answered by the test.
#pragma once

#include "gui/app/appshell.h"
#include "core/chat/chatclient.h"
#include "session/chatmodel.h"
#include "gui/window/composer.h"
#include "core/config/configstore.h"
#include "gui/settings/connectiontestpanel.h"
#include "session/conversationcontroller.h"
#include "gui/app/conversationfiles.h"
#include "gui/conversation/conversationview.h"
#include "gui/history/historysidebar.h"
#include "core/util/logfile.h"
#include "gui/window/mainwindow.h"
#include "gui/conversation/messagedelegate.h"
#include "gui/modelmanager/modelsdialog.h"
#include "scriptedllm.h"
#include "core/config/secretstore.h"
#include "gui/settings/settingsdialog.h"
#include "core/storage/conversationexport.h"
#include "core/storage/conversationstore.h"
#include "gui/app/windowhistory.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

namespace Sluice::GuiTest {

class AppTest : public QObject
{
protected:
    QTemporaryDir m_settingsDir;
    std::unique_ptr<QTemporaryDir> m_dir;
    ScriptedLlm *m_server = nullptr;
    ChatClient *m_client = nullptr;
    MemorySecretStore m_secrets;
    std::unique_ptr<AppShell> m_shell;
    QStringList m_brokenProblems;
    AppShell::BrokenConfigAnswer m_brokenAnswer = AppShell::BrokenConfigAnswer::Quit;
    // Stands in for the file dialog: records what was asked, answers with m_choice.
    QList<FileRequest> m_fileRequests;
    FileChoice m_choice;

    QString configPath() const { return m_dir->filePath(QStringLiteral("sluice.json")); }
    QString dataDir() const { return m_dir->filePath(QStringLiteral("data")); }

    void writeConfig(const QByteArray &json)
    {
        QFile file(configPath());
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(json);
    }

    QByteArray serverConfig(const QString &name = QStringLiteral("Test Ollama")) const
    {
        return QStringLiteral(R"({"version": 1,
  "default": {"provider": "local", "model": "llama3.2:3b"},
  "providers": {"local": {"name": "%1", "type": "ollama", "base_url": "%2",
                          "timeouts": {"idle": 2000}}}})")
            .arg(name, m_server->baseUrl())
            .toUtf8();
    }

    bool startShell()
    {
        AppShell::Options options;
        options.configPath = configPath();
        options.dataDir = dataDir();
        options.secrets = &m_secrets;
        options.openFile = [](const QUrl &) {
        };
        options.chooseFile = [this](QWidget *, const FileRequest &request) {
            m_fileRequests.append(request);
            return m_choice;
        };
        options.brokenConfig = [this](const QString &problem, bool) {
            m_brokenProblems.append(problem);
            return m_brokenAnswer;
        };
        m_shell = std::make_unique<AppShell>(m_client, options);
        if (!m_shell->start())
            return false;
        window()->resize(1000, 700);
        window()->show();
        return QTest::qWaitForWindowExposed(window());
    }

    MainWindow *window() const { return m_shell->window(); }
    ChatModel *model() const { return window()->currentConversation()->model(); }
    QListView *historyList() const
    {
        return window()->findChild<QListView *>(QStringLiteral("historyList"));
    }
    QString emptyTitle() const
    {
        return window()->findChild<QLabel *>(QStringLiteral("emptyTitle"))->text();
    }
    void typeAndSend(const QString &text)
    {
        Composer *composer = window()->composer();
        composer->setFocus();
        QTest::keyClicks(composer, text);
        QTest::keyClick(composer, Qt::Key_Return);
    }

    // From initTestCase().
    bool isolateSettings(const QString &applicationName)
    {
        if (!m_settingsDir.isValid())
            return false;
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
        QCoreApplication::setApplicationName(applicationName);
        return true;
    }
    // From init(): a fresh data directory, test server and client, and no answers recorded.
    bool setUp()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        if (!m_dir->isValid())
            return false;
        m_server = new ScriptedLlm(this);
        if (!m_server->listen())
            return false;
        m_client = new ChatClient(this);
        m_brokenProblems.clear();
        m_fileRequests.clear();
        m_choice = {};
        return true;
    }
    // From cleanup().
    void tearDown()
    {
        m_shell.reset();
        delete m_client;
        m_client = nullptr;
        delete m_server;
        m_server = nullptr;
        m_dir.reset();
    }
};

} // namespace Sluice::GuiTest
