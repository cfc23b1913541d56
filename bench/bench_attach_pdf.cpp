// bench_attach_pdf: a long PDF (default 300 pages of text, drawn here with QPdfWriter) attached
// in the real window (offscreen unless QT_QPA_PLATFORM says otherwise) through "Attach files",
// as a user picks it. Measured: from the click to its chip (the text extracted by Poppler on
// a worker thread), the CPU time it took (all threads), and the longest the event loop went
// without turning meanwhile (a 5 ms timer's largest gap: what a user would feel as a frozen
// window), beside the longest gap of the same timer over the same time with nothing to do
// (what the machine's load alone costs: on a shared machine the OS deschedules the GUI
// thread too).
//
//   bench_attach_pdf [--pages 300] [--runs 5]
#include "core/chat/chatclient.h"
#include "core/media/documentprep.h"
#include "gui/attachments/attachmentstrip.h"
#include "gui/attachments/composerattachments.h"
#include "gui/window/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>

#include <algorithm>
#include <ctime>
#include <cstdio>

using namespace Sluice;

namespace {

// `pages` pages of about 45 lines of prose each, as a report or a paper has.
bool writePdf(const QString &path, int pages)
{
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setResolution(72);
    QPainter painter(&writer);
    if (!painter.isActive())
        return false;
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSize(10);
    painter.setFont(font);
    for (int page = 0; page < pages; ++page) {
        if (page > 0)
            writer.newPage();
        for (int line = 0; line < 45; ++line)
            painter.drawText(QPointF(50, 60 + line * 16),
                             QStringLiteral("Page %1, line %2: the river flows past the old mill "
                                            "and under the bridge, where nobody reads the sign.")
                                 .arg(page + 1)
                                 .arg(line + 1));
    }
    return painter.end();
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (!canReadPdfs()) {
        std::fprintf(stderr,
                     "bench_attach_pdf: this build reads no PDFs (built without poppler-qt6)\n");
        return 1;
    }
    QTemporaryDir dir;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("sluice-bench"));

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption pagesOpt(QStringLiteral("pages"), QStringLiteral("Pages."),
                                      QStringLiteral("N"), QStringLiteral("300"));
    const QCommandLineOption runsOpt(QStringLiteral("runs"), QStringLiteral("Runs."),
                                     QStringLiteral("N"), QStringLiteral("5"));
    parser.addOptions({pagesOpt, runsOpt});
    parser.process(app);
    const int pages = qMax(1, parser.value(pagesOpt).toInt());
    const int runs = qMax(1, parser.value(runsOpt).toInt());

    const QString path = dir.filePath(QStringLiteral("report.pdf"));
    if (!writePdf(path, pages)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
        return 1;
    }
    ChatClient client;
    MainWindow window(&client);
    window.resize(1200, 900);
    window.show();
    auto *strip = window.findChild<AttachmentStrip *>();
    auto *attach = window.findChild<QToolButton *>(QStringLiteral("attachButton"));
    if (!strip || !attach) {
        std::fprintf(stderr, "no attachment strip\n");
        return 1;
    }
    ComposerAttachments::setFilePicker([&](QWidget *) { return QStringList{path}; });

    std::printf("%d pages, %.1f MiB\n", pages, double(QFile(path).size()) / (1024.0 * 1024.0));
    // The idle loop's longest gap over `ms`: the floor the stalls below stand on.
    const auto idleStall = [](int ms) {
        QElapsedTimer sinceTick;
        double longest = 0;
        QTimer tick;
        tick.setInterval(5);
        QObject::connect(&tick, &QTimer::timeout, [&] {
            longest = std::max(longest, double(sinceTick.nsecsElapsed()) / 1e6);
            sinceTick.restart();
        });
        QEventLoop loop;
        QTimer::singleShot(ms, &loop, &QEventLoop::quit);
        tick.start();
        sinceTick.start();
        loop.exec();
        return longest;
    };
    std::printf("run,attach_ms,cpu_ms,longest_stall_ms,idle_stall_ms,tokens\n");
    QList<double> times, stalls, idles, cpus;
    for (int run = 0; run < runs; ++run) {
        strip->clear();
        QElapsedTimer clock;
        QElapsedTimer sinceTick;
        double longest = 0;
        QTimer tick;
        tick.setInterval(5);
        QObject::connect(&tick, &QTimer::timeout, [&] {
            longest = std::max(longest, double(sinceTick.nsecsElapsed()) / 1e6);
            sinceTick.restart();
        });
        tick.start();
        const std::clock_t cpuStart = std::clock();
        QEventLoop loop;
        QObject::connect(strip, &AttachmentStrip::changed, &loop, &QEventLoop::quit);
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        QTimer::singleShot(0, &loop, [&] {
            clock.start();
            sinceTick.start();
            attach->click();
        });
        loop.exec();
        const double ms = double(clock.nsecsElapsed()) / 1e6;
        const double cpu = double(std::clock() - cpuStart) * 1000.0 / CLOCKS_PER_SEC;
        longest = std::max(longest, double(sinceTick.nsecsElapsed()) / 1e6);
        tick.stop();
        if (strip->attachments().isEmpty()) {
            std::fprintf(stderr, "the PDF did not attach\n");
            return 1;
        }
        const qint64 chars = strip->attachments().first().text.size();
        const double idle = idleStall(int(ms));
        std::printf("%d,%.1f,%.1f,%.1f,%.1f,%lld\n", run + 1, ms, cpu, longest, idle,
                    qint64(chars / 4));
        times.append(ms);
        cpus.append(cpu);
        stalls.append(longest);
        idles.append(idle);
    }
    std::sort(times.begin(), times.end());
    std::sort(stalls.begin(), stalls.end());
    std::sort(idles.begin(), idles.end());
    std::sort(cpus.begin(), cpus.end());
    std::printf("median attach %.1f ms (min %.1f, max %.1f), CPU %.1f ms; longest stall %.1f ms "
                "(median %.1f; idle loop: longest %.1f, median %.1f)\n",
                times.at(times.size() / 2), times.first(), times.last(), cpus.at(cpus.size() / 2),
                stalls.last(), stalls.at(stalls.size() / 2), idles.last(),
                idles.at(idles.size() / 2));
    return times.at(times.size() / 2) < 2000 && stalls.last() < 50 ? 0 : 2;
}
