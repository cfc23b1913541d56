// bench_gui_stream: how the window copes with a fast stream as the conversation grows.
//
// The real MainWindow (offscreen unless QT_QPA_PLATFORM says otherwise) holds N long
// Markdown messages; a loopback Ollama in its own process streams T tokens of Markdown
// (paragraphs, lists, code, a table) as fast as the socket takes them. Reported per N:
// the longest stall of the GUI event loop while the reply streams (a 1 ms precise timer
// measures it), how many stalls passed 50 ms, the GUI thread's CPU time per token, the
// wall time of the stream, and the time the window took to lay out the N messages. A stall
// is also given less the time the GUI thread waited for a core (Linux schedstat): on a
// machine busy with other work that part is the machine's, the rest the window's own. The
// measure runs on after the reply's end until its code and formulas are all shown.
//
//   bench_gui_stream [--tokens 20000] [--sizes 0,100,1000,5000] [--runs 1] [--csv FILE]
//                    [--rich]   (the reply is code and formulas: Bench::richReply())
//                    [--server-thread]   (the server in this process, not in its own)
#include "benchsupport.h"
#include "core/chat/chatclient.h"
#include "session/conversationcontroller.h"
#include "gui/conversation/conversationview.h"
#include "gui/richtext/richtextengine.h"
#include "gui/window/mainwindow.h"
#include "testserver.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSemaphore>
#include <QSettings>
#include <QSocketNotifier>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <memory>

#include <unistd.h>

using namespace Sluice;

namespace {

// With --trace: every event that kept the GUI thread busy for over 20 ms, by receiver.
class TracingApplication final : public QApplication
{
public:
    using QApplication::QApplication;
    bool trace = false;
    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!trace || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        QElapsedTimer t;
        t.start();
        ++m_depth;
        const bool r = QApplication::notify(receiver, event);
        --m_depth;
        const double ms = t.nsecsElapsed() / 1e6;
        // Nested events print first, indented by depth.
        if (ms > (m_depth == 0 ? 20 : 5))
            std::printf("  %*sslow event: %.1f ms, type %d, %s \"%s\"\n", 2 * m_depth, "", ms,
                        int(event->type()), receiver->metaObject()->className(),
                        qPrintable(receiver->objectName()));
        return r;
    }

private:
    int m_depth = 0;
};

// How long this thread has waited for a core while runnable (Linux schedstat; 0 elsewhere).
qint64 threadRunDelayNs()
{
    static thread_local QFile stat(QStringLiteral("/proc/thread-self/schedstat"));
    if (!stat.isOpen() && !stat.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return 0;
    stat.seek(0);
    const QList<QByteArray> fields = stat.read(128).split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() : 0;
}

qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

QList<ConversationMessage> history(int n)
{
    QList<ConversationMessage> out;
    const QString body = Bench::markdownReply();
    for (int i = 0; i < n; ++i) {
        ConversationMessage m;
        m.role = i % 2 ? QStringLiteral("assistant") : QStringLiteral("user");
        m.content = i % 2 ? body : QStringLiteral("Question %1: how does the walk work?").arg(i);
        out.append(m);
    }
    return out;
}

// Ollama's /api/chat streaming `tokens` 4-character tokens of the template, batched as the
// socket drains; plus /api/tags and /api/ps.
void serve(Test::TestServer &server, int tokens, bool rich)
{
    server.on("GET", "/api/tags").json(R"({"models":[{"name":"bench","model":"bench"}]})");
    server.on("GET", "/api/ps").json(R"({"models":[]})");
    server.handle(
        "POST", "/api/chat", [tokens, rich](const Test::RecordedRequest &, Test::Response &r) {
            const QString text = rich ? Bench::richReply() : Bench::markdownReply();
            auto sent = std::make_shared<int>(0);
            r.status(200).contentType("application/x-ndjson").chunked();
            r.generate([text, tokens, sent]() -> std::optional<QByteArray> {
                if (*sent > tokens)
                    return std::nullopt;
                QByteArray batch;
                for (int k = 0; k < 64 && *sent < tokens; ++k, ++*sent) {
                    const qsizetype at = (qsizetype(*sent) * 4) % text.size();
                    QString token = text.mid(at, 4);
                    if (token.size() < 4)
                        token += text.left(4 - token.size());
                    QJsonObject line{
                        {QStringLiteral("model"), QStringLiteral("bench")},
                        {QStringLiteral("message"),
                         QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                     {QStringLiteral("content"), token}}},
                        {QStringLiteral("done"), false}};
                    batch += QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
                }
                if (*sent == tokens) {
                    ++*sent;
                    batch += R"({"model":"bench","message":{"role":"assistant","content":""},)"
                             R"("done":true,"done_reason":"stop","eval_count":)" +
                             QByteArray::number(tokens) + "}\n";
                }
                return batch;
            });
            r.end();
        });
    server.listen();
}

