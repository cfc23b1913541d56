#include "core/conversation/conversation.h"

#include <QCoreApplication>
#include <QStringList>

namespace Sluice {

namespace {

struct StateName
{
    MessageState state;
    const char16_t *name;
};

constexpr StateName kStateNames[] = {
    {MessageState::Pending, u"pending"},     {MessageState::Loading, u"loading"},
    {MessageState::Streaming, u"streaming"}, {MessageState::Complete, u"complete"},
    {MessageState::Stalled, u"stalled"},     {MessageState::Failed, u"failed"},
    {MessageState::Cancelled, u"cancelled"}, {MessageState::Interrupted, u"interrupted"},
};

} // namespace

bool sameRequestSettings(const Conversation &a, const Conversation &b)
{
    return a.providerId == b.providerId && a.model == b.model && a.systemPrompt == b.systemPrompt &&
           a.settings == b.settings;
}

Conversation newConversationLike(const Conversation &c)
{
    Conversation n;
    n.providerId = c.providerId;
    n.model = c.model;
    n.systemPrompt = c.systemPrompt;
    n.settings = c.settings;
    return n;
}

QString messageStateName(MessageState state)
{
    for (const StateName &entry : kStateNames) {
        if (entry.state == state)
            return QString::fromUtf16(entry.name);
    }
    return {};
}

std::optional<MessageState> messageStateFromName(const QString &name)
{
    for (const StateName &entry : kStateNames) {
        if (name == QStringView(entry.name))
            return entry.state;
    }
    return std::nullopt;
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

QString titleFromMessage(const QString &text, int maxLength)
{
    QString line;
    const QStringList lines = text.split(u'\n');
    for (const QString &candidate : lines) {
        line = candidate.simplified();
        if (!line.isEmpty())
            break;
    }
    if (line.size() <= maxLength)
        return line;

    // Cut at the last space that keeps the title within the limit (ellipsis included);
    // a single word longer than the limit is cut mid-word.
    const int limit = qMax(1, maxLength - 1);
    int cut = line.lastIndexOf(u' ', limit);
    if (cut < limit / 2)
        cut = limit;
    QString title = line.left(cut);
    while (title.endsWith(u' ') || title.endsWith(u',') || title.endsWith(u';') ||
           title.endsWith(u':') || title.endsWith(u'.') || title.endsWith(u'-'))
        title.chop(1);
    return title + u'…';
}

QString untitledConversationTitle()
{
    return QCoreApplication::translate("Sluice::Conversation", "New conversation");
}

} // namespace Sluice
