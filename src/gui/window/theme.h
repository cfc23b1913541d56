// Light and dark: follow the system, or force one (Fusion with a matching palette).
#pragma once

#include "core/config/config.h" // Theme, themeFromName()

namespace Sluice {

// Call once after the QApplication exists, and again when the user changes the theme.
// System keeps the platform style unless it has no dark look while the system palette is dark.
void applyTheme(Theme theme);

} // namespace Sluice
