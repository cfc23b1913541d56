#!/bin/bash
# Regenerates every raster icon from resources/icons/sluice.svg. The outputs are checked in,
# so building Sluice never needs these tools; run this after editing the SVG.
# Needs (Debian): librsvg2-bin (rsvg-convert), icnsutils (png2icns), imagemagick (convert).
set -euo pipefail
cd "$(dirname "$0")/.."

svg=resources/icons/sluice.svg
id=io.github.sluice.Sluice
hicolor=resources/icons/hicolor

for size in 16 22 24 32 48 64 128 256 512; do
    mkdir -p "$hicolor/${size}x${size}/apps"
    rsvg-convert -w "$size" -h "$size" "$svg" -o "$hicolor/${size}x${size}/apps/$id.png"
done

# macOS: png2icns picks the icon slot from each PNG's size (16, 32, 48, 128, 256, 512).
png2icns packaging/macos/sluice.icns \
    "$hicolor"/{16x16,32x32,48x48,128x128,256x256,512x512}/apps/$id.png

# Windows: one .ico with the sizes the shell asks for.
/usr/bin/convert "$hicolor"/{16x16,24x24,32x32,48x48,64x64,256x256}/apps/$id.png \
    packaging/windows/sluice.ico
