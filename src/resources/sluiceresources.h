// The application's embedded resources: the app icon and the compiled translations.
#pragma once

#include <QIcon>
#include <QString>

QT_BEGIN_NAMESPACE
class QCoreApplication;
QT_END_NAMESPACE

namespace Sluice::Resources {

// Resource paths, also usable directly (QIcon, QTranslator::load).
inline constexpr char16_t appIconSvg[] = u":/icons/sluice.svg";
inline constexpr char16_t translationsPrefix[] = u":/i18n";

// The window icon: the SVG (when Qt's SVG icon engine is present) plus PNGs at 16…256 px,
// so the icon shows even where the SVG plugin is missing.
QIcon appIcon();

// Installs translators for the user's UI languages: Qt's own strings (qtbase_xx.qm from Qt's
// translations directory) and Sluice's (:/i18n/sluice_xx.qm). Returns true when a Sluice
// translation was found for the language, false when the app stays in English.
bool installTranslators(QCoreApplication &app);

} // namespace Sluice::Resources
