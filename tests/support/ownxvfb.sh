# Sourced by the test runners that start the real window on an X display of their own
# (tests/gui/run_on_xvfb.sh, tests/a11y/run_a11y.sh). After `start_own_xvfb`, $own_display is
# that display (":N", the first free number, which Xvfb writes to fd 3) and $own_tmp a private
# directory; both go away when the runner exits.
own_tmp=$(mktemp -d)
own_xvfb_pid=
own_xvfb_cleanup() {
    [[ -n $own_xvfb_pid ]] && kill "$own_xvfb_pid" 2>/dev/null || true
    rm -rf "$own_tmp"
}
trap own_xvfb_cleanup EXIT

# The real window on X under the sanitizer build (tools/ci-sanitize.sh): libxkbcommon-x11, which Qt's xcb platform
# loads, strndup()s a buffer shorter than the length it passes; ASan's strict string checks
# count that as an overflow before any of our code runs. Checked up to the NUL, it is fine.
if [[ ${ASAN_OPTIONS:-} == *strict_string_checks=1* ]]; then
    export ASAN_OPTIONS=${ASAN_OPTIONS//strict_string_checks=1/strict_string_checks=0}
fi

start_own_xvfb() {
    Xvfb -displayfd 3 -screen 0 1280x900x24 -nolisten tcp 3>"$own_tmp/display" \
        2>"$own_tmp/xvfb.log" &
    own_xvfb_pid=$!
    for _ in $(seq 200); do
        [[ -s $own_tmp/display ]] && break
        kill -0 "$own_xvfb_pid" 2>/dev/null || { cat "$own_tmp/xvfb.log" >&2; exit 1; }
        sleep 0.05
    done
    [[ -s $own_tmp/display ]] || { echo "Xvfb did not start" >&2; exit 1; }
    own_display=:$(head -1 "$own_tmp/display")
}
