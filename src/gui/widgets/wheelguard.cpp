#include "gui/widgets/wheelguard.h"

#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QEvent>
#include <QScrollBar>
#include <QWidget>

namespace Sluice {

namespace {

class WheelGuard final : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Wheel && watched->isWidgetType() &&
            !static_cast<QWidget *>(watched)->hasFocus()) {
            // Not accepted: Qt hands the wheel to the parent, which scrolls the form.
            event->ignore();
            return true;
        }
        return QObject::eventFilter(watched, event);
    }
};

void guard(QWidget *widget, WheelGuard *filter)
{
    widget->setFocusPolicy(Qt::StrongFocus); // the wheel no longer gives it focus either
    widget->installEventFilter(filter);
}

} // namespace

void guardWheel(QWidget *root)
{
    auto *filter = new WheelGuard(root);
    for (QAbstractSpinBox *w : root->findChildren<QAbstractSpinBox *>())
        guard(w, filter);
    for (QComboBox *w : root->findChildren<QComboBox *>())
        guard(w, filter);
    for (QAbstractSlider *w : root->findChildren<QAbstractSlider *>()) {
        if (!qobject_cast<QScrollBar *>(w)) // the scroll bars are what the wheel is for
            guard(w, filter);
    }
}

} // namespace Sluice
