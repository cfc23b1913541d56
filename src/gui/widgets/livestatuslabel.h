// A status text that assistive technology hears when it matters.
//
// Its accessible name is what it shows (no fixed name hides the value), and it offers its text
// through the accessible Text interface. setText() changes it quietly, as any label (the
// status ticks several times a second); announce() shows a text (often the one already
// shown) and tells assistive technology to say it now: the name and the text change with NameChanged and TextUpdated
// events (AT-SPI: property-change:accessible-name, text-changed), and with Qt 6.8 or newer a
// QAccessibleAnnouncementEvent (AT-SPI: announcement), assertive for failures.
//
// Orca 43 (Debian 12) speaks none of those for an object that does not have the focus, and
// reads Qt 6.4's description-change events wrongly; what it does speak wherever the focus is
// is a notification being shown. So the label has a child of role Notification, named by the
// last sentence announced, and announce() sends it as shown (AT-SPI: a notification's
// state-changed:showing), which Orca speaks at once (docs/accessibility.md, "Orca").
#pragma once

#include "gui/widgets/elidinglabel.h"

class QAccessibleInterface;

namespace Sluice {

class LiveStatusLabel final : public ElidingLabel
{
    Q_OBJECT
public:
    enum class Urgency { Polite, Assertive };

    explicit LiveStatusLabel(QWidget *parent = nullptr);
    ~LiveStatusLabel() override;

    // Shows `text`; `spoken` (default: `text`) is the sentence the notification says.
    void announce(const QString &text, Urgency urgency = Urgency::Polite,
                  const QString &spoken = QString());
    int announcementCount() const { return m_announcements; }
    QString lastAnnouncement() const { return m_lastSpoken; }
    QAccessibleInterface *notification(); // its accessible notification (made when asked)

Q_SIGNALS:
    void announced(const QString &text, Sluice::LiveStatusLabel::Urgency urgency);

private:
    int m_announcements = 0;
    QString m_lastSpoken;
    unsigned m_notificationId = 0; // QAccessible::Id of its notification, once made
};

} // namespace Sluice
