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

tmp=$(mktemp -d)
xvfb_pid=
cleanup() {
    [[ -n $xvfb_pid ]] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

# The first free display number, written by Xvfb to fd 3.
Xvfb -displayfd 3 -screen 0 1280x900x24 -nolisten tcp 3>"$tmp/display" 2>"$tmp/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 200); do
    [[ -s $tmp/display ]] && break
    kill -0 "$xvfb_pid" 2>/dev/null || { cat "$tmp/xvfb.log" >&2; exit 1; }
    sleep 0.05
done
[[ -s $tmp/display ]] || { echo "Xvfb did not start" >&2; exit 1; }
export SLUICE_TEST_DISPLAY=:$(head -1 "$tmp/display")
"$@"
