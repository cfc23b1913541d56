#!/usr/bin/env bash
# One command for the whole test suite: install what is missing, build with warnings as
# errors, run every test (unit, providers, fault matrix, CLI end to end, GUI offscreen,
# the npm protocol proof), then the sanitizer build and a bounded fuzz run when asked.
#   tools/test.sh            build + ctest
#   SLUICE_SANITIZE=1 …      also ASan/UBSan build + ctest    (CI sets it)
#   SLUICE_FUZZ_SECONDS=N …  also N seconds per fuzz target  (CI sets it)
set -euo pipefail
cd "$(dirname "$0")/.."
tools/deps.sh test

if [ -f tests/npm/package.json ] && command -v npm >/dev/null; then
    (cd tests/npm && npm ci --no-audit --no-fund --loglevel=error) || echo "npm install failed; the npm proof test will be skipped"
fi
if [ -f tests/mcp/npm/package.json ] && command -v npm >/dev/null; then
    (cd tests/mcp/npm && npm ci --no-audit --no-fund --loglevel=error) || echo "npm install failed; the MCP reference and conformance tests will be skipped"
fi

SLUICE_WERROR=ON SLUICE_BUILD_TYPE=${SLUICE_BUILD_TYPE:-Debug} tools/build.sh
export QT_QPA_PLATFORM=offscreen
ctest --test-dir build --output-on-failure --timeout 300 -j "${SLUICE_TEST_JOBS:-2}"

if [ "${SLUICE_SANITIZE:-0}" = 1 ] && [ -x tools/ci-sanitize.sh ]; then
    tools/ci-sanitize.sh
fi
if [ -n "${SLUICE_FUZZ_SECONDS:-}" ] && [ -x tools/ci-fuzz.sh ]; then
    tools/ci-fuzz.sh "$SLUICE_FUZZ_SECONDS"
fi
