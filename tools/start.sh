#!/usr/bin/env bash
# One command for a newcomer: install what is missing, build, and start Sluice.
# Extra arguments go to sluice (e.g. tools/start.sh run --model llama3.2 "Hello").
set -euo pipefail
cd "$(dirname "$0")/.."
tools/deps.sh build
tools/build.sh sluice # the app alone: the tests are tools/test.sh's
exec build/src/app/sluice "$@"
