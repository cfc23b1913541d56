// Settings → MCP servers, driven with the keyboard and the mouse: add a server in the real
// editor (a bad entry is refused with a sentence), Test lists its tools, a secret typed for a
// credential variable moves to the keychain, the Enabled box toggles with Space, Remove, and
// Save writes the "mcp" section that a reload reads back; the tool round limit below the
// list is saved as app.max_tool_rounds.
#include "core/config/configstore.h"
#include "core/config/secretstore.h"
#include "gui/settings/mcpservereditor.h"
#include "gui/settings/mcpserverspage.h"
#include "gui/settings/settingsdialog.h"
#include "modalwait.h"

#include <QAbstractButton>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Sluice;

class McpSettingsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void addTestEnableAndSave();
    void badEntryIsRefusedWithASentence();
    void serverThatCannotStartIsSaid();
    void toolRoundLimitIsSaved();

private:
    template <class T> T *child(const char *name)
    {
        T *w = m_dialog->findChild<T *>(QString::fromLatin1(name));
        if (!w)
            qFatal("no widget %s", name);
        return w;
    }
    // Runs `fill` on the modal server editor once it is up (after Add or Edit).
    void whenEditorOpens(std::function<void(McpServerEditor *)> fill)
    {
        Test::whenModalOpens<McpServerEditor>(this, std::move(fill));
    }
    static void type(McpServerEditor *editor, const char *field, const QString &text)
    {
        QWidget *w = editor->findChild<QWidget *>(QString::fromLatin1(field));
        w->setFocus();
        QTest::keyClicks(w, text);
    }
    // Through the window, as the keyboard does: mnemonics are window shortcuts.
    void pressAlt(Qt::Key key) { QTest::keyClick(m_dialog->windowHandle(), key, Qt::AltModifier); }
    // Tab from the server list to the button, then Space: every action is keyboard-reachable.
    void pressButton(const char *name)
    {
        QApplication::setActiveWindow(m_dialog.get()); // back from the editor
        QVERIFY(QTest::qWaitForWindowActive(m_dialog.get()));
        child<QListWidget>("mcpServerList")->setFocus();
        QTRY_VERIFY(QApplication::focusWidget());
        for (int i = 0; i < 20 && QApplication::focusWidget() &&
                        QApplication::focusWidget()->objectName() != QLatin1String(name);
             ++i)
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QVERIFY(QApplication::focusWidget());
        QCOMPARE(QApplication::focusWidget()->objectName(), QLatin1String(name));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
    }
    void openMcpTab()
    {
        pressAlt(Qt::Key_V); // MCP ser&vers
        QCOMPARE(child<QTabWidget>("pages")->currentWidget()->objectName(),
                 QStringLiteral("mcpServersPage"));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ConfigStore> m_store;
    MemorySecretStore m_secrets;
    std::unique_ptr<SettingsDialog> m_dialog;
};

void McpSettingsTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<ConfigStore>(m_dir->filePath(QStringLiteral("sluice.json")));
    m_store->load(QProcessEnvironment());
    m_secrets = MemorySecretStore();
    m_dialog = std::make_unique<SettingsDialog>(m_store.get(), &m_secrets);
    m_dialog->setQuestionHandler(
        [](SettingsDialog::Question, const QString &) { return QMessageBox::Discard; });
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    QApplication::setActiveWindow(m_dialog.get()); // its Alt shortcuts work when it is active
    QVERIFY(QTest::qWaitForWindowActive(m_dialog.get()));
}

void McpSettingsTest::cleanup()
{
    m_dialog.reset();
    m_store.reset();
}

