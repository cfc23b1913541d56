#include "gui/window/windowgeometry.h"

#include <QMainWindow>
#include <QScreen>
#include <QSettings>
#include <QSplitter>

namespace Sluice::WindowGeometry {

namespace {

void fitIntoScreen(QMainWindow *window, bool centre)
{
    const QScreen *s = window->screen();
    if (!s)
        return;
    const QRect available = s->availableGeometry();
    // Room for the window frame, which is not part of size().
    const QSize room(available.width() * 95 / 100, available.height() * 90 / 100);
    const QSize fitted = window->size().boundedTo(room).expandedTo(window->minimumSizeHint());
    if (fitted != window->size())
        window->resize(fitted);
    if (centre || !available.contains(window->geometry()))
        window->move(available.center() - QPoint(window->width() / 2, window->height() / 2));
}

} // namespace

void restore(QMainWindow *window, QSplitter *splitter)
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("window"));
    const QByteArray geometry = settings.value(QStringLiteral("geometry")).toByteArray();
    // The form's 1100 × 760 is larger than a 1400 × 900 screen at twice the scale, and a window
    // saved on a larger screen (or at a smaller scale) can be too: it is fitted to this one.
    const bool restored = !geometry.isEmpty() && window->restoreGeometry(geometry);
    fitIntoScreen(window, !restored);
    const QByteArray state = settings.value(QStringLiteral("state")).toByteArray();
    if (!state.isEmpty())
        window->restoreState(state);
    const QByteArray split = settings.value(QStringLiteral("splitter")).toByteArray();
    if (!split.isEmpty())
        splitter->restoreState(split);
}

void save(const QMainWindow *window, const QSplitter *splitter)
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("window"));
    settings.setValue(QStringLiteral("geometry"), window->saveGeometry());
    settings.setValue(QStringLiteral("state"), window->saveState());
    settings.setValue(QStringLiteral("splitter"), splitter->saveState());
}

} // namespace Sluice::WindowGeometry
