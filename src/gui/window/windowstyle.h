// The window's finishing touches, derived from the palette so light and dark both fit.
#pragma once

#include <QColor>
#include <QString>

class QPalette;

namespace Sluice {

// a blended towards b by t (0 = a, 1 = b); the window's tints are all made this way.
QColor mix(const QColor &a, const QColor &b, qreal t);

QString mainWindowStyleSheet(const QPalette &palette);

} // namespace Sluice