void McpSettingsTest::addTestEnableAndSave()
{
    openMcpTab();
    whenEditorOpens([](McpServerEditor *editor) {
        type(editor, "mcpNameEdit", QStringLiteral("fake"));
        type(editor, "mcpCommandEdit", QStringLiteral(SLUICE_FAKEMCP_BIN));
        type(editor, "mcpArgsEdit", QStringLiteral("--pages 2"));
        type(editor, "mcpEnvEdit", QStringLiteral("API_TOKEN=plain-secret-value-1"));
        type(editor, "mcpToolsEdit", QStringLiteral("echo, add"));
        QTest::keyClick(editor->findChild<QLineEdit *>(QStringLiteral("mcpToolsEdit")),
                        Qt::Key_Return);
    });
    pressButton("mcpAddButton");
    auto *list = child<QListWidget>("mcpServerList");
    QCOMPARE(list->count(), 1);
    QVERIFY2(list->item(0)->text().startsWith(QStringLiteral("fake — ")),
             qPrintable(list->item(0)->text()));
    QCOMPARE(list->item(0)->checkState(), Qt::Checked);

    // The secret went to the keychain; the entry keeps a reference.
    auto *page = child<McpServersPage>("mcpServersPage");
    QTRY_COMPARE(page->servers().value(0).env.value(0).second,
                 QStringLiteral("keychain:mcp.fake.API_TOKEN"));
    QCOMPARE(m_secrets.secrets.value(QStringLiteral("mcp.fake.API_TOKEN")),
             QStringLiteral("plain-secret-value-1"));

    QSignalSpy tested(page, &McpServersPage::tested);
    pressButton("mcpTestButton");
    QTRY_VERIFY_WITH_TIMEOUT(tested.size() >= 2, 20000);          // "Starting…", then the tools
    const QString result = child<QPlainTextEdit>("mcpTestResult")->toPlainText();
    QVERIFY2(result.startsWith(QStringLiteral("\"fake\" works (MCP 2025-11-25). Its tools:")),
             qPrintable(result));
    QVERIFY2(result.contains(QStringLiteral("• echo — The echo tool")), qPrintable(result));
    QVERIFY2(result.contains(QStringLiteral("fail — The fail tool (not allowed)")), qPrintable(result));

    list->setFocus();
    QTest::keyClick(list, Qt::Key_Space); // Enabled off
    QCOMPARE(list->item(0)->checkState(), Qt::Unchecked);

    QTest::mouseClick(child<QPushButton>("okButton"), Qt::LeftButton);
    ConfigStore reloaded(m_dir->filePath(QStringLiteral("sluice.json")));
    QCOMPARE(reloaded.load(QProcessEnvironment()), ConfigStore::LoadResult::Loaded);
    QCOMPARE(reloaded.config().mcpServers.size(), 1);
    const McpServerConfig saved = reloaded.config().mcpServers.first();
    QCOMPARE(saved.name, QStringLiteral("fake"));
    QCOMPARE(saved.args, QStringList({"--pages", "2"}));
    QCOMPARE(saved.allowedTools, QStringList({"echo", "add"}));
    QVERIFY(!saved.enabled);
    QCOMPARE(saved.env.value(0).second, QStringLiteral("keychain:mcp.fake.API_TOKEN"));
    QFile file(m_dir->filePath(QStringLiteral("sluice.json")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("plain-secret-value-1"));
}

void McpSettingsTest::toolRoundLimitIsSaved()
{
    openMcpTab();
    auto *spin = child<QSpinBox>("mcpMaxRoundsSpin");
    QCOMPARE(spin->value(), 10); // the default
    QCOMPARE(spin->accessibleName(), QStringLiteral("Stop a reply after this many rounds of tool calls"));
    pressAlt(Qt::Key_U); // ro&unds
    QTRY_COMPARE(QApplication::focusWidget(), spin);
    QTest::keyClick(spin, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(spin, QStringLiteral("3"));
    QCOMPARE(spin->value(), 3);
    QVERIFY(m_dialog->hasUnsavedChanges());
    QTest::mouseClick(child<QPushButton>("okButton"), Qt::LeftButton);
    ConfigStore reloaded(m_dir->filePath(QStringLiteral("sluice.json")));
    QCOMPARE(reloaded.load(QProcessEnvironment()), ConfigStore::LoadResult::Loaded);
    QCOMPARE(reloaded.config().app.maxToolRounds, 3);
    QFile file(m_dir->filePath(QStringLiteral("sluice.json")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("\"max_tool_rounds\": 3"));
}

void McpSettingsTest::badEntryIsRefusedWithASentence()
{
    openMcpTab();
    QString status;
    bool stillOpen = false;
    whenEditorOpens([&](McpServerEditor *editor) {
        type(editor, "mcpNameEdit", QStringLiteral("x"));
        QTest::keyClick(editor->findChild<QLineEdit *>(QStringLiteral("mcpNameEdit")),
                        Qt::Key_Return);
        status = editor->findChild<QLabel *>(QStringLiteral("mcpEditorStatus"))->text();
        stillOpen = editor->isVisible();
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("mcpCommandEdit"));
        QTest::keyClick(editor, Qt::Key_Escape);
    });
    QTest::mouseClick(child<QPushButton>("mcpAddButton"), Qt::LeftButton);
    QVERIFY(stillOpen);
    QCOMPARE(status, QStringLiteral("mcp.x.command must name the program that runs the server."));
    QCOMPARE(child<QListWidget>("mcpServerList")->count(), 0);
}

void McpSettingsTest::serverThatCannotStartIsSaid()
{
    openMcpTab();
    whenEditorOpens([](McpServerEditor *editor) {
        type(editor, "mcpNameEdit", QStringLiteral("ghost"));
        type(editor, "mcpCommandEdit", QStringLiteral("/nonexistent/mcp-server"));
        QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("mcpEditorOk")),
                          Qt::LeftButton);
    });
    QTest::mouseClick(child<QPushButton>("mcpAddButton"), Qt::LeftButton);
    auto *page = child<McpServersPage>("mcpServersPage");
    QSignalSpy tested(page, &McpServersPage::tested);
    QTest::mouseClick(child<QPushButton>("mcpTestButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(tested.size() >= 2, 20000);
    const QString result = tested.last().first().toString();
    QVERIFY2(result.startsWith(QStringLiteral("The MCP server \"ghost\" could not start "
                                              "\"/nonexistent/mcp-server\": ")),
             qPrintable(result));
    QTest::mouseClick(child<QPushButton>("mcpRemoveButton"), Qt::LeftButton);
    QCOMPARE(child<QListWidget>("mcpServerList")->count(), 0);
}

QTEST_MAIN(McpSettingsTest)
#include "tst_mcpsettings.moc"
