#include "session/conversationmessage.h"

namespace Sluice {

QString messageStateKey(MessageState state)
{
    switch (state) {
    case MessageState::Pending:
        return QStringLiteral("pending");
    case MessageState::Loading:
        return QStringLiteral("loading");
    case MessageState::Streaming:
        return QStringLiteral("streaming");
    case MessageState::Complete:
        return QStringLiteral("complete");
    case MessageState::Stalled:
        return QStringLiteral("stalled");
    case MessageState::Failed:
        return QStringLiteral("failed");
    case MessageState::Cancelled:
        return QStringLiteral("cancelled");
    case MessageState::Interrupted:
        return QStringLiteral("interrupted");
    }
    return {};
}

bool isRunningState(MessageState state)
{
    return state == MessageState::Pending || state == MessageState::Loading ||
           state == MessageState::Streaming;
}

bool isBrokenState(MessageState state)
{
    return state == MessageState::Stalled || state == MessageState::Failed ||
           state == MessageState::Cancelled || state == MessageState::Interrupted;
}

} // namespace Sluice
