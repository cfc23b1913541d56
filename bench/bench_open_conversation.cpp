// bench_open_conversation: what a user waits for when they click a long conversation in the
// sidebar. The real MainWindow with its history (offscreen unless QT_QPA_PLATFORM says
// otherwise) opens a conversation of N messages from an SQLite file on disk — every other one
// a ~1.9 KB Markdown reply — and the clock runs from the click (openConversation) until the
// conversation view has painted its newest messages. Each run opens it afresh from the file.
// Also reported: resident memory before the first open and after the last.
//
// With --branches B the messages form a tree of B branches of N/B messages (each branch leaves
// the one before three quarters down it, as a regenerated reply does), and the path shown ends
// one branch before the last, so that the newest page holds a "‹ 1 / 2 ›" switcher. Then the
// time from switching that message's version (WindowBranches::showVersion, as a click on the
// arrow does) to the view's paint is measured too, switching back and forth.
//
//   bench_open_conversation [--messages 10000] [--branches 1] [--runs 7] [--csv FILE]
#include "benchsupport.h"
#include "core/chat/chatclient.h"
#include "core/storage/conversationstore.h"
#include "gui/app/windowbranches.h"
#include "gui/app/windowhistory.h"
#include "gui/conversation/conversationview.h"
#include "gui/window/mainwindow.h"
#include "paintwatch.h"
#include "session/chatmodel.h"
#include "session/conversationcontroller.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace Sluice;
using Sluice::Bench::median;
using Sluice::Bench::PaintWatch;

namespace {

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
    const QCommandLineOption branchesOpt(QStringLiteral("branches"),
                                         QStringLiteral("Branches the messages form."),
                                         QStringLiteral("B"), QStringLiteral("1"));
    parser.addOptions({messagesOpt, branchesOpt, runsOpt, csvOpt});
    parser.process(app);
    const int count = parser.value(messagesOpt).toInt();
    const int runs = qMax(1, parser.value(runsOpt).toInt());
    const int branches = qBound(1, parser.value(branchesOpt).toInt(), qMax(1, count / 4));

    ConversationStore store;
    if (!store.open(dir.filePath(QStringLiteral("history.db")))) {
        std::fprintf(stderr, "cannot open the store\n");
        return 1;
    }
    QList<ConversationMessage> messages;
    messages.reserve(count);
    const QString body = Bench::markdownReply();
    // Branch b: messages b*per … b*per+per-1, each following the one before; its first one
    // follows message 3/4 down branch b-1 (ids in the file are 1-based indices).
    const int per = count / branches;
    QList<int> depth(count, 0);
    qint64 selected = 0;
    for (int i = 0; i < count; ++i) {
        const int branch = qMin(i / per, branches - 1);
        const int at = i - branch * per;
        const int parent = at > 0 ? i - 1 : (branch > 0 ? (branch - 1) * per + per * 3 / 4 : -1);
        depth[i] = parent >= 0 ? depth.at(parent) + 1 : 0;
        ConversationMessage m;
        m.id = branches > 1 ? i + 1 : 0;
        m.parentId = branches > 1 ? parent + 1 : -1;
        m.role = depth[i] % 2 ? QStringLiteral("assistant") : QStringLiteral("user");
        m.content =
            depth[i] % 2 ? body : QStringLiteral("Question %1: how does the walk work?").arg(i);
        messages.append(m);
        if (branches > 1 && branch == branches - 2)
            selected = i + 1; // the last message of the branch before the last
    }
    Conversation big;
    big.title = QStringLiteral("Long conversation");
    const qint64 id = store.importTree(big, messages, selected).value_or(0);
    Conversation small;
    small.title = QStringLiteral("Short one");
    ConversationMessage first = messages.at(0), second = messages.at(1);
    first.id = second.id = 0;
    first.parentId = second.parentId = -1;
    const qint64 other = store.importConversation(small, {first, second}).value_or(0);
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

    // Switching the version of the newest message that has one, back and forth.
    QList<double> switches;
    ChatModel *model = window.currentConversation()->model();
    int switchRow = -1;
    for (int row = model->rowCount() - 1; row >= 0 && switchRow < 0; --row) {
        if (model->index(row).data(ChatModel::VersionsRole).toPoint().y() > 1)
            switchRow = row;
    }
    for (int run = 0; switchRow >= 0 && run < runs + 1; ++run) {
        watch.arm();
        QElapsedTimer clock;
        clock.start();
        if (!history.branches()->showVersion(switchRow, run % 2 ? -1 : 1))
            break;
        while (!watch.painted() && clock.elapsed() < 60'000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        if (run > 0)
            switches.append(clock.nsecsElapsed() / 1e6);
    }

    std::printf("Open a conversation of %d messages in %d branches (%d loaded) to its first paint,"
                " %d runs\n\n",
                count, branches, rows, runs);
    std::printf("| measurement | median | min | max | unit |\n|---|---:|---:|---:|---|\n");
    std::printf("| click to first paint of the newest messages | %.1f | %.1f | %.1f | ms |\n",
                median(samples), *std::min_element(samples.begin(), samples.end()),
                *std::max_element(samples.begin(), samples.end()));
    if (!switches.isEmpty())
        std::printf("| switch a version (row %d) to its repaint | %.1f | %.1f | %.1f | ms |\n",
                    switchRow, median(switches),
                    *std::min_element(switches.begin(), switches.end()),
                    *std::max_element(switches.begin(), switches.end()));
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
