#include "gui/window/replyannouncer.h"

#include "core/chat/chatreply.h"
#include "gui/widgets/livestatuslabel.h"
#include "session/replystatus.h"

#include <QApplication>
#include <QEvent>
#include <QWidget>

namespace Sluice {

ReplyAnnouncer::ReplyAnnouncer(LiveStatusLabel *label, ReplyStatus *status, QList<QWidget *> places,
                               QObject *parent)
    : QObject(parent), m_label(label), m_status(status)
{
    for (QWidget *w : places)
        m_places.append(w);
}

void ReplyAnnouncer::follow(ChatReply *reply, bool started)
{
    if (m_reply)
        m_reply->disconnect(this);
    m_reply = reply;
    if (!reply)
        return;
    const QString model = reply->request().model;
    connect(reply, &ChatReply::finished, this,
            [this, model] { announce(tr("%1: %2").arg(model, m_status->text()), false); });
    connect(reply, &ChatReply::failed, this, [this, model](const ChatError &error) {
        announce(tr("%1: %2").arg(model, m_status->text()),
                 error.kind != ChatError::Kind::Cancelled);
    });
    if (started)
        announce(tr("%1 is replying…").arg(model), false);
}

void ReplyAnnouncer::announce(const QString &sentence, bool failure)
{
    // The status bar keeps its own words (what ReplyStatus says); the sentence, with the
    // model's name, is what the focused place describes.
    m_label->announce(m_status->text(),
                      failure ? LiveStatusLabel::Urgency::Assertive
                              : LiveStatusLabel::Urgency::Polite,
                      sentence);
    QWidget *focus = QApplication::focusWidget();
    for (const QPointer<QWidget> &place : std::as_const(m_places)) {
        if (!place || place != focus)
            continue;
        if (!m_ownDescriptions.contains(place)) {
            m_ownDescriptions.insert(place, place->accessibleDescription());
            place->installEventFilter(this);
        }
        place->setAccessibleDescription(sentence); // Orca says the focused object's new description
    }
}

bool ReplyAnnouncer::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::FocusOut) {
        auto *place = static_cast<QWidget *>(watched);
        if (const auto it = m_ownDescriptions.find(place); it != m_ownDescriptions.end()) {
            place->removeEventFilter(this);
            place->setAccessibleDescription(*it);
            m_ownDescriptions.erase(it);
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace Sluice
