// Painting while a reply streams: the conversation's scroll bar repaints only when what it
// shows changes, and what is on screen is then what a whole repaint would show; large fills drawn in bands (so
// that they stay on the GUI thread) give the same pixels as one fill; a reply with many code
// blocks is still drawn whole where it is on screen.
#include "gui/conversation/conversationscrollbar.h"
#include "gui/conversation/paintbands.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>
#include <QScreen>
#include <QTest>

using namespace Sluice;

class TestStreamPaint final : public QObject
{
    Q_OBJECT

private:
    // What the window shows of `w` right now (not painted anew, as QWidget::grab() would).
    static QImage onScreen(QWidget *w)
    {
        QWidget *window = w->window();
        const QPixmap all = window->screen()->grabWindow(window->winId());
        const QRect r(w->mapTo(window, QPoint()), w->size());
        return all.toImage().copy(r).convertToFormat(QImage::Format_RGB32);
    }

    // The same widget painted whole for its present state.
    static QImage paintedAnew(QWidget *w)
    {
        return w->grab().toImage().convertToFormat(QImage::Format_RGB32);
    }

    static void setUp(QScrollBar *bar, int maximum, int value)
    {
        bar->setRange(0, maximum);
        bar->setPageStep(600);
        bar->setValue(value);
    }

private Q_SLOTS:
    void scrollBarRepaintsOnlyWhenItsPixelsChange()
    {
        QWidget window;
        window.resize(60, 640);
        ConversationScrollBar bar(&window);
        bar.setGeometry(0, 0, 16, 620);
        setUp(&bar, 200000, 200000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_COMPARE(onScreen(&bar), paintedAnew(&bar));

        // A long conversation follows its growing reply: the handle, at its shortest and at
        // the bottom, keeps its pixels, so nothing is repainted.
        const int asked = bar.repaintsAsked();
        for (int i = 1; i <= 30; ++i) {
            setUp(&bar, 200000 + 40 * i, 200000 + 40 * i);
            QCoreApplication::processEvents();
        }
        QCOMPARE(bar.repaintsAsked(), asked);
        QTRY_COMPARE(onScreen(&bar), paintedAnew(&bar));

        // A short conversation: the handle grows and moves, and the top end is reached.
        for (const auto &[maximum, value] :
             {std::pair(900, 900), std::pair(1200, 1200), std::pair(1200, 300),
              std::pair(1200, 0), std::pair(0, 0), std::pair(4000, 4000)}) {
            setUp(&bar, maximum, value);
            QTRY_COMPARE(onScreen(&bar), paintedAnew(&bar));
        }
        QVERIFY(bar.repaintsAsked() > asked);
    }

    void bandsGiveTheSamePixelsAsOneFill_data()
    {
        QTest::addColumn<qreal>("ratio"); // the screen's device pixel ratio
        QTest::newRow("1") << 1.0;
        QTest::newRow("1.25") << 1.25;
        QTest::newRow("1.5") << 1.5;
        QTest::newRow("2") << 2.0;
    }

    void bandsGiveTheSamePixelsAsOneFill()
    {
        // A code block's frame: antialiased, stroked, at a fractional position, taller than
        // the raster engine's threshold for its thread pool.
        const QRectF box(10.5, 7.25, 300, 431.5);
        QPainterPath path;
        path.addRoundedRect(box, 8, 8);
        QFETCH(qreal, ratio);
        auto draw = [&](bool banded) {
            QImage image(QSize(340, 460) * ratio, QImage::Format_ARGB32_Premultiplied);
            image.setDevicePixelRatio(ratio);
            image.fill(Qt::white);
            QPainter p(&image);
            p.setRenderHint(QPainter::Antialiasing);
            p.translate(3, 5.5);
            p.setPen(QPen(QColor(120, 120, 140), 1));
            p.setBrush(QColor(240, 242, 248));
            if (banded)
                paintInBands(&p, box, [&] { p.drawPath(path); });
            else
                p.drawPath(path);
            return image;
        };
        const QImage one = draw(false);
        const QImage bands = draw(true);
        QCOMPARE(bands, one);
        QVERIFY(one.pixel(5, 200) != one.pixel(100, 200)); // something was drawn
    }
};

QTEST_MAIN(TestStreamPaint)
#include "tst_streampaint.moc"
