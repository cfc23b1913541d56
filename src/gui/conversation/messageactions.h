// What can be done with one message, in one list: the keyboard's message menu (Menu key,
// Shift+F10, Enter on the focused message), the mouse's context menu and the accessible
// buttons of the message (messageaccessible.h) are all built from it, so an action added here
// is reachable by mouse, keyboard and assistive technology at once.
//
// A feature that draws a new control inside messages registers a provider on the view:
//
//     view->messageActions()->addProvider([view](const QModelIndex &index, QList<MessageAction>
//     &out) {
//         if (hasBranches(index))
//             out.append(MessageAction::make(QStringLiteral("nextBranch"),
//                                            ConversationView::tr("Next branch"),
//                                            [view, row = index.row()] { … }));
//     });
//
// Providers run in the order they were added, after the built-in ones (Copy, Copy as
// Markdown, one Copy per code block, the thinking toggle, Edit, Retry, Continue,
// Regenerate); Delete always comes last.
#pragma once

#include "gui/conversation/messagegeometry.h"

#include <QList>
#include <QModelIndex>
#include <QString>

#include <functional>

class QMenu;

namespace Sluice {

class ConversationView;

struct MessageAction
{
    QString id;    // stable: "copy", "copyCode:0", "thinking", "retry", …
    QString label; // the name a person sees in the menu and hears from a screen reader
    std::function<void()> trigger;
    // The painted part this action stands for (its place on screen), or None.
    MessageHit part = MessageHit::None;
    int codeBlock = -1;
    bool checkable = false; // a toggle (the thinking), with its state
    bool checked = false;
    // Shows or hides content (the thinking): an expander, expanded while checked.
    bool expandable = false;
    bool enabled = true; // false: shown greyed ("Version 2 of 3", the first version's ‹)
    QString objectName; // of the menu entry, for tests
    // What the painted control shows when that differs from the menu's words ("Thought for
    // 3.2 s" for "Show thinking"): its accessible name, so that voice control finds it.
    QString shownText;

    static MessageAction make(QString id, QString label, std::function<void()> trigger,
                              MessageHit part = MessageHit::None, QString objectName = {})
    {
        MessageAction a;
        a.id = std::move(id);
        a.label = std::move(label);
        a.trigger = std::move(trigger);
        a.part = part;
        a.objectName = std::move(objectName);
        return a;
    }
};

using MessageActionProvider =
    std::function<void(const QModelIndex &index, QList<MessageAction> &out)>;

class MessageActions final
{
public:
    explicit MessageActions(ConversationView *view);

    void addProvider(MessageActionProvider provider);
    // Every action of the message at `index`, in menu order.
    QList<MessageAction> actionsFor(const QModelIndex &index) const;
    // Adds `actions` to `menu`, with separators between the groups.
    static void fillMenu(QMenu *menu, const QList<MessageAction> &actions);

private:
    void builtIn(const QModelIndex &index, QList<MessageAction> &out) const;
    void finalActions(const QModelIndex &index, QList<MessageAction> &out) const;

    ConversationView *m_view;
    QList<MessageActionProvider> m_providers;
};

// "Copy code block 2, python": what a code block's Copy button is called.
QString codeBlockActionLabel(int codeBlock, const QString &language);

} // namespace Sluice
