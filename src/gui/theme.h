// Light and dark: follow the system, or force one (Fusion with a matching palette).
#pragma once

#include <QString>

class QApplication;

namespace Sluice {

enum class ThemeChoice { System, Light, Dark };

// "system", "light", "dark" (anything else → System).
ThemeChoice themeFromName(const QString &name);

// Call once after the QApplication exists, and again when the user changes the theme.
// System keeps the platform style unless it has no dark look while the system palette is dark.
void applyTheme(ThemeChoice choice);
bool isDarkPalette();

} // namespace Sluice
