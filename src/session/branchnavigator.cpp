#include "session/branchnavigator.h"

#include "session/chatmodel.h"
#include "session/conversationcontroller.h"
#include "session/historysink.h"

namespace Sluice {

BranchNavigator::BranchNavigator(ConversationStore *store, ConversationController *controller,
                                 HistorySink *sink, int pageSize)
    : QObject(controller), m_store(store), m_controller(controller), m_sink(sink),
      m_model(controller->model()), m_pageSize(pageSize)
{
    // Any change to the conversation may change its shape: read it again when next asked.
    connect(store, &ConversationStore::conversationChanged, this, [this](qint64 id) {
        if (id == conversationId())
            m_treeStale = true;
    });
    connect(sink, &HistorySink::conversationStored, this, [this] { m_treeStale = true; });
    controller->model()->setVersionLookup([this](int row) {
        const SiblingPosition p = versionsAt(row);
        return QPoint(p.index + 1, p.count);
    });
}

BranchNavigator::~BranchNavigator()
{
    if (m_model)
        m_model->setVersionLookup({});
}

qint64 BranchNavigator::conversationId() const
{
    return m_sink ? m_sink->conversationId() : 0;
}

qint64 BranchNavigator::messageIdAt(int row) const
{
    return m_sink ? m_sink->messageIdAt(row) : 0;
}

const ConversationTree &BranchNavigator::tree() const
{
    if (m_treeStale && m_store && conversationId()) {
        m_tree = m_store->tree(conversationId());
        m_treeStale = false;
    }
    return m_tree;
}

SiblingPosition BranchNavigator::versionsAt(int row) const
{
    const qint64 id = messageIdAt(row);
    return id ? tree().siblings(id) : SiblingPosition();
}

bool BranchNavigator::canSwitch(int row) const
{
    return !m_controller->isBusy() && versionsAt(row).hasVersions();
}

bool BranchNavigator::showVersion(int row, int delta)
{
    if (!canSwitch(row))
        return false;
    const qint64 id = messageIdAt(row);
    const qint64 other = tree().sibling(id, delta);
    if (!other || other == id)
        return false;
    if (!m_store->selectMessage(other)) {
        Q_EMIT failed(m_store->errorString());
        return false;
    }
    reload(other, row);
    Q_EMIT pathChanged(row);
    return true;
}

bool BranchNavigator::showMessage(qint64 messageId)
{
    if (m_controller->isBusy() || !tree().contains(messageId))
        return false;
    const QList<qint64> shown = tree().path(m_store->selectedMessage(conversationId()));
    if (shown.contains(messageId))
        return true; // on the path shown already
    if (!m_store->selectMessage(messageId))
        return false;
    // Keep the rows above the first one that differs.
    const QList<qint64> wanted = tree().path(messageId);
    int same = 0;
    while (same < shown.size() && same < wanted.size() && shown.at(same) == wanted.at(same))
        ++same;
    const int firstLoaded =
        m_controller->model()->rowCount() ? int(shown.indexOf(messageIdAt(0))) : int(shown.size());
    const int anchorRow = qMax(0, same - qMax(firstLoaded, 0));
    reload(same < wanted.size() ? wanted.at(same) : messageId, anchorRow);
    Q_EMIT pathChanged(anchorRow);
    return true;
}

void BranchNavigator::reload(qint64 anchor, int anchorRow)
{
    const qint64 cid = conversationId();
    const QList<qint64> path = tree().path(m_store->selectedMessage(cid));
    const qsizetype at = path.indexOf(anchor);
    qsizetype first =
        at >= 0 ? qMax(qsizetype(0), at - anchorRow) : qMax(qsizetype(0), path.size() - m_pageSize);
    first = qMin(first, qMax(qsizetype(0), path.size() - m_pageSize));
    // The rows above the anchor that show the same messages stay (and keep their layout).
    const ChatModel *model = m_controller->model();
    int keep = 0;
    while (keep < model->rowCount() && first + keep < path.size() &&
           messageIdAt(keep) == path.at(first + keep))
        ++keep;
    if (keep == 0 || at < 0) {
        m_controller->load(m_controller->options(), m_store->messagesWithIds(path.mid(first)));
        if (m_sink)
            m_sink->resync();
        return;
    }
    m_controller->showStored(keep, m_store->messagesWithIds(path.mid(first + keep)));
    if (m_sink)
        m_sink->resync(keep);
}

int BranchNavigator::subtreeSize(int row) const
{
    const qint64 id = messageIdAt(row);
    return id ? int(tree().subtree(id).size()) : 0;
}

std::optional<ConversationStore::RemovedSubtree> BranchNavigator::deleteFrom(int row)
{
    const qint64 id = messageIdAt(row);
    if (!id || m_controller->isBusy())
        return std::nullopt;
    std::optional<ConversationStore::RemovedSubtree> removed = m_store->removeSubtree(id);
    if (!removed) {
        Q_EMIT failed(m_store->errorString());
        return std::nullopt;
    }
    m_treeStale = true;
    const qint64 parent = row > 0 ? messageIdAt(row - 1) : 0;
    reload(parent, row - 1);
    Q_EMIT pathChanged(row);
    return removed;
}

bool BranchNavigator::undoDelete(const ConversationStore::RemovedSubtree &removed)
{
    if (m_controller->isBusy() || removed.conversationId != conversationId())
        return false;
    if (!m_store->restoreSubtree(removed)) {
        Q_EMIT failed(m_store->errorString());
        return false;
    }
    m_treeStale = true;
    const qint64 top = removed.messages.isEmpty() ? 0 : removed.messages.first().id;
    const qint64 parent = removed.messages.isEmpty() ? 0 : removed.messages.first().parentId;
    int row = -1;
    for (int r = 0; r < m_controller->model()->rowCount(); ++r) {
        if (messageIdAt(r) == parent)
            row = r;
    }
    reload(top, row + 1);
    Q_EMIT pathChanged(row + 1);
    return true;
}

std::optional<qint64> BranchNavigator::branchFrom(int row)
{
    const qint64 id = messageIdAt(row);
    if (!id)
        return std::nullopt;
    const std::optional<qint64> created = m_store->branchConversation(id);
    if (!created)
        Q_EMIT failed(m_store->errorString());
    return created;
}

} // namespace Sluice
