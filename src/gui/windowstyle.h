// The window's finishing touches, derived from the palette so light and dark both fit.
#pragma once

#include <QString>

class QPalette;

namespace Sluice {

QString mainWindowStyleSheet(const QPalette &palette);

} // namespace Sluice
