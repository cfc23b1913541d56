// bench_open_images: a conversation holding N large photos (default 50 of 4000 × 3000 JPEG)
// opened from the history file in the real window (offscreen unless QT_QPA_PLATFORM says
// otherwise). Measured: click (openConversation) to the first paint, resident memory before
// the first open, after the opens, after scrolling through every thumbnail, and with one
// image open at full size in the viewer and after closing it. The history holds each photo's
// bytes and a small thumbnail; opening reads only the thumbnails, and they are decoded when
// painted (QPixmapCache keeps the decoded ones within its limit).
//
//   bench_open_images [--images 50] [--width 4000] [--height 3000] [--runs 5]
#include "benchsupport.h"
#include "core/chat/chatclient.h"
#include "core/media/imageprep.h"
#include "core/storage/conversationstore.h"
#include "gui/app/windowhistory.h"
#include "gui/attachments/imageviewer.h"
#include "gui/conversation/conversationview.h"
#include "gui/window/mainwindow.h"
#include "paintwatch.h"
#include "session/chatmodel.h"
#include "session/conversationcontroller.h"

#include <QApplication>
#include <QBuffer>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QScrollBar>
#include <QSettings>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace Sluice;
using Sluice::Bench::median;
using Sluice::Bench::PaintWatch;

namespace {

// A photo-like JPEG: gradients and texture, so it compresses like a photo (a few MB), not
// like a flat colour. `seed` makes each one different.
QByteArray photo(int w, int h, int seed)
{
    QImage image(w, h, QImage::Format_RGB32);
    for (int y = 0; y < h; ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < w; ++x) {
            const int n = (x * 7 + y * 13 + seed * 31 + ((x ^ y) & 63)) & 255;
            line[x] = qRgb((x * 255 / w + n / 4) & 255, (y * 255 / h + n / 3) & 255,
                           (seed * 40 + n / 2) & 255);
        }
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "jpeg");
    writer.setQuality(90);
    writer.write(image);
    return bytes;
}

void settle()
{
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents();
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTemporaryDir dir;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("sluice-bench"));

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption imagesOpt(QStringLiteral("images"), QStringLiteral("Images."),
                                       QStringLiteral("N"), QStringLiteral("50"));
    const QCommandLineOption widthOpt(QStringLiteral("width"), QStringLiteral("Pixels."),
                                      QStringLiteral("W"), QStringLiteral("4000"));
    const QCommandLineOption heightOpt(QStringLiteral("height"), QStringLiteral("Pixels."),
                                       QStringLiteral("H"), QStringLiteral("3000"));
    const QCommandLineOption runsOpt(QStringLiteral("runs"), QStringLiteral("Runs."),
                                     QStringLiteral("N"), QStringLiteral("5"));
    parser.addOptions({imagesOpt, widthOpt, heightOpt, runsOpt});
    parser.process(app);
    const int count = parser.value(imagesOpt).toInt();
    const int runs = qMax(1, parser.value(runsOpt).toInt());
    const QSize size(parser.value(widthOpt).toInt(), parser.value(heightOpt).toInt());

    ConversationStore store;
    if (!store.open(dir.filePath(QStringLiteral("history.db")))) {
        std::fprintf(stderr, "cannot open the store\n");
        return 1;
    }
    // The conversation is written in a separate scope so that nothing of it stays in memory.
    qint64 id = 0;
    qint64 other = 0;
    qint64 stored = 0;
    {
        QList<ConversationMessage> messages;
        for (int i = 0; i < count; ++i) {
            QString error;
            std::optional<Attachment> a = imageAttachment(photo(size.width(), size.height(), i),
                                                          QStringLiteral("photo-%1.jpg").arg(i),
                                                          &error);
            if (!a) {
                std::fprintf(stderr, "%s\n", qPrintable(error));
                return 1;
            }
            stored += a->byteSize;
            ConversationMessage user;
            user.role = QStringLiteral("user");
            user.content = QStringLiteral("What is in photo %1?").arg(i);
            user.attachments = {*a};
            ConversationMessage reply;
            reply.role = QStringLiteral("assistant");
            reply.content = Bench::markdownReply();
            messages << user << reply;
        }
        Conversation photos;
        photos.title = QStringLiteral("Photos");
        id = store.importConversation(photos, messages).value_or(0);
        Conversation small;
        small.title = QStringLiteral("Short one");
        ConversationMessage hello;
        hello.role = QStringLiteral("user");
        hello.content = QStringLiteral("Hello");
        other = store.importConversation(small, {hello}).value_or(0);
    }
    if (!id || !other) {
        std::fprintf(stderr, "cannot write the conversations\n");
        return 1;
    }

    ChatClient client;
    MainWindow window(&client);
    WindowHistory history(&store, &window);
    window.resize(1200, 900);
    window.show();
    PaintWatch watch;
    ConversationView *view = window.conversationView();
    view->viewport()->installEventFilter(&watch);
    history.openConversation(other);
    settle();

    const double rssBefore = Bench::residentMiB();
    QList<double> samples;
    for (int run = 0; run < runs + 1; ++run) { // the first run warms caches and is dropped
        history.openConversation(other);
        delete history.controllerFor(id); // from the file again, as after a restart
        settle();
        watch.arm();
        QElapsedTimer clock;
        clock.start();
        history.openConversation(id);
        while (!watch.painted() && clock.elapsed() < 60'000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        if (run > 0)
            samples.append(clock.nsecsElapsed() / 1e6);
    }
    const double rssOpened = Bench::residentMiB();

    // Every thumbnail painted: scroll from the top to the bottom a screen at a time.
    QScrollBar *bar = view->verticalScrollBar();
    for (int v = bar->minimum(); v <= bar->maximum(); v += qMax(1, bar->pageStep())) {
        bar->setValue(v);
        view->viewport()->repaint();
    }
    settle();
    const double rssScrolled = Bench::residentMiB();

    // One at full size in the viewer, then closed.
    const Attachment first = window.currentConversation()->model()->message(0).attachments.value(0);
    auto *viewer = new ImageViewer(first, window.currentConversation()->attachmentData(first)
                                              .value_or(QByteArray()),
                                   0, &window);
    viewer->show();
    settle();
    const double rssViewer = Bench::residentMiB();
    delete viewer;
    settle();
    const double rssClosed = Bench::residentMiB();

    std::printf("Open a conversation of %d images of %d × %d (%.1f MiB of JPEG in the history), "
                "%d runs\n\n",
                count, size.width(), size.height(), stored / 1048576.0, runs);
    std::printf("| measurement | value | unit |\n|---|---:|---|\n");
    std::printf("| click to first paint, median (min–max) | %.1f (%.1f–%.1f) | ms |\n",
                median(samples), *std::min_element(samples.begin(), samples.end()),
                *std::max_element(samples.begin(), samples.end()));
    std::printf("| RSS before the first open | %.1f | MiB |\n", rssBefore);
    std::printf("| RSS after %d opens | %.1f | MiB |\n", runs + 1, rssOpened);
    std::printf("| RSS after scrolling past every thumbnail | %.1f | MiB |\n", rssScrolled);
    std::printf("| RSS with one image open in the viewer | %.1f | MiB |\n", rssViewer);
    std::printf("| RSS after closing the viewer | %.1f | MiB |\n", rssClosed);
    return 0;
}
