// The whole app as it starts: a config file pointing at the loopback test server, a data
// directory for the history, the window with its history sidebar, Settings' Test connection
// and a broken config file.
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

using namespace Sluice;
using namespace Sluice::GuiTest;

class TestApp final : public QObject
{
    Q_OBJECT

private:
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

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
        QCoreApplication::setApplicationName(QStringLiteral("tst_app"));
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_server = new ScriptedLlm(this);
        QVERIFY(m_server->listen());
        m_client = new ChatClient(this);
        m_brokenProblems.clear();
        m_fileRequests.clear();
        m_choice = {};
    }

    void cleanup()
    {
        m_shell.reset();
        delete m_client;
        delete m_server;
        m_dir.reset();
    }

    void sendStreamAndFindItAfterARestart()
    {
        writeConfig(serverConfig());
        Script s;
        s.reply = QByteArrayLiteral("Rivers **flow** downhill to the sea.");
        s.thinking = QByteArrayLiteral("Gravity.");
        s.tokenDelayMs = 20;
        m_server->enqueue(s);
        QVERIFY(startShell());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        QCOMPARE(historyList()->model()->rowCount(), 0);

        typeAndSend(QStringLiteral("Why do rivers flow?"));
        // The user's message is in the history before the reply is.
        ConversationStore *store = m_shell->history();
        QCOMPARE(store->conversations().size(), 1);
        const qint64 id = store->conversations().first().id;
        QCOMPARE(store->messages(id).first().content, QStringLiteral("Why do rivers flow?"));
        QTRY_COMPARE(historyList()->model()->rowCount(), 1);
        QCOMPARE(historyList()->model()->index(0, 0).data().toString(),
                 QStringLiteral("Why do rivers flow?"));
        QCOMPARE(historyList()->currentIndex().row(), 0); // the open conversation is selected
        QTRY_COMPARE(model()->message(1).state, MessageState::Complete);
        QCOMPARE(store->messages(id).size(), 2);
        QCOMPARE(store->messages(id).at(1).content,
                 QStringLiteral("Rivers **flow** downhill to the sea."));
        QCOMPARE(store->messages(id).at(1).state, MessageState::Complete);
        // "Thought for … s" is stored with the reply.
        const qint64 thought = model()->message(1).thinkingMs;
        QVERIFY(thought >= 0);
        QCOMPARE(store->messages(id).at(1).thinkingMs, thought);

        // A restart on the same files: the conversation is there, with its reply.
        m_shell.reset();
        QVERIFY(startShell());
        QTRY_COMPARE(historyList()->model()->rowCount(), 1);
        QCOMPARE(model()->rowCount(), 0); // a new chat until one is chosen
        const QRect rect = historyList()->visualRect(historyList()->model()->index(0, 0));
        QTest::mouseClick(historyList()->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(model()->rowCount(), 2);
        QCOMPARE(model()->message(0).content, QStringLiteral("Why do rivers flow?"));
        QCOMPARE(model()->message(1).content,
                 QStringLiteral("Rivers **flow** downhill to the sea."));
        QCOMPARE(model()->message(1).thinking, QStringLiteral("Gravity."));
        QCOMPARE(model()->message(1).thinkingMs, thought);
        QCOMPARE(model()->message(1).state, MessageState::Complete);
        QCOMPARE(window()->currentConversation()->options().model, QStringLiteral("llama3.2:3b"));
        QCOMPARE(window()->currentConversation()->options().providerId, QStringLiteral("local"));

        // Going on in the reopened conversation adds to the same stored one.
        typeAndSend(QStringLiteral("And lakes?"));
        QTRY_COMPARE(model()->message(3).state, MessageState::Complete);
        QCOMPARE(m_shell->history()->messages(id).size(), 4);
        QCOMPARE(m_shell->history()->conversations().size(), 1);
    }

    void stoppedReplyKeepsItsPartialTextAcrossARestart()
    {
        writeConfig(serverConfig());
        Script slow;
        slow.reply = QByteArrayLiteral("one two three four five six seven eight nine ten");
        slow.tokenDelayMs = 60;
        m_server->enqueue(slow);
        QVERIFY(startShell());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        typeAndSend(QStringLiteral("count"));
        QTRY_VERIFY(model()->message(1).content.size() >= 8);
        m_shell.reset(); // closing mid-stream
        QVERIFY(startShell());
        QTRY_COMPARE(historyList()->model()->rowCount(), 1);
        const qint64 id = m_shell->history()->conversations().first().id;
        QVERIFY(m_shell->windowHistory()->openConversation(id));
        QCOMPARE(model()->rowCount(), 2);
        const ConversationMessage &reply = model()->message(1);
        QVERIFY(reply.content.startsWith(QStringLiteral("one ")));
        QCOMPARE(reply.state, MessageState::Cancelled);
        QVERIFY(window()->currentConversation()->canContinue(1));
    }

    void searchResultOpensTheConversationAtTheMessage()
    {
        writeConfig(serverConfig());
        QVERIFY(startShell());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        typeAndSend(QStringLiteral("Tell me about otters"));
        QTRY_COMPARE(model()->message(1).state, MessageState::Complete);
        QTest::keySequence(window(), QKeySequence(QStringLiteral("Ctrl+N")));
        QCOMPARE(model()->rowCount(), 0);

        auto *search = window()->findChild<QLineEdit *>(QStringLiteral("historySearch"));
        search->setFocus();
        QTest::keyClicks(search, QStringLiteral("otters"));
        auto *results = window()->findChild<QListWidget *>(QStringLiteral("historySearchResults"));
        QTRY_VERIFY(results->isVisible());
        QTest::keyClick(search, Qt::Key_Return);
        QCOMPARE(model()->rowCount(), 2);
        QCOMPARE(window()->conversationView()->currentIndex().row(), 0);
    }

    void deleteFromTheSidebarAndUndo()
    {
        writeConfig(serverConfig());
        QVERIFY(startShell());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        typeAndSend(QStringLiteral("Short lived"));
        QTRY_COMPARE(model()->message(1).state, MessageState::Complete);
        ConversationController *before = window()->currentConversation();
        historyList()->setFocus();
        QTest::keyClick(historyList(), Qt::Key_Delete);
        QTRY_COMPARE(historyList()->model()->rowCount(), 0);
        QVERIFY(window()->currentConversation() != before); // a new chat in its place
        QCOMPARE(model()->rowCount(), 0);
        QTest::mouseClick(window()->findChild<QPushButton *>(QStringLiteral("historyUndoButton")),
                          Qt::LeftButton);
        QTRY_COMPARE(historyList()->model()->rowCount(), 1);
        const QRect rect = historyList()->visualRect(historyList()->model()->index(0, 0));
        QTest::mouseClick(historyList()->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(model()->rowCount(), 2);
    }

    void exportAndImportRoundTrip()
    {
        writeConfig(serverConfig());
        Script s;
        s.reply = QByteArrayLiteral("Answer.");
        s.thinking = QByteArrayLiteral("Secret musing.");
        m_server->enqueue(s);
        QVERIFY(startShell());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        typeAndSend(QStringLiteral("Question?"));
        QTRY_COMPARE(model()->message(1).state, MessageState::Complete);
        const qint64 id = m_shell->windowHistory()->conversationId(window()->currentConversation());
        QVERIFY(id);
        QString error;
        const QString md = m_dir->filePath(QStringLiteral("out.md"));
        QVERIFY(writeConversationFile(*m_shell->history(), id, md, ExportFormat::Markdown, false,
                                      &error));
        QFile mdFile(md);
        QVERIFY(mdFile.open(QIODevice::ReadOnly));
        const QByteArray text = mdFile.readAll();
        QVERIFY(text.contains("Question?"));
        QVERIFY(!text.contains("Secret musing."));
        const QString json = m_dir->filePath(QStringLiteral("out.json"));
        QVERIFY(
            writeConversationFile(*m_shell->history(), id, json, ExportFormat::Json, true, &error));
        const std::optional<qint64> imported =
            importConversationFile(*m_shell->history(), json, &error);
        QVERIFY2(imported, qPrintable(error));
        QTRY_COMPARE(historyList()->model()->rowCount(), 2);
        QVERIFY(m_shell->windowHistory()->openConversation(*imported));
        QCOMPARE(model()->rowCount(), 2);
        QCOMPARE(model()->message(1).thinking, QStringLiteral("Secret musing."));
    }

    void exportAndImportThroughTheMenu()
    {
        // A provider with a key and a secret header: neither may reach an export.
        writeConfig(QStringLiteral(R"({"version": 1,
  "default": {"provider": "local", "model": "llama3.2:3b"},
  "providers": {"local": {"name": "Keyed", "type": "ollama", "base_url": "%1",
                          "api_key": "sk-SLUICE-TEST-KEY-0042",
                          "headers": {"X-Secret": "HEADER-SECRET-77"}}}})")
                        .arg(m_server->baseUrl())
                        .toUtf8());
        Script s;
        s.reply = QByteArrayLiteral("Otters sleep holding paws.");
        s.thinking = QByteArrayLiteral("Secret musing.");
        s.tokenDelayMs = 5;
        m_server->enqueue(s);
        QVERIFY(startShell());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        auto *exportAction =
            window()->findChild<QAction *>(QStringLiteral("actionExportConversation"));
        auto *importAction =
            window()->findChild<QAction *>(QStringLiteral("actionImportConversation"));
        QVERIFY(exportAction && importAction);
        typeAndSend(QStringLiteral("How do otters sleep?"));
        QTRY_COMPARE(model()->message(1).state, MessageState::Complete);
        QVERIFY(exportAction->isEnabled());

        const auto exportAs = [&](const QString &fileName, const QString &format,
                                  bool withThinking) -> QByteArray {
            // First a look at the dialog (cancelled), then the choice.
            m_fileRequests.clear();
            m_choice = {};
            exportAction->trigger();
            if (m_fileRequests.size() != 1)
                return "no dialog";
            const FileRequest &request = m_fileRequests.first();
            if (!request.save || request.caption != QStringLiteral("Export Conversation"))
                return "not a save dialog";
            // The filters offer both formats, each with and without thinking.
            for (const QString &filter : request.filters) {
                if (filter.contains(format) &&
                    filter.contains(QStringLiteral("without thinking")) != withThinking)
                    m_choice.filter = filter;
            }
            if (m_choice.filter.isEmpty())
                return "no such filter";
            m_choice.path = m_dir->filePath(fileName);
            m_fileRequests.clear();
            exportAction->trigger();
            QFile file(QFileInfo::exists(m_choice.path) ? m_choice.path
                                                        : m_choice.path + u'.' + format);
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("no file");
        };

        // Markdown without thinking; the extension is added to a bare name.
        const QByteArray plain = exportAs(QStringLiteral("otters"), QStringLiteral("md"), false);
        QVERIFY2(plain.startsWith("# How do otters sleep?\n"), plain.constData());
        QVERIFY(plain.contains("## You\n\nHow do otters sleep?"));
        QVERIFY(plain.contains("Otters sleep holding paws."));
        QVERIFY(!plain.contains("Secret musing."));
        QVERIFY(!plain.contains("Thought for"));
        QVERIFY(window()->statusBar()->currentMessage().contains(QStringLiteral("otters.md")));
        QVERIFY(m_fileRequests.first().path.endsWith(QStringLiteral("How do otters sleep.md")));

        const QByteArray rich = exportAs(QStringLiteral("rich.md"), QStringLiteral("md"), true);
        QVERIFY(rich.contains("<summary>Thought for "));
        QVERIFY(rich.contains("Secret musing."));

        const QByteArray bare =
            exportAs(QStringLiteral("bare.json"), QStringLiteral("json"), false);
        QVERIFY(bare.contains("Otters sleep holding paws."));
        QVERIFY(!bare.contains("Secret musing."));

        const QByteArray json = exportAs(QStringLiteral("talk.json"), QStringLiteral("json"), true);
        QString error;
        const auto parsed = ConversationExport::fromJson(json, &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(parsed->messages.size(), 2);
        QCOMPARE(parsed->messages.at(1).thinking, QStringLiteral("Secret musing."));
        QCOMPARE(parsed->messages.at(1).thinkingMs, model()->message(1).thinkingMs);
        QCOMPARE(parsed->conversation.providerId, QStringLiteral("local"));

        for (const QByteArray &written : {plain, rich, bare, json}) {
            QVERIFY(!written.contains("SLUICE-TEST-KEY"));
            QVERIFY(!written.contains("0042"));
            QVERIFY(!written.contains("HEADER-SECRET"));
            QVERIFY(!written.toLower().contains("authorization"));
            QVERIFY(!written.toLower().contains("api_key"));
        }

        // Cancelling writes nothing.
        m_choice = {};
        m_fileRequests.clear();
        const QStringList before = QDir(m_dir->path()).entryList(QDir::Files);
        exportAction->trigger();
        QCOMPARE(m_fileRequests.size(), 1);
        QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files), before);

        // Import: an open dialog for JSON; the conversation appears in the sidebar and opens.
        QCOMPARE(historyList()->model()->rowCount(), 1);
        m_choice.path = m_dir->filePath(QStringLiteral("talk.json"));
        m_fileRequests.clear();
        importAction->trigger();
        QCOMPARE(m_fileRequests.size(), 1);
        QVERIFY(!m_fileRequests.first().save);
        QVERIFY(m_fileRequests.first().filters.first().contains(QStringLiteral("*.json")));
        m_choice.filter = m_fileRequests.first().filters.first();
        QTRY_COMPARE(historyList()->model()->rowCount(), 2);
        QCOMPARE(m_shell->history()->conversations().size(), 2);
        const qint64 imported =
            m_shell->windowHistory()->conversationId(window()->currentConversation());
        QVERIFY(imported);
        QCOMPARE(model()->rowCount(), 2);
        QCOMPARE(model()->message(0).content, QStringLiteral("How do otters sleep?"));
        QCOMPARE(model()->message(1).thinking, QStringLiteral("Secret musing."));
        const QModelIndex current = historyList()->currentIndex();
        QVERIFY(current.isValid());
        QCOMPARE(current.data(Qt::DisplayRole).toString(), QStringLiteral("How do otters sleep?"));
        QCOMPARE(current.data(Qt::UserRole + 1).toLongLong(), imported);
        QCOMPARE(window()->statusBar()->currentMessage(), QStringLiteral("Conversation imported."));
    }

    void settingsTestConnectionShowsEachStep()
    {
        writeConfig(serverConfig());
        QVERIFY(startShell());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        QTest::keySequence(window(), QKeySequence(QStringLiteral("Ctrl+,")));
        auto *dialog = window()->findChild<SettingsDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        auto *button = dialog->findChild<QPushButton *>(QStringLiteral("testConnectionButton"));
        QVERIFY(button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);
        auto *summary = dialog->findChild<QLabel *>(QStringLiteral("testSummary"));
        QTRY_VERIFY_WITH_TIMEOUT(summary->text().contains(QStringLiteral("checks")), 15000);
        QCOMPARE(summary->text(), QStringLiteral("All checks passed."));
        auto *steps = dialog->findChild<QTreeWidget *>(QStringLiteral("testSteps"));
        QVERIFY(steps);
        QCOMPARE(steps->topLevelItemCount(), 11);
        QTreeWidgetItem *dns = steps->topLevelItem(1);
        QCOMPARE(dns->text(0), QStringLiteral("DNS"));
        QCOMPARE(dns->data(0, ConnectionTestPanel::StatusRole).toInt(),
                 int(Diagnostics::Step::Status::Passed));
        QVERIFY2(dns->text(2).endsWith(QStringLiteral(" ms")), qPrintable(dns->text(2)));
        dialog->reject();
    }

    // Settings opens on the provider of the chat in front; renaming that provider's id keeps
    // the chat (open and in the history) and the default on it.
    void settingsOpensOnTheChatsProviderAndARenameKeepsItsChats()
    {
        writeConfig(QStringLiteral(R"({"version": 1,
  "default": {"provider": "other", "model": "llama3.2:3b"},
  "providers": {"local": {"name": "Test Ollama", "type": "ollama", "base_url": "%1"},
                "other": {"name": "Other Ollama", "type": "ollama", "base_url": "%1"}}})")
                        .arg(m_server->baseUrl())
                        .toUtf8());
        Script s;
        s.reply = QByteArrayLiteral("Hello.");
        m_server->enqueue(s);
        m_server->enqueue(s);
        QVERIFY(startShell());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        typeAndSend(QStringLiteral("Hi"));
        QTRY_COMPARE(model()->message(1).state, MessageState::Complete);
        const qint64 id = m_shell->history()->conversations().first().id;
        QCOMPARE(m_shell->history()->conversation(id)->providerId, QStringLiteral("other"));
        Conversation older; // a chat of the same provider that is not open
        older.title = QStringLiteral("Older");
        older.providerId = QStringLiteral("other");
        const std::optional<Conversation> stored = m_shell->history()->createConversation(older);
        QVERIFY(stored);

        QTest::keySequence(window(), QKeySequence(QStringLiteral("Ctrl+,")));
        auto *dialog = window()->findChild<SettingsDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        auto *list = dialog->findChild<QListWidget *>(QStringLiteral("providerList"));
        QCOMPARE(list->currentItem()->text(), QStringLiteral("Other Ollama")); // not the first
        auto *idEdit = dialog->findChild<QLineEdit *>(QStringLiteral("idEdit"));
        QCOMPARE(idEdit->text(), QStringLiteral("other"));
        idEdit->setFocus();
        idEdit->selectAll();
        QTest::keyClicks(idEdit, QStringLiteral("gpu"));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("okButton")),
                          Qt::LeftButton);
        QTRY_VERIFY(!dialog->isVisible());

        QCOMPARE(m_shell->config()->defaultProviderId(), QStringLiteral("gpu"));
        QCOMPARE(m_shell->history()->conversation(id)->providerId, QStringLiteral("gpu"));
        QCOMPARE(m_shell->history()->conversation(stored->id)->providerId, QStringLiteral("gpu"));
        QCOMPARE(window()->currentConversation()->provider().id, QStringLiteral("gpu"));
        // The model last used with it is remembered under the new id too.
        QCOMPARE(QSettings().value(QStringLiteral("models/last/gpu")).toString(),
                 QStringLiteral("llama3.2:3b"));
        QVERIFY(!QSettings().contains(QStringLiteral("models/last/other")));
        typeAndSend(QStringLiteral("Again"));
        QTRY_COMPARE(model()->message(3).state, MessageState::Complete);

        // After a restart the chat still has its provider.
        m_shell.reset();
        QVERIFY(startShell());
        QTRY_COMPARE(historyList()->model()->rowCount(), 2);
        const QRect rect = historyList()->visualRect(historyList()->model()->index(1, 0));
        QTest::mouseClick(historyList()->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(window()->currentConversation()->options().providerId, QStringLiteral("gpu"));
        QVERIFY(window()->currentConversation()->hasProvider());
    }

    // A model pulled from the chat window's picker shows up in the Models dialog left open.
    void pullFromThePickerRefreshesAnOpenModelsDialog()
    {
        writeConfig(serverConfig());
        QVERIFY(startShell());
        ModelsDialog *dialog = m_shell->openModels();
        QVERIFY(dialog);
        auto *table = dialog->findChild<QTableView *>(QStringLiteral("modelTable"));
        QVERIFY(table);
        const auto listed = [table](const QString &name) {
            const QAbstractItemModel *m = table->model();
            for (int row = 0; m && row < m->rowCount(); ++row) {
                if (m->index(row, 0).data().toString() == name)
                    return true;
            }
            return false;
        };
        QTRY_VERIFY(table->model() && table->model()->rowCount() > 0);
        QVERIFY(!listed(QStringLiteral("qwen3:8b")));

        auto *combo = window()->findChild<QComboBox *>(QStringLiteral("modelCombo"));
        QLineEdit *edit = combo->lineEdit();
        edit->setFocus();
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, QStringLiteral("qwen3:8b"));
        auto *pull = window()->findChild<QToolButton *>(QStringLiteral("pullModelButton"));
        QTRY_VERIFY(pull->isVisible());
        pull->click();
        QTRY_VERIFY_WITH_TIMEOUT(listed(QStringLiteral("qwen3:8b")), 15000);
        dialog->close();
    }

    void configChangesApplyWithoutARestart()
    {
        writeConfig(serverConfig());
        QVERIFY(startShell());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        QCOMPARE(window()->providers().first().name, QStringLiteral("Test Ollama"));
        // What Settings' OK does: a new configuration in the store, saved.
        ConfigStore other(configPath());
        writeConfig(serverConfig(QStringLiteral("Renamed Ollama")));
        QCOMPARE(other.load(), ConfigStore::LoadResult::Loaded);
        m_shell->config()->setConfig(other.config());
        QTRY_COMPARE(window()->providers().first().name, QStringLiteral("Renamed Ollama"));
    }

    // app.logging as Settings' OK sets it: at once, the window's requests in the file.
    void logSettingsApplyAtOnce()
    {
        writeConfig(serverConfig());
        QVERIFY(startShell());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        QCOMPARE(currentLogFile(), QString());
        const QString log = m_dir->filePath(QStringLiteral("logs/sluice.log"));
        Config changed = m_shell->config()->config();
        changed.app.logLevel = LogLevel::Debug;
        changed.app.logFile = log;
        m_shell->config()->setConfig(changed);
        QCOMPARE(currentLogFile(), log);
        typeAndSend(QStringLiteral("hello"));
        QTRY_COMPARE(model()->rowCount(), 2);
        const auto logged = [&log] {
            QFile f(log);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        QTRY_VERIFY2(logged().contains("debug sluice.provider: request"), logged().constData());
        changed.app.logLevel = LogLevel::Off;
        m_shell->config()->setConfig(changed);
        QCOMPARE(currentLogFile(), QString());
        applyLogging(LogLevel::Warning, {});
    }

    void sendKeyAndFontSizeFollowTheSettings()
    {
        writeConfig(serverConfig());
        QVERIFY(startShell());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        Composer *composer = window()->composer();
        ConversationView *view = window()->conversationView();
        QVERIFY(composer->placeholderText().contains(QStringLiteral("Shift+Enter")));

        // Settings' application page, then OK: both apply at once.
        QTest::keySequence(window(), QKeySequence(QStringLiteral("Ctrl+,")));
        auto *dialog = window()->findChild<SettingsDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        dialog->findChild<QSpinBox *>(QStringLiteral("fontSizeSpin"))->setValue(24);
        auto *sendKey = dialog->findChild<QComboBox *>(QStringLiteral("sendKeyCombo"));
        sendKey->setCurrentIndex(sendKey->findData(int(SendKey::CtrlEnter)));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("okButton")),
                          Qt::LeftButton);
        QTRY_VERIFY(!window()->findChild<SettingsDialog *>());
        QCOMPARE(view->font().pointSize(), 24);
        QCOMPARE(composer->font().pointSize(), 24);
        QVERIFY2(composer->placeholderText().contains(QStringLiteral("Ctrl+Enter sends")),
                 qPrintable(composer->placeholderText()));
        QVERIFY(composer->toolTip().contains(QStringLiteral("Ctrl+Enter")));

        // Enter breaks the line, Ctrl+Enter sends.
        composer->setFocus();
        QTest::keyClicks(composer, QStringLiteral("line one"));
        QTest::keyClick(composer, Qt::Key_Return);
        QTest::keyClicks(composer, QStringLiteral("line two"));
        QCOMPARE(composer->toPlainText(), QStringLiteral("line one\nline two"));
        QCOMPARE(model()->rowCount(), 0);
        QTest::keyClick(composer, Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(model()->rowCount(), 2);
        QCOMPARE(model()->message(0).content, QStringLiteral("line one\nline two"));
        QVERIFY(composer->toPlainText().isEmpty());
        QTRY_COMPARE(model()->message(1).state, MessageState::Complete);
        QCOMPARE(view->messageDelegate()->theme().font.pointSize(), 24);
        const QModelIndex question = model()->index(0);
        view->scrollTo(question);
        const int bigHeight = view->visualRect(question).height();

        // A smaller size, and back to Enter: the laid-out messages shrink (their cached
        // layouts were dropped) without a restart.
        Config changed = m_shell->config()->config();
        changed.app.fontSize = 9;
        changed.app.sendKey = SendKey::Enter;
        m_shell->config()->setConfig(changed);
        QCOMPARE(view->messageDelegate()->theme().font.pointSize(), 9);
        QTRY_VERIFY(view->visualRect(question).height() < bigHeight);
        QCOMPARE(view->messageDelegate()->theme().font.pointSize(), 9);
        QTest::keyClicks(composer, QStringLiteral("third"));
        QTest::keyClick(composer, Qt::Key_Return);
        QCOMPARE(model()->rowCount(), 4);

        // 0: the system size again.
        changed.app.fontSize = 0;
        m_shell->config()->setConfig(changed);
        QCOMPARE(view->font().pointSize(), QApplication::font().pointSize());
        QCOMPARE(composer->font().pointSize(), QApplication::font().pointSize());
    }

    void brokenConfigAsksAndStartsFromDefaults()
    {
        writeConfig(QByteArrayLiteral("{\"version\": 1,\n  \"providers\": {oops}\n"));
        m_brokenAnswer = AppShell::BrokenConfigAnswer::StartFromDefaults;
        QVERIFY(startShell());
        QCOMPARE(m_brokenProblems.size(), 1);
        QVERIFY2(m_brokenProblems.first().contains(QStringLiteral("sluice.json")),
                 qPrintable(m_brokenProblems.first()));
        // The broken file was kept aside, and the notice says where.
        const QStringList kept =
            QDir(m_dir->path()).entryList({QStringLiteral("sluice.json.broken-*")});
        QCOMPARE(kept.size(), 1);
        QVERIFY(m_shell->notices().join(u' ').contains(kept.first()));
        QVERIFY(QFile::exists(configPath())); // the defaults, written
        QVERIFY(window()->isVisible());
    }

    void brokenConfigQuit()
    {
        writeConfig(QByteArrayLiteral("not json"));
        m_brokenAnswer = AppShell::BrokenConfigAnswer::Quit;
        QVERIFY(!startShell());
        QCOMPARE(m_brokenProblems.size(), 1);
        QFile file(configPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArrayLiteral("not json")); // untouched
    }
};

QTEST_MAIN(TestApp)
#include "tst_app.moc"
