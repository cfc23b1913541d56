#!/usr/bin/env bash
# Runs the accessibility suite (tests/a11y/a11y_suite.py) the way a screen reader meets the app:
# the real window on its own Xvfb display, a private D-Bus session with the AT-SPI bus
# (at-spi2-core), Qt's AT-SPI bridge switched on, and pyatspi (python3-pyatspi) reading the
# tree and the events.
#   run_a11y.sh SLUICE_BIN TESTSERVER_BIN [suite arguments…]
# Exits 77 (ctest: skipped) when a package is missing outside CI; in CI (CI=true) that fails.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
app=$1 server=$2
shift 2

python=/usr/bin/python3 # Debian's, where python3-pyatspi installs
missing=()
for tool in Xvfb dbus-run-session xdotool; do
    command -v "$tool" >/dev/null || missing+=("$tool")
done
[[ -x /usr/libexec/at-spi-bus-launcher ]] || missing+=(at-spi2-core)
"$python" -c 'import pyatspi' 2>/dev/null || missing+=(python3-pyatspi)
if ((${#missing[@]})); then
    echo "accessibility suite needs: ${missing[*]} (tools/deps.sh test installs them)"
    [[ ${CI:-} == true ]] && exit 1
    exit 77
fi

# The window gets a display of its own (tests/support/ownxvfb.sh).
source "$(dirname "$0")/../support/ownxvfb.sh"
start_own_xvfb
tmp=$own_tmp
export DISPLAY=$own_display

# A runtime directory of its own: the AT-SPI bus's socket goes there, not into a path that
# another run (or the desktop's own AT-SPI bus) shares.
export XDG_RUNTIME_DIR=$tmp/runtime
mkdir -m 700 "$XDG_RUNTIME_DIR"
export QT_QPA_PLATFORM=xcb QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 QT_ACCESSIBILITY=1
export NO_AT_BRIDGE=0 GTK_MODULES=
export QT_LOGGING_RULES='qt.qpa.*=false;qt.accessibility.atspi.warning=false'
unset QT_SCALE_FACTOR
# dbus-run-session: a session bus for this run only; org.a11y.Bus (at-spi-bus-launcher) is
# started on it by D-Bus activation when Qt or pyatspi first asks for it.
dbus-run-session -- "$python" -B "$here/a11y_suite.py" --app "$app" --server "$server" \
    --work "$tmp" "$@"
