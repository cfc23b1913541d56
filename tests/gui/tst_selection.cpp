// Selecting text with the mouse in the real window: a drag that crosses the pieces a long
// message is laid out in, copying all of it, and a drag held below the view that scrolls.
#include "core/chat/chatclient.h"
#include "session/chatmodel.h"
#include "gui/window/composer.h"
#include "gui/conversation/conversationview.h"
#include "gui/window/mainwindow.h"
#include "gui/conversation/markdownlayout.h"
#include "gui/conversation/messagedelegate.h"
#include "scriptedllm.h"
#include "windowtest.h"
#include "gui/conversation/selectionoverlay.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QMenu>
#include <QScrollBar>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>

using namespace Sluice;
using namespace Sluice::GuiTest;

class TestSelection final : public WindowTest
{
    Q_OBJECT

private:

    ConversationView *view() const { return m_window->conversationView(); }
    ChatModel *model() const { return m_window->currentConversation()->model(); }
    MessageState stateOf(int row) const
    {
        return row < model()->rowCount() ? model()->message(row).state : MessageState::Pending;
    }
    QString emptyTitle() const
    {
        return m_window->findChild<QLabel *>(QStringLiteral("emptyTitle"))->text();
    }

    // A reply well over one piece (MarkdownLayout::DefaultChunkChars) of numbered paragraphs.
    void openWithLongReply()
    {
        QStringList paragraphs;
        for (int i = 0; i < 14; ++i)
            paragraphs << QStringLiteral("Paragraph %1 ").arg(i) +
                              QStringLiteral("words ").repeated(60).trimmed();
        Script s;
        s.reply = paragraphs.join(QStringLiteral("\n\n")).toUtf8();
        s.tokenDelayMs = 0;
        m_server->enqueue(s);
        ProviderConfig p;
        p.id = QStringLiteral("ollama");
        p.baseUrl = m_server->baseUrl();
        m_window = new MainWindow(m_client);
        m_window->resize(1000, 700);
        m_window->setProviders({p}, p.id, QStringLiteral("llama3.2:3b"));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        Composer *composer = m_window->composer();
        composer->setFocus();
        QTest::keyClicks(composer, QStringLiteral("long"));
        QTest::keyClick(composer, Qt::Key_Return);
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
    }

    void drag(const QPoint &to)
    {
        QMouseEvent move(QEvent::MouseMove, to, view()->viewport()->mapToGlobal(to), Qt::NoButton,
                         Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(view()->viewport(), &move);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(isolateSettings(QStringLiteral("tst_selection"))); }
    void init() { QVERIFY(startServer()); }
    void cleanup() { tearDown(); }

    void selectionCrossesThePiecesOfALongMessage()
    {
        openWithLongReply();
        const QModelIndex index = model()->index(1);
        const MarkdownLayout *layout = view()->messageDelegate()->contentLayout(index);
        QVERIFY(layout);
        QVERIFY(layout->chunkCount() >= 2);
        const QString piece0 = layout->chunkDocument(0)->toPlainText();
        const QString piece1 = layout->chunkDocument(1)->toPlainText();

        // The border between the first two pieces in the middle of the view.
        auto border = [&] {
            const QRect text = view()->messageDelegate()->partRect(
                index, view()->visualRect(index), MessageHit::Text);
            return QPoint(text.left(), text.top() + int(layout->chunkTop(1)));
        };
        QScrollBar *bar = view()->verticalScrollBar();
        bar->setValue(bar->value() + border().y() - view()->viewport()->height() / 2);
        QCoreApplication::processEvents();
        const QPoint at = border();
        const int line = view()->fontMetrics().height();
        const QPoint from(at.x() + 2, at.y() - line - line / 2); // piece 0's last line
        const QPoint to(at.x() + 100, at.y() + line / 2);         // piece 1's first line
        QTest::mousePress(view()->viewport(), Qt::LeftButton, {}, from);
        QVERIFY(view()->selectionOverlay());
        for (const QPoint &p : {QPoint(from.x() + 40, from.y()), to}) {
            QMouseEvent move(QEvent::MouseMove, p, view()->viewport()->mapToGlobal(p),
                             Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
            QCoreApplication::sendEvent(view()->viewport(), &move);
        }
        QTest::mouseRelease(view()->viewport(), Qt::LeftButton, {}, to);

        const QString selected = view()->selectedText();
        const qsizetype split = selected.indexOf(QStringLiteral("\n\n"));
        QVERIFY2(split > 0, qPrintable(selected));
        const QString end0 = selected.left(split);
        const QString start1 = selected.mid(split + 2);
        QVERIFY2(piece0.endsWith(end0), qPrintable(end0));
        QVERIFY2(!start1.isEmpty() && piece1.startsWith(start1), qPrintable(start1));
        QVERIFY(start1.startsWith(QStringLiteral("Paragraph ")));

        QGuiApplication::clipboard()->clear();
        QTest::keyClick(view()->selectionOverlay(), Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), selected);

        // The right-click menu's Copy copies the same.
        QGuiApplication::clipboard()->clear();
        std::unique_ptr<QMenu> menu(view()->selectionOverlay()->createContextMenu(to));
        QAction *copy = menu->findChild<QAction *>(QStringLiteral("edit-copy"));
        if (!copy) {
            for (QAction *a : menu->actions())
                copy = a->objectName() == u"edit-copy" ? a : copy;
        }
        QVERIFY(copy);
        copy->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), selected);
    }

    void aDragBelowTheViewScrollsAndSelectsOn()
    {
        openWithLongReply();
        const QModelIndex index = model()->index(1);
        const MarkdownLayout *layout = view()->messageDelegate()->contentLayout(index);
        QVERIFY(layout);
        QVERIFY(layout->chunkCount() >= 2);
        const QString piece1 = layout->chunkDocument(1)->toPlainText();
        view()->scrollTo(index, QAbstractItemView::PositionAtTop);
        QCoreApplication::processEvents();
        const QRect text = view()->messageDelegate()->partRect(index, view()->visualRect(index),
                                                               MessageHit::Text);
        const int line = view()->fontMetrics().height();
        const QPoint from(text.left() + 2, text.top() + line / 2);
        QVERIFY(text.top() + layout->chunkTop(1) > view()->viewport()->height()); // not in view
        QScrollBar *bar = view()->verticalScrollBar();
        const int before = bar->value();
        QTest::mousePress(view()->viewport(), Qt::LeftButton, {}, from);
        QVERIFY(view()->selectionOverlay());
        drag(QPoint(from.x() + 40, from.y()));
        const QPoint below(from.x() + 60, view()->viewport()->height() + 20);
        drag(below);
        // Held there, the view scrolls down until the selection reaches into the next piece.
        QTRY_VERIFY_WITH_TIMEOUT(view()->selectedText().contains(piece1.left(12)), 20000);
        QVERIFY(bar->value() > before);
        QTest::mouseRelease(view()->viewport(), Qt::LeftButton, {}, below);
        const int stopped = bar->value();
        QVERIFY(view()->selectedText().startsWith(QStringLiteral("Paragraph 0 ")));
        QCoreApplication::processEvents();
        QCOMPARE(bar->value(), stopped); // the release ended the scrolling
    }
};

QTEST_MAIN(TestSelection)
#include "tst_selection.moc"
