#pragma once

class QTabWidget;

namespace Sluice {

// Ctrl+PgDown and Ctrl+PgUp show the next and the previous page of `pages` wherever the
// focus is in its window, as in other tabbed dialogs (QTabWidget itself knows only Ctrl+Tab
// and Ctrl+Shift+Tab, and only when the focus is inside it). They go round at the ends and
// pass over disabled pages.
void addPageKeys(QTabWidget *pages);

} // namespace Sluice
