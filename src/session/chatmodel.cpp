#include "session/chatmodel.h"

#include "core/util/clock.h"

#include <utility>

namespace Sluice {

ChatModel::ChatModel(QObject *parent) : QAbstractListModel(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(DefaultUpdateIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &ChatModel::flush);
}

int ChatModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_messages.size());
}

QModelIndex ChatModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || column != 0 || row < 0 || row >= m_messages.size())
        return {};
    // The uid rides in the index so a delegate can key its caches without calling data().
    return createIndex(row, column, quintptr(m_messages.at(row).uid));
}

QVariant ChatModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ConversationMessage &m = m_messages.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case ContentRole:
        return m.content;
    case Qt::AccessibleTextRole:
        if (m.isUser())
            return tr("You: %1").arg(m.content);
        if (m.state == MessageState::Cancelled)
            return tr("Reply, stopped: %1").arg(m.content);
        return tr("Reply: %1").arg(m.content);
    case RoleRole:
        return m.role;
    case ThinkingRole:
        return m.thinking;
    case StateRole:
        return int(m.state);
    case ErrorTextRole:
        return m.errorText;
    case StatsRole:
        return QVariant::fromValue(m.stats);
    case CreatedRole:
        return m.created;
    case UpdatedRole:
        return m.updated;
    case ModelNameRole:
        return m.model;
    case ThinkingDurationRole:
        return m.thinkingMs;
    case ThinkingExpandedRole:
        return m_extra.value(m.uid).thinkingExpanded;
    case UidRole:
        return m.uid;
    case RevisionRole:
        return m_extra.value(m.uid).revision;
    case AttachmentsRole:
        return QVariant::fromValue(m.attachments);
    case ToolCallsRole:
        return QVariant::fromValue(m.toolCalls);
    case VersionsRole:
        return m_versions ? m_versions(index.row()) : QPoint(1, 1);
    default:
        return {};
    }
}

bool ChatModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != ThinkingExpandedRole ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    Extra &e = m_extra[m_messages.at(index.row()).uid];
    if (e.thinkingExpanded == value.toBool())
        return true;
    e.thinkingExpanded = value.toBool();
    ++e.revision;
    Q_EMIT dataChanged(index, index, {ThinkingExpandedRole, RevisionRole});
    return true;
}

Qt::ItemFlags ChatModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> ChatModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(RoleRole, "role");
    names.insert(ContentRole, "content");
    names.insert(ThinkingRole, "thinking");
    names.insert(StateRole, "state");
    names.insert(ErrorTextRole, "errorText");
    names.insert(StatsRole, "stats");
    names.insert(CreatedRole, "created");
    names.insert(UpdatedRole, "updated");
    names.insert(ModelNameRole, "modelName");
    names.insert(ThinkingDurationRole, "thinkingDuration");
    names.insert(ThinkingExpandedRole, "thinkingExpanded");
    names.insert(UidRole, "uid");
    names.insert(RevisionRole, "revision");
    names.insert(VersionsRole, "versions");
    return names;
}

int ChatModel::rowOfUid(quint64 uid) const
{
    // The row asked about is nearly always the last one.
    for (int row = int(m_messages.size()) - 1; row >= 0; --row) {
        if (m_messages.at(row).uid == uid)
            return row;
    }
    return -1;
}

quint64 ChatModel::revision(int row) const
{
    return m_extra.value(m_messages.at(row).uid).revision;
}

void ChatModel::setMessages(QList<ConversationMessage> messages)
{
    beginResetModel();
    m_pending.clear();
    m_extra.clear();
    m_timer.stop();
    for (ConversationMessage &m : messages) {
        m.uid = m_nextUid++;
        m_extra.insert(m.uid, {});
    }
    m_messages = std::move(messages);
    endResetModel();
}

void ChatModel::prependMessages(QList<ConversationMessage> messages)
{
    if (messages.isEmpty())
        return;
    beginInsertRows({}, 0, int(messages.size()) - 1);
    for (ConversationMessage &m : messages) {
        m.uid = m_nextUid++;
        m_extra.insert(m.uid, {});
    }
    messages.append(std::move(m_messages));
    m_messages = std::move(messages);
    endInsertRows();
}

int ChatModel::appendMessage(ConversationMessage message)
{
    const int row = int(m_messages.size());
    message.uid = m_nextUid++;
    if (!message.created.isValid())
        message.created = QDateTime::currentDateTime();
    if (!message.updated.isValid())
        message.updated = message.created;
    beginInsertRows({}, row, row);
    m_extra.insert(message.uid, {});
    m_messages.append(std::move(message));
    endInsertRows();
    return row;
}

