#include "gui/widgets/livestatuslabel.h"

#include <QAccessible>
#include <QAccessibleWidget>
#include <QPointer>
#include <QWindow>
#include <QtGlobal>

namespace Sluice {

namespace {

// The notification a LiveStatusLabel announces with: named by the sentence, inside the label.
class NotificationAccessible final : public QAccessibleInterface
{
public:
    explicit NotificationAccessible(LiveStatusLabel *label) : m_label(label) {}

    bool isValid() const override { return m_label; }
    QObject *object() const override { return nullptr; }
    QWindow *window() const override
    {
        return m_label ? m_label->window()->windowHandle() : nullptr;
    }
    QList<QPair<QAccessibleInterface *, QAccessible::Relation>>
    relations(QAccessible::Relation) const override
    {
        return {};
    }
    QAccessibleInterface *focusChild() const override { return nullptr; }
    QAccessibleInterface *childAt(int, int) const override { return nullptr; }
    QAccessibleInterface *parent() const override
    {
        return m_label ? QAccessible::queryAccessibleInterface(m_label.data()) : nullptr;
    }
    QAccessibleInterface *child(int) const override { return nullptr; }
    int childCount() const override { return 0; }
    int indexOfChild(const QAccessibleInterface *) const override { return -1; }
    QString text(QAccessible::Text t) const override
    {
        return m_label && t == QAccessible::Name ? m_label->lastAnnouncement() : QString();
    }
    void setText(QAccessible::Text, const QString &) override {}
    QRect rect() const override
    {
        return m_label ? QRect(m_label->mapToGlobal(QPoint(0, 0)), m_label->size()) : QRect();
    }
    QAccessible::Role role() const override { return QAccessible::Notification; }
    QAccessible::State state() const override
    {
        QAccessible::State s;
        s.invisible = !m_label || !m_label->isVisible() || m_label->lastAnnouncement().isEmpty();
        s.readOnly = true;
        return s;
    }

private:
    QPointer<LiveStatusLabel> m_label;
};

QAccessibleInterface *notificationOf(LiveStatusLabel *label, unsigned *id)
{
    if (!*id)
        *id = QAccessible::registerAccessibleInterface(new NotificationAccessible(label));
    return QAccessible::accessibleInterface(*id);
}

// A label whose name is its text, with a read-only Text interface.
class LiveStatusAccessible final : public QAccessibleWidget, public QAccessibleTextInterface
{
public:
    explicit LiveStatusAccessible(QLabel *label) : QAccessibleWidget(label, QAccessible::StatusBar)
    {}

    QString text(QAccessible::Text t) const override
    {
        if (t == QAccessible::Name)
            return label()->text();
        return QAccessibleWidget::text(t);
    }
    // Its one child: the notification (a QLabel has no child widgets).
    int childCount() const override { return 1; }
    QAccessibleInterface *child(int index) const override
    {
        return index == 0 ? static_cast<LiveStatusLabel *>(widget())->notification() : nullptr;
    }
    int indexOfChild(const QAccessibleInterface *child) const override
    {
        return child && child == this->child(0) ? 0 : -1;
    }
    void *interface_cast(QAccessible::InterfaceType type) override
    {
        if (type == QAccessible::TextInterface)
            return static_cast<QAccessibleTextInterface *>(this);
        return QAccessibleWidget::interface_cast(type);
    }

    void selection(int, int *start, int *end) const override { *start = *end = 0; }
    int selectionCount() const override { return 0; }
    void addSelection(int, int) override {}
    void removeSelection(int) override {}
    void setSelection(int, int, int) override {}
    int cursorPosition() const override { return 0; }
    void setCursorPosition(int) override {}
    QString text(int startOffset, int endOffset) const override
    {
        const QString s = label()->text();
        if (endOffset < 0 || endOffset > s.size())
            endOffset = int(s.size());
        startOffset = qBound(0, startOffset, endOffset);
        return s.mid(startOffset, endOffset - startOffset);
    }
    int characterCount() const override { return int(label()->text().size()); }
    QRect characterRect(int) const override { return {}; }
    int offsetAtPoint(const QPoint &) const override { return -1; }
    void scrollToSubstring(int, int) override {}
    QString attributes(int, int *startOffset, int *endOffset) const override
    {
        *startOffset = 0;
        *endOffset = characterCount();
        return {};
    }

private:
    QLabel *label() const { return static_cast<QLabel *>(widget()); }
};

QAccessibleInterface *liveStatusFactory(const QString &className, QObject *object)
{
    if (className == u"Sluice::LiveStatusLabel" && object && object->isWidgetType())
        return new LiveStatusAccessible(static_cast<QLabel *>(object));
    return nullptr;
}

} // namespace

LiveStatusLabel::LiveStatusLabel(QWidget *parent) : ElidingLabel(parent)
{
    static const bool installed = [] {
        QAccessible::installFactory(liveStatusFactory);
        return true;
    }();
    Q_UNUSED(installed)
}

LiveStatusLabel::~LiveStatusLabel()
{
    if (m_notificationId)
        QAccessible::deleteAccessibleInterface(m_notificationId);
}

QAccessibleInterface *LiveStatusLabel::notification()
{
    return notificationOf(this, &m_notificationId);
}

void LiveStatusLabel::announce(const QString &sentence, Urgency urgency, const QString &spoken)
{
    const QString before = text();
    setText(sentence);
    m_lastSpoken = spoken.isEmpty() ? sentence : spoken;
    ++m_announcements;
    Q_EMIT announced(sentence, urgency);
    if (!QAccessible::isActive())
        return;
    QAccessibleEvent named(this, QAccessible::NameChanged);
    QAccessible::updateAccessibility(&named);
    QAccessibleTextUpdateEvent updated(this, 0, before, sentence);
    QAccessible::updateAccessibility(&updated);
    QAccessibleEvent shown(notification(), QAccessible::ObjectShow); // what Orca 43 speaks
    QAccessible::updateAccessibility(&shown);
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    QAccessibleAnnouncementEvent announcement(this, sentence);
    announcement.setPoliteness(urgency == Urgency::Assertive
                                   ? QAccessible::AnnouncementPoliteness::Assertive
                                   : QAccessible::AnnouncementPoliteness::Polite);
    QAccessible::updateAccessibility(&announcement);
#endif
}

} // namespace Sluice
