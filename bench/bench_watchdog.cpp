// Watchdog benchmark (issue 3, "Measured, not assumed"):
//
// 1. Precision: for the connect, first-token, idle and total limits at several settings, the
//    time from the deadline to the reply's failed() signal. The deadline is taken from the
//    client's side of the same clock: when the phase began (connect, total: when the request
//    was made; first-token: when the reply entered Waiting; idle: the last token's delta).
//    Target: within 250 ms. The load phase as Ollama has it (issue 13), against FakeLlm's
//    imitation of Ollama's scheduler: the load limit during a cold load (native and /v1;
//    deadline: when the request was sent + limit), the first-token limit after a load that
//    ends in silence (deadline: the reply left LoadingModel + limit), and the boundary itself
//    (the server's end of the load → the reply entering Waiting; "set to" is the load time).
// 2. Per-chunk cost: the same fast stream (FakeLlm's benchmark mode, server in its own thread)
//    through ChatReply with every limit on vs every limit off (0), alternating in one run;
//    client CPU per chunk (process CPU minus the server thread's) and wall per chunk.
//
//   bench_watchdog [--runs N] [--limits 200,1000,3000] [--chunks N] [--csv-dir DIR]
//                  [--cases connect,first-token,idle,total,load,load-v1,first-token-after-load,
//                   boundary,boundary-v1] [--no-cost]
#include "core/chat/chatclient.h"
#include "fakellm.h"
#include "testserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <memory>

using namespace Sluice;
using namespace Sluice::Test;

namespace {

QElapsedTimer g_clock;

double nowMs()
{
    return double(g_clock.nsecsElapsed()) / 1e6;
}

double cpuSeconds(clockid_t id)
{
    timespec ts{};
    clock_gettime(id, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

struct Stats
{
    double median = 0, min = 0, max = 0;
};

Stats stats(QList<double> v)
{
    std::sort(v.begin(), v.end());
    Stats s;
    if (v.isEmpty())
        return s;
    const qsizetype n = v.size();
    s.median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    s.min = v.front();
    s.max = v.back();
    return s;
}

void out(const QString &line)
{
    std::fputs(qPrintable(line + u'\n'), stdout);
    std::fflush(stdout);
}

// Accepts TCP and never speaks: an https URL to it stays in the TLS handshake (connecting).
class SilentServer : public QObject
{
public:
    bool listen()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection())
                s->setParent(this);
        });
        return m_server.listen(QHostAddress::LocalHost);
    }
    QString httpsUrl() const
    {
        return QStringLiteral("https://127.0.0.1:%1/v1").arg(m_server.serverPort());
    }

private:
    QTcpServer m_server;
};

ProviderConfig provider(ProviderType type, const QString &baseUrl, const Timeouts &t)
{
    ProviderConfig c;
    c.id = c.name = QStringLiteral("bench");
    c.type = type;
    c.baseUrl = baseUrl;
    c.maxRetries = 0;
    c.timeouts = t;
    return c;
}

ChatRequest request()
{
    ChatRequest r;
    r.model = QStringLiteral("llama3.2:3b");
    r.messages.append({QStringLiteral("user"), QStringLiteral("benchmark"), {}, {}});
    return r;
}

QByteArray sseToken(int i)
{
    return R"(data: {"choices":[{"index":0,"delta":{"content":"t)" + QByteArray::number(i) +
           R"( "},"finish_reason":null}]})" "\n\n";
}

struct Outcome
{
    double overshootMs = 0;
    bool ok = false;
    QString message;
};

enum class Case {
    Connect,
    FirstToken,
    Idle,
    Total,
    Load,
    LoadV1,
    FirstTokenAfterLoad,
    Boundary,
    BoundaryV1
};
const QList<Case> AllCases = {
    Case::Connect, Case::FirstToken,          Case::Idle,     Case::Total,     Case::Load,
    Case::LoadV1,  Case::FirstTokenAfterLoad, Case::Boundary, Case::BoundaryV1};

QString caseName(Case c)
{
    switch (c) {
    case Case::Connect:
        return QStringLiteral("connect");
    case Case::FirstToken:
        return QStringLiteral("first-token");
    case Case::Idle:
        return QStringLiteral("idle");
    case Case::Total:
        return QStringLiteral("total");
    case Case::Load:
        return QStringLiteral("load");
    case Case::LoadV1:
        return QStringLiteral("load-v1");
    case Case::FirstTokenAfterLoad:
        return QStringLiteral("first-token-after-load");
    case Case::Boundary:
        return QStringLiteral("boundary");
    case Case::BoundaryV1:
        return QStringLiteral("boundary-v1");
    }
    return {};
}

