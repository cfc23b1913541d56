#include "core/chat/tooltypes.h"

namespace Sluice {

QString toolCallStateName(ToolCallRecord::State state)
{
    switch (state) {
    case ToolCallRecord::State::Waiting:
        return QStringLiteral("waiting");
    case ToolCallRecord::State::Running:
        return QStringLiteral("running");
    case ToolCallRecord::State::Ok:
        return QStringLiteral("ok");
    case ToolCallRecord::State::ToolError:
        return QStringLiteral("tool_error");
    case ToolCallRecord::State::Failed:
        return QStringLiteral("failed");
    case ToolCallRecord::State::Denied:
        return QStringLiteral("denied");
    case ToolCallRecord::State::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

ToolCallRecord::State toolCallStateFromName(const QString &name)
{
    for (auto s : {ToolCallRecord::State::Waiting, ToolCallRecord::State::Running,
                   ToolCallRecord::State::Ok, ToolCallRecord::State::ToolError,
                   ToolCallRecord::State::Failed, ToolCallRecord::State::Denied,
                   ToolCallRecord::State::Cancelled}) {
        if (toolCallStateName(s) == name)
            return s;
    }
    return ToolCallRecord::State::Failed;
}

} // namespace Sluice
