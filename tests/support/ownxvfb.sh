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