// The sentence the failure must carry ("" for the boundary cases, which must not fail).
QString expectedLimit(Case c)
{
    switch (c) {
    case Case::Total:
        return QStringLiteral("(total limit)");
    case Case::Load:
    case Case::LoadV1:
        return QStringLiteral("(load limit)");
    case Case::FirstTokenAfterLoad:
        return QStringLiteral("(first-token limit)");
    case Case::Boundary:
    case Case::BoundaryV1:
        return {};
    default:
        return QStringLiteral("(%1 limit)").arg(caseName(c));
    }
}

// The load cases: a cold model behind FakeLlm's imitation of Ollama's scheduler.
Outcome runLoad(Case which, int limitMs)
{
    Timeouts t{0, 0, 0, 0, 0};
    TestServer server;
    server.listen();
    FakeLlmOptions options;
    const bool v1 = which == Case::LoadV1 || which == Case::BoundaryV1;
    const bool boundary = which == Case::Boundary || which == Case::BoundaryV1;
    switch (which) {
    case Case::Load:
    case Case::LoadV1:
        t.loadMs = limitMs;
        options.loadDelayMs = limitMs + 5000;
        break;
    case Case::FirstTokenAfterLoad:
        t.firstTokenMs = limitMs;
        options.loadDelayMs = 500;
        options.silenceAfterLoadMs = -1;
        break;
    default: // the boundary: the load takes limitMs, then a pause, then the reply
        options.loadDelayMs = limitMs;
        options.silenceAfterLoadMs = 300;
        break;
    }
    FakeLlm::install(server, options);
    // The server starts the load when the first request of the chat arrives.
    double loadStarted = -1;
    QObject::connect(&server, &TestServer::requestReceived, &server, [&](const RecordedRequest &r) {
        if (loadStarted < 0 && r.method == "POST")
            loadStarted = nowMs();
    });
    ChatClient client;
    QEventLoop loop;
    double deadline = 0;
    double sentAt = -1;
    double waitingAt = -1;
    double failedAt = -1;
    bool wasLoading = false;
    Outcome o;
    const QString base = v1 ? server.url(u"/v1").toString() : server.url().toString();
    ChatReply *reply =
        client.chat(provider(v1 ? ProviderType::OpenAI : ProviderType::Ollama, base, t), request());
    QObject::connect(reply, &ChatReply::phaseChanged, &loop, [&](ChatReply::Phase p) {
        if (sentAt < 0 && p != ChatReply::Phase::Connecting)
            sentAt = nowMs();
        if (p == ChatReply::Phase::LoadingModel)
            wasLoading = true;
        if (p == ChatReply::Phase::Waiting && wasLoading && waitingAt < 0)
            waitingAt = nowMs();
    });
    QObject::connect(reply, &ChatReply::failed, &loop, [&](const ChatError &e) {
        failedAt = nowMs();
        o.message = e.message;
        o.ok = !boundary && e.kind == ChatError::Kind::Stalled &&
               e.message.contains(expectedLimit(which));
        loop.quit();
    });
    QObject::connect(reply, &ChatReply::finished, &loop, [&] {
        o.ok = boundary && waitingAt >= 0;
        if (!o.ok)
            o.message = QStringLiteral("finished without the expected phases");
        loop.quit();
    });
    QTimer::singleShot(limitMs + 15'000, &loop, &QEventLoop::quit);
    loop.exec();
    if (boundary) {
        o.overshootMs = waitingAt - (loadStarted + limitMs);
    } else {
        deadline = which == Case::FirstTokenAfterLoad ? waitingAt + limitMs : sentAt + limitMs;
        o.overshootMs = failedAt - deadline;
        if (failedAt < 0 || sentAt < 0 || (which == Case::FirstTokenAfterLoad && waitingAt < 0))
            o.ok = false;
    }
    delete reply;
    return o;
}

Outcome runLimit(Case which, int limitMs)
{
    if (which >= Case::Load)
        return runLoad(which, limitMs);
    Timeouts t{0, 0, 0, 0, 0};
    TestServer server;
    SilentServer silent;
    QString base;
    if (which == Case::Connect) {
        silent.listen();
        base = silent.httpsUrl();
        t.connectMs = limitMs;
    } else {
        server.listen();
        base = server.url(u"/v1").toString();
        Response &r = server.on("POST", "/v1/chat/completions").contentType("text/event-stream");
        switch (which) {
        case Case::FirstToken:
            t.firstTokenMs = limitMs;
            r.write(": keep-alive\n\n").hold(); // headers and a comment (no progress), then nothing
            break;
        case Case::Idle:
            t.idleMs = limitMs;
            r.write(sseToken(0) + sseToken(1) + sseToken(2)).hold();
            break;
        case Case::Total: {
            t.totalMs = limitMs;
            QList<QByteArray> pieces; // a steady drip that outlasts every limit
            for (int i = 0; i < (limitMs + 2000) / 50; ++i)
                pieces.append(sseToken(i));
            r.drip(pieces, 50).hold();
            break;
        }
        default: // Connect above; the load cases are runLoad()'s
            break;
        }
    }

    ChatClient client;
    QEventLoop loop;
    double deadline = 0;
    double failedAt = -1;
    Outcome o;
    const double requested = nowMs();
    ChatReply *reply = client.chat(provider(ProviderType::OpenAI, base, t), request());
    if (which == Case::Connect || which == Case::Total)
        deadline = requested + limitMs;
    QObject::connect(reply, &ChatReply::phaseChanged, &loop, [&](ChatReply::Phase p) {
        if (which == Case::FirstToken && p == ChatReply::Phase::Waiting)
            deadline = nowMs() + limitMs;
    });
    QObject::connect(reply, &ChatReply::contentDelta, &loop, [&](const QString &) {
        if (which == Case::Idle)
            deadline = nowMs() + limitMs;
    });
    QObject::connect(reply, &ChatReply::failed, &loop, [&](const ChatError &e) {
        failedAt = nowMs();
        o.message = e.message;
        o.ok =
            e.message.contains(expectedLimit(which)) &&
            e.kind == (which == Case::Total ? ChatError::Kind::Timeout : ChatError::Kind::Stalled);
        loop.quit();
    });
    QObject::connect(reply, &ChatReply::finished, &loop, [&] { loop.quit(); });
    QTimer::singleShot(limitMs + 10'000, &loop, &QEventLoop::quit);
    loop.exec();
    o.overshootMs = failedAt - deadline;
    if (failedAt < 0 || deadline == 0)
        o.ok = false;
    delete reply;
    return o;
}

// --- per-chunk cost ---------------------------------------------------------------------

class ServerThread
{
public:
    explicit ServerThread(qint64 chunks)
    {
        m_server = new TestServer;
        FakeLlmOptions options;
        options.benchChunks = chunks;
        FakeLlm::install(*m_server, options);
        m_server->moveToThread(&m_thread);
        m_thread.start();
        QMetaObject::invokeMethod(
            m_server, [this] { m_server->listen(); }, Qt::BlockingQueuedConnection);
    }
    ~ServerThread()
    {
        QMetaObject::invokeMethod(
            m_server, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    QString url(QStringView path) const { return m_server->url(path).toString(); }
    double cpuSeconds()
    {
        double s = 0;
        QMetaObject::invokeMethod(
            m_server, [&s] { s = ::cpuSeconds(CLOCK_THREAD_CPUTIME_ID); },
            Qt::BlockingQueuedConnection);
        return s;
    }

private:
    QThread m_thread;
    TestServer *m_server;
};

struct StreamRun
{
    double wallS = 0;
    double clientCpuS = 0;
    int chunks = 0;
    bool ok = false;
};

StreamRun streamOnce(ServerThread &server, ChatClient &client, ProviderType type, bool limitsOn)
{
    // Limits far above the run's length, so none fires; "off" switches every one off.
    const Timeouts on{10'000, 120'000, 300'000, 60'000, 600'000};
    const Timeouts off{0, 0, 0, 0, 0};
    const QString base =
        type == ProviderType::OpenAI ? server.url(u"/v1") : server.url(u"");
    QEventLoop loop;
    StreamRun r;
    const double serverCpu0 = server.cpuSeconds();
    const double cpu0 = cpuSeconds(CLOCK_PROCESS_CPUTIME_ID);
    QElapsedTimer wall;
    wall.start();
    ChatReply *reply = client.chat(provider(type, base, limitsOn ? on : off), request());
    QObject::connect(reply, &ChatReply::finished, &loop, [&] {
        r.ok = true;
        loop.quit();
    });
    QObject::connect(reply, &ChatReply::failed, &loop, [&](const ChatError &e) {
        out(QStringLiteral("stream failed: ") + e.message);
        loop.quit();
    });
    loop.exec();
    r.wallS = double(wall.nsecsElapsed()) / 1e9;
    const double cpu = cpuSeconds(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
    r.clientCpuS = cpu - (server.cpuSeconds() - serverCpu0);
    r.chunks = reply->chunks();
    delete reply;
    return r;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Stall watchdog precision and per-chunk cost."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("runs"), QStringLiteral("Runs per measurement (default 5)."),
         QStringLiteral("N"), QStringLiteral("5")},
        {QStringLiteral("limits"), QStringLiteral("Limits in ms (default 200,1000,3000)."),
         QStringLiteral("LIST"), QStringLiteral("200,1000,3000")},
        {QStringLiteral("chunks"), QStringLiteral("Chunks per stream (default 200000)."),
         QStringLiteral("N"), QStringLiteral("200000")},
        {QStringLiteral("csv-dir"), QStringLiteral("Write CSVs here."), QStringLiteral("DIR")},
        {QStringLiteral("cases"), QStringLiteral("Precision cases to run (default: all)."),
         QStringLiteral("LIST")},
        {QStringLiteral("no-cost"), QStringLiteral("Skip the per-chunk cost measurement.")},
    });
    parser.process(app);
    const int runs = qMax(1, parser.value(QStringLiteral("runs")).toInt());
    const qint64 chunks = qMax<qint64>(1000, parser.value(QStringLiteral("chunks")).toLongLong());
    QList<int> limits;
    for (const QString &s : parser.value(QStringLiteral("limits")).split(u','))
        limits.append(s.toInt());
    const QString csvDir = parser.value(QStringLiteral("csv-dir"));
    g_clock.start();

    // 1. precision
    QString precisionCsv = QStringLiteral("limit,limit_ms,run,overshoot_ms,ok\n");
    out(QStringLiteral("Watchdog precision: ms from the deadline to failed(); %1 runs each").arg(runs));
    out({});
    out(QStringLiteral(
        "| limit                  | set to  | median ms | min ms | max ms | within 250 ms |"));
    out(QStringLiteral(
        "|------------------------|---------|-----------|--------|--------|---------------|"));
    bool allOk = true;
    QList<Case> cases = AllCases;
    if (parser.isSet(QStringLiteral("cases"))) {
        const QStringList names = parser.value(QStringLiteral("cases")).split(u',');
        cases.removeIf([&names](Case c) { return !names.contains(caseName(c)); });
    }
    for (Case c : std::as_const(cases)) {
        for (int limit : limits) {
            QList<double> samples;
            bool ok = true;
            for (int i = 0; i < runs; ++i) {
                const Outcome o = runLimit(c, limit);
                if (!o.ok) {
                    ok = false;
                    out(QStringLiteral("  unexpected outcome (%1 %2 ms): %3")
                            .arg(caseName(c))
                            .arg(limit)
                            .arg(o.message));
                }
                samples.append(o.overshootMs);
                precisionCsv += QStringLiteral("%1,%2,%3,%4,%5\n")
                                    .arg(caseName(c))
                                    .arg(limit)
                                    .arg(i)
                                    .arg(o.overshootMs, 0, 'f', 3)
                                    .arg(o.ok ? 1 : 0);
            }
            const Stats s = stats(samples);
            const bool met = ok && s.max <= 250 && s.min >= 0;
            allOk = allOk && met;
            out(QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 |")
                    .arg(caseName(c), -22)
                    .arg(QString::number(limit) + QStringLiteral(" ms"), -7)
                    .arg(s.median, 9, 'f', 1)
                    .arg(s.min, 6, 'f', 1)
                    .arg(s.max, 6, 'f', 1)
                    .arg(met ? QStringLiteral("yes") : QStringLiteral("NO"), -13));
        }
    }
    out({});
    if (parser.isSet(QStringLiteral("no-cost"))) {
        if (!csvDir.isEmpty()) {
            QDir().mkpath(csvDir);
            QFile f(csvDir + u"/watchdog_precision.csv");
            if (!f.open(QIODevice::WriteOnly) || f.write(precisionCsv.toUtf8()) < 0) {
                out(QStringLiteral("cannot write ") + f.fileName());
                return 1;
            }
        }
        return allOk ? 0 : 2;
    }

    // 2. per-chunk cost of an idle watchdog
    QString costCsv =
        QStringLiteral("protocol,watchdog,run,chunks,wall_s,client_cpu_s,wall_ns_per_chunk,"
                       "cpu_ns_per_chunk\n");
    out(QStringLiteral("Idle watchdog cost: %1 chunks through ChatReply, limits on vs off, "
                       "alternating; %2 runs each; client CPU = process − server thread")
            .arg(chunks)
            .arg(runs));
    out({});
    out(QStringLiteral("| protocol | watchdog | wall ns/chunk (median, min–max) | client CPU ns/chunk (median, min–max) |"));
    out(QStringLiteral("|----------|----------|---------------------------------|---------------------------------------|"));
    ServerThread server(chunks);
    ChatClient client;
    QStringList diffLines;
    for (ProviderType type : {ProviderType::Ollama, ProviderType::OpenAI}) {
        const QString proto = type == ProviderType::Ollama ? QStringLiteral("ndjson")
                                                           : QStringLiteral("sse");
        streamOnce(server, client, type, true); // warm-up
        QList<double> wall[2], cpu[2], diffCpu, diffWall;
        for (int i = 0; i < runs; ++i) {
            StreamRun pair[2];
            for (int k = 0; k < 2; ++k) {
                // ABBA: alternate which goes first so drift hits both alike.
                const bool on = (i % 2 == 0) ? k == 0 : k == 1;
                const StreamRun r = streamOnce(server, client, type, on);
                if (!r.ok || r.chunks != chunks) {
                    out(QStringLiteral("  stream did not complete: %1 chunks").arg(r.chunks));
                    return 1;
                }
                pair[on ? 1 : 0] = r;
                const double wns = r.wallS * 1e9 / double(chunks);
                const double cns = r.clientCpuS * 1e9 / double(chunks);
                wall[on ? 1 : 0].append(wns);
                cpu[on ? 1 : 0].append(cns);
                costCsv += QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8\n")
                               .arg(proto, on ? QStringLiteral("on") : QStringLiteral("off"))
                               .arg(i)
                               .arg(chunks)
                               .arg(r.wallS, 0, 'f', 4)
                               .arg(r.clientCpuS, 0, 'f', 4)
                               .arg(wns, 0, 'f', 1)
                               .arg(cns, 0, 'f', 1);
            }
            diffCpu.append((pair[1].clientCpuS - pair[0].clientCpuS) * 1e9 / double(chunks));
            diffWall.append((pair[1].wallS - pair[0].wallS) * 1e9 / double(chunks));
        }
        for (int k = 0; k < 2; ++k) {
            const Stats w = stats(wall[k]);
            const Stats c = stats(cpu[k]);
            out(QStringLiteral("| %1 | %2 | %3 (%4–%5) | %6 (%7–%8) |")
                    .arg(proto, -8)
                    .arg(k ? QStringLiteral("on") : QStringLiteral("off"), -8)
                    .arg(w.median, 0, 'f', 0)
                    .arg(w.min, 0, 'f', 0)
                    .arg(w.max, 0, 'f', 0)
                    .arg(c.median, 0, 'f', 0)
                    .arg(c.min, 0, 'f', 0)
                    .arg(c.max, 0, 'f', 0));
        }
        const Stats dc = stats(diffCpu);
        const Stats dw = stats(diffWall);
        diffLines << QStringLiteral("%1: on − off per chunk, median of %2 paired runs: CPU %3 ns "
                                    "(%4 … %5), wall %6 ns (%7 … %8)")
                         .arg(proto)
                         .arg(runs)
                         .arg(dc.median, 0, 'f', 1)
                         .arg(dc.min, 0, 'f', 1)
                         .arg(dc.max, 0, 'f', 1)
                         .arg(dw.median, 0, 'f', 1)
                         .arg(dw.min, 0, 'f', 1)
                         .arg(dw.max, 0, 'f', 1);
    }
    out({});
    for (const QString &l : diffLines)
        out(l);

    if (!csvDir.isEmpty()) {
        QDir().mkpath(csvDir);
        QFile p(csvDir + QStringLiteral("/watchdog_precision.csv"));
        if (p.open(QIODevice::WriteOnly))
            p.write(precisionCsv.toUtf8());
        QFile c(csvDir + QStringLiteral("/watchdog_chunk_cost.csv"));
        if (c.open(QIODevice::WriteOnly))
            c.write(costCsv.toUtf8());
    }
    return allOk ? 0 : 1;
}