// The server in a thread of this process (--server-thread: it then takes CPU time from the
// window's own process, which a real server does not).
class ServerThread final : public QThread
{
public:
    explicit ServerThread(int tokens, bool rich = false) : m_tokens(tokens), m_rich(rich) {}
    quint16 port() const { return m_port; }
    void waitReady() { m_ready.acquire(); }

protected:
    void run() override
    {
        Test::TestServer server;
        serve(server, m_tokens, m_rich);
        m_port = server.port();
        m_ready.release();
        exec();
    }

private:
    int m_tokens;
    bool m_rich = false;
    quint16 m_port = 0;
    QSemaphore m_ready;
};

// The server as its own process, in a session of its own as a server started elsewhere is
// (Linux schedules each session as a group): this program again with --serve, which prints
// its port and serves until its standard input closes.
class ServerProcess final
{
public:
    ServerProcess(int tokens, bool rich)
    {
        QStringList args{QStringLiteral("--serve"), QStringLiteral("--tokens"),
                         QString::number(tokens)};
        if (rich)
            args << QStringLiteral("--rich");
#ifdef Q_OS_UNIX
        m_process.setChildProcessModifier([] { ::setsid(); });
#endif
        m_process.start(QCoreApplication::applicationFilePath(), args);
        if (m_process.waitForStarted() && m_process.waitForReadyRead(30'000))
            m_port = quint16(m_process.readLine().trimmed().toUInt());
    }
    ~ServerProcess()
    {
        m_process.closeWriteChannel();
        if (!m_process.waitForFinished(5'000))
            m_process.kill();
        m_process.waitForFinished();
    }
    quint16 port() const
    {
        return m_port;
    }

private:
    QProcess m_process;
    quint16 m_port = 0;
};

int serveUntilStdinCloses(int tokens, bool rich)
{
    Test::TestServer server;
    serve(server, tokens, rich);
    std::printf("%u\n", unsigned(server.port()));
    std::fflush(stdout);
    QSocketNotifier stdinClosed(0, QSocketNotifier::Read);
    QObject::connect(&stdinClosed, &QSocketNotifier::activated, [&] {
        char buf[256];
        if (::read(0, buf, sizeof buf) <= 0)
            QCoreApplication::quit();
    });
    return QCoreApplication::exec();
}

struct Result
{
    int messages = 0;
    double openMs = 0;
    double streamMs = 0;
    double maxStallMs = 0;    // wall clock: what the user sees, preemption included
    double maxStallCpuMs = 0; // the GUI thread's own CPU time within that gap
    double maxStallOwnMs = 0; // a gap less the time the GUI thread waited for a core in it
    double settleMs = 0;      // from the reply's end until all its code and math are shown
    int stallsOver50 = 0;
    double cpuUsPerToken = 0;
    int updates = 0;
    double rssMiB = 0; // resident memory of the whole process once the reply has landed
    QString state;
};

Result runOnce(ChatClient *client, const QString &baseUrl, int messages, int tokens)
{
    Result res;
    res.messages = messages;
    MainWindow window(client);
    ProviderConfig p;
    p.id = QStringLiteral("bench");
    p.baseUrl = baseUrl;
    window.setProviders({p}, p.id, QStringLiteral("bench"));
    window.resize(1200, 900);
    window.show();
    ConversationController *c = window.currentConversation();

    QElapsedTimer open;
    open.start();
    c->load(c->options(), history(messages));
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    res.openMs = open.nsecsElapsed() / 1e6;

    // The stall meter: a 1 ms timer; any longer gap is time the event loop was busy.
    QElapsedTimer gapClock;
    qint64 gapCpu = threadCpuNs();
    qint64 gapDelay = threadRunDelayNs();
    QTimer meter;
    meter.setTimerType(Qt::PreciseTimer);
    meter.setInterval(1);
    bool streaming = false;
    QObject::connect(&meter, &QTimer::timeout, [&] {
        const double gap = gapClock.nsecsElapsed() / 1e6 - 1.0;
        gapClock.restart();
        const qint64 cpuNow = threadCpuNs();
        const double cpuGap = (cpuNow - gapCpu) / 1e6;
        gapCpu = cpuNow;
        const qint64 delayNow = threadRunDelayNs();
        const double waited = (delayNow - gapDelay) / 1e6;
        gapDelay = delayNow;
        if (!streaming)
            return;
        res.maxStallMs = std::max(res.maxStallMs, gap);
        res.maxStallOwnMs = std::max(res.maxStallOwnMs, gap - waited);
        res.maxStallCpuMs = std::max(res.maxStallCpuMs, cpuGap);
        if (gap > 50)
            ++res.stallsOver50;
    });
    QObject::connect(c->model(), &QAbstractItemModel::dataChanged, [&] { ++res.updates; });

    QEventLoop loop;
    QObject::connect(c, &ConversationController::replyEnded, &loop, &QEventLoop::quit);
    QTimer::singleShot(300'000, &loop, &QEventLoop::quit);
    gapClock.start();
    meter.start();
    QElapsedTimer wall;
    wall.start();
    const qint64 cpu0 = threadCpuNs();
    streaming = true;
    c->send(QStringLiteral("Stream, please."));
    loop.exec();
    // Let the last update paint before the clocks stop.
    QCoreApplication::processEvents();
    res.streamMs = wall.nsecsElapsed() / 1e6;
    res.cpuUsPerToken = (threadCpuNs() - cpu0) / 1e3 / tokens;
    // Highlighting and formulas still on their way are shown after the reply's end: the
    // stalls that causes count too, until nothing has been pending for 100 ms.
    QElapsedTimer settle;
    settle.start();
    QElapsedTimer quiet;
    quiet.start();
    QTimer poll;
    QEventLoop settled;
    QObject::connect(&poll, &QTimer::timeout, [&] {
        if (RichTextEngine::exists() && RichTextEngine::instance()->pendingJobs() > 0)
            quiet.restart();
        if (quiet.elapsed() >= 100 || settle.elapsed() > 300'000)
            settled.quit();
    });
    poll.start(5);
    settled.exec();
    res.settleMs = std::max<qint64>(0, settle.elapsed() - quiet.elapsed());
    streaming = false;
    const ConversationMessage &reply = c->model()->message(c->model()->rowCount() - 1);
    res.state = messageStateName(reply.state);
    if (reply.content.size() != qsizetype(tokens) * 4)
        res.state += QStringLiteral(" (%1 chars!)").arg(reply.content.size());
    meter.stop();
    res.rssMiB = Bench::residentMiB();
    return res;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TracingApplication app(argc, argv);
    QTemporaryDir settingsDir;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("sluice-bench"));

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption tokensOpt(QStringLiteral("tokens"), QStringLiteral("Tokens."),
                                       QStringLiteral("N"), QStringLiteral("20000"));
    const QCommandLineOption sizesOpt(QStringLiteral("sizes"),
                                      QStringLiteral("Conversation lengths."),
                                      QStringLiteral("LIST"), QStringLiteral("0,100,1000,5000"));
    const QCommandLineOption runsOpt(QStringLiteral("runs"), QStringLiteral("Runs per size."),
                                     QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption csvOpt(QStringLiteral("csv"), QStringLiteral("Write a CSV."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption traceOpt(QStringLiteral("trace"),
                                      QStringLiteral("Print events that took over 20 ms."));
    const QCommandLineOption richOpt(QStringLiteral("rich"),
                                     QStringLiteral("Stream a reply of code and formulas."));
    const QCommandLineOption threadOpt(QStringLiteral("server-thread"),
                                       QStringLiteral("Run the server in this process."));
    const QCommandLineOption serveOpt(QStringLiteral("serve"),
                                      QStringLiteral("Only serve (the server process)."));
    parser.addOptions(
        {tokensOpt, sizesOpt, runsOpt, csvOpt, traceOpt, richOpt, threadOpt, serveOpt});
    parser.process(app);
    const int tokens = parser.value(tokensOpt).toInt();
    const int runs = qMax(1, parser.value(runsOpt).toInt());
    app.trace = parser.isSet(traceOpt);
    if (parser.isSet(serveOpt))
        return serveUntilStdinCloses(tokens, parser.isSet(richOpt));

    std::unique_ptr<ServerThread> thread;
    std::unique_ptr<ServerProcess> process;
    quint16 port = 0;
    if (parser.isSet(threadOpt)) {
        thread = std::make_unique<ServerThread>(tokens, parser.isSet(richOpt));
        thread->start();
        thread->waitReady();
        port = thread->port();
    } else {
        process = std::make_unique<ServerProcess>(tokens, parser.isSet(richOpt));
        port = process->port();
    }
    if (port == 0) {
        std::fprintf(stderr, "bench_gui_stream: the server did not start\n");
        return 1;
    }
    const QString baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(port);
    ChatClient client;

    QString csv = QStringLiteral("messages,open_ms,stream_ms,max_stall_ms,max_stall_cpu_ms,"
                                 "stalls_over_50ms,gui_cpu_us_per_token,updates,rss_mib,state,"
                                 "max_stall_own_ms,settle_ms\n");
    std::printf("%d tokens (%d characters) per reply, %d run(s) per size, the server %s\n\n",
                tokens, tokens * 4, runs,
                thread ? "in this process" : "in its own process and session");
    std::printf("| messages | layout of history (ms) | stream (ms) | longest stall, wall (ms) | "
                "longest stall, GUI CPU (ms) | longest stall less waiting for a core (ms) | "
                "stalls > 50 ms | GUI CPU per token (µs) | model updates | code and math "
                "shown after the end (ms) | RSS after (MiB) | end |\n");
    std::printf("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    const QStringList sizes = parser.value(sizesOpt).split(u',', Qt::SkipEmptyParts);
    for (const QString &size : sizes) {
        for (int run = 0; run < runs; ++run) {
            const Result r = runOnce(&client, baseUrl, size.toInt(), tokens);
            std::printf("| %d | %.0f | %.0f | %.1f | %.1f | %.1f | %d | %.2f | %d | %.0f | %.1f | "
                        "%s |\n",
                        r.messages, r.openMs, r.streamMs, r.maxStallMs, r.maxStallCpuMs,
                        r.maxStallOwnMs, r.stallsOver50, r.cpuUsPerToken, r.updates, r.settleMs,
                        r.rssMiB, qPrintable(r.state));
            std::fflush(stdout);
            csv += QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8,%9,%10,%11,%12\n")
                       .arg(r.messages)
                       .arg(r.openMs, 0, 'f', 1)
                       .arg(r.streamMs, 0, 'f', 1)
                       .arg(r.maxStallMs, 0, 'f', 2)
                       .arg(r.maxStallCpuMs, 0, 'f', 2)
                       .arg(r.stallsOver50)
                       .arg(r.cpuUsPerToken, 0, 'f', 3)
                       .arg(r.updates)
                       .arg(r.rssMiB, 0, 'f', 1)
                       .arg(r.state)
                       .arg(r.maxStallOwnMs, 0, 'f', 2)
                       .arg(r.settleMs, 0, 'f', 1);
        }
    }
    if (parser.isSet(csvOpt)) {
        QFile f(parser.value(csvOpt));
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            f.write(csv.toUtf8());
    }
    if (thread) {
        thread->quit();
        thread->wait();
    }
    return 0;
}
