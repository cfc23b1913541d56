#include "gui/conversation/messageaccessible.h"
#include "gui/widgets/focusproxyaccessible.h"

#include "gui/conversation/conversationview.h"
#include "gui/conversation/messageaccessibleitems.h"
#include "gui/conversation/messagedelegate.h"
#include "session/chatmodel.h"

#include <QFocusEvent>
#include <QKeyEvent>
#include <QKeySequence>
#include <QPainter>
#include <QTimer>

namespace Sluice {

namespace {

QAccessibleInterface *conversationFactory(const QString &className, QObject *object)
{
    if (className == u"Sluice::ConversationView" && object && object->isWidgetType())
        return new ConversationAccessible(static_cast<ConversationView *>(object));
    return nullptr;
}

} // namespace

MessageAccessibility::MessageAccessibility(ConversationView *view) : QObject(view), m_view(view)
{
    static const bool installed = [] {
        QAccessible::installFactory(conversationFactory);
        installFocusProxyAccessibility(); // the viewports of the window's scroll areas
        return true;
    }();
    Q_UNUSED(installed)
    view->installEventFilter(this);
}

MessageAccessibility::~MessageAccessibility()
{
    forgetAll();
}

MessageAccessibility *MessageAccessibility::of(const ConversationView *view)
{
    return view->findChild<MessageAccessibility *>(QString(), Qt::FindDirectChildrenOnly);
}

void MessageAccessibility::setModel(QAbstractItemModel *model)
{
    for (const QMetaObject::Connection &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    forgetAll();
    m_model = model;
    m_running.clear();
    if (!model)
        return;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex i = model->index(row, 0);
        if (isRunningState(MessageState(i.data(ChatModel::StateRole).toInt())))
            m_running.insert(i.internalId());
    }
    m_connections = {
        connect(model, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex &, int first, int last) { rowsInserted(first, last); }),
        connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                [this](const QModelIndex &, int first, int last) {
                    rowsAboutToBeRemoved(first, last);
                }),
        connect(model, &QAbstractItemModel::rowsRemoved, this, &MessageAccessibility::rowsRemoved),
        connect(model, &QAbstractItemModel::modelReset, this, &MessageAccessibility::forgetAll),
        connect(model, &QAbstractItemModel::dataChanged, this, &MessageAccessibility::dataChanged),
    };
}

QAccessibleInterface *MessageAccessibility::messageByUid(quint64 uid)
{
    if (const auto it = m_messages.constFind(uid); it != m_messages.cend())
        return QAccessible::accessibleInterface(*it);
    auto *iface = new MessageItemAccessible(m_view, uid);
    m_messages.insert(uid, QAccessible::registerAccessibleInterface(iface));
    return iface;
}

QAccessibleInterface *MessageAccessibility::message(int row)
{
    if (!m_model || row < 0 || row >= m_model->rowCount())
        return nullptr;
    return messageByUid(m_model->index(row, 0).internalId());
}

QAccessibleInterface *MessageAccessibility::action(quint64 uid, const QString &actionId)
{
    const QPair<quint64, QString> key(uid, actionId);
    if (const auto it = m_actions.constFind(key); it != m_actions.cend())
        return QAccessible::accessibleInterface(*it);
    auto *iface = new MessageActionAccessible(m_view, uid, actionId);
    m_actions.insert(key, QAccessible::registerAccessibleInterface(iface));
    return iface;
}

void MessageAccessibility::forget(quint64 uid)
{
    if (const auto it = m_messages.find(uid); it != m_messages.end()) {
        QAccessible::deleteAccessibleInterface(*it);
        m_messages.erase(it);
    }
    for (auto it = m_actions.begin(); it != m_actions.end();) {
        if (it.key().first == uid) {
            QAccessible::deleteAccessibleInterface(*it);
            it = m_actions.erase(it);
        } else {
            ++it;
        }
    }
}

void MessageAccessibility::forgetAll()
{
    for (const QAccessible::Id id : std::as_const(m_messages))
        QAccessible::deleteAccessibleInterface(id);
    for (const QAccessible::Id id : std::as_const(m_actions))
        QAccessible::deleteAccessibleInterface(id);
    m_messages.clear();
    m_actions.clear();
}

void MessageAccessibility::send(QAccessibleInterface *iface, QAccessible::Event event)
{
    if (!iface)
        return;
    QAccessibleEvent e(iface, event);
    QAccessible::updateAccessibility(&e);
}

void MessageAccessibility::rowsInserted(int first, int last)
{
    for (int row = first; row <= last; ++row) {
        const QModelIndex i = m_model->index(row, 0);
        if (isRunningState(MessageState(i.data(ChatModel::StateRole).toInt())))
            m_running.insert(i.internalId());
        if (QAccessible::isActive())
            send(message(row), QAccessible::ObjectCreated); // children-changed:add
    }
}

