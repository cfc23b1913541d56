// Documents in the window (#23), the whole app from its config file against the test
// server, on each protocol: a Python file dropped, a PDF pasted (a copied file) and files
// picked with "Attach files" become chips with their name, size and tokens; the meter counts
// them; Send carries their text to the model in delimited blocks (the exact request each
// protocol gets); after a restart they come from the history and go again; the message's
// actions open and save the file; exports keep them; a binary file, text in another
// encoding and a scanned PDF are refused with a sentence.
#include "apptest.h"
#include "testfiles.h"

#include "core/conversation/attachedtext.h"
#include "core/conversation/contextbudget.h"
#include "core/media/documentprep.h"
#include "gui/attachments/attachmentstrip.h"
#include "gui/attachments/composerattachments.h"
#include "gui/attachments/documentactions.h"
#include "protocolrows.h"
#include "testpdf.h"

#include <QClipboard>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMenu>
#include <QMimeData>
#include <QStatusBar>
#include <QTimer>
#include <QToolButton>

#include <memory>

using namespace Sluice;
using namespace Sluice::GuiTest;
using namespace Qt::Literals::StringLiterals;

namespace {

const QByteArray kPython = "def total(xs):\n    return sum(xs)  # ===== not an end\n";

QByteArray chatPath(ProviderType type)
{
    return type == ProviderType::Ollama   ? "/api/chat"
           : type == ProviderType::OpenAI ? "/v1/chat/completions"
                                          : "/v1/messages";
}

QString typeName(ProviderType type)
{
    return type == ProviderType::Ollama   ? u"ollama"_s
           : type == ProviderType::OpenAI ? u"openai"_s
                                          : u"anthropic"_s;
}

} // namespace

class TestDocuments final : public AppTest
{
    Q_OBJECT

