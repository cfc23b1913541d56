#!/bin/sh
# Runs every benchmark in bench/ against a Release build, prints the tables, writes CSVs into
# bench/results/ and draws the plots into docs/. Under ten minutes on 2 shared cores.
#
#   bench/run.sh                 # RUNS=5 BUILD=build-rel by default
#   RUNS=7 BUILD=build-release bench/run.sh
#
# Needs: python3, node + npm (the peers; `npm ci` in bench/node is run when needed), curl,
# Xvfb + xdotool for the window start-up under X (skipped without), matplotlib for the plots
# (python3-matplotlib; skipped without).
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build-rel}
RUNS=${RUNS:-5}
OUT=bench/results
mkdir -p "$OUT"

if [ -z "${SKIP_BUILD:-}" ]; then
    if [ ! -f "$BUILD/build.ninja" ]; then
        cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release
    fi
    ninja -C "$BUILD" -j2 sluice sluice-testserver bench_watchdog bench_hello_qt bench_history \
        bench_open_conversation bench_open_images
    # The window engineer's benchmark, when the branch that adds it is in this tree.
    if ninja -C "$BUILD" -t targets all 2>/dev/null | grep -q '^bench_gui_stream:'; then
        ninja -C "$BUILD" -j2 bench_gui_stream
    fi
fi

start=$(date +%s)
section() { printf '\n=== %s (%ss) ===\n\n' "$1" "$(( $(date +%s) - start ))"; }

section "stream throughput (issue 8.1)"
python3 bench/stream_throughput.py --build "$BUILD" --runs "$RUNS" --out "$OUT" \
    | tee "$OUT/stream_throughput.txt"

section "watchdog precision and per-chunk cost (issue 3)"
"$BUILD/bench/bench_watchdog" --runs "$RUNS" --csv-dir "$OUT" | tee "$OUT/watchdog.txt"

section "start-up and footprint (issue 8.3, headless and outside the window)"
python3 bench/startup.py --build "$BUILD" --runs "$RUNS" --out "$OUT" | tee "$OUT/startup.txt"

if [ -x "$BUILD/bench/bench_gui_stream" ]; then
    section "streaming into the window (issue 8.2)"
    QT_QPA_PLATFORM=offscreen "$BUILD/bench/bench_gui_stream" --runs "$RUNS" \
        --csv "$OUT/gui_stream.csv" | tee "$OUT/gui_stream.txt"
fi

if [ -x "$BUILD/bench/bench_history" ]; then
    section "history (issue 5)"
    "$BUILD/bench/bench_history" --runs "$RUNS" --csv "$OUT/history.csv" | tee "$OUT/history.txt"
fi

if [ -x "$BUILD/bench/bench_open_conversation" ]; then
    section "opening a 10 000-message conversation in the window (issues 5 and 8.3)"
    QT_QPA_PLATFORM=offscreen "$BUILD/bench/bench_open_conversation" --runs "$RUNS" \
        --csv "$OUT/open_conversation.csv" | tee "$OUT/open_conversation.txt"
fi

if [ -x "$BUILD/bench/bench_open_images" ]; then
    section "opening a conversation of 50 photos of 4000 x 3000 (issue 20)"
    QT_QPA_PLATFORM=offscreen "$BUILD/bench/bench_open_images" --runs "$RUNS" \
        | tee "$OUT/open_images.txt"
fi

section "a 40 MB reply: sluice run and run --save (issue 14.6)"
BUILD=$BUILD RUNS=$RUNS SIZES=40 sh bench/reply_memory.sh | tee "$OUT/reply_memory.txt"

section "plots"
PLOTPY=""
for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import matplotlib' 2>/dev/null; then
        PLOTPY=$p
        break
    fi
done
if [ -n "$PLOTPY" ]; then
    "$PLOTPY" bench/plot.py --results "$OUT" --docs docs
else
    echo "matplotlib not found (apt-get install -y python3-matplotlib): no plots"
fi
section "done"
