#include "scriptedtoolbox.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>

namespace Sluice::Test {

namespace {

class ScriptedRun final : public ToolRun
{
public:
    ScriptedRun(const ScriptedTool *tool, int *running, QObject *parent)
        : ToolRun(parent), m_running(running)
    {
        ++*m_running;
        if (!tool) {
            finishLater({ToolOutcome::Kind::Failed, QStringLiteral("no such tool"), {}, {}, 0});
            return;
        }
        using B = ScriptedTool::Behaviour;
        switch (tool->behaviour) {
        case B::Answer: {
            const QJsonArray content{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                                 {QStringLiteral("text"), tool->text}}};
            finishLater({ToolOutcome::Kind::Ok, tool->text, content, {}, tool->elapsedMs});
            break;
        }
        case B::ToolError:
            finishLater({ToolOutcome::Kind::ToolError, tool->text, {}, {}, tool->elapsedMs});
            break;
        case B::Fail:
            finishLater({ToolOutcome::Kind::Failed, tool->text, {}, {}, tool->elapsedMs});
            break;
        case B::Hang:
            break; // until cancel()
        }
    }

    void cancel() override
    {
        finish({ToolOutcome::Kind::Cancelled, QStringLiteral("stopped"), {}, {}, -1});
    }

private:
    void finishLater(const ToolOutcome &outcome)
    {
        QMetaObject::invokeMethod(
            this, [this, outcome] { finish(outcome); }, Qt::QueuedConnection);
    }

    void finish(const ToolOutcome &outcome)
    {
        if (m_done)
            return;
        m_done = true;
        --*m_running;
        Q_EMIT finished(outcome);
    }

    int *m_running;
    bool m_done = false;
};

} // namespace

ScriptedToolbox *ScriptedToolbox::fromJson(const QByteArray &json, QObject *parent)
{
    auto *box = new ScriptedToolbox(parent);
    const QJsonArray list = QJsonDocument::fromJson(json).array();
    for (const QJsonValue &v : list) {
        const QJsonObject o = v.toObject();
        ScriptedTool t;
        t.spec.server = o.value(u"server").toString(QStringLiteral("test"));
        t.spec.name = o.value(u"name").toString();
        t.spec.description = o.value(u"description").toString();
        t.spec.inputSchema = o.value(u"schema").toObject();
        const QString b = o.value(u"behaviour").toString();
        t.behaviour = b == u"error" ? ScriptedTool::Behaviour::ToolError
                      : b == u"fail" ? ScriptedTool::Behaviour::Fail
                      : b == u"hang" ? ScriptedTool::Behaviour::Hang
                                     : ScriptedTool::Behaviour::Answer;
        t.text = o.value(u"text").toString();
        box->add(t);
    }
    return box;
}

void ScriptedToolbox::prepare()
{
    QMetaObject::invokeMethod(this, [this] { Q_EMIT ready({}); }, Qt::QueuedConnection);
}

QList<ToolSpec> ScriptedToolbox::tools() const
{
    QList<ToolSpec> out;
    for (const ScriptedTool &t : m_tools)
        out.append(t.spec);
    return out;
}

ToolRun *ScriptedToolbox::call(const QString &server, const QString &tool,
                               const QJsonObject &arguments, QObject *parent)
{
    m_calls.append({server, tool, arguments});
    const ScriptedTool *found = nullptr;
    for (const ScriptedTool &t : m_tools) {
        if (t.spec.server == server && t.spec.name == tool)
            found = &t;
    }
    return new ScriptedRun(found, &m_running, parent);
}

void ScriptedToolbox::shutdown()
{
    m_shutDown = true;
}

} // namespace Sluice::Test