void ChatModel::removeMessages(int first, int count)
{
    if (count <= 0 || first < 0 || first + count > m_messages.size())
        return;
    beginRemoveRows({}, first, first + count - 1);
    for (int row = first; row < first + count; ++row) {
        m_pending.remove(m_messages.at(row).uid);
        m_extra.remove(m_messages.at(row).uid);
    }
    m_messages.remove(first, count);
    endRemoveRows();
}

void ChatModel::touch(int row)
{
    m_messages[row].updated = QDateTime::currentDateTime();
    ++m_extra[m_messages.at(row).uid].revision;
}

void ChatModel::setContent(int row, const QString &content)
{
    m_pending.remove(m_messages.at(row).uid);
    m_messages[row].content = content;
    touch(row);
    const QModelIndex i = indexOfRow(row);
    Q_EMIT dataChanged(i, i, {Qt::DisplayRole, ContentRole, UpdatedRole, RevisionRole});
}

void ChatModel::endThinking(int row, QList<int> &roles)
{
    ConversationMessage &m = m_messages[row];
    Extra &e = m_extra[m.uid];
    if (m.thinkingMs < 0 && e.thinkingSince >= 0) {
        m.thinkingMs = Clock::current()->nowMs() - std::exchange(e.thinkingSince, -1);
        roles.append(ThinkingDurationRole);
    }
}

void ChatModel::setState(int row, MessageState state, const QString &errorText)
{
    flush();
    ConversationMessage &m = m_messages[row];
    if (m.state == state && m.errorText == errorText)
        return;
    QList<int> roles{StateRole, UpdatedRole, RevisionRole};
    if (m.errorText != errorText)
        roles.append(ErrorTextRole);
    m.state = state;
    m.errorText = errorText;
    if (!isRunningState(state))
        endThinking(row, roles);
    touch(row);
    const QModelIndex i = indexOfRow(row);
    Q_EMIT dataChanged(i, i, roles);
}

void ChatModel::setStats(int row, const ReplyStats &stats)
{
    m_messages[row].stats = stats;
    touch(row);
    const QModelIndex i = indexOfRow(row);
    Q_EMIT dataChanged(i, i, {StatsRole, RevisionRole});
}

void ChatModel::setToolCalls(int row, const QList<ToolCallRecord> &calls)
{
    m_messages[row].toolCalls = calls;
    touch(row);
    const QModelIndex i = indexOfRow(row);
    Q_EMIT dataChanged(i, i, {ToolCallsRole, RevisionRole});
}

void ChatModel::setModelName(int row, const QString &model)
{
    if (m_messages.at(row).model == model)
        return;
    m_messages[row].model = model;
    touch(row);
    const QModelIndex i = indexOfRow(row);
    Q_EMIT dataChanged(i, i, {ModelNameRole, RevisionRole});
}

void ChatModel::appendContent(int row, QStringView delta)
{
    if (delta.isEmpty())
        return;
    const quint64 uid = m_messages.at(row).uid;
    // Thinking ends when the answer begins; measured now, not at the next tick.
    Extra &e = m_extra[uid];
    Pending &p = m_pending[uid];
    if (e.thinkingSince >= 0 && m_messages.at(row).thinkingMs < 0) {
        m_messages[row].thinkingMs = Clock::current()->nowMs() - std::exchange(e.thinkingSince, -1);
        p.thinkingEnded = true;
    }
    p.content.append(delta);
    schedule();
}

void ChatModel::appendThinking(int row, QStringView delta)
{
    if (delta.isEmpty())
        return;
    const quint64 uid = m_messages.at(row).uid;
    Extra &e = m_extra[uid];
    if (e.thinkingSince < 0 && m_messages.at(row).thinkingMs < 0)
        e.thinkingSince = Clock::current()->nowMs();
    m_pending[uid].thinking.append(delta);
    schedule();
}

void ChatModel::schedule()
{
    if (!m_timer.isActive())
        m_timer.start();
}

void ChatModel::flush()
{
    m_timer.stop();
    if (m_pending.isEmpty())
        return;
    const QHash<quint64, Pending> pending = std::exchange(m_pending, {});
    for (auto it = pending.cbegin(); it != pending.cend(); ++it) {
        const int row = rowOfUid(it.key());
        if (row < 0)
            continue;
        ConversationMessage &m = m_messages[row];
        QList<int> roles{UpdatedRole, RevisionRole};
        if (!it->thinking.isEmpty()) {
            m.thinking.append(it->thinking);
            roles.append(ThinkingRole);
        }
        if (!it->content.isEmpty()) {
            m.content.append(it->content);
            roles.append({Qt::DisplayRole, ContentRole});
        }
        if (it->thinkingEnded)
            roles.append(ThinkingDurationRole);
        touch(row);
        const QModelIndex i = indexOfRow(row);
        Q_EMIT dataChanged(i, i, roles);
    }
}

} // namespace Sluice
