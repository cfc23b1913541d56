// A Toolbox in the test's own process, scripted tool by tool: a tool that answers, one that
// reports a tool error (MCP isError), one that fails (its server could not run it) and one
// that hangs until cancelled. Records every call. Also readable from JSON (fromJson), so a
// test binary of the command line can be given one through the environment.
#pragma once

#include "core/tools/toolbox.h"

#include <QList>

namespace Sluice::Test {

struct ScriptedTool
{
    enum class Behaviour { Answer, ToolError, Fail, Hang };
    ToolSpec spec;
    Behaviour behaviour = Behaviour::Answer;
    QString text;          // the answer, the tool's error or the failure sentence
    qint64 elapsedMs = 25; // reported as the call's time
};

class ScriptedToolbox final : public Toolbox
{
    Q_OBJECT
public:
    struct Call
    {
        QString server;
        QString tool;
        QJsonObject arguments;
    };

    using Toolbox::Toolbox;
    // [{"server","name","description","schema":{…},"behaviour":"answer|error|fail|hang",
    //   "text"}]
    static ScriptedToolbox *fromJson(const QByteArray &json, QObject *parent);

    void add(const ScriptedTool &tool) { m_tools.append(tool); }

    void prepare() override;
    QList<ToolSpec> tools() const override;
    ToolRun *call(const QString &server, const QString &tool, const QJsonObject &arguments,
                  QObject *parent) override;
    void shutdown() override;

    const QList<Call> &calls() const { return m_calls; }
    int running() const { return m_running; }
    bool wasShutDown() const { return m_shutDown; }

private:
    QList<ScriptedTool> m_tools;
    QList<Call> m_calls;
    int m_running = 0;
    bool m_shutDown = false;
};

} // namespace Sluice::Test
