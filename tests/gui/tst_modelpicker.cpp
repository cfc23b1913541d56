// The chat window's model picker against the test server: "Pull <name>…" for a model an
// Ollama server does not have, its progress in the status bar, and the pulled model chosen.
#include "core/chat/chatclient.h"
#include "gui/window/composer.h"
#include "gui/window/mainwindow.h"
#include "gui/window/modelpickerdelegate.h"
#include "scriptedllm.h"
#include "session/servermodels.h"
#include "windowtest.h"

#include <QAccessible>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Sluice;
using namespace Sluice::GuiTest;

class TestModelPicker final : public WindowTest
{
    Q_OBJECT

private:
    void openWindow(ProviderType type = ProviderType::Ollama)
    {
        ProviderConfig p;
        p.id = QStringLiteral("local");
        p.name = QStringLiteral("Local");
        p.type = type;
        p.baseUrl = m_server->baseUrl() + (type == ProviderType::OpenAI ? u"/v1" : u"");
        p.maxRetries = 0;
        m_window = new MainWindow(m_client);
        m_window->resize(1000, 700);
        m_window->setProviders({p}, p.id, QStringLiteral("llama3.2:3b"));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
        QTRY_COMPARE(m_window->serverModels()->entry(p.id).state, ServerModels::State::Reachable);
    }

