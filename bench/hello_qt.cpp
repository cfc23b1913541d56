// The floor for start-up and footprint: a bare Qt widgets window (one QLabel) built in the same
// tree with the same flags as `sluice`. It quits right after its first paint and prints the
// milliseconds from main() to that paint on stderr.
//
//   QT_QPA_PLATFORM=offscreen bench_hello_qt
#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QTimer>

#include <cstdio>

namespace {

class HelloLabel final : public QLabel
{
public:
    explicit HelloLabel(const QElapsedTimer &clock) : m_clock(clock)
    {
        setText(QStringLiteral("Hello"));
    }

protected:
    void paintEvent(QPaintEvent *event) override
    {
        QLabel::paintEvent(event);
        if (m_painted)
            return;
        m_painted = true;
        std::fprintf(stderr, "first_paint_ms=%.2f\n", double(m_clock.nsecsElapsed()) / 1e6);
        QTimer::singleShot(0, qApp, &QCoreApplication::quit);
    }

private:
    const QElapsedTimer &m_clock;
    bool m_painted = false;
};

} // namespace

int main(int argc, char **argv)
{
    QElapsedTimer clock;
    clock.start();
    QApplication app(argc, argv);
    HelloLabel label(clock);
    label.resize(320, 120);
    label.show();
    return QApplication::exec();
}
