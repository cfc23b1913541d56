#include "gui/settings/pagekeys.h"

#include <QApplication>
#include <QKeySequence>
#include <QShortcut>
#include <QTabBar>
#include <QTabWidget>

namespace Sluice {

namespace {

void step(QTabWidget *pages, int by)
{
    const int count = pages->count();
    if (count < 2 || !pages->isEnabled())
        return;
    int page = pages->currentIndex();
    for (int pass = 1; pass < count; ++pass) {
        page = (page + by + count) % count;
        if (pages->isTabEnabled(page) && pages->isTabVisible(page)) {
            pages->setCurrentIndex(page);
            break;
        }
    }
    // The focus was on the page now hidden: it goes to the tab list, as with Ctrl+Tab.
    const QWidget *focus = QApplication::focusWidget();
    if (!focus || !focus->isVisible())
        pages->tabBar()->setFocus(Qt::TabFocusReason);
}

} // namespace

void addPageKeys(QTabWidget *pages)
{
    QWidget *window = pages->window();
    for (const auto &[keys, by] : {std::pair{QKeySequence(Qt::CTRL | Qt::Key_PageDown), 1},
                                   std::pair{QKeySequence(Qt::CTRL | Qt::Key_PageUp), -1}}) {
        auto *shortcut = new QShortcut(keys, window);
        QObject::connect(shortcut, &QShortcut::activated, pages,
                         [pages, by = by] { step(pages, by); });
    }
}

} // namespace Sluice
