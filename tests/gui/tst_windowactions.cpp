// The real window's chats, keys and layout: new chat and switching, shortcuts that never clash,
// menus that show their keys, the model picker and session list, settings' defaults for a new
// chat, small screens and remembered geometry.
#include "mainwindowtest.h"

#include <QStatusBar>

using namespace Sluice;
using namespace Sluice::GuiTest;

using KeyTable = QHash<int, QList<QKeySequence>>; // a platform's standard keys

class TestWindowActions final : public MainWindowTest
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(isolateSettings(QStringLiteral("tst_windowactions"))); }
    void init() { QVERIFY(startServer()); }
    void cleanup() { tearDown(); }

    void newChatAndSwitchingBack()
    {
        openWindow(m_server->baseUrl());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        typeAndSend(QStringLiteral("first chat"));
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        ConversationController *first = m_window->currentConversation();
        QSignalSpy created(m_window, &MainWindow::conversationCreated);
        QTest::keySequence(m_window, QKeySequence(QStringLiteral("Ctrl+N")));
        QCOMPARE(created.count(), 1);
        QVERIFY(m_window->currentConversation() != first);
        QCOMPARE(model()->rowCount(), 0);
        QCOMPARE(m_window->currentConversation()->options().model, QStringLiteral("llama3.2:3b"));
        QTest::keySequence(m_window, QKeySequence(QStringLiteral("Ctrl+N")));
        QCOMPARE(created.count(), 1); // an empty chat is reused
        m_window->showConversation(first);
        QCOMPARE(model()->rowCount(), 2);
    }

    // Every key sequence reaches exactly one action: two actions (or one action twice, as
    // "Ctrl+Q" and QKeySequence::Quit were on Linux) with one key make Qt ignore the key.
    // Offscreen has no standard keys of its own, so the tables of real platforms stand in.
    void noTwoShortcutsClash_data()
    {
        QTest::addColumn<KeyTable>("platform");
        const auto k = [](const char *text) {
            return QKeySequence(QString::fromLatin1(text));
        };
        QTest::newRow("offscreen") << KeyTable();
        // Qt's generic Unix theme (xcb without a desktop), KDE's Preferences, and macOS.
        QTest::newRow("linux") << KeyTable{
            {QKeySequence::Quit, {k("Ctrl+Q")}},
            {QKeySequence::New, {k("Ctrl+N")}},
            {QKeySequence::Refresh, {k("F5")}},
            {QKeySequence::Find, {k("Ctrl+F")}},
            {QKeySequence::NextChild, {k("Ctrl+Tab"), k("Forward")}},
            {QKeySequence::PreviousChild, {k("Ctrl+Shift+Backtab"), k("Back")}}};
        QTest::newRow("kde") << KeyTable{{QKeySequence::Quit, {k("Ctrl+Q")}},
                                         {QKeySequence::Preferences, {k("Ctrl+Shift+,")}}};
        QTest::newRow("macos") << KeyTable{{QKeySequence::Quit, {k("Ctrl+Q")}},
                                           {QKeySequence::Preferences, {k("Ctrl+,")}},
                                           {QKeySequence::NextChild, {k("Ctrl+}")}},
                                           {QKeySequence::PreviousChild, {k("Ctrl+{")}}};
    }

    void noTwoShortcutsClash()
    {
        QFETCH(KeyTable, platform);
        if (!platform.isEmpty()) {
            setKeyBindingsForTesting(
                [platform](QKeySequence::StandardKey key) { return platform.value(int(key)); });
        }
        const auto restore = qScopeGuard([] { setKeyBindingsForTesting({}); });
        openWindow(m_server->baseUrl());
        QHash<QKeySequence, QString> seen;
        const QList<QAction *> actions = m_window->findChildren<QAction *>();
        QVERIFY(actions.size() > 10);
        for (const QAction *action : actions) {
            for (const QKeySequence &key : action->shortcuts()) {
                if (key.isEmpty())
                    continue;
                QVERIFY2(!seen.contains(key), qPrintable(QStringLiteral("%1 is on %2 and on %3")
                                                             .arg(key.toString(), seen.value(key),
                                                                  action->objectName())));
                seen.insert(key, action->objectName());
            }
        }
        for (const QKeySequence &key : platform.value(int(QKeySequence::Quit)))
            QCOMPARE(seen.value(key), QStringLiteral("actionQuit"));

        // The keys the menus name, pressed.
        QSignalSpy settings(m_window, &MainWindow::openSettingsRequested);
        QTest::keyClick(composer(), Qt::Key_Comma, Qt::ControlModifier);
        QCOMPARE(settings.count(), 1);
        QTest::keyClick(composer(), Qt::Key_Q, Qt::ControlModifier);
        QTRY_VERIFY(!m_window->isVisible());
    }

    void everyMenuEntryShowsItsKey()
    {
        openWindow(m_server->baseUrl());
        const QStringList keyed{QStringLiteral("actionNewChat"),
                                QStringLiteral("actionSettings"),
                                QStringLiteral("actionQuit"),
                                QStringLiteral("actionSearchConversations"),
                                QStringLiteral("actionNextConversation"),
                                QStringLiteral("actionPreviousConversation"),
                                QStringLiteral("actionChooseModel"),
                                QStringLiteral("actionFocusComposer")};
        for (const QString &name : keyed) {
            auto *action = m_window->findChild<QAction *>(name);
            QVERIFY2(action && !action->shortcut().isEmpty(), qPrintable(name));
            QVERIFY2(!action->associatedObjects().isEmpty(), qPrintable(name)); // in a menu
        }
        QCOMPARE(m_window->findChild<QAction *>(QStringLiteral("actionSearchConversations"))
                     ->shortcuts(),
                 (QList<QKeySequence>{QKeySequence(QStringLiteral("Ctrl+K")),
                                      QKeySequence(QStringLiteral("Ctrl+F"))}));
    }

    void ctrlMOpensTheModelPicker()
    {
        openWindow(m_server->baseUrl());
        auto *picker = m_window->findChild<QComboBox *>(QStringLiteral("modelCombo"));
        QTRY_VERIFY(picker->count() > 0);
        composer()->setFocus();
        QTest::keyClick(composer(), Qt::Key_M, Qt::ControlModifier);
        QTRY_VERIFY(picker->view()->isVisible());
        // Down and Enter choose another model for this conversation.
        const QString before = m_window->currentConversation()->options().model;
        QTest::keyClick(picker->view(), Qt::Key_Down);
        QTest::keyClick(picker->view(), Qt::Key_Return);
        QTRY_VERIFY(!picker->view()->isVisible());
        QVERIFY(m_window->currentConversation()->options().model != before);
    }

    // The built-in session list: the arrow keys move over it, Enter or a click opens.
    void sessionListOpensOnActivationOnly()
    {
        openWindow(m_server->baseUrl());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        typeAndSend(QStringLiteral("first"));
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        ConversationController *first = m_window->currentConversation();
        QTest::keyClick(composer(), Qt::Key_N, Qt::ControlModifier);
        ConversationController *second = m_window->currentConversation();
        QVERIFY(second != first);
        auto *list = m_window->findChild<QListWidget *>(QStringLiteral("conversationList"));
        list->setFocus();
        QTest::keyClick(list, Qt::Key_Down);
        QTest::keyClick(list, Qt::Key_Up);
        QTest::keyClick(list, Qt::Key_Down);
        QCOMPARE(m_window->currentConversation(), second);
        QTest::keyClick(composer(), Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(m_window->currentConversation(), first);
        QTest::keyClick(composer(), Qt::Key_PageUp, Qt::ControlModifier);
        QCOMPARE(m_window->currentConversation(), second);
    }

    // "New conversations use" in Settings decides a new chat's server and model, not the chat
    // in front; a chat not begun yet follows the new choice at once.
    void newChatUsesTheDefaultsFromSettings()
    {
        ProviderConfig other = provider(m_server->baseUrl());
        other.id = QStringLiteral("other");
        other.name = QStringLiteral("Other server");
        openWindow(m_server->baseUrl());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        typeAndSend(QStringLiteral("hello"));
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        ConversationController *first = m_window->currentConversation();
        // Settings → New conversations use: Other server, qwen3:4b → OK.
        m_window->setProviders({provider(m_server->baseUrl()), other}, QStringLiteral("other"),
                               QStringLiteral("qwen3:4b"));
        QCOMPARE(first->options().providerId, QStringLiteral("ollama")); // begun: kept
        QCOMPARE(first->options().model, QStringLiteral("llama3.2:3b"));
        QTest::keyClick(composer(), Qt::Key_N, Qt::ControlModifier);
        ConversationController *fresh = m_window->currentConversation();
        QVERIFY(fresh != first);
        QCOMPARE(fresh->options().providerId, QStringLiteral("other"));
        QCOMPARE(fresh->options().model, QStringLiteral("qwen3:4b"));
        auto *picker = m_window->findChild<QComboBox *>(QStringLiteral("modelCombo"));
        QCOMPARE(picker->currentText(), QStringLiteral("qwen3:4b"));

        // Settings again, while the new chat is still empty: it follows.
        m_window->setProviders({provider(m_server->baseUrl()), other}, QStringLiteral("ollama"),
                               QStringLiteral("llama3.2:3b"));
        QCOMPARE(m_window->currentConversation(), fresh);
        QCOMPARE(fresh->options().providerId, QStringLiteral("ollama"));
        QCOMPARE(fresh->options().model, QStringLiteral("llama3.2:3b"));
        QCOMPARE(picker->currentText(), QStringLiteral("llama3.2:3b"));
    }

    // The window fits a 1400 × 900 screen at twice the scale (700 × 450 logical px), Send
    // included, whatever the server names, addresses and status texts are.
    void windowFitsSmallScreens()
    {
        ProviderConfig local = provider(m_server->baseUrl());
        local.name = QStringLiteral("Ollama on the workstation under the desk");
        ProviderConfig remote =
            provider(QStringLiteral("https://inference.example-company.internal:8443/openai/v1/"));
        remote.id = QStringLiteral("remote");
        remote.name = QStringLiteral("The company's inference gateway");
        remote.type = ProviderType::OpenAI;
        m_window = new MainWindow(m_client);
        m_window->setProviders({local, remote}, QStringLiteral("remote"),
                               QStringLiteral("qwen2.5-coder:32b-instruct-q4_K_M"));
        m_window->findChild<QLabel *>(QStringLiteral("statusPhaseLabel"))
            ->setText(QStringLiteral("Failed · ") + QString(QStringLiteral("word ")).repeated(60));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));

        // The first window (nothing saved) is inside the screen (offscreen: 800 × 600).
        const QRect available = m_window->screen()->availableGeometry();
        QVERIFY2(available.contains(m_window->frameGeometry()),
                 qPrintable(QStringLiteral("%1×%2 on %3×%4")
                                .arg(m_window->frameGeometry().width())
                                .arg(m_window->frameGeometry().height())
                                .arg(available.width())
                                .arg(available.height())));
        const QSize least = m_window->minimumSizeHint();
        QVERIFY2(least.width() <= 640 && least.height() <= 420,
                 qPrintable(QStringLiteral("%1×%2").arg(least.width()).arg(least.height())));
        m_window->resize(least);
        QTRY_COMPARE(m_window->size(), least);
        const QRect send(sendButton()->mapTo(m_window, QPoint(0, 0)), sendButton()->size());
        QVERIFY(m_window->rect().contains(send));
        QVERIFY(sendButton()->isVisible());
        // The pickers' labels are whole ("Model", not "Moc"); the combo boxes gave up room.
        for (const char *name : {"providerLabel", "modelLabel"}) {
            auto *label = m_window->findChild<QLabel *>(QLatin1String(name));
            QVERIFY(label && label->isVisible());
            QVERIFY2(label->contentsRect().width() >=
                         label->fontMetrics().horizontalAdvance(label->text()),
                     name);
        }
        // A long status and a long server address share the status bar: the reply's status
        // keeps at least half of it.
        auto *status = m_window->findChild<QLabel *>(QStringLiteral("statusPhaseLabel"));
        QVERIFY2(status->width() >= m_window->statusBar()->width() / 2,
                 qPrintable(QStringLiteral("%1 of %2")
                                .arg(status->width())
                                .arg(m_window->statusBar()->width())));
    }

    void rememberesGeometryAndSplitter()
    {
        openWindow(m_server->baseUrl());
        m_window->resize(760, 520); // above the window's least width (labelled pickers)
        m_window->close();
        delete m_window;
        m_window = new MainWindow(m_client);
        QCOMPARE(m_window->size(), QSize(760, 520));

        // Saved larger than this screen (another screen, another scale): fitted into it.
        m_window->resize(2400, 1500);
        m_window->close();
        delete m_window;
        m_window = new MainWindow(m_client);
        const QRect available = m_window->screen()->availableGeometry();
        QVERIFY(available.contains(m_window->geometry()));
    }
};

QTEST_MAIN(TestWindowActions)
#include "tst_windowactions.moc"
