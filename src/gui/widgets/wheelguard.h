// Scrolling a form with the mouse wheel must not change the spin boxes and combo boxes the
// pointer passes over: they take the wheel only once the user has clicked or tabbed into them,
// otherwise the wheel scrolls the form around them.
#pragma once

class QWidget;

namespace Sluice {

// Applies to every spin box, combo box and slider inside `root` at the time of the call.
void guardWheel(QWidget *root);

} // namespace Sluice
