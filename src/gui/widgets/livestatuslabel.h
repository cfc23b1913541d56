// A status text that assistive technology hears when it matters.
//
// Its accessible name is what it shows (no fixed name hides the value), and it offers its text
// through the accessible Text interface. setText() changes it quietly, as any label (the
// status ticks several times a second); announce() shows a text (often the one already
// shown) and tells assistive technology to say it now: the name and the text change with NameChanged and TextUpdated
// events (AT-SPI: property-change:accessible-name, text-changed), and with Qt 6.8 or newer a
// QAccessibleAnnouncementEvent (AT-SPI: announcement), assertive for failures.
#pragma once

#include <QLabel>

namespace Sluice {

class LiveStatusLabel final : public QLabel
{
    Q_OBJECT
public:
    enum class Urgency { Polite, Assertive };

    explicit LiveStatusLabel(QWidget *parent = nullptr);

    void announce(const QString &text, Urgency urgency = Urgency::Polite);
    int announcementCount() const { return m_announcements; }

Q_SIGNALS:
    void announced(const QString &text, Sluice::LiveStatusLabel::Urgency urgency);

private:
    int m_announcements = 0;
};

} // namespace Sluice