    QString writeFile(const QString &name, const QByteArray &bytes)
    {
        return Test::writeTestFile(*m_dir, name, bytes);
    }
    QByteArray config(ProviderType type) const
    {
        const QString base = type == ProviderType::OpenAI ? m_server->baseUrl() + u"/v1"_s
                                                          : m_server->baseUrl();
        return QStringLiteral(R"({"version": 1,
  "default": {"provider": "local", "model": "%1"},
  "providers": {"local": {"name": "Test", "type": "%2", "base_url": "%3", "api_key": "k",
                          "timeouts": {"idle": 2000}}}})")
            .arg(u"llama3.2:3b"_s, typeName(type), base)
            .toUtf8();
    }
    AttachmentStrip *strip() const { return window()->findChild<AttachmentStrip *>(); }
    QLabel *meter() const { return window()->findChild<QLabel *>(u"contextMeter"_s); }
    // The text of the last user message the server got on `type`'s chat path.
    QJsonObject lastUser(ProviderType type) const
    {
        return m_server->server().lastRequest(chatPath(type)).json().value(u"messages")
            .toArray().last().toObject();
    }
    qsizetype chatCount(ProviderType type) const
    {
        qsizetype n = 0;
        for (const Test::RecordedRequest &r : m_server->server().requests())
            n += r.pathWithoutQuery() == chatPath(type);
        return n;
    }
    void dropFiles(const QStringList &paths)
    {
        auto mime = std::make_unique<QMimeData>();
        QList<QUrl> urls;
        for (const QString &p : paths)
            urls.append(QUrl::fromLocalFile(p));
        mime->setUrls(urls);
        Composer *composer = window()->composer();
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, mime.get(), Qt::LeftButton, {});
        QApplication::sendEvent(composer->viewport(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, mime.get(), Qt::LeftButton, {});
        QApplication::sendEvent(composer->viewport(), &drop);
    }
    // The text of the chip of attachment `index` (name, size, tokens).
    QString chipText(int index) const
    {
        const QList<QLabel *> labels = strip()->findChildren<QLabel *>(u"documentChipLabel"_s);
        QStringList shown;
        for (QLabel *l : labels) {
            if (l->isVisible())
                shown.append(l->text());
        }
        return shown.value(index);
    }
    // Opens the keyboard menu of the thread's first message and triggers the action named
    // `name`; returns its text.
    QString triggerMessageAction(const QString &name)
    {
        auto *view = window()->findChild<ConversationView *>();
        view->setFocus();
        view->setCurrentIndex(view->model()->index(0, 0));
        QString offered;
        QTimer::singleShot(0, this, [&] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            QAction *action = menu ? menu->findChild<QAction *>(name) : nullptr;
            offered = action ? action->text() : QString();
            if (menu)
                menu->close();
            if (action)
                action->trigger();
        });
        QContextMenuEvent keyboardMenu(QContextMenuEvent::Keyboard, QPoint(20, 20),
                                       view->viewport()->mapToGlobal(QPoint(20, 20)));
        QApplication::sendEvent(view->viewport(), &keyboardMenu);
        return offered;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!canReadPdfs())
            QSKIP("this build reads no PDFs (built without poppler-qt6)");
        QVERIFY(isolateSettings(QStringLiteral("tst_documents")));
    }
    void init() { QVERIFY(setUp()); }
    void cleanup()
    {
        ComposerAttachments::setFilePicker({});
        DocumentActions::setOpener({});
        DocumentActions::setSavePicker({});
        tearDown();
    }

    void dropPasteSendAndAfterARestart_data() { Test::addProtocolRows(); }
    void dropPasteSendAndAfterARestart()
    {
        QFETCH(ProviderType, type);
        writeConfig(config(type));
        QVERIFY(startShell());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        Composer *composer = window()->composer();
        composer->setFocus();

        // Drop: a Python file from a file manager; a chip with its name, size and tokens.
        const QString py = writeFile(u"notes.py"_s, kPython);
        dropFiles({py});
        QCOMPARE(strip()->attachments().size(), 1);
        QCOMPARE(composer->toPlainText(), QString()); // not the path
        const Attachment notes = strip()->attachments().first();
        QCOMPARE(notes.mediaType, u"text/x-python"_s);
        const qint64 notesTokens = documentTokens({notes});
        QCOMPARE(chipText(0), u"notes.py\n%1 · ~%2 tokens"_s
                                  .arg(QLocale().formattedDataSize(kPython.size()))
                                  .arg(notesTokens));
        // The meter counts it before a word is typed.
        QTRY_VERIFY2(meter()->text().startsWith(QString(QString::number(notesTokens) + u" "_s)),
                     qPrintable(meter()->text()));

        // Paste: a PDF copied in a file manager; read off the GUI thread, then a chip.
        const QByteArray pdf = Test::pdfWithPages({u"Quarterly report"_s, u"Totals: 42"_s});
        const QString pdfPath = writeFile(u"report.pdf"_s, pdf);
        auto *copied = new QMimeData;
        copied->setUrls({QUrl::fromLocalFile(pdfPath)});
        QGuiApplication::clipboard()->setMimeData(copied);
        QTest::keySequence(composer, QKeySequence::Paste);
        QTRY_COMPARE(strip()->attachments().size(), 2);
        QCOMPARE(window()->statusBar()->currentMessage(), u"Attached report.pdf."_s);
        const Attachment report = strip()->attachments().at(1);
        QCOMPARE(report.mediaType, u"application/pdf"_s);
        QCOMPARE(report.text, u"Quarterly report\n\nTotals: 42"_s);
        QVERIFY2(chipText(1).startsWith(u"report.pdf\n"_s), qPrintable(chipText(1)));
        const qint64 both = documentTokens({notes, report});
        QTRY_VERIFY2(meter()->text().startsWith(QString(QString::number(both) + u" "_s)),
                     qPrintable(meter()->text()));

        typeAndSend(u"What do these say?"_s);
        QTRY_COMPARE(model()->rowCount(), 2);
        QTRY_VERIFY2(model()->message(1).state == MessageState::Complete,
                     qPrintable(model()->message(1).errorText));
        QVERIFY(strip()->isHidden());
        // Same words on every protocol: each file in its block, then the question. The fence
        // is longer than the "=====" inside the Python file.
        const QString expected =
            u"====== file: notes.py (text/x-python) ======\n"_s + QString::fromUtf8(kPython) +
            u"====== end of file: notes.py ======\n\n"
            u"===== file: report.pdf (application/pdf) =====\nQuarterly report\n\nTotals: 42\n"
            u"===== end of file: report.pdf =====\n\nWhat do these say?"_s;
        QCOMPARE(lastUser(type), (QJsonObject{{u"role"_s, u"user"_s}, {u"content"_s, expected}}));

        // After a restart: the files' text comes from the history, and goes again.
        const qint64 id = m_shell->history()->conversations().first().id;
        m_shell.reset();
        QVERIFY(startShell());
        QVERIFY(m_shell->windowHistory()->openConversation(id));
        QCOMPARE(model()->message(0).attachments.size(), 2);
        QVERIFY(!model()->message(0).attachments.at(1).hasData());
        QCOMPARE(model()->message(0).attachments.at(1).text, report.text);
        const qsizetype before = chatCount(type);
        typeAndSend(u"And?"_s);
        QTRY_COMPARE(chatCount(type), before + 1);
        QTRY_COMPARE(model()->message(3).state, MessageState::Complete);
        const QJsonArray messages =
            m_server->server().lastRequest(chatPath(type)).json().value(u"messages").toArray();
        QCOMPARE(messages.at(messages.size() - 3).toObject().value(u"content").toString(), expected);
    }

    // "Attach files" picks them; the message's actions open and save the file; exports
    // keep it (JSON with its text, Markdown as a file beside it).
    void pickOpenSaveAndExport()
    {
        writeConfig(config(ProviderType::Ollama));
        QVERIFY(startShell());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        const QString csv = writeFile(u"sales.csv"_s, "month,total\njan,3\n");
        ComposerAttachments::setFilePicker([&](QWidget *) { return QStringList{csv}; });
        auto *attach = window()->findChild<QToolButton *>(u"attachButton"_s);
        QCOMPARE(attach->accessibleName(), u"Attach files"_s);
        QTest::mouseClick(attach, Qt::LeftButton);
        QCOMPARE(strip()->attachments().size(), 1);
        QCOMPARE(strip()->removeButton(0)->accessibleName(), u"Remove sales.csv"_s);
        typeAndSend(u"Sum it"_s);
        QTRY_COMPARE(model()->message(1).state, MessageState::Complete);

        QUrl opened;
        DocumentActions::setOpener([&](const QUrl &url) {
            opened = url;
            return true;
        });
        QCOMPARE(triggerMessageAction(u"openDocumentAction0"_s), u"Open sales.csv"_s);
        QTRY_VERIFY(opened.isLocalFile());
        QCOMPARE(QFileInfo(opened.toLocalFile()).fileName(), u"sales.csv"_s);
        QFile openedFile(opened.toLocalFile());
        QVERIFY(openedFile.open(QIODevice::ReadOnly));
        QCOMPARE(openedFile.readAll(), QByteArray("month,total\njan,3\n"));

        const QString savedPath = m_dir->filePath(u"kept.csv"_s);
        DocumentActions::setSavePicker([&](QWidget *, const QString &) { return savedPath; });
        QCOMPARE(triggerMessageAction(u"saveDocumentAction0"_s), u"Save sales.csv As…"_s);
        QFile saved(savedPath);
        QTRY_VERIFY(saved.exists());
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), QByteArray("month,total\njan,3\n"));

        auto *exportAction = window()->findChild<QAction *>(u"actionExportConversation"_s);
        const auto exportAs = [&](const QString &name, const QString &filter) {
            m_fileRequests.clear();
            m_choice = {};
            exportAction->trigger();
            for (const QString &f : m_fileRequests.value(0).filters) {
                if (f.contains(filter) && !f.contains(u"without"_s))
                    m_choice.filter = f;
            }
            m_choice.path = m_dir->filePath(name);
            exportAction->trigger();
        };
        exportAs(u"talk.md"_s, u"Markdown"_s);
        QFile md(m_dir->filePath(u"talk.md"_s));
        QVERIFY(md.open(QIODevice::ReadOnly));
        const QByteArray markdown = md.readAll();
        QVERIFY2(markdown.contains("[sales.csv](talk%20images/1-1-sales.csv)"), markdown.constData());
        QFile beside(m_dir->filePath(u"talk images/1-1-sales.csv"_s));
        QVERIFY(beside.open(QIODevice::ReadOnly));
        QCOMPARE(beside.readAll(), QByteArray("month,total\njan,3\n"));

        exportAs(u"talk.json"_s, u"JSON"_s);
        QFile json(m_dir->filePath(u"talk.json"_s));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject file = QJsonDocument::fromJson(json.readAll()).object();
        const QJsonObject a = file.value(u"messages").toArray().at(0).toObject()
                                  .value(u"attachments").toArray().at(0).toObject();
        QCOMPARE(a.value(u"kind").toString(), u"document"_s);
        QCOMPARE(a.value(u"fileName").toString(), u"sales.csv"_s);
        QCOMPARE(a.value(u"mediaType").toString(), u"text/csv"_s);
        QCOMPARE(a.value(u"text").toString(), u"month,total\njan,3\n"_s);
        // Imported back, the document is whole.
        m_choice.path = m_dir->filePath(u"talk.json"_s);
        window()->findChild<QAction *>(u"actionImportConversation"_s)->trigger();
        QTRY_COMPARE(m_shell->history()->conversations().size(), 2);
        QTRY_COMPARE(model()->rowCount(), 2);
        const Attachment back = model()->message(0).attachments.value(0);
        QVERIFY(back.isDocument());
        QCOMPARE(back.text, u"month,total\njan,3\n"_s);
        QCOMPARE(m_shell->history()->attachmentData(back.id).value_or(QByteArray()),
                 QByteArray("month,total\njan,3\n"));
    }

    // Nothing unreadable goes to the model: one sentence each, no chip.
    void unreadableFilesAreSaid()
    {
        writeConfig(config(ProviderType::Ollama));
        QVERIFY(startShell());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        const QString binary = writeFile(u"data.bin"_s, QByteArray("\x7f" "ELF\x02\x01\x00\x00\x00", 9));
        const QString latin1 = writeFile(u"old.txt"_s, "caf\xe9 cr\xe8me\n");
        const QString scan = writeFile(u"scan.pdf"_s, Test::pdfOfAScan());
        ComposerAttachments::setFilePicker([&](QWidget *) { return QStringList{binary}; });
        auto *attach = window()->findChild<QToolButton *>(u"attachButton"_s);
        QTest::mouseClick(attach, Qt::LeftButton);
        QCOMPARE(window()->statusBar()->currentMessage(),
                 u"data.bin is not a text file (it holds binary data); text, source code and "
                 u"PDF files can be attached."_s);
        ComposerAttachments::setFilePicker([&](QWidget *) { return QStringList{latin1}; });
        QTest::mouseClick(attach, Qt::LeftButton);
        QCOMPARE(window()->statusBar()->currentMessage(),
                 u"old.txt is not UTF-8 text; save it as UTF-8 and attach it again."_s);
        ComposerAttachments::setFilePicker([&](QWidget *) { return QStringList{scan}; });
        QTest::mouseClick(attach, Qt::LeftButton);
        QTRY_COMPARE(window()->statusBar()->currentMessage(),
                     u"scan.pdf has no text to read (its pages are images, as in a scan); copy "
                     u"its text into the message instead."_s);
        QVERIFY(strip()->attachments().isEmpty());
        QVERIFY(strip()->isHidden());
    }

    // Send waits for a PDF still being read, and says so.
    void sendWaitsForAPdfBeingRead()
    {
        writeConfig(config(ProviderType::Ollama));
        QVERIFY(startShell());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        const QString pdfPath = writeFile(u"long.pdf"_s, Test::pdfWithPages({u"Page"_s}));
        ComposerAttachments::setFilePicker([&](QWidget *) { return QStringList{pdfPath}; });
        QTest::mouseClick(window()->findChild<QToolButton *>(u"attachButton"_s), Qt::LeftButton);
        // The worker thread has not handed the text back before control returns here.
        typeAndSend(u"Read it"_s);
        QCOMPARE(model()->rowCount(), 0);
        QCOMPARE(window()->statusBar()->currentMessage(),
                 u"long.pdf is still being read; send when its text is attached."_s);
        QTRY_COMPARE(strip()->attachments().size(), 1);
        QTest::keyClick(window()->composer(), Qt::Key_Return);
        QTRY_COMPARE(model()->rowCount(), 2);
        QCOMPARE(model()->message(0).attachments.first().text, u"Page"_s);
    }
};

QTEST_MAIN(TestDocuments)
#include "tst_documents.moc"
