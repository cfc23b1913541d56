#include "gui/window/theme.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>
#include <QStyleHints>

#include <memory>

namespace Sluice {

namespace {

QPalette darkPalette()
{
    const QColor window(0x20, 0x21, 0x24);
    const QColor base(0x18, 0x19, 0x1b);
    const QColor alt(0x26, 0x27, 0x2b);
    const QColor text(0xe6, 0xe6, 0xe8);
    const QColor disabled(0x7a, 0x7b, 0x80);
    const QColor highlight(0x3d, 0x7e, 0xdb);
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, alt);
    p.setColor(QPalette::ToolTipBase, alt);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x2c, 0x2d, 0x31));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x3a, 0x3b, 0x40));
    p.setColor(QPalette::Midlight, QColor(0x32, 0x33, 0x38));
    p.setColor(QPalette::Mid, QColor(0x2a, 0x2b, 0x2f));
    p.setColor(QPalette::Dark, QColor(0x14, 0x14, 0x16));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x7a, 0xb7, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb3, 0x9d, 0xff));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
        p.setColor(QPalette::Disabled, role, disabled);
    }
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x44, 0x45, 0x4a));
    return p;
}

QPalette lightPalette()
{
    // The style only lends its palette (it used to leak at each switch to light).
    QPalette p = std::unique_ptr<QStyle>(QStyleFactory::create(QStringLiteral("Fusion")))
                     ->standardPalette();
    p.setColor(QPalette::Window, QColor(0xf3, 0xf3, 0xf5));
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xf6, 0xf6, 0xf8));
    p.setColor(QPalette::Highlight, QColor(0x25, 0x63, 0xeb));
    p.setColor(QPalette::Link, QColor(0x1d, 0x4e, 0xd8));
    return p;
}

} // namespace

void applyTheme(Theme choice)
{
    static const QString platformStyle = QApplication::style()->name();
    static const QPalette platformPalette = QGuiApplication::palette();
    // Setting the style a window already has, or its palette, repolishes every widget: at
    // start-up that was a fifth of the time to the first paint.
    const auto use = [](const QString &style, const QPalette &palette) {
        if (QApplication::style()->name().compare(style, Qt::CaseInsensitive) != 0)
            QApplication::setStyle(style);
        if (QGuiApplication::palette() != palette)
            QApplication::setPalette(palette);
    };
    switch (choice) {
    case Theme::Dark:
        use(QStringLiteral("Fusion"), darkPalette());
        return;
    case Theme::Light:
        use(QStringLiteral("Fusion"), lightPalette());
        return;
    case Theme::System:
        break;
    }
    const bool systemDark = platformPalette.color(QPalette::Window).lightnessF() < 0.5;
    // The classic Windows style has no dark look; use Fusion with a dark palette there.
    if (systemDark && platformStyle.compare(u"windowsvista", Qt::CaseInsensitive) == 0) {
        use(QStringLiteral("Fusion"), darkPalette());
        return;
    }
    use(platformStyle, platformPalette);
}

} // namespace Sluice
