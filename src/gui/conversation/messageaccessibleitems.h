// The accessible interfaces behind messageaccessible.h: the conversation list, one message,
// one action inside a message. Only MessageAccessibility makes them.
#pragma once

#include "gui/conversation/messageactions.h"

#include <QAccessibleInterface>
#include <QAccessibleWidget>
#include <QPointer>

namespace Sluice {

class ConversationView;

// The view: a list of messages, then the "Jump to latest" button while it shows.
class ConversationAccessible final : public QAccessibleWidget
{
public:
    explicit ConversationAccessible(ConversationView *view);

    int childCount() const override;
    QAccessibleInterface *child(int index) const override;
    int indexOfChild(const QAccessibleInterface *child) const override;
    QAccessibleInterface *childAt(int x, int y) const override;
    QAccessibleInterface *focusChild() const override;

private:
    ConversationView *view() const;
    QWidget *jumpButton() const;
};

class MessageItemAccessible final : public QAccessibleInterface,
                                    public QAccessibleActionInterface,
                                    public QAccessibleTextInterface
{
public:
    MessageItemAccessible(ConversationView *view, quint64 uid);

    int row() const;
    QModelIndex index() const;
    QList<MessageAction> actions() const;
    quint64 uid() const { return m_uid; }

    // QAccessibleInterface
    bool isValid() const override;
    QObject *object() const override { return nullptr; }
    QWindow *window() const override;
    QList<QPair<QAccessibleInterface *, QAccessible::Relation>>
    relations(QAccessible::Relation) const override
    {
        return {};
    }
    QAccessibleInterface *focusChild() const override { return nullptr; }
    QAccessibleInterface *childAt(int x, int y) const override;
    QAccessibleInterface *parent() const override;
    QAccessibleInterface *child(int index) const override;
    int childCount() const override;
    int indexOfChild(const QAccessibleInterface *child) const override;
    QString text(QAccessible::Text t) const override;
    void setText(QAccessible::Text, const QString &) override {}
    QRect rect() const override;
    QAccessible::Role role() const override { return QAccessible::ListItem; }
    QAccessible::State state() const override;
    void *interface_cast(QAccessible::InterfaceType type) override;

    // QAccessibleActionInterface: the message's actions by their names, and its menu.
    QStringList actionNames() const override;
    QString localizedActionName(const QString &name) const override { return name; }
    QString localizedActionDescription(const QString &name) const override { return name; }
    void doAction(const QString &name) override;
    QStringList keyBindingsForAction(const QString &name) const override;

    // QAccessibleTextInterface: the spoken text, read-only.
    void selection(int, int *start, int *end) const override { *start = *end = 0; }
    int selectionCount() const override { return 0; }
    void addSelection(int, int) override {}
    void removeSelection(int) override {}
    void setSelection(int, int, int) override {}
    int cursorPosition() const override { return 0; }
    void setCursorPosition(int) override {}
    QString text(int startOffset, int endOffset) const override;
    int characterCount() const override { return int(spoken().size()); }
    QRect characterRect(int) const override { return {}; }
    int offsetAtPoint(const QPoint &) const override { return -1; }
    void scrollToSubstring(int, int) override;
    QString attributes(int offset, int *startOffset, int *endOffset) const override;

private:
    QString spoken() const;

    QPointer<ConversationView> m_view;
    quint64 m_uid;
    mutable quint64 m_spokenRevision = ~quint64(0);
    mutable QString m_spoken;
};

// One action of a message: a button (the thinking toggle: a toggle button).
class MessageActionAccessible final : public QAccessibleInterface, public QAccessibleActionInterface
{
public:
    MessageActionAccessible(ConversationView *view, quint64 uid, QString actionId);

    bool isValid() const override;
    QObject *object() const override { return nullptr; }
    QWindow *window() const override;
    QList<QPair<QAccessibleInterface *, QAccessible::Relation>>
    relations(QAccessible::Relation) const override
    {
        return {};
    }
    QAccessibleInterface *focusChild() const override { return nullptr; }
    QAccessibleInterface *childAt(int, int) const override { return nullptr; }
    QAccessibleInterface *parent() const override;
    QAccessibleInterface *child(int) const override { return nullptr; }
    int childCount() const override { return 0; }
    int indexOfChild(const QAccessibleInterface *) const override { return -1; }
    QString text(QAccessible::Text t) const override;
    void setText(QAccessible::Text, const QString &) override {}
    QRect rect() const override;
    QAccessible::Role role() const override { return QAccessible::Button; }
    QAccessible::State state() const override;
    void *interface_cast(QAccessible::InterfaceType type) override;

    QStringList actionNames() const override;
    void doAction(const QString &name) override;
    QStringList keyBindingsForAction(const QString &) const override { return {}; }

private:
    bool find(MessageAction *out, QModelIndex *index = nullptr) const;

    QPointer<ConversationView> m_view;
    quint64 m_uid;
    QString m_id;
};

// "Edit && Resend…" in a menu is "Edit & Resend…" to a listener.
QString spokenLabel(const QString &menuLabel);

} // namespace Sluice
