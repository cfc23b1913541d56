// Per-model defaults from sluice.json (docs/config.md, "A model": context_window, max_tokens,
// temperature) reach the server from both front ends: the real window (a message typed and
// sent) and `sluice run` (the built binary), read from the same config file. A conversation's
// own setting wins over the model's default.
#include "core/chat/chatclient.h"
#include "core/config/secretstore.h"
#include "gui/app/appshell.h"
#include "gui/window/composer.h"
#include "gui/window/mainwindow.h"
#include "scriptedllm.h"
#include "session/chatmodel.h"
#include "session/conversationcontroller.h"

#include <QApplication>
#include <QDoubleSpinBox>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using namespace Sluice;
using namespace Sluice::GuiTest;

class TestModelDefaults final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;
    QTemporaryDir m_dir;
    ScriptedLlm *m_server = nullptr;
    ChatClient *m_client = nullptr;
    MemorySecretStore m_secrets;
    std::unique_ptr<AppShell> m_shell;

    QString configPath() const { return m_dir.filePath(QStringLiteral("sluice.json")); }

    // llama3.2:3b has all three defaults; qwen3:4b is listed without any.
    bool writeConfig()
    {
        QFile file(configPath());
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        file.write(QStringLiteral(R"({"version": 1,
  "default": {"provider": "local", "model": "llama3.2:3b"},
  "providers": {"local": {"type": "ollama", "base_url": "%1",
      "models": [{"id": "llama3.2:3b", "context_window": 8192, "max_tokens": 256,
                  "temperature": 0.3},
                 "qwen3:4b"]}}})")
                       .arg(m_server->baseUrl())
                       .toUtf8());
        return file.flush();
    }

    MainWindow *window() const { return m_shell->window(); }
    ChatModel *model() const { return window()->currentConversation()->model(); }

    void typeAndSend(const QString &text)
    {
        Composer *composer = window()->composer();
        composer->setFocus();
        QTest::keyClicks(composer, text);
        QTest::keyClick(composer, Qt::Key_Return);
    }

    QJsonObject lastOptions() const
    {
        const QList<QJsonObject> requests = m_server->chatRequests();
        return requests.isEmpty() ? QJsonObject() : requests.last().value(u"options").toObject();
    }

    // `sluice run` with the same config file; its exit code.
    int runCli(const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral(SLUICE_BIN),
                QStringList{QStringLiteral("run"), QStringLiteral("--config"), configPath(),
                            QStringLiteral("--retries"), QStringLiteral("0")} +
                    args);
        if (!p.waitForStarted(5000))
            return -1;
        p.closeWriteChannel();
        // The event loop keeps serving the in-process test server meanwhile.
        if (!QTest::qWaitFor([&p] { return p.state() == QProcess::NotRunning; }, 20000)) {
            p.kill();
            p.waitForFinished();
            return -1;
        }
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        QVERIFY(m_dir.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
        QCoreApplication::setApplicationName(QStringLiteral("tst_modeldefaults"));
    }

    void init()
    {
        m_server = new ScriptedLlm(this);
        QVERIFY(m_server->listen());
        m_client = new ChatClient(this);
        QVERIFY(writeConfig());
    }

    void cleanup()
    {
        m_shell.reset();
        delete m_client;
        delete m_server;
    }

    void windowSendsTheModelsDefaultsAndTheConversationsOwnWins()
    {
        AppShell::Options options;
        options.configPath = configPath();
        options.dataDir = m_dir.filePath(QStringLiteral("data"));
        options.secrets = &m_secrets;
        m_shell = std::make_unique<AppShell>(m_client, options);
        QVERIFY(m_shell->start());
        window()->resize(1000, 700);
        window()->show();
        QVERIFY(QTest::qWaitForWindowExposed(window()));

        typeAndSend(QStringLiteral("Hello"));
        QTRY_COMPARE(model()->rowCount(), 2);
        QTRY_COMPARE(model()->message(1).state, MessageState::Complete);
        QJsonObject sent = lastOptions();
        QCOMPARE(sent.value(u"num_ctx").toInt(), 8192);
        QCOMPARE(sent.value(u"num_predict").toInt(), 256);
        QCOMPARE(sent.value(u"temperature").toDouble(), 0.3);

        // The conversation's own temperature, set in its settings dialog, wins; the model's
        // other defaults still go with it.
        QTimer::singleShot(0, this, [] {
            QWidget *dialog = QApplication::activeModalWidget();
            QVERIFY(dialog);
            auto *spin = dialog->findChild<QDoubleSpinBox *>(QStringLiteral("temperatureSpin"));
            QVERIFY(spin);
            spin->setFocus();
            spin->selectAll();
            QTest::keyClicks(spin, QStringLiteral("0.7"));
            QTest::keyClick(dialog, Qt::Key_Return);
        });
        auto *settings =
            window()->findChild<QToolButton *>(QStringLiteral("conversationSettingsButton"));
        QVERIFY(settings);
        QTest::mouseClick(settings, Qt::LeftButton);
        QCOMPARE(window()->currentConversation()->options().settings.temperature, 0.7);

        typeAndSend(QStringLiteral("Again"));
        QTRY_COMPARE(model()->rowCount(), 4);
        QTRY_COMPARE(model()->message(3).state, MessageState::Complete);
        sent = lastOptions();
        QCOMPARE(sent.value(u"temperature").toDouble(), 0.7);
        QCOMPARE(sent.value(u"num_ctx").toInt(), 8192);
        QCOMPARE(sent.value(u"num_predict").toInt(), 256);
    }

    void commandLineSendsTheModelsDefaults()
    {
        QCOMPARE(runCli({QStringLiteral("Hello")}), 0); // the config's default model
        QJsonObject sent = lastOptions();
        QCOMPARE(sent.value(u"num_ctx").toInt(), 8192);
        QCOMPARE(sent.value(u"num_predict").toInt(), 256);
        QCOMPARE(sent.value(u"temperature").toDouble(), 0.3);

        // A model listed without defaults gets the server's own.
        QCOMPARE(runCli({QStringLiteral("--model"), QStringLiteral("qwen3:4b"),
                         QStringLiteral("Hello")}),
                 0);
        QCOMPARE(m_server->chatRequests().size(), 2);
        sent = lastOptions();
        QVERIFY(!sent.contains(u"num_ctx"));
        QVERIFY(!sent.contains(u"num_predict"));
        QVERIFY(!sent.contains(u"temperature"));
    }
};

QTEST_MAIN(TestModelDefaults)
#include "tst_modeldefaults.moc"
