#include "core/storage/exporttree.h"

#include "core/conversation/conversationtree.h"
#include "core/storage/conversationexport.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>

namespace Sluice::ConversationExport {

void insertTreeLinks(QJsonObject &json, const ConversationMessage &message)
{
    if (message.id <= 0)
        return;
    json.insert(QLatin1StringView("id"), message.id);
    if (message.parentId > 0)
        json.insert(QLatin1StringView("parent"), message.parentId);
}

void insertSelectedPath(QJsonObject &root, const QList<ConversationMessage> &messages,
                        const QList<qint64> &selectedPath)
{
    if (selectedPath.isEmpty() || messages.isEmpty() || messages.first().id <= 0)
        return;
    QJsonArray path;
    for (const qint64 id : selectedPath)
        path.append(id);
    root.insert(QLatin1StringView("selectedPath"), path);
}

void readTreeLinks(const QJsonObject &json, ConversationMessage *message)
{
    const qint64 id = json.value(QLatin1StringView("id")).toInteger(0);
    if (id <= 0)
        return; // format version 1: one path, in order
    message->id = id;
    message->parentId = qMax(json.value(QLatin1StringView("parent")).toInteger(0), qint64(0));
}

qint64 selectedFromJson(const QJsonObject &root)
{
    const QJsonArray path = root.value(QLatin1StringView("selectedPath")).toArray();
    return path.isEmpty() ? 0 : qMax(path.last().toInteger(0), qint64(0));
}

QString allBranchesMarkdown(const Conversation &conversation,
                            const QList<ConversationMessage> &allMessages,
                            const QList<qint64> &selectedPath, const ExportOptions &options)
{
    QList<TreeNode> nodes;
    QHash<qint64, const ConversationMessage *> byId;
    for (const ConversationMessage &m : allMessages) {
        nodes.append({m.id, qMax(m.parentId, qint64(0))});
        byId.insert(m.id, &m);
    }
    const ConversationTree tree(nodes);
    // The leaves, the path shown's first: each is the end of one branch.
    QList<qint64> leaves;
    if (!selectedPath.isEmpty())
        leaves.append(selectedPath.last());
    for (const TreeNode &n : std::as_const(nodes)) {
        if (tree.children(n.id).isEmpty() && !leaves.contains(n.id))
            leaves.append(n.id);
    }
    if (leaves.size() <= 1) {
        QList<ConversationMessage> path;
        for (const qint64 id : tree.path(leaves.value(0)))
            path.append(*byId.value(id));
        return toMarkdown(conversation, path, options);
    }
    QString md;
    for (int i = 0; i < leaves.size(); ++i) {
        QList<ConversationMessage> path;
        for (const qint64 id : tree.path(leaves.at(i)))
            path.append(*byId.value(id));
        Conversation part = conversation;
        const QString title =
            conversation.title.isEmpty() ? untitledConversationTitle() : conversation.title;
        part.title = i == 0 ? QCoreApplication::translate("Sluice::ConversationExport",
                                                          "%1 — branch 1 of %2 (shown)")
                                  .arg(title)
                                  .arg(leaves.size())
                            : QCoreApplication::translate("Sluice::ConversationExport",
                                                          "%1 — branch %2 of %3")
                                  .arg(title)
                                  .arg(i + 1)
                                  .arg(leaves.size());
        if (i > 0)
            md += QStringLiteral("\n---\n\n");
        md += toMarkdown(part, path, options);
    }
    return md;
}

} // namespace Sluice::ConversationExport
