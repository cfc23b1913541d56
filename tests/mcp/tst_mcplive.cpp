// MCP settings apply without a restart: the whole app (its sluice.json with four stdio servers,
// sluice-fakemcp; the test server as the model) runs a turn whose tool call waits for consent;
// meanwhile the real Settings dialog is driven with the keyboard and the mouse — one server
// enabled, one's allowed tools edited, one removed, one left alone — and saved. The turn ends
// on the servers it began with (the call runs on the server whose entry changed); then the
// removed server's process is gone, the edited one's stopped, and the next message starts
// what is new and offers the new set, while the untouched server kept running all along.
#include "core/chat/chatclient.h"
#include "core/config/secretstore.h"
#include "fakellm.h"
#include "gui/app/appshell.h"
#include "gui/settings/mcpservereditor.h"
#include "gui/settings/settingsdialog.h"
#include "gui/tools/toolconsentbar.h"
#include "gui/tools/windowtools.h"
#include "gui/window/composer.h"
#include "gui/window/mainwindow.h"
#include "mcptesthelpers.h"
#include "modalwait.h"
#include "session/conversationcontroller.h"

#include <QApplication>
#include <QFile>
#include <QJsonArray>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>

using namespace Sluice;
using namespace Sluice::Test;

class McpLiveTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;
    QTemporaryDir m_dir;
    std::unique_ptr<TestServer> m_server;
    FakeLlm *m_llm = nullptr;
    std::unique_ptr<ChatClient> m_client;
    MemorySecretStore m_secrets;
    std::unique_ptr<AppShell> m_shell;

    MainWindow *window() const { return m_shell->window(); }
    ChatModel *model() const { return window()->currentConversation()->model(); }
    bool busy() const { return window()->currentConversation()->isBusy(); }

    qint64 pidOf(const QString &server) const
    {
        auto *box = qobject_cast<McpToolbox *>(window()->tools()->toolbox());
        McpClient *c = box ? box->client(server) : nullptr;
        auto *t = c ? qobject_cast<McpStdioTransport *>(c->transport()) : nullptr;
        return t ? t->processId() : -1;
    }

    QStringList offeredTools() const
    {
        QStringList names;
        const QJsonArray tools = m_server->lastRequest("/api/chat").json().value(u"tools").toArray();
        for (const QJsonValue &t : tools)
            names.append(t[u"function"][u"name"].toString());
        return names;
    }

    void send(const QString &text)
    {
        Composer *c = window()->composer();
        c->setFocus();
        QTest::keyClicks(c, text);
        QTest::keyClick(c, Qt::Key_Return);
    }

    void writeConfig()
    {
        const QString server = QStringLiteral(R"({"command": "%1", "tools": ["%2"]%3})");
        const QString bin = QStringLiteral(SLUICE_FAKEMCP_BIN);
        const QString json =
            QStringLiteral(R"({"version": 1,
  "default": {"provider": "local", "model": "llama3.2:3b"},
  "providers": {"local": {"name": "Test", "type": "ollama", "base_url": "%1"}},
  "mcp": {"alpha": %2, "beta": %3, "delta": %4, "gamma": %5}})")
                .arg(m_server->url().toString(), server.arg(bin, u"echo"_qs, QString()),
                     server.arg(bin, u"add"_qs, u", \"enabled\": false"_qs),
                     server.arg(bin, u"add"_qs, QString()), server.arg(bin, u"fail"_qs, QString()));
        QFile file(m_dir.filePath(QStringLiteral("sluice.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(json.toUtf8());
    }

    // Runs `fill` on the modal server editor once it is up (after Add or Edit).
    void whenEditorOpens(std::function<void(McpServerEditor *)> fill)
    {
        Test::whenModalOpens<McpServerEditor>(this, std::move(fill));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
        QCoreApplication::setOrganizationName(QStringLiteral("sluice-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mcplive"));
    }

    void init()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY(m_server->listen());
        FakeLlmOptions o;
        o.reply = "Done.";
        m_llm = FakeLlm::install(*m_server, o);
        m_client = std::make_unique<ChatClient>();
    }

    void cleanup()
    {
        m_shell.reset();
        m_client.reset();
        m_server.reset();
    }

    void savedSettingsApplyToTheNextMessage()
    {
        writeConfig();
        AppShell::Options options;
        options.configPath = m_dir.filePath(QStringLiteral("sluice.json"));
        options.dataDir = m_dir.filePath(QStringLiteral("data"));
        options.secrets = &m_secrets;
        m_shell = std::make_unique<AppShell>(m_client.get(), options);
        QVERIFY(m_shell->start());
        window()->show();
        QVERIFY(QTest::qWaitForWindowExposed(window()));

        // A turn whose call (to delta's "add") waits for consent.
        m_llm->options().toolCalls = {{"", "add", R"({"a":2,"b":3})"}};
        send(QStringLiteral("two and three"));
        ToolConsentBar *bar = window()->tools()->consentBar();
        QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), 20000);
        QCOMPARE(offeredTools(), QStringList({"add", "echo", "fail"}));
        const qint64 alpha = pidOf(u"alpha"_qs);
        const qint64 delta = pidOf(u"delta"_qs);
        const qint64 gamma = pidOf(u"gamma"_qs);
        QVERIFY(alpha > 0 && delta > 0 && gamma > 0);
        QCOMPARE(pidOf(u"beta"_qs), -1); // disabled

        // Settings → MCP servers: beta enabled, delta's tools edited, gamma removed.
        const QPointer<SettingsDialog> dialog = m_shell->openSettings();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QApplication::setActiveWindow(dialog);
        QVERIFY(QTest::qWaitForWindowActive(dialog));
        QTest::keyClick(dialog->windowHandle(), Qt::Key_V, Qt::AltModifier); // MCP ser&vers
        QCOMPARE(dialog->findChild<QTabWidget *>(u"pages"_qs)->currentWidget()->objectName(),
                 u"mcpServersPage"_qs);
        auto *list = dialog->findChild<QListWidget *>(u"mcpServerList"_qs);
        QCOMPARE(list->count(), 4); // alpha, beta, delta, gamma
        list->setFocus();
        list->setCurrentRow(1);
        QTest::keyClick(list, Qt::Key_Space);
        QCOMPARE(list->item(1)->checkState(), Qt::Checked);
        list->setCurrentRow(2);
        whenEditorOpens([](McpServerEditor *editor) {
            auto *tools = editor->findChild<QLineEdit *>(u"mcpToolsEdit"_qs);
            tools->setFocus();
            QTest::keyClick(tools, Qt::Key_A, Qt::ControlModifier);
            QTest::keyClicks(tools, u"echo"_qs);
            QTest::keyClick(tools, Qt::Key_Return);
        });
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"mcpEditButton"_qs), Qt::LeftButton);
        list->setCurrentRow(3);
        QVERIFY(list->item(3)->text().startsWith(u"gamma"_qs));
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"mcpRemoveButton"_qs), Qt::LeftButton);
        QCOMPARE(list->count(), 3);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"okButton"_qs), Qt::LeftButton);
        QTRY_VERIFY(!dialog || !dialog->isVisible());

        // The turn under way is not disturbed: the servers it began with still run.
        QTRY_VERIFY(window()->tools()->hasPendingConfig());
        QCOMPARE(pidOf(u"gamma"_qs), gamma);
        QCOMPARE(pidOf(u"delta"_qs), delta);
        QVERIFY(processAlive(gamma));
        QTRY_VERIFY(bar->isVisible());
        QTest::mouseClick(bar->allowOnceButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!busy() && model()->rowCount() == 3, 20000);
        QCOMPARE(model()->message(1).toolCalls.value(0).server, u"delta"_qs);
        QCOMPARE(model()->message(1).toolCalls.value(0).state, ToolCallRecord::State::Ok);
        QCOMPARE(model()->message(2).content, u"Done."_qs);

        // Then the new settings apply: gamma and the old delta are stopped, nothing new starts
        // before it is used.
        QTRY_VERIFY(!window()->tools()->hasPendingConfig());
        QTRY_VERIFY_WITH_TIMEOUT(!processAlive(gamma) && !processAlive(delta), 10000);
        QCOMPARE(pidOf(u"gamma"_qs), -1);
        QCOMPARE(pidOf(u"delta"_qs), -1);
        QCOMPARE(pidOf(u"beta"_qs), -1);
        QCOMPARE(pidOf(u"alpha"_qs), alpha);

        // The next message starts beta and the new delta, and offers the new set.
        m_llm->options().toolCalls = {};
        send(QStringLiteral("and now?"));
        QTRY_VERIFY_WITH_TIMEOUT(!busy() && model()->rowCount() == 5, 20000);
        QCOMPARE(model()->message(4).content, u"Done."_qs);
        QCOMPARE(offeredTools(), QStringList({"add", "alpha_echo", "delta_echo"}));
        QVERIFY(pidOf(u"beta"_qs) > 0);
        QVERIFY(pidOf(u"delta"_qs) > 0 && pidOf(u"delta"_qs) != delta);
        QCOMPARE(pidOf(u"alpha"_qs), alpha); // untouched: never restarted
        QVERIFY(processAlive(alpha));
    }
};

QTEST_MAIN(McpLiveTest)
#include "tst_mcplive.moc"
