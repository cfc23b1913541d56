#include "cli/doctorcommand.h"

#include "cli/clicommon.h"
#include "core/diagnostics/diagnostics.h"
#include "core/util/logging.h"
#include "core/net/endpoint.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace Sluice::Cli {

namespace {

QString statusWord(Diagnostics::Step::Status s)
{
    switch (s) {
    case Diagnostics::Step::Status::Passed:
        return QStringLiteral("pass");
    case Diagnostics::Step::Status::Warning:
        return QStringLiteral("warning");
    case Diagnostics::Step::Status::Failed:
        return QStringLiteral("fail");
    case Diagnostics::Step::Status::Skipped:
        return QStringLiteral("skipped");
    default:
        return QStringLiteral("pending");
    }
}

QString stepLine(const Diagnostics::Step &s)
{
    QString line = QStringLiteral("  %1 %2 %3").arg(statusMark(s.status), s.title.leftJustified(12),
                                                    s.detail);
    if (s.ms >= 0 && s.status != Diagnostics::Step::Status::Skipped)
        line += QStringLiteral("  (%1 ms)").arg(s.ms);
    line += u'\n';
    if (!s.fix.isEmpty())
        line += QStringLiteral("    fix: %1\n").arg(s.fix);
    return line;
}

} // namespace

int doctorCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Check a server step by step: URL, DNS, TCP, TLS, what the server is, "
                       "authentication, models, a non-streaming and a streamed reply, and for "
                       "Ollama whether the model is loaded. Exit 0 when every step passes."));
    parser.addHelpOption();
    addProviderOptions(parser);
    parser.addOption({QStringLiteral("model"), QStringLiteral("Model to try (default: the "
                                                              "provider's, else the first "
                                                              "listed)."),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the steps as JSON.")});
    int code = ExitOk;
    if (!parseOrExit(parser, args, QStringLiteral("doctor"), &code))
        return code;
    const bool json = parser.isSet(QStringLiteral("json"));

    ChatClient client;
    Diagnostics *diag = nullptr;
    QTimer::singleShot(0, &client, [&] {
        chooseProvider(
            parser, &client,
            [&](const ChosenProvider &rp) {
                QString model = parser.value(QStringLiteral("model"));
                if (model.isEmpty())
                    model = rp.defaultModel;
                if (!json)
                    writeStdout(QStringLiteral("sluice doctor: %1 (%2)\n")
                                    .arg(redactedUrlText(rp.config.baseUrl),
                                         providerTypeName(rp.config.type)));
                diag = new Diagnostics(&client, rp.config, model, &client);
                QObject::connect(diag, &Diagnostics::stepFinished, &client, [&, json](int i) {
                    if (!json)
                        writeStdout(stepLine(diag->steps().at(i)));
                });
                QObject::connect(diag, &Diagnostics::finished, &client, [&, json](bool ok) {
                    if (json) {
                        QJsonArray steps;
                        for (const auto &s : diag->steps()) {
                            QJsonObject o{{QStringLiteral("step"), s.title},
                                          {QStringLiteral("status"), statusWord(s.status)},
                                          {QStringLiteral("detail"), s.detail}};
                            if (!s.fix.isEmpty())
                                o.insert(QStringLiteral("fix"), s.fix);
                            if (s.ms >= 0)
                                o.insert(QStringLiteral("ms"), s.ms);
                            steps.append(o);
                        }
                        writeStdout(QString(QString::fromUtf8(
                                                QJsonDocument(QJsonObject{
                                                                  {QStringLiteral("ok"), ok},
                                                                  {QStringLiteral("steps"), steps}})
                                                    .toJson(QJsonDocument::Compact)) +
                                            u'\n'));
                    } else {
                        writeStdout(ok ? QStringLiteral("All checks passed.\n")
                                       : QStringLiteral("Some checks failed.\n"));
                    }
                    QCoreApplication::exit(ok ? ExitOk : ExitServer);
                });
                diag->start();
            },
            [](const ChatError &e) {
                printError(e.message);
                QCoreApplication::exit(exitCodeFor(e.kind));
            });
    });
    return QCoreApplication::exec();
}

} // namespace Sluice::Cli
