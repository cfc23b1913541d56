// The watchdog benchmark's first part: precision. For each limit, the time from its deadline
// to the reply's failed() signal (see bench_watchdog.cpp for how each deadline is taken).
#include "watchdogbench.h"

#include "core/chat/chatclient.h"
#include "fakellm.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

using namespace Sluice;
using namespace Sluice::Test;

namespace Sluice::Bench::Watchdog {

namespace {

QElapsedTimer g_clock;

double nowMs()
{
    return double(g_clock.nsecsElapsed()) / 1e6;
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

} // namespace

bool measurePrecision(const std::optional<QStringList> &onlyCases, const QList<int> &limits,
                      int runs, QString &csv)
{
    g_clock.start();
    csv += QStringLiteral("limit,limit_ms,run,overshoot_ms,ok\n");
    out(QStringLiteral("Watchdog precision: ms from the deadline to failed(); %1 runs each").arg(runs));
    out({});
    out(QStringLiteral(
        "| limit                  | set to  | median ms | min ms | max ms | within 250 ms |"));
    out(QStringLiteral(
        "|------------------------|---------|-----------|--------|--------|---------------|"));
    bool allOk = true;
    QList<Case> cases = AllCases;
    if (onlyCases) {
        const QStringList &names = *onlyCases;
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
                csv += QStringLiteral("%1,%2,%3,%4,%5\n")
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
    return allOk;
}

} // namespace Sluice::Bench::Watchdog
