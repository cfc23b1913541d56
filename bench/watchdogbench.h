// What the watchdog benchmark's parts share (bench_watchdog.cpp runs them): the table printer,
// statistics, CPU clocks, the provider and request every measurement sends, and the two
// measurements, each in its own file.
#pragma once

#include "core/chat/chatclient.h"

#include <QList>
#include <QString>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <optional>

namespace Sluice::Bench::Watchdog {

inline double cpuSeconds(clockid_t id)
{
    timespec ts{};
    clock_gettime(id, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

struct Stats
{
    double median = 0, min = 0, max = 0;
};

inline Stats stats(QList<double> v)
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

inline void out(const QString &line)
{
    std::fputs(qPrintable(line + u'\n'), stdout);
    std::fflush(stdout);
}

inline ProviderConfig provider(ProviderType type, const QString &baseUrl, const Timeouts &t)
{
    ProviderConfig c;
    c.id = c.name = QStringLiteral("bench");
    c.type = type;
    c.baseUrl = baseUrl;
    c.maxRetries = 0;
    c.timeouts = t;
    return c;
}

inline ChatRequest request()
{
    ChatRequest r;
    r.model = QStringLiteral("llama3.2:3b");
    r.messages.append({QStringLiteral("user"), QStringLiteral("benchmark"), {}, {}});
    return r;
}

// 1. Precision (watchdogprecision.cpp): each case (only those named in onlyCases when given)
// at each limit, `runs` times; prints the table, appends the rows to csv (header included).
// True when every case and limit stayed within 250 ms.
bool measurePrecision(const std::optional<QStringList> &onlyCases, const QList<int> &limits,
                      int runs, QString &csv);

// 2. Per-chunk cost of an idle watchdog (watchdogcost.cpp): prints the table and the paired
// differences, appends the rows to csv (header included). False when a stream did not complete.
bool measureChunkCost(qint64 chunks, int runs, QString &csv);

} // namespace Sluice::Bench::Watchdog
