// bench_open_conversation: what a user waits for when they click a long conversation in the
// sidebar. The real MainWindow with its history (offscreen unless QT_QPA_PLATFORM says
// otherwise) opens a conversation of N messages from an SQLite file on disk — every other one
// a ~1.9 KB Markdown reply — and the clock runs from the click (openConversation) until the
// conversation view has painted its newest messages. Each run opens it afresh from the file.
// Also reported: resident memory before the first open and after the last.
//
//   bench_open_conversation [--messages 10000] [--runs 7] [--csv FILE]
#include "benchsupport.h"
#include "core/chat/chatclient.h"
#include "gui/conversation/conversationview.h"
#include "gui/window/mainwindow.h"
#include "core/storage/conversationstore.h"
#include "gui/app/windowhistory.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace Sluice;

namespace {

// Notes the first paint of a widget after arm().
class PaintWatch final : public QObject
{
public:
    void arm() { m_painted = false; }
    bool painted() const { return m_painted; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            m_painted = true;
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_painted = false;
};

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
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
    const QCommandLineOption messagesOpt(QStringLiteral("messages"),
                                         QStringLiteral("Messages in the conversation."),
                                         QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption runsOpt(QStringLiteral("runs"), QStringLiteral("Runs."),
                                     QStringLiteral("N"), QStringLiteral("7"));
    const QCommandLineOption csvOpt(QStringLiteral("csv"), QStringLiteral("Write a CSV."),
                                    QStringLiteral("FILE"));
    parser.addOptions({messagesOpt, runsOpt, csvOpt});
    parser.process(app);
    const int count = parser.value(messagesOpt).toInt();
    const int runs = qMax(1, parser.value(runsOpt).toInt());

    ConversationStore store;
    if (!store.open(dir.filePath(QStringLiteral("history.db")))) {
        std::fprintf(stderr, "cannot open the store\n");
        return 1;
    }
    QList<ConversationMessage> messages;
    messages.reserve(count);
    const QString body = Bench::markdownReply();
    for (int i = 0; i < count; ++i) {
        ConversationMessage m;
        m.role = i % 2 ? QStringLiteral("assistant") : QStringLiteral("user");
        m.content = i % 2 ? body : QStringLiteral("Question %1: how does the walk work?").arg(i);
        messages.append(m);
    }
    Conversation big;
    big.title = QStringLiteral("Long conversation");
    const qint64 id = store.importConversation(big, messages).value_or(0);
    Conversation small;
    small.title = QStringLiteral("Short one");
    const qint64 other =
        store.importConversation(small, {messages.at(0), messages.at(1)}).value_or(0);
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
    window.conversationView()->viewport()->installEventFilter(&watch);
    history.openConversation(other);
    QCoreApplication::processEvents();

    const double rssBefore = Bench::residentMiB();
    QList<double> samples;
    int rows = 0;
    for (int run = 0; run < runs + 1; ++run) { // the first run warms caches and is dropped
        history.openConversation(other);
        delete history.controllerFor(id); // from the file again, as after a restart
        QCoreApplication::processEvents();
        watch.arm();
        QElapsedTimer clock;
        clock.start();
        history.openConversation(id);
        while (!watch.painted() && clock.elapsed() < 60'000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        const double ms = clock.nsecsElapsed() / 1e6;
        rows = window.currentConversation()->model()->rowCount();
        if (run > 0)
            samples.append(ms);
    }
    const double rssAfter = Bench::residentMiB();

    std::printf("Open a conversation of %d messages (%d loaded) to its first paint, %d runs\n\n",
                count, rows, runs);
    std::printf("| measurement | median | min | max | unit |\n|---|---:|---:|---:|---|\n");
    std::printf("| click to first paint of the newest messages | %.1f | %.1f | %.1f | ms |\n",
                median(samples), *std::min_element(samples.begin(), samples.end()),
                *std::max_element(samples.begin(), samples.end()));
    std::printf("| resident memory before the first open | %.1f | | | MiB |\n", rssBefore);
    std::printf("| resident memory after %d opens | %.1f | | | MiB |\n", runs + 1, rssAfter);
    if (parser.isSet(csvOpt)) {
        QFile f(parser.value(csvOpt));
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            QString csv = QStringLiteral("messages,loaded,run,open_ms\n");
            for (int i = 0; i < samples.size(); ++i)
                csv += QStringLiteral("%1,%2,%3,%4\n").arg(count).arg(rows).arg(i + 1).arg(
                    samples.at(i), 0, 'f', 2);
            f.write(csv.toUtf8());
        }
    }
    return 0;
}
