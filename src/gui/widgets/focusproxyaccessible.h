// The state "focused" only on the widget that has the keyboard focus.
//
// QWidget::hasFocus() is true for a widget whose focus proxy has the focus, and Qt's
// accessibility reports hasFocus() as the state "focused": the viewport of every scroll area
// (a plain QWidget, its focus proxy the scroll area: the message box's, a list's) said it had
// the focus next to the widget that has it, and a screen reader looking for the focused object
// found two (issue #18). installFocusProxyAccessibility() gives plain widgets with a focus
// proxy an interface that says "focused" only when the widget itself is the focus widget.
#pragma once

namespace Sluice {

void installFocusProxyAccessibility();

} // namespace Sluice
