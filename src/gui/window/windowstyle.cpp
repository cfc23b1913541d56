#include "gui/window/windowstyle.h"

#include <QPalette>

// A static library's resources must be initialised by hand, outside any namespace.
static void initIcons()
{
    Q_INIT_RESOURCE(sluice_gui_icons);
}

namespace Sluice {

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

namespace {

QString css(const QColor &c)
{
    return c.name(QColor::HexRgb);
}

} // namespace

QString mainWindowStyleSheet(const QPalette &p)
{
    static const bool iconsReady = (initIcons(), true);
    Q_UNUSED(iconsReady)
    const QColor base = p.color(QPalette::Base);
    const QColor window = p.color(QPalette::Window);
    const QColor text = p.color(QPalette::Text);
    const QColor accent = p.color(QPalette::Highlight);
    const bool dark = base.lightnessF() < 0.5;
    const QColor line = mix(base, text, dark ? 0.16 : 0.12);
    const QColor hover = mix(window, text, 0.07);
    const QColor selected = mix(window, accent, dark ? 0.35 : 0.16);
    const QColor muted = mix(text, base, 0.42);
    const QColor sidebar = dark ? mix(base, window, 0.6) : mix(window, base, 0.3);
    const QColor composer = dark ? mix(base, text, 0.05) : base;
    const QColor stop = dark ? QColor(0xd9, 0x4b, 0x4b) : QColor(0xc0, 0x1c, 0x28);

    QString s = QStringLiteral(R"(
#chatPane, #conversationStack, #emptyPage, #composerRow, #conversationView { background: %1; }
#topBar { background: %1; border: none; border-bottom: 1px solid %2; }
#sessionSidebar, #historyPane { background: %3; }
#conversationList { background: transparent; border: none; outline: none; }
#historyList, #historySearchResults { background: transparent; border: none; outline: none; }
#historySearch { background: %1; color: %4; border: 1px solid %2; border-radius: 8px;
                 padding: 5px 8px; }
#historySearch:focus { border-color: %9; }
#historyList::item { color: %4; border-radius: 7px; }
#historyList::item:selected { background: %5; color: %4; }
#historyList::item:hover:!selected { background: %6; }
#conversationList::item { padding: 2px 8px; border-radius: 7px; color: %4; }
#conversationList::item:selected { background: %5; color: %4; }
#conversationList::item:hover:!selected { background: %6; }
#newChatButton { text-align: left; padding: 7px 12px; border: 1px solid %2; border-radius: 8px;
                 background: %1; color: %4; }
#newChatButton:hover { background: %6; }
#sidebarHeading { color: %7; }
#composerFrame { background: %8; border: 1px solid %2; border-radius: 14px; }
#composer { background: transparent; color: %4; }
#sendButton { background: %9; color: white; border: none; border-radius: 9px;
              padding: 7px 18px; font-weight: 600; min-width: 52px; }
#sendButton:hover { background: %10; }
#sendButton:disabled { background: %2; color: %7; }
#sendButton[stopMode="true"] { background: %11; }
#editBanner QLabel { color: %7; }
#jumpToLatestButton { background: %8; color: %4; border: 1px solid %2; border-radius: 14px;
                      padding: 4px 14px; }
#jumpToLatestButton:hover { background: %6; }
#emptyTitle { color: %4; }
#emptyRetryButton { background: %9; color: white; border: none; border-radius: 8px;
                    padding: 7px 16px; font-weight: 600; }
#emptyRetryButton:hover { background: %10; }
#emptySettingsButton { background: %8; color: %4; border: 1px solid %2; border-radius: 8px;
                       padding: 6px 16px; }
#emptySettingsButton:hover { background: %6; }
#emptyDetail { color: %7; }
#statusPhaseLabel, #serverStatusLabel { color: %7; padding: 0 6px; }
#splitter::handle { background: %2; }
#modelCombo, #providerCombo { background: %8; color: %4; border: 1px solid %2; border-radius: 7px;
                              padding: 4px 8px; }
#modelCombo:focus, #providerCombo:focus { border-color: %9; }
#modelCombo::drop-down, #providerCombo::drop-down { border: none; width: 22px; }
#modelCombo::down-arrow, #providerCombo::down-arrow { image: url(%12); width: 12px; height: 12px; }
#refreshModelsButton, #conversationSettingsButton { border: none; border-radius: 7px;
                                                    padding: 5px 9px; color: %4; }
#refreshModelsButton:hover, #conversationSettingsButton:hover { background: %6; }
)");
    return s
        .arg(css(base), css(line), css(sidebar), css(text), css(selected), css(hover), css(muted),
             css(composer), css(accent))
        .arg(css(accent.lighter(112)), css(stop),
             dark ? QStringLiteral(":/sluice/gui/chevron-down-light.svg")
                  : QStringLiteral(":/sluice/gui/chevron-down-dark.svg"));
}

} // namespace Sluice
