// sluice-fakeollama: the window tests' fake Ollama as a program, for tools/screenshot.sh.
//   sluice-fakeollama [--port N] [--reply TEXT] [--thinking TEXT] [--token-delay MS]
//                     [--model NAME]...
// Prints "listening on http://127.0.0.1:PORT" once it accepts connections.
#include "fakeollama.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Port (0: any)."),
                                  QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption reply(QStringLiteral("reply"), QStringLiteral("Reply text."),
                                   QStringLiteral("TEXT"));
    const QCommandLineOption thinking(QStringLiteral("thinking"), QStringLiteral("Thinking text."),
                                      QStringLiteral("TEXT"));
    const QCommandLineOption delay(QStringLiteral("token-delay"),
                                   QStringLiteral("Milliseconds between tokens."),
                                   QStringLiteral("MS"), QStringLiteral("15"));
    const QCommandLineOption model(QStringLiteral("model"), QStringLiteral("A model to list."),
                                   QStringLiteral("NAME"));
    parser.addOptions({port, reply, thinking, delay, model});
    parser.process(app);

    Sluice::GuiTest::FakeOllama server;
    Sluice::GuiTest::Script script;
    if (parser.isSet(reply))
        script.content = Sluice::GuiTest::tokenize(
            parser.value(reply).replace(QStringLiteral("\\n"), QStringLiteral("\n")));
    else
        script.content = Sluice::GuiTest::tokenize(QStringLiteral("Hello! How can I help?"));
    if (parser.isSet(thinking))
        script.thinking = Sluice::GuiTest::tokenize(parser.value(thinking));
    script.tokenDelayMs = parser.value(delay).toInt();
    server.setDefaultScript(script);
    if (parser.isSet(model))
        server.setModels(parser.values(model));
    if (!server.listen(quint16(parser.value(port).toUInt()))) {
        std::fprintf(stderr, "cannot listen\n");
        return 1;
    }
    std::printf("listening on %s\n", qPrintable(server.baseUrl()));
    std::fflush(stdout);
    return app.exec();
}
