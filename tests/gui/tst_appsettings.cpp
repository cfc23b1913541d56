// The whole app's settings: Test connection, the dialog opening on the chat's provider, a pull
// reaching an open Models dialog, config and log changes applied at once, send key and font
// size, and a broken config file.
#include "apptest.h"

using namespace Sluice;
using namespace Sluice::GuiTest;

class TestAppSettings final : public AppTest
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(isolateSettings(QStringLiteral("tst_appsettings"))); }
    void init() { QVERIFY(setUp()); }
    void cleanup() { tearDown(); }

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

QTEST_MAIN(TestAppSettings)
#include "tst_appsettings.moc"
