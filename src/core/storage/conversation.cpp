#include "core/storage/conversation.h"

#include <QCoreApplication>
#include <QStringList>

namespace Sluice {

namespace {

struct StateName
{
    StoredMessage::State state;
    const char16_t *name;
};

constexpr StateName kStateNames[] = {
    {StoredMessage::State::Complete, u"complete"},
    {StoredMessage::State::Streaming, u"streaming"},
    {StoredMessage::State::Stalled, u"stalled"},
    {StoredMessage::State::Failed, u"failed"},
    {StoredMessage::State::Cancelled, u"cancelled"},
    {StoredMessage::State::Interrupted, u"interrupted"},
};

} // namespace

QString messageStateName(StoredMessage::State state)
{
    for (const StateName &entry : kStateNames) {
        if (entry.state == state)
            return QString::fromUtf16(entry.name);
    }
    return {};
}

std::optional<StoredMessage::State> messageStateFromName(const QString &name)
{
    for (const StateName &entry : kStateNames) {
        if (name == QStringView(entry.name))
            return entry.state;
    }
    return std::nullopt;
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
