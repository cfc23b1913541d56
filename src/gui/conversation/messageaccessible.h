// The conversation as assistive technology meets it (AT-SPI on Linux, UIA on Windows):
// a list whose items are the messages, each read as plain text (messagespeech.h), each with
// its actions (messageactions.h) as buttons inside it and as actions of the item.
//
// MessageAccessibility lives beside the view: it tells assistive technology when messages
// come and go and when a reply ends (its text is then final), keeps the interfaces of the
// messages and their buttons (one per message and action, so their ids stay stable), and
// gives the keyboard the focused message: the focus goes to the newest message when the view
// gets it, Up/Down move it, Enter or the Menu key open the message's actions, Ctrl+C copies it.
#pragma once

#include <QAbstractItemModel>
#include <QAccessible>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

namespace Sluice {

class ConversationView;

class MessageAccessibility final : public QObject
{
    Q_OBJECT
public:
    explicit MessageAccessibility(ConversationView *view);
    ~MessageAccessibility() override;

    void setModel(QAbstractItemModel *model);

    // The interface of the message at `row` (nullptr when there is none).
    QAccessibleInterface *message(int row);
    QAccessibleInterface *messageByUid(quint64 uid);
    // The interface of one action of one message.
    QAccessibleInterface *action(quint64 uid, const QString &actionId);

    static MessageAccessibility *of(const ConversationView *view);
    // The frame around the message the keyboard acts on (from the view's paintEvent).
    void paintFocus();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void forget(quint64 uid);
    void forgetAll();
    void rowsInserted(int first, int last);
    void rowsAboutToBeRemoved(int first, int last);
    void rowsRemoved();
    void dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                     const QList<int> &roles);
    void send(QAccessibleInterface *iface, QAccessible::Event event);

    ConversationView *m_view;
    QPointer<QAbstractItemModel> m_model;
    QList<QMetaObject::Connection> m_connections;
    QHash<quint64, QAccessible::Id> m_messages;
    QHash<QPair<quint64, QString>, QAccessible::Id> m_actions;
    QSet<quint64> m_running; // replies still running: their end is told
};

} // namespace Sluice
