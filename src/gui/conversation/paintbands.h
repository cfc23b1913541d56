// Large fills drawn in horizontal bands, so that they stay on the GUI thread.
//
// Qt 6.4's raster engine hands a fill of 96 or more spans (about one per scan line, a few on
// antialiased edges) to QThreadPool::globalInstance() in pieces and waits for all of them
// (QT_THREAD_PARALLEL_FILLS in qdrawhelper.cpp). On a machine busy with other work each such
// wait lasts until a pool thread gets a core: in bench_gui_stream those waits made most of
// the window's longest stalls. A fill clipped to a band of BandLines device pixel rows stays
// under that threshold and runs where it was asked for; the bands are whole device rows that
// neither overlap nor leave gaps, so the pixels are the same as one fill's.
#pragma once

#include <QPainter>
#include <QRectF>
#include <QTransform>

#include <algorithm>

namespace Sluice {

// Rows per band: with up to four spans per row (two antialiased edges of a filled and
// stroked shape), 20 rows stay below 96 spans.
inline constexpr int PaintBandLines = 20;

// Calls draw() once per band of `area` (in the painter's logical coordinates), clipped to it.
template<typename Draw>
void paintInBands(QPainter *p, const QRectF &area, Draw draw)
{
    const QTransform t = p->worldTransform();
    if (!t.isAffine() || t.isRotating()) {
        draw();
        return;
    }
    // Antialiased edges and pens reach a pixel beyond the area on each side.
    const QRect device = t.mapRect(area).toAlignedRect().adjusted(-2, -2, 2, 2);
    if (device.height() < 96) {
        draw();
        return;
    }
    for (int y = device.top(); y <= device.bottom(); y += PaintBandLines) {
        p->save();
        p->resetTransform();
        p->setClipRect(QRect(device.left(), y, device.width(),
                             std::min(PaintBandLines, device.bottom() + 1 - y)),
                       Qt::IntersectClip);
        p->setWorldTransform(t);
        draw();
        p->restore();
    }
}

} // namespace Sluice