    QComboBox *picker() const
    {
        return m_window->findChild<QComboBox *>(QStringLiteral("modelCombo"));
    }
    QToolButton *pullButton() const
    {
        return m_window->findChild<QToolButton *>(QStringLiteral("pullModelButton"));
    }
    QProgressBar *progress() const
    {
        return m_window->findChild<QProgressBar *>(QStringLiteral("modelPullProgress"));
    }
    void type(const QString &name)
    {
        QLineEdit *edit = picker()->lineEdit();
        edit->setFocus();
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, name);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(isolateSettings(QStringLiteral("tst_modelpicker"))); }
    void init() { QVERIFY(startServer()); }
    void cleanup() { tearDown(); }

    void offersToPullAMissingModelAndSelectsIt()
    {
        Test::FakeLlmOptions &o = m_server->llm()->options();
        o.pullDelayMs = 40; // slow enough to see the progress
        openWindow();
        QVERIFY(!pullButton()->isVisible());
        QVERIFY(!progress()->isVisible());

        type(QStringLiteral("qwen3:8b"));
        QVERIFY(pullButton()->isVisible());
        QCOMPARE(pullButton()->text(), tr("Pull %1…").arg(QStringLiteral("qwen3:8b")));
        // Named as shown, for screen readers and voice control.
        QCOMPARE(QAccessible::queryAccessibleInterface(pullButton())->text(QAccessible::Name),
                 pullButton()->text());
        type(QStringLiteral("qwen3:4b")); // installed: nothing to pull
        QVERIFY(!pullButton()->isVisible());
        type(QStringLiteral("qwen3:8b"));
        QVERIFY(pullButton()->isVisible());

        QTest::mouseClick(pullButton(), Qt::LeftButton);
        QVERIFY(!pullButton()->isVisible()); // on its way
        QVERIFY(progress()->isVisible());
        QTRY_VERIFY(progress()->value() > 0);
        const auto *label = m_window->findChild<QLabel *>(QStringLiteral("modelPullLabel"));
        QVERIFY2(label->text().contains(QStringLiteral("qwen3:8b")), qPrintable(label->text()));

        // Done: the model is listed, chosen in the picker and by the conversation.
        QTRY_VERIFY(m_window->serverModels()
                        ->modelIds(QStringLiteral("local"))
                        .contains(QStringLiteral("qwen3:8b")));
        QTRY_COMPARE(picker()->currentIndex(), picker()->findText(QStringLiteral("qwen3:8b")));
        QVERIFY(picker()->currentIndex() >= 0);
        QCOMPARE(m_window->currentConversation()->options().model, QStringLiteral("qwen3:8b"));
        QVERIFY(!progress()->isVisible());
        QVERIFY(!pullButton()->isVisible());
        QVERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("qwen3:8b")));
    }

    void aNameWithoutTagBecomesTheListedOne()
    {
        openWindow();
        type(QStringLiteral("gemma3"));
        QTest::mouseClick(pullButton(), Qt::LeftButton);
        QTRY_COMPARE(m_window->currentConversation()->options().model,
                     QStringLiteral("gemma3:latest"));
        QCOMPARE(picker()->currentText(), QStringLiteral("gemma3:latest"));
        QVERIFY(picker()->currentIndex() >= 0);
        type(QStringLiteral("gemma3")); // the same model: nothing to pull
        QVERIFY(!pullButton()->isVisible());
    }

    void aFailedPullSaysWhyAndOffersAgain()
    {
        m_server->llm()->options().registry = {QByteArrayLiteral("qwen3:8b")};
        openWindow();
        type(QStringLiteral("no-such-model"));
        QTest::mouseClick(pullButton(), Qt::LeftButton);
        QTRY_VERIFY(!progress()->isVisible());
        const QString message = m_window->statusBar()->currentMessage();
        QVERIFY2(message.contains(QStringLiteral("no-such-model")), qPrintable(message));
        QVERIFY(pullButton()->isVisible());
        QCOMPARE(m_window->currentConversation()->options().model, QStringLiteral("no-such-model"));
        // Once the registry has it, the same button pulls it.
        m_server->llm()->options().registry.clear();
        QTest::mouseClick(pullButton(), Qt::LeftButton);
        QTRY_COMPARE(m_window->currentConversation()->options().model,
                     QStringLiteral("no-such-model:latest"));
        QVERIFY(!pullButton()->isVisible());
    }

    void cancelStopsThePull()
    {
        m_server->llm()->options().pullDelayMs = 200;
        openWindow();
        type(QStringLiteral("qwen3:8b"));
        QTest::mouseClick(pullButton(), Qt::LeftButton);
        QVERIFY(progress()->isVisible());
        auto *cancel = m_window->findChild<QToolButton *>(QStringLiteral("modelPullCancelButton"));
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(!progress()->isVisible());
        QVERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("resume")));
        QVERIFY(pullButton()->isVisible());
        QVERIFY(!m_window->serverModels()
                     ->modelIds(QStringLiteral("local"))
                     .contains(QStringLiteral("qwen3:8b")));
    }

    void noPullForOpenAiCompatibleServers()
    {
        openWindow(ProviderType::OpenAI);
        QVERIFY(!m_window->serverModels()->modelIds(QStringLiteral("local")).isEmpty());
        type(QStringLiteral("qwen3:8b"));
        QCOMPARE(m_window->currentConversation()->options().model, QStringLiteral("qwen3:8b"));
        QVERIFY(!pullButton()->isVisible());
    }

    // The "loaded" mark follows the server: asked again after each reply (another model
    // answered; Ollama unloaded one).
    void loadedMarkFollowsTheReplies()
    {
        openWindow();
        const auto marks = [this](const QString &model) {
            const int i = picker()->findText(model);
            return i < 0 ? QStringLiteral("(not listed)")
                         : picker()->itemData(i, ModelPickerDelegate::MarksRole).toString();
        };
        QTRY_VERIFY(picker()->findText(QStringLiteral("qwen3:4b")) >= 0);
        QVERIFY(!marks(QStringLiteral("llama3.2:3b")).contains(u"loaded"));
        const auto send = [this](const QString &text) {
            Composer *composer = m_window->composer();
            composer->setFocus();
            QTest::keyClicks(composer, text);
            QTest::keyClick(composer, Qt::Key_Return);
            QTRY_VERIFY(!m_window->currentConversation()->isBusy());
        };
        send(QStringLiteral("hello"));
        QTRY_VERIFY(marks(QStringLiteral("llama3.2:3b")).contains(u"loaded"));
        QVERIFY(!marks(QStringLiteral("qwen3:4b")).contains(u"loaded"));

        m_server->llm()->unloadAll(); // Ollama made room for the next model
        type(QStringLiteral("qwen3:4b"));
        send(QStringLiteral("and you?"));
        QTRY_VERIFY(marks(QStringLiteral("qwen3:4b")).contains(u"loaded"));
        QTRY_VERIFY(!marks(QStringLiteral("llama3.2:3b")).contains(u"loaded"));
    }
};

QTEST_MAIN(TestModelPicker)
#include "tst_modelpicker.moc"
