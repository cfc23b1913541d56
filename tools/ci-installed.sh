#!/usr/bin/env bash
# After packaging/ci-package.sh installed the .deb: the installed `sluice` streams a reply
# from the loopback test server for each protocol, and reports a missing model correctly.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${SLUICE_INSTALLED:-/usr/bin/sluice}
server=build/tests/support/sluice-testserver
[ -x "$bin" ] || { echo "ci-installed: $bin is not installed" >&2; exit 1; }

log=$(mktemp)
"$server" --token-delay 1 >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 100); do grep -q '^listening on ' "$log" && break; sleep 0.05; done
url=$(sed -n 's/^listening on //p' "$log" | head -n1)
[ -n "$url" ] || { echo "ci-installed: the test server did not start" >&2; cat "$log" >&2; exit 1; }

for type in ollama openai anthropic; do
    base=$url
    [ "$type" = openai ] && base=$url/v1
    out=$("$bin" run --base-url "$base" --type "$type" --model llama3.2:3b "Hello")
    [ -n "$out" ] || { echo "ci-installed: empty reply over $type" >&2; exit 1; }
    echo "ci-installed: $type ok: ${out:0:40}…"
done

set +e
err=$("$bin" run --base-url "$url" --type ollama --model nope:1b "Hello" 2>&1 >/dev/null)
code=$?
set -e
[ $code -eq 1 ] && grep -q 'try: ollama pull nope:1b' <<<"$err" ||
    { echo "ci-installed: expected exit 1 with advice, got $code: $err" >&2; exit 1; }
echo "ci-installed: the installed sluice works"