void MessageAccessibility::rowsAboutToBeRemoved(int first, int last)
{
    if (!QAccessible::isActive())
        return;
    for (int row = first; row <= last; ++row)
        send(message(row), QAccessible::ObjectDestroyed); // children-changed:remove
}

void MessageAccessibility::rowsRemoved()
{
    const auto *model = qobject_cast<const ChatModel *>(m_model.data());
    const QList<quint64> known = m_messages.keys();
    for (const quint64 uid : known) {
        if (!model || model->rowOfUid(uid) < 0)
            forget(uid);
    }
}

void MessageAccessibility::dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                                       const QList<int> &roles)
{
    for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
        const QModelIndex i = m_model->index(row, 0);
        const quint64 uid = i.internalId();
        const bool running = isRunningState(MessageState(i.data(ChatModel::StateRole).toInt()));
        const bool ended = !running && m_running.remove(uid);
        if (running)
            m_running.insert(uid);
        // Not every streamed token: the reply's status announces it (ReplyAnnouncer). The
        // message says its final text once, and its thinking when it is opened or closed.
        const bool toggled = roles.contains(ChatModel::ThinkingExpandedRole);
        if (!QAccessible::isActive() || (!ended && !toggled))
            continue;
        send(message(row), QAccessible::NameChanged);
        if (toggled) {
            QAccessibleInterface *toggle = action(uid, QStringLiteral("thinking"));
            QAccessible::State changed;
            // Of these, Qt 6.4's AT-SPI bridge sends "checked" (object:state-changed:checked);
            // UI Automation reads the expanded/collapsed state again on the change.
            changed.checked = true;
            changed.expanded = true;
            changed.collapsed = true;
            QAccessibleStateChangeEvent e(toggle, changed);
            QAccessible::updateAccessibility(&e);
        }
    }
}

void MessageAccessibility::paintFocus()
{
    const QModelIndex current = m_view->currentIndex();
    if (!m_view->hasFocus() || !current.isValid())
        return;
    // The message's column, as computeMessageGeometry() places it.
    const MessageTheme &t = m_view->messageDelegate()->theme();
    const QRect row = m_view->visualRect(current);
    const qreal width = qMax(120.0, qMin(t.maxColumn, row.width() - 2 * t.sideMargin));
    const QRectF column(qRound((row.width() - width) / 2) + row.left(), row.top(), width,
                        row.height());
    QPainter p(m_view->viewport());
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(t.accent, 2));
    p.setBrush(Qt::NoBrush);
    p.drawRoundedRect(column.adjusted(-6, 2, 6, -2), 8, 8);
}

bool MessageAccessibility::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_view || !m_view->model())
        return QObject::eventFilter(watched, event);
    QAbstractItemModel *model = m_view->model();
    if (event->type() == QEvent::FocusIn && !m_view->currentIndex().isValid() &&
        model->rowCount() > 0 &&
        static_cast<QFocusEvent *>(event)->reason() != Qt::MouseFocusReason) {
        // The keyboard's focus arrives on the newest message on screen (where a reader wants
        // to start), so nothing scrolls; a click is left to select text.
        const QRect vp = m_view->viewport()->rect();
        QModelIndex start = m_view->indexAt(QPoint(vp.center().x(), vp.bottom()));
        if (!start.isValid())
            start = model->index(model->rowCount() - 1, 0);
        m_view->selectionModel()->setCurrentIndex(start, QItemSelectionModel::NoUpdate);
    }
    if (event->type() == QEvent::FocusIn) {
        // Qt tells of the view's focus after this event; the message's focus is told after
        // that, so that a screen reader ends on the message, not on the list.
        QTimer::singleShot(0, this, [this] {
            const QModelIndex current = m_view->currentIndex();
            if (!QAccessible::isActive() || !m_view->hasFocus() || !current.isValid())
                return;
            QAccessibleEvent focus(m_view, QAccessible::Focus);
            focus.setChild(current.row());
            QAccessible::updateAccessibility(&focus);
        });
    } else if (event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const QModelIndex current = m_view->currentIndex();
        if (!current.isValid())
            return false;
        const bool menuKey = key->key() == Qt::Key_Menu ||
                             (key->key() == Qt::Key_F10 && key->modifiers() == Qt::ShiftModifier);
        if (menuKey || key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            const QRect r = m_view->visualRect(current).intersected(m_view->viewport()->rect());
            m_view->showMessageMenu(current, m_view->viewport()->mapToGlobal(r.topLeft()));
            return true;
        }
        if (key->matches(QKeySequence::Copy)) {
            m_view->copyMessage(current.row(), false);
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace Sluice
