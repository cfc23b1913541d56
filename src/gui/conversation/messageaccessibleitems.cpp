#include "gui/conversation/messageaccessibleitems.h"

#include "gui/conversation/conversationview.h"
#include "gui/conversation/messageaccessible.h"
#include "gui/conversation/messagedelegate.h"
#include "gui/conversation/messagespeech.h"
#include "session/chatmodel.h"

#include <QScrollBar>
#include <QToolButton>
#include <QWindow>

namespace Sluice {

QString spokenLabel(const QString &menuLabel)
{
    QString s = menuLabel;
    return s.replace(QStringLiteral("&&"), QStringLiteral("&"));
}

namespace {

QRect globalRect(const ConversationView *view, const QRect &viewportRect)
{
    if (viewportRect.isEmpty())
        return {};
    return QRect(view->viewport()->mapToGlobal(viewportRect.topLeft()), viewportRect.size());
}

void runLater(ConversationView *view, const std::function<void()> &trigger)
{
    // Not inside the assistive technology's call: the action may remove this very message.
    QMetaObject::invokeMethod(view, trigger, Qt::QueuedConnection);
}

} // namespace

// --- the list ---------------------------------------------------------------------------

ConversationAccessible::ConversationAccessible(ConversationView *view)
    : QAccessibleWidget(view, QAccessible::List)
{}

ConversationView *ConversationAccessible::view() const
{
    return static_cast<ConversationView *>(widget());
}

QWidget *ConversationAccessible::jumpButton() const
{
    auto *button = view()->findChild<QToolButton *>(QStringLiteral("jumpToLatestButton"),
                                                    Qt::FindDirectChildrenOnly);
    return button && button->isVisible() ? button : nullptr;
}

int ConversationAccessible::childCount() const
{
    const int rows = view()->model() ? view()->model()->rowCount() : 0;
    return rows + (jumpButton() ? 1 : 0);
}

QAccessibleInterface *ConversationAccessible::child(int index) const
{
    const int rows = view()->model() ? view()->model()->rowCount() : 0;
    if (index >= 0 && index < rows)
        return MessageAccessibility::of(view())->message(index);
    if (index == rows)
        if (QWidget *button = jumpButton())
            return QAccessible::queryAccessibleInterface(button);
    return nullptr;
}

int ConversationAccessible::indexOfChild(const QAccessibleInterface *child) const
{
    if (!child)
        return -1;
    if (const auto *item = dynamic_cast<const MessageItemAccessible *>(child))
        return item->row();
    if (QWidget *button = jumpButton(); button && child->object() == button)
        return view()->model() ? view()->model()->rowCount() : 0;
    return -1;
}

QAccessibleInterface *ConversationAccessible::childAt(int x, int y) const
{
    if (QWidget *button = jumpButton();
        button && QRect(button->mapToGlobal(QPoint()), button->size()).contains(x, y))
        return QAccessible::queryAccessibleInterface(button);
    const QModelIndex index = view()->indexAt(view()->viewport()->mapFromGlobal(QPoint(x, y)));
    return index.isValid() ? MessageAccessibility::of(view())->message(index.row()) : nullptr;
}

QAccessibleInterface *ConversationAccessible::focusChild() const
{
    if (!view()->hasFocus() || !view()->currentIndex().isValid())
        return nullptr;
    return MessageAccessibility::of(view())->message(view()->currentIndex().row());
}

// --- one message ------------------------------------------------------------------------

MessageItemAccessible::MessageItemAccessible(ConversationView *view, quint64 uid)
    : m_view(view), m_uid(uid)
{}

int MessageItemAccessible::row() const
{
    const auto *model = m_view ? qobject_cast<const ChatModel *>(m_view->model()) : nullptr;
    return model ? model->rowOfUid(m_uid) : -1;
}

QModelIndex MessageItemAccessible::index() const
{
    const int r = row();
    return r >= 0 ? m_view->model()->index(r, 0) : QModelIndex();
}

QList<MessageAction> MessageItemAccessible::actions() const
{
    const QModelIndex i = index();
    return i.isValid() ? m_view->messageActions()->actionsFor(i) : QList<MessageAction>();
}

bool MessageItemAccessible::isValid() const
{
    return row() >= 0;
}

QWindow *MessageItemAccessible::window() const
{
    return m_view ? m_view->window()->windowHandle() : nullptr;
}

QAccessibleInterface *MessageItemAccessible::parent() const
{
    return m_view ? QAccessible::queryAccessibleInterface(m_view.data()) : nullptr;
}

int MessageItemAccessible::childCount() const
{
    return int(actions().size());
}

QAccessibleInterface *MessageItemAccessible::child(int index) const
{
    const QList<MessageAction> list = actions();
    if (index < 0 || index >= list.size())
        return nullptr;
    return MessageAccessibility::of(m_view)->action(m_uid, list.at(index).id);
}

int MessageItemAccessible::indexOfChild(const QAccessibleInterface *child) const
{
    const QList<MessageAction> list = actions();
    for (int i = 0; i < list.size(); ++i) {
        if (MessageAccessibility::of(m_view)->action(m_uid, list.at(i).id) == child)
            return i;
    }
    return -1;
}

QAccessibleInterface *MessageItemAccessible::childAt(int x, int y) const
{
    for (int i = 0; i < childCount(); ++i) {
        QAccessibleInterface *c = child(i);
        if (c && c->rect().contains(x, y))
            return c;
    }
    return nullptr;
}

QString MessageItemAccessible::spoken() const
{
    const QModelIndex i = index();
    if (!i.isValid())
        return {};
    const quint64 revision = i.data(ChatModel::RevisionRole).toULongLong();
    if (revision != m_spokenRevision) {
        const auto *model = static_cast<const ChatModel *>(i.model());
        m_spoken = MessageSpeech::message(model->message(i.row()),
                                          m_view->messageDelegate()->isThinkingShown(i));
        m_spokenRevision = revision;
    }
    return m_spoken;
}

QString MessageItemAccessible::text(QAccessible::Text t) const
{
    return t == QAccessible::Name ? spoken() : QString();
}

QRect MessageItemAccessible::rect() const
{
    const QModelIndex i = index();
    return i.isValid() ? globalRect(m_view, m_view->visualRect(i)) : QRect();
}

QAccessible::State MessageItemAccessible::state() const
{
    QAccessible::State s;
    const QModelIndex i = index();
    if (!i.isValid()) {
        s.invalid = true;
        return s;
    }
    s.focusable = true;
    s.readOnly = true;
    s.multiLine = true;
    s.focused = m_view->hasFocus() && m_view->currentIndex() == i;
    s.offscreen = !m_view->viewport()->rect().intersects(m_view->visualRect(i));
    return s;
}

void *MessageItemAccessible::interface_cast(QAccessible::InterfaceType type)
{
    if (type == QAccessible::ActionInterface)
        return static_cast<QAccessibleActionInterface *>(this);
    if (type == QAccessible::TextInterface)
        return static_cast<QAccessibleTextInterface *>(this);
    return nullptr;
}

QStringList MessageItemAccessible::actionNames() const
{
    QStringList names{QAccessibleActionInterface::showMenuAction()};
    for (const MessageAction &a : actions())
        names << spokenLabel(a.label);
    return names;
}

void MessageItemAccessible::doAction(const QString &name)
{
    const QModelIndex i = index();
    if (!i.isValid())
        return;
    ConversationView *view = m_view;
    if (name == QAccessibleActionInterface::showMenuAction()) {
        const QPersistentModelIndex keep(i);
        runLater(view, [view, keep] {
            view->setCurrentIndex(keep);
            const QRect r = view->visualRect(keep).intersected(view->viewport()->rect());
            view->showMessageMenu(keep, view->viewport()->mapToGlobal(r.topLeft()));
        });
        return;
    }
    for (const MessageAction &a : actions()) {
        if (spokenLabel(a.label) == name)
            return runLater(view, a.trigger);
    }
}

QStringList MessageItemAccessible::keyBindingsForAction(const QString &name) const
{
    if (name == QAccessibleActionInterface::showMenuAction())
        return {QStringLiteral("Return"), QStringLiteral("Menu"), QStringLiteral("Shift+F10")};
    return {};
}

QString MessageItemAccessible::text(int startOffset, int endOffset) const
{
    const QString s = spoken();
    if (endOffset < 0 || endOffset > s.size())
        endOffset = int(s.size());
    startOffset = qBound(0, startOffset, endOffset);
    return s.mid(startOffset, endOffset - startOffset);
}

void MessageItemAccessible::scrollToSubstring(int, int)
{
    if (const QModelIndex i = index(); i.isValid())
        m_view->scrollTo(i);
}

QString MessageItemAccessible::attributes(int, int *startOffset, int *endOffset) const
{
    *startOffset = 0;
    *endOffset = characterCount();
    return {};
}

// --- one action of a message -----------------------------------------------------------

MessageActionAccessible::MessageActionAccessible(ConversationView *view, quint64 uid,
                                                 QString actionId)
    : m_view(view), m_uid(uid), m_id(std::move(actionId))
{}

bool MessageActionAccessible::find(MessageAction *out, QModelIndex *index) const
{
    const auto *model = m_view ? qobject_cast<const ChatModel *>(m_view->model()) : nullptr;
    const int row = model ? model->rowOfUid(m_uid) : -1;
    if (row < 0)
        return false;
    const QModelIndex i = model->index(row, 0);
    for (const MessageAction &a : m_view->messageActions()->actionsFor(i)) {
        if (a.id == m_id) {
            if (out)
                *out = a;
            if (index)
                *index = i;
            return true;
        }
    }
    return false;
}

bool MessageActionAccessible::isValid() const
{
    return find(nullptr);
}

QWindow *MessageActionAccessible::window() const
{
    return m_view ? m_view->window()->windowHandle() : nullptr;
}

QAccessibleInterface *MessageActionAccessible::parent() const
{
    return m_view ? MessageAccessibility::of(m_view)->messageByUid(m_uid) : nullptr;
}

QString MessageActionAccessible::text(QAccessible::Text t) const
{
    MessageAction a;
    if (!find(&a))
        return {};
    if (t == QAccessible::Name)
        return spokenLabel(a.shownText.isEmpty() ? a.label : a.shownText);
    if (t == QAccessible::Description && !a.shownText.isEmpty())
        return spokenLabel(a.label);
    return {};
}

QRect MessageActionAccessible::rect() const
{
    MessageAction a;
    QModelIndex i;
    if (!find(&a, &i) || a.part == MessageHit::None)
        return {};
    return globalRect(
        m_view, m_view->messageDelegate()->partRect(i, m_view->visualRect(i), a.part, a.codeBlock));
}

QAccessible::State MessageActionAccessible::state() const
{
    QAccessible::State s;
    MessageAction a;
    if (!find(&a)) {
        s.invalid = true;
        return s;
    }
    s.checkable = a.checkable;
    s.checked = a.checked;
    // An expander (GTK's reads the same): expandable, and expanded or collapsed. Qt's AT-SPI
    // bridge has no toggle-button role; Orca reads a push button with these states as
    // "collapsed" or "expanded".
    s.expandable = a.expandable;
    s.expanded = a.expandable && a.checked;
    s.collapsed = a.expandable && !a.checked;
    s.disabled = !a.enabled;
    s.offscreen = rect().isEmpty(); // drawn on hover, or in the menu only
    return s;
}

void *MessageActionAccessible::interface_cast(QAccessible::InterfaceType type)
{
    return type == QAccessible::ActionInterface ? static_cast<QAccessibleActionInterface *>(this)
                                                : nullptr;
}

QStringList MessageActionAccessible::actionNames() const
{
    MessageAction a;
    if (find(&a) && a.checkable)
        return {QAccessibleActionInterface::toggleAction(),
                QAccessibleActionInterface::pressAction()};
    return {QAccessibleActionInterface::pressAction()};
}

void MessageActionAccessible::doAction(const QString &name)
{
    MessageAction a;
    if (!find(&a) || !m_view)
        return;
    if (name == QAccessibleActionInterface::pressAction() ||
        name == QAccessibleActionInterface::toggleAction())
        runLater(m_view, a.trigger);
}

} // namespace Sluice
