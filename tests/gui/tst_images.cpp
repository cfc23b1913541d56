// Images in the window, the whole app from its config file against the test server's Ollama
// persona: paste (Ctrl+V), drop and "Attach files" put them above the message box, each
// removable by keyboard; Send carries them as the file's bytes; the thread shows thumbnails
// that open a viewer (zoom, save) now and after a restart; export and import keep them; a
// model that says it reads no images is warned about once; a server that refuses them says
// so and gives them back to the message box.
#include "apptest.h"
#include "testfiles.h"

#include "core/storage/attachmentexport.h"
#include "gui/attachments/attachmentstrip.h"
#include "gui/attachments/composerattachments.h"
#include "gui/attachments/imageviewer.h"
#include "gui/attachments/messageimages.h"

#include <QBuffer>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QImageWriter>
#include <QJsonArray>
#include <QMenu>
#include <QMimeData>
#include <QTimer>

#include <memory>

using namespace Sluice;
using namespace Sluice::GuiTest;

namespace {

} // namespace

class TestImages final : public AppTest
{
    Q_OBJECT

    QString writeFile(const QString &name, const QByteArray &bytes)
    {
        return Test::writeTestFile(*m_dir, name, bytes);
    }
    QByteArray config(const QString &model) const
    {
        return QStringLiteral(R"({"version": 1,
  "default": {"provider": "local", "model": "%1"},
  "providers": {"local": {"name": "Test Ollama", "type": "ollama", "base_url": "%2",
                          "timeouts": {"idle": 2000}}}})")
            .arg(model, m_server->baseUrl())
            .toUtf8();
    }
    AttachmentStrip *strip() const { return window()->findChild<AttachmentStrip *>(); }
    ConversationView *view() const { return window()->findChild<ConversationView *>(); }
    QStringList sentImages() const
    {
        const QJsonArray messages =
            m_server->chatRequests().last().value(u"messages").toArray();
        QStringList images;
        for (const QJsonValue &m : messages) {
            const QJsonArray list = m.toObject().value(u"images").toArray();
            for (const QJsonValue &i : list)
                images.append(i.toString());
        }
        return images;
    }
    // Clicks the first (leftmost) thumbnail of row `row` in the thread; the viewer that opens.
    ImageViewer *clickThumbnail(int row)
    {
        const QModelIndex index = view()->model()->index(row, 0);
        view()->scrollTo(index);
        const QRect rowRect = view()->visualRect(index);
        const MessageTheme &theme = view()->messageDelegate()->theme();
        for (int y = rowRect.top(); y < rowRect.bottom(); y += 4) {
            for (int x = rowRect.left() + 2; x < rowRect.right(); x += 8) {
                const QPoint at(x, y);
                if (messageImageAt(index, theme, view()->viewport()->width(),
                                   QPointF(at - rowRect.topLeft())) == 0) {
                    QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, at);
                    return window()->findChild<ImageViewer *>();
                }
            }
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(isolateSettings(QStringLiteral("tst_images"))); }
    void init()
    {
        QVERIFY(setUp());
        // A model whose /api/show lists "vision" (the persona's rule for "llava" names).
        m_server->llm()->options().models.append(QByteArrayLiteral("llava:7b"));
    }
    void cleanup()
    {
        ComposerAttachments::setFilePicker({});
        tearDown();
    }

    void pasteDropPickSendAndSeeThemAfterARestart()
    {
        writeConfig(config(QStringLiteral("llava:7b")));
        QVERIFY(startShell());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        Composer *composer = window()->composer();
        composer->setFocus();

        // Paste: a screenshot on the clipboard.
        const QImage screenshot = Test::filledImage(64, 48, Qt::red);
        QGuiApplication::clipboard()->setImage(screenshot);
        QTest::keySequence(composer, QKeySequence::Paste);
        QTRY_COMPARE(strip()->attachments().size(), 1);
        QVERIFY(strip()->isVisible());
        QCOMPARE(composer->toPlainText(), QString()); // no text was pasted

        // Drop: a file from a file manager.
        const QByteArray dropped =
            Test::encodedImage(Test::filledImage(300, 200, Qt::green), "png");
        auto owned = std::make_unique<QMimeData>(); // a drag owns its data; here the test does
        QMimeData *mime = owned.get();
        mime->setUrls({QUrl::fromLocalFile(writeFile(QStringLiteral("drop.png"), dropped))});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, mime, Qt::LeftButton, {});
        QApplication::sendEvent(composer->viewport(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, mime, Qt::LeftButton, {});
        QApplication::sendEvent(composer->viewport(), &drop);
        QCOMPARE(strip()->attachments().size(), 2);
        QCOMPARE(composer->toPlainText(), QString()); // not the file's path either

        // Pick: "Attach files" and two files; a binary file among them is refused, said.
        const QByteArray picked = Test::encodedImage(Test::filledImage(80, 60, Qt::blue), "jpeg");
        const QString pickedPath = writeFile(QStringLiteral("pick.jpg"), picked);
        const QString notes = writeFile(QStringLiteral("notes.bin"), QByteArray("\x01\x00\x02", 3));
        ComposerAttachments::setFilePicker([&](QWidget *) { return QStringList{pickedPath, notes}; });
        auto *attach = window()->findChild<QToolButton *>(QStringLiteral("attachButton"));
        QCOMPARE(attach->accessibleName(), QStringLiteral("Attach files"));
        QTest::mouseClick(attach, Qt::LeftButton);
        QCOMPARE(strip()->attachments().size(), 3);
        QVERIFY(window()->statusBar()->currentMessage().contains(
            QStringLiteral("notes.bin is not a text file (it holds binary data)")));

        // Remove one by keyboard: Tab goes from the box to the images' buttons, each named
        // for its image; Space removes.
        composer->setFocus();
        QTest::keyClick(composer, Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), strip()->removeButton(0));
        QToolButton *remove = strip()->removeButton(1);
        QCOMPARE(remove->accessibleName(), QStringLiteral("Remove drop.png"));
        remove->setFocus();
        QTest::keyClick(remove, Qt::Key_Space);
        QTRY_COMPARE(strip()->attachments().size(), 2);
        QCOMPARE(strip()->attachments().at(1).fileName, QStringLiteral("pick.jpg"));

        typeAndSend(QStringLiteral("What are these?"));
        QTRY_COMPARE(model()->message(1).state, MessageState::Complete);
        QVERIFY(strip()->isHidden());
        const QStringList sent = sentImages();
        QCOMPARE(sent.size(), 2);
        QCOMPARE(QImage::fromData(QByteArray::fromBase64(sent.at(0).toLatin1()))
                     .convertToFormat(QImage::Format_RGB32),
                 screenshot);
        QCOMPARE(sent.at(1), QString::fromLatin1(picked.toBase64()));

        // The thread shows them; a click opens the viewer, which zooms and saves the original.
        ImageViewer *viewer = clickThumbnail(0);
        QVERIFY(viewer);
        QTRY_VERIFY(viewer->isVisible());
        QCOMPARE(viewer->image().size(), QSize(64, 48));
        // Its buttons are named and carry their keys (Ctrl++, Ctrl+S).
        const double before = viewer->zoom();
        QToolButton *zoomIn = nullptr;
        for (QToolButton *b : viewer->findChildren<QToolButton *>()) {
            if (b->accessibleName() == QStringLiteral("Zoom in"))
                zoomIn = b;
        }
        QVERIFY(zoomIn);
        QCOMPARE(zoomIn->shortcut(), QKeySequence(QKeySequence::ZoomIn));
        QTest::mouseClick(zoomIn, Qt::LeftButton);
        QCOMPARE(viewer->zoom(), before * 1.25);
        const QString savedPath = m_dir->filePath(QStringLiteral("saved.png"));
        ImageViewer::setSavePicker([&](QWidget *, const QString &) { return savedPath; });
        QPushButton *save = viewer->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save);
        QCOMPARE(save->shortcut(), QKeySequence(QKeySequence::Save));
        QTest::mouseClick(save, Qt::LeftButton);
        QFile saved(savedPath);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(QImage::fromData(saved.readAll()).convertToFormat(QImage::Format_RGB32), screenshot);
        viewer->close();

        // After a restart: thumbnails from the history, the full image on demand.
        const qint64 id = m_shell->history()->conversations().first().id;
        m_shell.reset();
        QVERIFY(startShell());
        QVERIFY(m_shell->windowHistory()->openConversation(id));
        QCOMPARE(model()->message(0).attachments.size(), 2);
        QVERIFY(!model()->message(0).attachments.at(1).hasData());
        QVERIFY(!model()->message(0).attachments.at(1).thumbnail.isEmpty());
        QTest::qWait(0);
        viewer = clickThumbnail(0);
        QVERIFY(viewer);
        QCOMPARE(viewer->image().size(), QSize(64, 48));
        viewer->close();
        // Going on sends the earlier images again, read from the history.
        typeAndSend(QStringLiteral("And now?"));
        QTRY_COMPARE(model()->message(3).state, MessageState::Complete);
        QCOMPARE(sentImages().value(1), QString::fromLatin1(picked.toBase64()));
    }

    void exportAndImportKeepThem()
    {
        writeConfig(config(QStringLiteral("llava:7b")));
        QVERIFY(startShell());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        const QByteArray png = Test::encodedImage(Test::filledImage(40, 30, Qt::yellow), "png");
        const QString path = writeFile(QStringLiteral("sun.png"), png);
        ComposerAttachments::setFilePicker([&](QWidget *) { return QStringList{path}; });
        QTest::mouseClick(window()->findChild<QToolButton *>(QStringLiteral("attachButton")),
                          Qt::LeftButton);
        typeAndSend(QStringLiteral("Look"));
        QTRY_COMPARE(model()->message(1).state, MessageState::Complete);

        auto *exportAction =
            window()->findChild<QAction *>(QStringLiteral("actionExportConversation"));
        const auto exportAs = [&](const QString &name, const QString &filter) {
            m_fileRequests.clear();
            m_choice = {};
            exportAction->trigger(); // the dialog's filters, then the choice
            for (const QString &f : m_fileRequests.value(0).filters) {
                if (f.contains(filter) && !f.contains(QStringLiteral("without")))
                    m_choice.filter = f;
            }
            m_choice.path = m_dir->filePath(name);
            exportAction->trigger();
        };
        exportAs(QStringLiteral("talk.md"), QStringLiteral("Markdown"));
        QFile md(m_dir->filePath(QStringLiteral("talk.md")));
        QVERIFY(md.open(QIODevice::ReadOnly));
        QVERIFY2(md.readAll().contains("![sun.png](talk%20images/1-1-sun.png)"), "no image link");
        QFile image(m_dir->filePath(QStringLiteral("talk images/1-1-sun.png")));
        QVERIFY(image.open(QIODevice::ReadOnly));
        QCOMPARE(image.readAll(), png);

        exportAs(QStringLiteral("talk.json"), QStringLiteral("JSON"));
        m_choice.path = m_dir->filePath(QStringLiteral("talk.json"));
        window()->findChild<QAction *>(QStringLiteral("actionImportConversation"))->trigger();
        QTRY_COMPARE(m_shell->history()->conversations().size(), 2);
        QTRY_COMPARE(model()->rowCount(), 2);
        const Attachment a = model()->message(0).attachments.value(0);
        QCOMPARE(a.fileName, QStringLiteral("sun.png"));
        QCOMPARE(a.pixelSize, QSize(40, 30));
        QCOMPARE(m_shell->history()->attachmentData(a.id).value_or(QByteArray()), png);
        // By keyboard: the reply's menu (Shift+F10, the Menu key) opens the question's image.
        view()->setFocus();
        QString offered;
        QTimer::singleShot(0, this, [&] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            QAction *open = menu ? menu->findChild<QAction *>(QStringLiteral("openImageAction0"))
                                 : nullptr;
            offered = open ? open->text() : QString();
            if (menu)
                menu->close();
            if (open)
                open->trigger();
        });
        QContextMenuEvent keyboardMenu(QContextMenuEvent::Keyboard, QPoint(20, 20),
                                       view()->viewport()->mapToGlobal(QPoint(20, 20)));
        QApplication::sendEvent(view()->viewport(), &keyboardMenu);
        QTRY_COMPARE(offered, QStringLiteral("Open sun.png"));
        ImageViewer *viewer = window()->findChild<ImageViewer *>();
        QTRY_VERIFY(viewer = window()->findChild<ImageViewer *>());
        QCOMPARE(viewer->image().size(), QSize(40, 30));
    }

    void aModelWithoutVisionIsWarnedAboutOnce_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("named as listed") << QStringLiteral("llama3.2:3b");
        // Configured without its tag: the server lists it as "tinyllama:latest".
        QTest::newRow("named without :latest") << QStringLiteral("tinyllama");
    }
    void aModelWithoutVisionIsWarnedAboutOnce()
    {
        QFETCH(QString, name);
        m_server->llm()->options().models.append(QByteArrayLiteral("llama3.2:3b"));
        m_server->llm()->options().models.append(QByteArrayLiteral("tinyllama"));
        writeConfig(config(name)); // /api/show: no "vision"
        QVERIFY(startShell());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        const QString path = writeFile(QStringLiteral("a.png"),
                                       Test::encodedImage(Test::filledImage(8, 8, Qt::red), "png"));
        ComposerAttachments::setFilePicker([&](QWidget *) { return QStringList{path}; });
        QTest::mouseClick(window()->findChild<QToolButton *>(QStringLiteral("attachButton")),
                          Qt::LeftButton);
        QTRY_VERIFY(strip()->notesText().contains(name + QStringLiteral(" does not read images")));
        typeAndSend(QStringLiteral("What is it?"));
        QCOMPARE(model()->rowCount(), 0); // not sent
        QVERIFY(window()->statusBar()->currentMessage().contains(
            QStringLiteral("Send again to send them anyway")));
        QTest::keyClick(window()->composer(), Qt::Key_Return); // anyway
        QTRY_COMPARE(model()->rowCount(), 2);
        QCOMPARE(model()->message(0).attachments.size(), 1);
    }

    void aServerThatRefusesImagesGivesThemBack()
    {
        writeConfig(config(QStringLiteral("llava:7b")));
        Script refuse;
        refuse.httpStatus = 400;
        refuse.errorBody = R"({"error":"this model is missing data required for image input"})";
        m_server->enqueue(refuse);
        QVERIFY(startShell());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        const QString path = writeFile(QStringLiteral("a.png"),
                                       Test::encodedImage(Test::filledImage(8, 8, Qt::red), "png"));
        ComposerAttachments::setFilePicker([&](QWidget *) { return QStringList{path}; });
        QTest::mouseClick(window()->findChild<QToolButton *>(QStringLiteral("attachButton")),
                          Qt::LeftButton);
        typeAndSend(QStringLiteral("What is it?"));
        QTRY_COMPARE(model()->message(1).state, MessageState::Failed);
        QVERIFY2(model()->message(1).errorText.startsWith(
                     QStringLiteral("The server did not accept the images (")),
                 qPrintable(model()->message(1).errorText));
        QCOMPARE(window()->composer()->toPlainText(), QStringLiteral("What is it?"));
        QCOMPARE(strip()->attachments().size(), 1);
        QCOMPARE(strip()->attachments().first().fileName, QStringLiteral("a.png"));
    }
};

QTEST_MAIN(TestImages)
#include "tst_images.moc"
