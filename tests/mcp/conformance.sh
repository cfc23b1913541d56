#!/usr/bin/env bash
# Runs the official MCP client conformance scenarios Sluice's client takes part in against
# sluice-mcp-conformance-client (tests/mcp/conformanceclient.cpp). The result is recorded in
# docs/testing.md. Exits 77 (skipped) without Node.js or `npm ci` in tests/mcp/npm.
#   conformance.sh CLIENT NPM_DIR
set -uo pipefail
client=$(realpath "$1")
npm_dir=$(realpath "$2")
cli="$npm_dir/node_modules/@modelcontextprotocol/conformance/dist/index.js"
if ! command -v node >/dev/null; then echo "SKIP: Node.js is not installed"; exit 77; fi
if [ ! -f "$cli" ]; then echo "SKIP: run \`npm ci\` in $npm_dir first"; exit 77; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
status=0
# initialize: the handshake; tools_call: listing and calling a tool. Not taken part in (no
# such client features in Sluice): elicitation-* (Sluice offers no elicitation),
# auth/* (OAuth).
for scenario in initialize tools_call sse-retry; do
    echo "== $scenario"
    if ! node "$cli" client --command "$client" --scenario "$scenario" --timeout 60000; then
        status=1
    fi
done
exit $status
