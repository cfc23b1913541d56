#!/usr/bin/env bash
# Runs a test that drives the real `sluice` window as a separate process through the X server
# (xdotool): the window gets an Xvfb display of its own, passed as SLUICE_TEST_DISPLAY; the
# test itself stays offscreen.
#   run_on_xvfb.sh TEST_BINARY [arguments…]
# Exits 77 (ctest: skipped) when Xvfb or xdotool is missing outside CI; in CI (CI=true) fails.
set -euo pipefail
missing=()
for tool in Xvfb xdotool; do
    command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
    echo "this test needs: ${missing[*]} (tools/deps.sh test installs them)"
    [[ ${CI:-} == true ]] && exit 1
    exit 77
fi

# The window gets a display of its own (tests/support/ownxvfb.sh).
source "$(dirname "$0")/../support/ownxvfb.sh"
start_own_xvfb
export SLUICE_TEST_DISPLAY=$own_display
"$@"
