#include "gui/widgets/focusproxyaccessible.h"

#include <QAccessibleWidget>
#include <QApplication>
#include <QWidget>

namespace Sluice {

namespace {

class FocusProxyAccessible final : public QAccessibleWidget
{
public:
    using QAccessibleWidget::QAccessibleWidget;

    QAccessible::State state() const override
    {
        QAccessible::State s = QAccessibleWidget::state();
        s.focused = QApplication::focusWidget() == widget();
        return s;
    }
};

QAccessibleInterface *focusProxyFactory(const QString &className, QObject *object)
{
    // Only plain QWidgets (a viewport, a container): every other class has its own interface.
    if (className != u"QWidget" || !object || !object->isWidgetType())
        return nullptr;
    auto *widget = static_cast<QWidget *>(object);
    if (!widget->focusProxy() || widget->isWindow())
        return nullptr;
    return new FocusProxyAccessible(widget);
}

} // namespace

void installFocusProxyAccessibility()
{
    static const bool installed = [] {
        QAccessible::installFactory(focusProxyFactory);
        return true;
    }();
    Q_UNUSED(installed)
}

} // namespace Sluice
