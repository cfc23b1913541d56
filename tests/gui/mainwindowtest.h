// The fixture of the real-window tests (tst_mainwindow, tst_messageview, tst_windowactions): a
// window on a scripted Ollama on loopback, and the helpers that drive it as a person would.
#pragma once

#include "session/chatmodel.h"
#include "gui/window/composer.h"
#include "gui/conversation/conversationview.h"
#include "gui/conversation/messagedelegate.h"
#include "gui/conversation/messagegeometry.h"
#include "session/replystatus.h"
#include "gui/window/windowshortcuts.h"
#include "manualclock.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScopeGuard>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include "windowtest.h"

namespace Sluice::GuiTest {

class MainWindowTest : public WindowTest
{
protected:
    ProviderConfig provider(const QString &baseUrl) const
    {
        ProviderConfig p;
        p.id = QStringLiteral("ollama");
        p.name = QStringLiteral("Local Ollama");
        p.baseUrl = baseUrl;
        p.timeouts.idleMs = 400;
        p.timeouts.connectMs = 2000;
        p.maxRetries = 0;
        return p;
    }

    void openWindow(const QString &baseUrl)
    {
        m_window = new MainWindow(m_client);
        m_window->resize(1000, 700);
        m_window->setProviders({provider(baseUrl)}, QStringLiteral("ollama"),
                               QStringLiteral("llama3.2:3b"));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
    }

    ConversationView *view() const { return m_window->conversationView(); }
    Composer *composer() const { return m_window->composer(); }
    ChatModel *model() const { return m_window->currentConversation()->model(); }
    QPushButton *sendButton() const
    {
        return m_window->findChild<QPushButton *>(QStringLiteral("sendButton"));
    }
    QString statusText() const
    {
        return m_window->findChild<QLabel *>(QStringLiteral("statusPhaseLabel"))->text();
    }
    QString emptyTitle() const
    {
        return m_window->findChild<QLabel *>(QStringLiteral("emptyTitle"))->text();
    }

    // Where the first link of a message's text is, or a null point.
    QPoint firstLinkIn(int row)
    {
        const QRect text = part(row, MessageHit::Text);
        const QModelIndex index = model()->index(row);
        for (int x = text.left(); x < text.right(); x += 3) {
            const auto hit = view()->messageDelegate()->hitTest(index, view()->visualRect(index),
                                                                QPoint(x, text.top() + 6));
            if (hit.kind == MessageHit::Link)
                return QPoint(x, text.top() + 6);
        }
        return {};
    }

    void typeAndSend(const QString &text)
    {
        composer()->setFocus();
        QTest::keyClicks(composer(), text);
        QTest::keyClick(composer(), Qt::Key_Return);
    }

    MessageState stateOf(int row) const
    {
        return row < model()->rowCount() ? model()->message(row).state : MessageState::Pending;
    }

    QRect part(int row, MessageHit kind, int codeBlock = -1) const
    {
        view()->scrollTo(model()->index(row));
        QCoreApplication::processEvents();
        const QModelIndex index = model()->index(row);
        return view()->messageDelegate()->partRect(index, view()->visualRect(index), kind,
                                                   codeBlock);
    }

    // Pixels of a row that are clearly red (the error card's fill, border and text).
    int redPixels(int row) const
    {
        view()->scrollTo(model()->index(row));
        QCoreApplication::processEvents();
        const QRect rect = view()->visualRect(model()->index(row));
        const QImage image = view()->viewport()->grab(rect).toImage();
        int red = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, y);
                if ((c.hue() >= 340 || (c.hue() >= 0 && c.hue() <= 15)) && c.saturationF() > 0.05)
                    ++red;
            }
        }
        return red;
    }

    void click(const QRect &rect)
    {
        QVERIFY(!rect.isEmpty());
        QTest::mouseMove(view()->viewport(), rect.center());
        QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, rect.center());
    }
};

} // namespace Sluice::GuiTest
