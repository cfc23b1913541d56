#!/usr/bin/env bash
# Takes the README's screenshots: the real app under Xvfb against the test server's Ollama persona, a message
# typed with xdotool, a reply with a heading, highlighted code, typeset math, a table and thinking;
# light and dark.
#
#   tools/screenshot.sh [BUILD_DIR]      (default: build)   → docs/screenshots/*.png
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
out=${OUT:-$root/docs/screenshots}
mkdir -p "$out"

if [[ ! -f $build/build.ninja ]]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug
fi
ninja -C "$build" -j2 sluice sluice-testserver >/dev/null

app=$build/src/app/sluice
server_bin=$build/tests/support/sluice-testserver

thinking='The user wants a quick way to see which files take the most space. A short Python function that walks the tree and sorts by size will do; a table will compare it with du.'
reply=$(cat <<'MD'
## Find the largest files

Walk the tree once, keep the sizes, and sort — **no extra packages** needed:

```python
from pathlib import Path

def largest(root: str, n: int = 5):
    files = (p for p in Path(root).rglob("*") if p.is_file())
    return sorted(files, key=lambda p: p.stat().st_size, reverse=True)[:n]
```

Sorting $n$ files costs about $\log_2 n!$ comparisons:

$$T(n) = \sum_{k=1}^{n} \log_2 k \approx n \log_2 n - \frac{n}{\ln 2}$$

| Tool | Speed | Follows symlinks |
|------|-------|------------------|
| `largest()` | fast | no |
| `du -ah` | faster | optional |

> Tip: pass `Path.home()` to scan your home folder.
MD
)

tmp=$(mktemp -d)
cleanup() {
    [[ -n ${server_pid:-} ]] && kill "$server_pid" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

"$server_bin" --reply "$reply" --thinking "$thinking" --token-delay 8 \
    --models llama3.2:3b,qwen3:8b,gemma3:4b >"$tmp/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do
    grep -q 'listening on' "$tmp/server.log" 2>/dev/null && break
    sleep 0.1
done
base_url=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$tmp/server.log")
[[ -n $base_url ]] || { echo "the fake server did not start" >&2; cat "$tmp/server.log" >&2; exit 1; }

shoot() {
    local theme=$1 file=$2 # $3: "x y" of the thinking toggle, to open it
    # A config file of its own (the server, the model, the theme) and an empty history.
    local config=$tmp/sluice-$theme.json
    cat >"$config" <<JSON
{"version": 1,
 "default": {"provider": "ollama", "model": "qwen3:8b"},
 "providers": {"ollama": {"name": "Local Ollama", "type": "ollama", "base_url": "$base_url"}},
 "app": {"theme": "$theme"}}
JSON
    XDG_CONFIG_HOME=$tmp/config-$theme XDG_DATA_HOME=$tmp/data-$theme \
    QT_QPA_PLATFORM=xcb QT_SCALE_FACTOR=${SCALE:-1} \
    xvfb-run -a -s "-screen 0 1280x860x24" bash -c '
        "$0" --config "$3" --data-dir "$4" & app=$!
        win=$(xdotool search --sync --onlyvisible --name "^Sluice" | head -1)
        xdotool windowsize "$win" 1280 860 windowmove "$win" 0 0
        sleep 1.2
        xdotool windowactivate --sync "$win" 2>/dev/null || xdotool windowfocus "$win"
        xdotool type --delay 15 "How do I find the largest files in a folder with Python?"
        xdotool key Return
        sleep 5.5
        if [[ -n $2 ]]; then   # open the thinking ("Thought for … s")
            xdotool mousemove $2 click 1 mousemove 1270 700
            sleep 0.6
        fi
        import -window root "$1"
        kill $app; wait $app 2>/dev/null || true
    ' "$app" "$file" "${3:-}" "$config" "$tmp/history-$theme"
    echo "wrote $file"
}

shoot light "$out/sluice-light.png"
shoot dark "$out/sluice-dark.png" "540 173"

# The empty state when the server is not there (nothing listens on port 9).
XDG_CONFIG_HOME=$tmp/config-unreachable SLUICE_BASE_URL=http://127.0.0.1:9 SLUICE_THEME=light \
QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x860x24" bash -c '
    "$0" & app=$!
    win=$(xdotool search --sync --onlyvisible --name "^Sluice" | head -1)
    xdotool windowsize "$win" 1100 700 windowmove "$win" 0 0
    sleep 2
    import -window "$win" "$1"
    kill $app; wait $app 2>/dev/null || true
' "$app" "$out/sluice-unreachable.png"
echo "wrote $out/sluice-unreachable.png"
