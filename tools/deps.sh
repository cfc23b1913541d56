#!/usr/bin/env bash
# Installs what Sluice needs to build, run and test on Debian 12 / Ubuntu 22.04+.
# Usage: tools/deps.sh [build|test]   (test adds Node.js, clang and the fuzzer runtime)
set -euo pipefail

what=${1:-build}
pkgs=(cmake ninja-build g++ pkg-config
      qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
      qt6-qpa-plugins libqt6svg6 qtkeychain-qt6-dev libqt6sql6-sqlite libgl-dev libsimdjson-dev
      fonts-dejavu-core qt6-image-formats-plugins)
pkgs+=(libpoppler-qt6-dev) # the text of attached PDFs (docs/context.md)
pkgs+=(qt6-declarative-dev qt6-svg-dev) # highlighted code and typeset math (docs/rendering.md)
if [ "$what" = test ]; then
    pkgs+=(clang libclang-rt-14-dev xvfb xauth xdotool imagemagick dbus at-spi2-core python3-pyatspi
           desktop-file-utils appstream lintian rpm file curl)
fi
# Node.js and npm: the npm proof test, and the build bundles highlight.js and MathJax with
# them. Node.js may come from elsewhere (NodeSource's nodejs bundles npm): only ask for it
# when the commands are missing.
command -v node >/dev/null || pkgs+=(nodejs)
command -v npm >/dev/null || pkgs+=(npm)

missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends "${missing[@]}"
