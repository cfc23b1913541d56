// The whole app as it starts, with its history: send and find it after a restart, search,
// delete and undo from the sidebar, export and import.
#include "apptest.h"

using namespace Sluice;
using namespace Sluice::GuiTest;

class TestApp final : public AppTest
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(isolateSettings(QStringLiteral("tst_app"))); }
    void init() { QVERIFY(setUp()); }
    void cleanup() { tearDown(); }

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
        // The open conversation is selected; the list, without the keyboard focus, has no
        // current item (a screen reader would hear it as focused).
        QCOMPARE(historyList()->selectionModel()->selectedRows().value(0).row(), 0);
        QVERIFY(!historyList()->hasFocus() && !historyList()->currentIndex().isValid());
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
        const QModelIndex current = historyList()->selectionModel()->selectedRows().value(0);
        QVERIFY(current.isValid());
        QCOMPARE(current.data(Qt::DisplayRole).toString(), QStringLiteral("How do otters sleep?"));
        QCOMPARE(current.data(Qt::UserRole + 1).toLongLong(), imported);
        QCOMPARE(window()->statusBar()->currentMessage(), QStringLiteral("Conversation imported."));
    }

    // llama.cpp's llama-server says its context per request at GET /props (beside /v1): the
    // meter reads it when no context_window is configured, and says where it comes from.
    void theMeterReadsLlamaServersWindow()
    {
        m_server->llm()->options().llamaCppContext = 2048;
        writeConfig(QStringLiteral(R"({"version": 1,
  "default": {"provider": "llama", "model": "llama3.2:3b"},
  "providers": {"llama": {"name": "llama.cpp", "type": "openai", "base_url": "%1/v1"}}})")
                        .arg(m_server->baseUrl())
                        .toUtf8());
        QVERIFY(startShell());
        auto *meter = window()->findChild<QLabel *>(QStringLiteral("contextMeter"));
        QVERIFY(meter);
        QTRY_COMPARE(meter->text(), QStringLiteral("0 / 2k tokens"));
        QVERIFY2(meter->accessibleDescription().contains(QStringLiteral("llama.cpp /props")),
                 qPrintable(meter->accessibleDescription()));
        QCOMPARE(m_server->server().requestCount("/props"), 1);
    }
};

QTEST_MAIN(TestApp)
#include "tst_app.moc"
