#include "core/conversation/conversationtree.h"

#include <algorithm>

namespace Sluice {

ConversationTree::ConversationTree(const QList<TreeNode> &nodes)
{
    m_nodes.reserve(nodes.size());
    m_index.reserve(nodes.size());
    for (const TreeNode &node : nodes)
        add(node);
}

void ConversationTree::add(const TreeNode &node)
{
    if (node.id == 0 || m_index.contains(node.id))
        return;
    Node n;
    n.id = node.id;
    n.parent = node.parentId ? m_index.value(node.parentId, -1) : -1;
    const int index = int(m_nodes.size());
    m_nodes.append(n);
    m_newest.clear();
    m_index.insert(node.id, index);
    if (n.parent < 0)
        m_roots.append(index);
    else
        m_nodes[n.parent].children.append(index);
}

qint64 ConversationTree::parentOf(qint64 id) const
{
    const int index = m_index.value(id, -1);
    if (index < 0)
        return 0;
    const int parent = m_nodes.at(index).parent;
    return parent < 0 ? 0 : m_nodes.at(parent).id;
}

QList<qint64> ConversationTree::children(qint64 id) const
{
    const int index = id ? m_index.value(id, -2) : -1;
    if (index == -2)
        return {};
    QList<qint64> ids;
    for (const int child : childrenOf(index))
        ids.append(m_nodes.at(child).id);
    return ids;
}

QList<qint64> ConversationTree::path(qint64 selected) const
{
    QList<qint64> ids;
    int index = m_index.value(selected, -1);
    if (index < 0) {
        if (m_roots.isEmpty())
            return ids;
        index = newestChild(m_roots);
    }
    for (int up = index; up >= 0; up = m_nodes.at(up).parent)
        ids.append(m_nodes.at(up).id);
    std::reverse(ids.begin(), ids.end());
    for (int down = index; !m_nodes.at(down).children.isEmpty();) {
        down = newestChild(m_nodes.at(down).children);
        ids.append(m_nodes.at(down).id);
    }
    return ids;
}

int ConversationTree::newestBelow(int index) const
{
    if (m_newest.size() != m_nodes.size()) {
        // A child comes after its parent: from the end, each node's children are done first.
        m_newest.resize(m_nodes.size());
        for (int i = int(m_nodes.size()) - 1; i >= 0; --i) {
            int newest = i;
            for (const int child : m_nodes.at(i).children)
                newest = std::max(newest, m_newest.at(child));
            m_newest[i] = newest;
        }
    }
    return m_newest.at(index);
}

int ConversationTree::newestChild(const QList<int> &children) const
{
    int best = children.first();
    for (const int child : children) {
        if (newestBelow(child) > newestBelow(best))
            best = child;
    }
    return best;
}

SiblingPosition ConversationTree::siblings(qint64 id) const
{
    const int index = m_index.value(id, -1);
    if (index < 0)
        return {};
    const QList<int> &all = childrenOf(m_nodes.at(index).parent);
    return {int(all.indexOf(index)), int(all.size())};
}

qint64 ConversationTree::sibling(qint64 id, int delta) const
{
    const int index = m_index.value(id, -1);
    if (index < 0)
        return 0;
    const QList<int> &all = childrenOf(m_nodes.at(index).parent);
    const qsizetype at = std::clamp(all.indexOf(index) + delta, qsizetype(0), all.size() - 1);
    return m_nodes.at(all.at(at)).id;
}

QList<qint64> ConversationTree::subtree(qint64 id) const
{
    QList<qint64> ids;
    const int index = m_index.value(id, -1);
    if (index < 0)
        return ids;
    QList<int> todo{index};
    while (!todo.isEmpty()) {
        const int next = todo.takeFirst();
        ids.append(m_nodes.at(next).id);
        todo.append(m_nodes.at(next).children);
    }
    return ids;
}

} // namespace Sluice
