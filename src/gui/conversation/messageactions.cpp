#include "gui/conversation/messageactions.h"

#include "gui/conversation/conversationview.h"
#include "gui/conversation/markdownlayout.h"
#include "gui/conversation/messagedelegate.h"
#include "session/chatmodel.h"

#include <QMenu>

namespace Sluice {

QString codeBlockActionLabel(int codeBlock, const QString &language)
{
    return language.isEmpty()
               ? ConversationView::tr("Copy code block %1").arg(codeBlock + 1)
               : ConversationView::tr("Copy code block %1, %2").arg(codeBlock + 1).arg(language);
}

MessageActions::MessageActions(ConversationView *view) : m_view(view) {}

void MessageActions::addProvider(MessageActionProvider provider)
{
    m_providers.append(std::move(provider));
}

QList<MessageAction> MessageActions::actionsFor(const QModelIndex &index) const
{
    QList<MessageAction> out;
    if (!index.isValid())
        return out;
    builtIn(index, out);
    for (const MessageActionProvider &provider : m_providers)
        provider(index, out);
    finalActions(index, out);
    return out;
}

void MessageActions::builtIn(const QModelIndex &index, QList<MessageAction> &out) const
{
    ConversationView *view = m_view;
    const int row = index.row();
    const auto *model = qobject_cast<const ChatModel *>(index.model());
    if (!model)
        return;
    const ConversationMessage &m = model->message(row);
    const bool running = isRunningState(m.state);
    const auto add = [&out](const char *id, const QString &label, std::function<void()> trigger,
                            MessageHit part, const char *objectName) -> MessageAction & {
        out.append(MessageAction::make(QString::fromLatin1(id), label, std::move(trigger), part,
                                       QString::fromLatin1(objectName)));
        return out.last();
    };

    add(
        "copy", ConversationView::tr("Copy"), [view, row] { view->copyMessage(row, false); },
        MessageHit::Copy, "copyMessageAction");
    add(
        "copyMarkdown", ConversationView::tr("Copy as Markdown"),
        [view, row] { view->copyMessage(row, true); }, MessageHit::None, "copyMarkdownAction");
    if (const MarkdownLayout *layout = view->messageDelegate()->contentLayout(index)) {
        const QList<MarkdownLayout::CodeBlock> &blocks = layout->codeBlocks();
        for (int i = 0; i < blocks.size(); ++i) {
            MessageAction &a = add(
                "copyCode", codeBlockActionLabel(i, blocks.at(i).language),
                [view, row, i] { view->copyCodeBlock(row, i); }, MessageHit::CopyCode,
                "copyCodeAction");
            a.id = QStringLiteral("copyCode:%1").arg(i);
            a.codeBlock = i;
        }
    }
    if (!m.thinking.isEmpty() && !running) {
        const bool shown = index.data(ChatModel::ThinkingExpandedRole).toBool();
        MessageAction &a = add(
            "thinking",
            shown ? ConversationView::tr("Hide thinking") : ConversationView::tr("Show thinking"),
            [view, row] { view->activate(row, MessageHit::ThinkingToggle); },
            MessageHit::ThinkingToggle, "thinkingAction");
        a.checkable = true;
        a.checked = shown;
        a.expandable = true;
        a.shownText = thinkingLabel(m, false, shown).mid(2); // without its arrow
    }

    if (m.isUser()) {
        add(
            "edit", ConversationView::tr("Edit && Resend…"),
            [view, row] { Q_EMIT view->editRequested(row); }, MessageHit::Edit,
            "editMessageAction");
        return;
    }
    const bool last = row == model->rowCount() - 1;
    if (!last || running)
        return;
    const bool broken = isBrokenState(m.state);
    const bool hasText = !m.content.trimmed().isEmpty();
    if (broken)
        add(
            "retry", ConversationView::tr("Retry"),
            [view, row] { Q_EMIT view->retryRequested(row); }, MessageHit::Retry, "retryAction");
    if (hasText && (broken || m.stats.finishReason == u"length"))
        add(
            "continue", ConversationView::tr("Continue"),
            [view, row] { Q_EMIT view->continueRequested(row); }, MessageHit::Continue,
            "continueAction");
    if (!broken)
        add(
            "regenerate", ConversationView::tr("Regenerate"),
            [view, row] { Q_EMIT view->regenerateRequested(row); }, MessageHit::Regenerate,
            "regenerateAction");
}

void MessageActions::finalActions(const QModelIndex &index, QList<MessageAction> &out) const
{
    ConversationView *view = m_view;
    const int row = index.row();
    out.append(MessageAction::make(
        QStringLiteral("delete"), ConversationView::tr("Delete"),
        [view, row] { Q_EMIT view->deleteRequested(row); }, MessageHit::None,
        QStringLiteral("deleteMessageAction")));
}

void MessageActions::fillMenu(QMenu *menu, const QList<MessageAction> &actions)
{
    // Groups: copying, showing, acting on the conversation, deleting.
    const auto group = [](const MessageAction &a) {
        if (a.id.startsWith(u"copy"))
            return 0;
        if (a.id == u"delete")
            return 3;
        if (a.checkable)
            return 1;
        return 2;
    };
    int last = -1;
    for (const MessageAction &a : actions) {
        const int g = group(a);
        if (last >= 0 && g != last)
            menu->addSeparator();
        last = g;
        QAction *action = menu->addAction(a.label);
        action->setObjectName(a.objectName.isEmpty() ? a.id : a.objectName);
        action->setEnabled(a.enabled);
        if (a.checkable) {
            action->setCheckable(true);
            action->setChecked(a.checked);
        }
        QObject::connect(action, &QAction::triggered, menu, a.trigger);
    }
}

} // namespace Sluice
