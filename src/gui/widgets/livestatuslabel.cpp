#include "gui/widgets/livestatuslabel.h"

#include <QAccessible>
#include <QAccessibleWidget>
#include <QtGlobal>

namespace Sluice {

namespace {

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

LiveStatusLabel::LiveStatusLabel(QWidget *parent) : QLabel(parent)
{
    static const bool installed = [] {
        QAccessible::installFactory(liveStatusFactory);
        return true;
    }();
    Q_UNUSED(installed)
}

void LiveStatusLabel::announce(const QString &sentence, Urgency urgency)
{
    const QString before = text();
    setText(sentence);
    ++m_announcements;
    Q_EMIT announced(sentence, urgency);
    if (!QAccessible::isActive())
        return;
    QAccessibleEvent named(this, QAccessible::NameChanged);
    QAccessible::updateAccessibility(&named);
    QAccessibleTextUpdateEvent updated(this, 0, before, sentence);
    QAccessible::updateAccessibility(&updated);
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    QAccessibleAnnouncementEvent announcement(this, sentence);
    announcement.setPoliteness(urgency == Urgency::Assertive
                                   ? QAccessible::AnnouncementPoliteness::Assertive
                                   : QAccessible::AnnouncementPoliteness::Polite);
    QAccessible::updateAccessibility(&announcement);
#endif
}

} // namespace Sluice
