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
//
// The measurements live in watchdogprecision.cpp and watchdogcost.cpp; this file reads the
// options, runs them and writes the CSVs.
#include "watchdogbench.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>

using namespace Sluice::Bench::Watchdog;

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

    QString precisionCsv;
    std::optional<QStringList> onlyCases;
    if (parser.isSet(QStringLiteral("cases")))
        onlyCases = parser.value(QStringLiteral("cases")).split(u',');
    const bool allOk = measurePrecision(onlyCases, limits, runs, precisionCsv);
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

    QString costCsv;
    if (!measureChunkCost(chunks, runs, costCsv))
        return 1;

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
