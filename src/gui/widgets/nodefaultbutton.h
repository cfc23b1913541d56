// Enter in a field of a dialog must not press a button the user is not on. Qt makes a push
// button in a dialog the default one when none is named (the first in the focus chain), and a
// line edit passes Enter on to it: Enter in "Pull a model" also pressed Load.
#pragma once

class QDialog;

namespace Sluice {

// For dialogs whose buttons act on something (a selection, a server) rather than close the
// dialog: no push button inside `dialog` is a default button any more, so Enter in a field
// does only what the field does. Enter on a focused button still presses it, as Space does.
// Applies to the push buttons that exist at the time of the call.
void removeDefaultButton(QDialog *dialog);

} // namespace Sluice
