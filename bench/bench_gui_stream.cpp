// bench_gui_stream: how the window copes with a fast stream as the conversation grows.
//
// The real MainWindow (offscreen unless QT_QPA_PLATFORM says otherwise) holds N long
// Markdown messages; a loopback Ollama in its own thread streams T tokens of Markdown
// (paragraphs, lists, code, a table) as fast as the socket takes them. Reported per N:
// the longest stall of the GUI event loop while the reply streams (a 1 ms precise timer
// measures it), how many stalls passed 50 ms, the GUI thread's CPU time per token, the
// wall time of the stream, and the time the window took to lay out the N messages.
//
//   bench_gui_stream [--tokens 20000] [--sizes 0,100,1000,5000] [--runs 1] [--csv FILE]
//                    [--rich]   (the reply is code and formulas: Bench::richReply())
#include "benchsupport.h"
#include "core/chat/chatclient.h"
#include "session/conversationcontroller.h"
#include "gui/conversation/conversationview.h"
#include "gui/window/mainwindow.h"
#include "testserver.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSemaphore>
#include <QSettings>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>

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
        server.on("GET", "/api/tags").json(R"({"models":[{"name":"bench","model":"bench"}]})");
        server.on("GET", "/api/ps").json(R"({"models":[]})");
        const int tokens = m_tokens;
        const bool rich = m_rich;
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

struct Result
{
    int messages = 0;
    double openMs = 0;
    double streamMs = 0;
    double maxStallMs = 0;    // wall clock: what the user sees, preemption included
    double maxStallCpuMs = 0; // the GUI thread's own CPU time within that gap
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
        if (!streaming)
            return;
        res.maxStallMs = std::max(res.maxStallMs, gap);
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
    streaming = false;
    res.streamMs = wall.nsecsElapsed() / 1e6;
    res.cpuUsPerToken = (threadCpuNs() - cpu0) / 1e3 / tokens;
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
    parser.addOptions({tokensOpt, sizesOpt, runsOpt, csvOpt, traceOpt, richOpt});
    parser.process(app);
    const int tokens = parser.value(tokensOpt).toInt();
    const int runs = qMax(1, parser.value(runsOpt).toInt());
    app.trace = parser.isSet(traceOpt);

    ServerThread server(tokens, parser.isSet(richOpt));
    server.start();
    server.waitReady();
    const QString baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(server.port());
    ChatClient client;

    QString csv = QStringLiteral("messages,open_ms,stream_ms,max_stall_ms,max_stall_cpu_ms,"
                                 "stalls_over_50ms,gui_cpu_us_per_token,updates,rss_mib,state\n");
    std::printf("%d tokens (%d characters) per reply, %d run(s) per size\n\n", tokens, tokens * 4,
                runs);
    std::printf("| messages | layout of history (ms) | stream (ms) | longest stall, wall (ms) | "
                "longest stall, GUI CPU (ms) | stalls > 50 ms | GUI CPU per token (µs) | "
                "model updates | RSS after (MiB) | end |\n");
    std::printf("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    const QStringList sizes = parser.value(sizesOpt).split(u',', Qt::SkipEmptyParts);
    for (const QString &size : sizes) {
        for (int run = 0; run < runs; ++run) {
            const Result r = runOnce(&client, baseUrl, size.toInt(), tokens);
            std::printf("| %d | %.0f | %.0f | %.1f | %.1f | %d | %.2f | %d | %.1f | %s |\n",
                        r.messages, r.openMs, r.streamMs, r.maxStallMs, r.maxStallCpuMs,
                        r.stallsOver50, r.cpuUsPerToken, r.updates, r.rssMiB,
                        qPrintable(r.state));
            std::fflush(stdout);
            csv += QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8,%9,%10\n")
                       .arg(r.messages)
                       .arg(r.openMs, 0, 'f', 1)
                       .arg(r.streamMs, 0, 'f', 1)
                       .arg(r.maxStallMs, 0, 'f', 2)
                       .arg(r.maxStallCpuMs, 0, 'f', 2)
                       .arg(r.stallsOver50)
                       .arg(r.cpuUsPerToken, 0, 'f', 3)
                       .arg(r.updates)
                       .arg(r.rssMiB, 0, 'f', 1)
                       .arg(r.state);
        }
    }
    if (parser.isSet(csvOpt)) {
        QFile f(parser.value(csvOpt));
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            f.write(csv.toUtf8());
    }
    server.quit();
    server.wait();
    return 0;
}
