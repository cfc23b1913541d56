#!/bin/sh
# Peak RSS and wall time of `sluice run` and `sluice run --save` over long replies from the
# test server (issue 14.6), against a short reply. Median of RUNS runs per row.
#
#   bench/reply_memory.sh                    # BUILD=build-rel RUNS=3 SIZES="10 20 40" (MB)
#   BUILD=build SIZES=40 bench/reply_memory.sh
#
# Needs GNU time (/usr/bin/time). The reply is SIZES MB of 1000-byte chunks, streamed as fast
# as the socket drains (sluice-testserver --bench-chunks).
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build-rel}
RUNS=${RUNS:-3}
SIZES=${SIZES:-10 20 40}
SLUICE=$BUILD/src/app/sluice
SERVER=$BUILD/tests/support/sluice-testserver
TOKEN=$(python3 -c "print(('lorem ipsum dolor sit amet ' * 38)[:1000], end='')")
WORK=$(mktemp -d)
trap 'kill $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT INT TERM

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

printf '%-8s %-8s %14s %10s\n' reply mode "peak RSS MiB" "wall s"
for mb in short $SIZES; do
    # The previous server's line must not be read before this server's shell truncates it.
    rm -f "$WORK/server.txt"
    if [ "$mb" = short ]; then
        "$SERVER" --port 0 > "$WORK/server.txt" &
    else
        "$SERVER" --port 0 --bench-chunks $((mb * 1000)) --bench-token "$TOKEN" \
            > "$WORK/server.txt" &
    fi
    PID=$!
    # The whole first line, newline included: the file may be read while it is being written.
    while [ "$(cat "$WORK/server.txt" 2>/dev/null | wc -l)" -lt 1 ]; do sleep 0.05; done
    URL=$(awk '{ print $3; exit }' "$WORK/server.txt")
    for mode in run save; do
        : > "$WORK/rss"
        : > "$WORK/wall"
        i=0
        while [ $i -lt "$RUNS" ]; do
            rm -rf "$WORK/data"
            extra=""
            [ $mode = save ] && extra="--save --data-dir $WORK/data"
            # shellcheck disable=SC2086
            /usr/bin/time -f '%M %e' -o "$WORK/time" "$SLUICE" run --base-url "$URL" \
                --type ollama --model llama3.2:3b $extra hi > /dev/null
            awk '{ print $1 / 1024 }' "$WORK/time" >> "$WORK/rss"
            awk '{ print $2 }' "$WORK/time" >> "$WORK/wall"
            i=$((i + 1))
        done
        label="$mb MB"
        [ "$mb" = short ] && label=short
        printf '%-8s %-8s %14.1f %10s\n' "$label" "$mode" "$(median < "$WORK/rss")" \
            "$(median < "$WORK/wall")"
    done
    kill $PID
    wait $PID 2>/dev/null || true
done
