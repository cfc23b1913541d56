// The client the official MCP conformance suite (@modelcontextprotocol/conformance) drives:
// it runs `sluice-mcp-conformance-client SERVER_URL` with MCP_CONFORMANCE_SCENARIO set, and
// judges what the client sent. This is Sluice's own client (McpToolbox over streamable HTTP):
// it connects, lists the tools, and (in every scenario but "initialize") calls each tool the
// scenario offers, with numbers for its number parameters. Prints what happened; exits 1 on a failure sentence.
#include "core/mcp/mcptoolbox.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTimer>

#include <cstdio>

using namespace Sluice;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationVersion(QStringLiteral("1.0"));
    if (argc < 2) {
        std::fprintf(stderr, "usage: sluice-mcp-conformance-client SERVER_URL\n");
        return 2;
    }
    const QString scenario = qEnvironmentVariable("MCP_CONFORMANCE_SCENARIO");
    McpServerConfig config;
    config.name = QStringLiteral("conformance");
    config.transport = McpServerConfig::Transport::Http;
    config.url = QString::fromLocal8Bit(argv[argc - 1]);
    config.startupTimeoutMs = 20'000;
    config.callTimeoutMs = 20'000;
    McpToolbox box({config}, nullptr);
    int exitCode = 0;
    int waiting = 0;
    auto done = [&] {
        if (--waiting <= 0) {
            box.shutdown();
            app.exit(exitCode);
        }
    };
    QObject::connect(&box, &Toolbox::ready, &app, [&](const QStringList &problems) {
        for (const QString &p : problems) {
            std::fprintf(stderr, "%s\n", qPrintable(p));
            exitCode = 1;
        }
        const QList<ToolSpec> tools = box.tools();
        std::printf("%s: %lld tools, MCP %s\n", qPrintable(scenario), qlonglong(tools.size()),
                    qPrintable(box.client(config.name)->protocolVersion()));
        waiting = 1;
        if (scenario != u"initialize") {
            for (const ToolSpec &t : tools) {
                QJsonObject args;
                const QJsonObject props = t.inputSchema.value(u"properties").toObject();
                int n = 2;
                for (auto it = props.constBegin(); it != props.constEnd(); ++it)
                    if (it.value().toObject().value(u"type").toString() == u"number")
                        args.insert(it.key(), n++);
                ++waiting;
                ToolRun *run = box.call(t.server, t.name, args, &app);
                QObject::connect(run, &ToolRun::finished, &app, [&, name = t.name](const ToolOutcome &o) {
                    std::printf("%s -> %s\n", qPrintable(name), qPrintable(o.text));
                    if (o.kind == ToolOutcome::Kind::Failed)
                        exitCode = 1;
                    done();
                });
            }
        }
        done();
    });
    QTimer::singleShot(0, &box, &Toolbox::prepare);
    return app.exec();
}
