// sluice-testserver: the FakeLlm persona as a standalone server, for benchmarks, screenshot
// scripts and the npm protocol proof. Prints "listening on http://127.0.0.1:PORT" first.
#include "fakellm.h"
#include "testserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <memory>

using namespace Sluice::Test;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("sluice-testserver"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "A fake LLM server speaking Ollama's native API, OpenAI Chat Completions and "
        "Anthropic Messages on 127.0.0.1, for tests and benchmarks."));
    parser.addHelpOption();
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("Port to listen on (default: any free port)."),
                                  QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption reply(QStringLiteral("reply"), QStringLiteral("The reply text."),
                                   QStringLiteral("TEXT"));
    const QCommandLineOption thinking(QStringLiteral("thinking"),
                                      QStringLiteral("Thinking text sent before the reply."),
                                      QStringLiteral("TEXT"));
    const QCommandLineOption tokenDelay(QStringLiteral("token-delay"),
                                        QStringLiteral("Pause between tokens in ms."),
                                        QStringLiteral("MS"), QStringLiteral("0"));
    const QCommandLineOption loadDelay(
        QStringLiteral("load-delay"),
        QStringLiteral("Model load time in ms (Ollama sends nothing meanwhile)."),
        QStringLiteral("MS"), QStringLiteral("0"));
    const QCommandLineOption numCtx(
        QStringLiteral("num-ctx"),
        QStringLiteral("Ollama's default context window in tokens: a longer prompt is cut as "
                       "Ollama cuts it, silently; 0: never cut."),
        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption silence(
        QStringLiteral("silence-after-load"),
        QStringLiteral("Silence after the load before the first chunk in ms; =-1: forever."),
        QStringLiteral("MS"), QStringLiteral("0"));
    const QCommandLineOption notOllama(
        QStringLiteral("not-ollama"),
        QStringLiteral("No Ollama API (/, /api/*): an OpenAI-compatible server only."));
    const QCommandLineOption models(QStringLiteral("models"),
                                    QStringLiteral("Comma-separated installed models."),
                                    QStringLiteral("a,b"));
    const QCommandLineOption apiKey(QStringLiteral("api-key"),
                                    QStringLiteral("Require this API key (OpenAI, Anthropic)."),
                                    QStringLiteral("K"));
    const QCommandLineOption splitBytes(
        QStringLiteral("split-bytes"),
        QStringLiteral("Split every write into writes of N bytes, a few ms apart."),
        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption splitUtf8(
        QStringLiteral("split-utf8"),
        QStringLiteral("Split every write inside each multi-byte UTF-8 character."));
    const QCommandLineOption benchChunks(
        QStringLiteral("bench-chunks"),
        QStringLiteral("Stream N chunks of the bench token as fast as possible."),
        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption benchToken(QStringLiteral("bench-token"),
                                        QStringLiteral("The token of --bench-chunks."),
                                        QStringLiteral("TEXT"));
    const QCommandLineOption fault(
        QStringLiteral("fault"),
        QStringLiteral("Act out a fault: error, drop, stall, end-without-marker, hold-after-end, "
                       "keepalive-forever, repeat-guard (Ollama: 31 \"e\", then silence)."),
        QStringLiteral("NAME"));
    const QCommandLineOption faultAfter(QStringLiteral("fault-after"),
                                        QStringLiteral("Tokens sent before the fault."),
                                        QStringLiteral("N"), QStringLiteral("3"));
    // Ollama's pace by default, so that a pull's progress can be watched for a few seconds.
    const QCommandLineOption pullDelay(
        QStringLiteral("pull-delay"),
        QStringLiteral("Pause between a pull's progress lines in ms (Ollama: 60)."),
        QStringLiteral("MS"), QStringLiteral("60"));
    const QCommandLineOption pullStep(
        QStringLiteral("pull-step-bytes"),
        QStringLiteral("Bytes a pull progresses per line (a 3 MB layer, then two small ones)."),
        QStringLiteral("N"), QStringLiteral("50000"));
    const QCommandLineOption toolCall(
        QStringLiteral("tool-call"),
        QStringLiteral("When a request offers tools, first ask for this call (repeat for parallel "
                       "calls): NAME=ARGUMENTS-JSON."),
        QStringLiteral("CALL"));
    const QCommandLineOption verbose(QStringLiteral("verbose"),
                                     QStringLiteral("Log each request line to stderr."));
    const QCommandLineOption tellTokens(
        QStringLiteral("tell-tokens"),
        QStringLiteral(
            "Print \"sent N\" on stdout as each streamed event goes out (N: all so far)."));
    parser.addOption(tellTokens);
    parser.addOption(numCtx);
    parser.addOptions({port, reply, thinking, tokenDelay, loadDelay, silence, notOllama, models,
                       apiKey, splitBytes, splitUtf8, benchChunks, benchToken, fault, faultAfter,
                       pullDelay, pullStep, toolCall, verbose});
    parser.process(app);

    const auto number = [&parser](const QCommandLineOption &option) -> qint64 {
        bool ok = false;
        const qint64 n = parser.value(option).toLongLong(&ok);
        if (!ok || n < 0) {
            std::fprintf(stderr, "sluice-testserver: --%s needs a non-negative number\n",
                         qPrintable(option.names().constFirst()));
            std::exit(2);
        }
        return n;
    };

    FakeLlmOptions options;
    if (parser.isSet(reply))
        options.reply = parser.value(reply).toUtf8();
    options.thinking = parser.value(thinking).toUtf8();
    options.tokenDelayMs = int(number(tokenDelay));
    options.loadDelayMs = int(number(loadDelay));
    options.ollamaContextLength = int(number(numCtx));
    options.silenceAfterLoadMs = parser.value(silence) == u"-1" ? -1 : int(number(silence));
    options.ollamaApi = !parser.isSet(notOllama);
    options.splitWritesEvery = int(number(splitBytes));
    options.splitInsideUtf8 = parser.isSet(splitUtf8);
    options.benchChunks = number(benchChunks);
    if (parser.isSet(benchToken))
        options.benchToken = parser.value(benchToken).toUtf8();
    options.apiKey = parser.value(apiKey).toUtf8();
    if (parser.isSet(models)) {
        options.models.clear();
        const QStringList names = parser.value(models).split(u',', Qt::SkipEmptyParts);
        for (const QString &name : names)
            options.models.append(name.trimmed().toUtf8());
    }

    const QStringList calls = parser.values(toolCall);
    for (const QString &call : calls) {
        const qsizetype eq = call.indexOf(u'=');
        options.toolCalls.append({"call_sluice_" + QByteArray::number(options.toolCalls.size()),
                                  call.left(eq).toUtf8(),
                                  eq < 0 ? QByteArray("{}") : call.mid(eq + 1).toUtf8()});
    }
    if (parser.isSet(tellTokens)) {
        // Shared: each reply's script holds a copy of the function.
        options.eventSent = [sent = std::make_shared<qint64>(0)] {
            std::printf("sent %lld\n", static_cast<long long>(++*sent));
            std::fflush(stdout);
        };
    }
    options.pullDelayMs = int(number(pullDelay));
    options.pullStepBytes = qMax<qint64>(1, number(pullStep));
    options.faultAfterTokens = int(number(faultAfter));
    if (parser.isSet(fault)) {
        const QString name = parser.value(fault);
        const QList<QPair<QString, FakeLlmFault>> faults = {
            {QStringLiteral("error"), FakeLlmFault::ErrorMidStream},
            {QStringLiteral("drop"), FakeLlmFault::Drop},
            {QStringLiteral("stall"), FakeLlmFault::Stall},
            {QStringLiteral("end-without-marker"), FakeLlmFault::EndWithoutMarker},
            {QStringLiteral("hold-after-end"), FakeLlmFault::HoldAfterEnd},
            {QStringLiteral("keepalive-forever"), FakeLlmFault::KeepAliveForever},
            {QStringLiteral("repeat-guard"), FakeLlmFault::RepeatGuard}};
        auto it = std::find_if(faults.cbegin(), faults.cend(),
                               [&name](const auto &f) { return f.first == name; });
        if (it == faults.cend()) {
            std::fprintf(stderr, "sluice-testserver: unknown --fault %s\n", qPrintable(name));
            return 2;
        }
        options.fault = it->second;
    }

    TestServer server;
    if (!server.listen(quint16(number(port)))) {
        std::fprintf(stderr, "sluice-testserver: cannot listen on 127.0.0.1:%s\n",
                     qPrintable(parser.value(port)));
        return 1;
    }
    FakeLlm::install(server, options);
    if (parser.isSet(verbose)) {
        QObject::connect(
            &server, &TestServer::requestReceived, &server, [](const RecordedRequest &request) {
                std::fprintf(stderr, "%s %s (%lld bytes)\n", request.method.constData(),
                             request.path.constData(), static_cast<long long>(request.body.size()));
            });
    }
    std::printf("listening on %s\n", qPrintable(server.url().toString()));
    std::fflush(stdout);
    return app.exec();
}
