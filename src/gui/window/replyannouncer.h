// Says when a reply starts, finishes or fails, for someone who does not watch the screen.
//
// The status bar's text (ReplyStatus) ticks several times a second and changes quietly; the
// three moments that matter are announced on the status label (LiveStatusLabel::announce:
// name and text change events, and an announcement with Qt 6.8 or newer). Qt 6.4 has no
// announcement, and Orca presents changes of objects that do not have the focus only in
// live regions; what Orca does present is a change of the focused object's accessible
// description. So while the message box or the conversation has the focus, the sentence is
// also set as its description (restored when the focus leaves it).
#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>

class QWidget;

namespace Sluice {

class ChatReply;
class LiveStatusLabel;
class ReplyStatus;

class ReplyAnnouncer final : public QObject
{
    Q_OBJECT
public:
    // `places`: where the user reads and writes while a reply comes (the message box, the
    // conversation).
    ReplyAnnouncer(LiveStatusLabel *label, ReplyStatus *status, QList<QWidget *> places,
                   QObject *parent = nullptr);

    // A reply that has just begun (said now; its end too). Call after ReplyStatus::watch(),
    // so that the status's own words are final first.
    void watch(ChatReply *reply) { follow(reply, true); }
    // A reply already running when its conversation is shown: only its end is said.
    void follow(ChatReply *reply, bool started = false);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void announce(const QString &sentence, bool failure);

    LiveStatusLabel *m_label;
    ReplyStatus *m_status;
    QList<QPointer<QWidget>> m_places;
    QHash<QWidget *, QString> m_ownDescriptions; // of places that carry an announcement
    QPointer<ChatReply> m_reply;
};

} // namespace Sluice
