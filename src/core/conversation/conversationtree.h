// A conversation's shape as a tree: each message answers or follows its parent, and a message
// with siblings is one of several versions (a regenerated reply, an edited question). The
// window shows one path from a first message down to a leaf; ConversationTree says which
// messages that path holds, which versions a message has, and what a subtree holds.
//
// It holds ids only (the history's messages.id and parent_id), so that a conversation of
// many thousand messages is read and walked in milliseconds; the texts are read for the
// messages shown.
#pragma once

#include <QHash>
#include <QList>
#include <QtGlobal>

namespace Sluice {

struct TreeNode
{
    qint64 id = 0;
    qint64 parentId = 0; // 0: a first message
};

// Where a message stands among its siblings: version `index + 1` of `count`.
struct SiblingPosition
{
    int index = 0;
    int count = 1;
    bool hasVersions() const { return count > 1; }
};

class ConversationTree final
{
public:
    ConversationTree() = default;
    // Nodes in the order they were added (a parent before its children); a node whose parent
    // is unknown is taken as a first message.
    explicit ConversationTree(const QList<TreeNode> &nodes);

    int size() const { return int(m_nodes.size()); }
    bool isEmpty() const { return m_nodes.isEmpty(); }
    bool contains(qint64 id) const { return m_index.contains(id); }
    qint64 parentOf(qint64 id) const; // 0: a first message, or unknown
    // The children of a message (0: the first messages), oldest first.
    QList<qint64> children(qint64 id) const;

    // The path through `selected`: from its first message down to it, then on down to a leaf,
    // at each message into the version that holds the newest message (the continuation last
    // written). An unknown `selected` (0) gives the path to the newest message.
    QList<qint64> path(qint64 selected) const;
    SiblingPosition siblings(qint64 id) const;
    // The sibling `delta` versions away (clamped to the first and the last); 0 if unknown.
    qint64 sibling(qint64 id, int delta) const;
    // The message and everything below it, a parent before its children.
    QList<qint64> subtree(qint64 id) const;

    void add(const TreeNode &node);

private:
    struct Node
    {
        qint64 id = 0;
        int parent = -1; // index into m_nodes; -1: a first message
        QList<int> children;
    };
    const QList<int> &childrenOf(int index) const
    {
        return index < 0 ? m_roots : m_nodes.at(index).children;
    }

    int newestBelow(int index) const; // the newest node in the subtree of `index`
    int newestChild(const QList<int> &children) const;

    QList<Node> m_nodes;
    mutable QList<int> m_newest; // per node: newestBelow(); empty when stale
    QList<int> m_roots;
    QHash<qint64, int> m_index;
};

} // namespace Sluice
