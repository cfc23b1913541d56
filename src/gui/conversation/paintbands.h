// Large fills drawn in horizontal bands, so that they stay on the GUI thread.
//
// Qt 6.4's raster engine hands a fill of 96 or more spans (about one per scan line, a few on
// antialiased edges) to QThreadPool::globalInstance() in pieces and waits for all of them
// (QT_THREAD_PARALLEL_FILLS in qdrawhelper.cpp). On a machine busy with other work each such
// wait lasts until a pool thread gets a core; perf found the GUI thread waiting there during
// bench_gui_stream's longest stalls (docs/benchmarks.md, #22). A fill clipped to a band of
// PaintBandLines device pixel rows stays under that threshold and runs where it was asked
// for; the bands are whole device rows (at any device pixel ratio) that neither overlap nor
// leave gaps, so the pixels are the same as one fill's.
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
    const QTransform world = p->worldTransform();
    const QTransform device = p->deviceTransform(); // world, then the device's pixel ratio
    if (!device.isAffine() || device.isRotating() || !world.isInvertible()) {
        draw();
        return;
    }
    // Antialiased edges and pens reach a pixel beyond the area on each side.
    const QRect pixels = device.mapRect(area).toAlignedRect().adjusted(-2, -2, 2, 2);
    if (pixels.height() < 96) {
        draw();
        return;
    }
    // Device pixels back to the painter's coordinates without its world transform.
    const QTransform fromPixels = (world.inverted() * device).inverted();
    for (int y = pixels.top(); y <= pixels.bottom(); y += PaintBandLines) {
        const QRectF band(pixels.left(), y, pixels.width(),
                          std::min(PaintBandLines, pixels.bottom() + 1 - y));
        p->save();
        p->resetTransform();
        p->setClipRect(fromPixels.mapRect(band), Qt::IntersectClip);
        p->setWorldTransform(world);
        draw();
        p->restore();
    }
}

} // namespace Sluice
