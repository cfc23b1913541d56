// The watchdog benchmark's second part: what an idle watchdog costs per chunk. The same fast
// stream (FakeLlm's benchmark mode, server in its own thread) through ChatReply with every
// limit on vs every limit off, alternating in one run.
#include "watchdogbench.h"

#include "core/chat/chatclient.h"
#include "fakellm.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QStringList>
#include <QThread>

using namespace Sluice;
using namespace Sluice::Test;

namespace Sluice::Bench::Watchdog {

namespace {

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
            m_server, [&s] { s = Watchdog::cpuSeconds(CLOCK_THREAD_CPUTIME_ID); },
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

bool measureChunkCost(qint64 chunks, int runs, QString &csv)
{
    csv += QStringLiteral("protocol,watchdog,run,chunks,wall_s,client_cpu_s,wall_ns_per_chunk,"
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
                    return false;
                }
                pair[on ? 1 : 0] = r;
                const double wns = r.wallS * 1e9 / double(chunks);
                const double cns = r.clientCpuS * 1e9 / double(chunks);
                wall[on ? 1 : 0].append(wns);
                cpu[on ? 1 : 0].append(cns);
                csv += QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8\n")
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
    return true;
}

} // namespace Sluice::Bench::Watchdog
