#!/usr/bin/env bash
# Configures and builds Sluice into ./build (Release with debug info by default).
# Arguments name the targets to build (tools/start.sh: just the app); none builds everything.
set -euo pipefail
cd "$(dirname "$0")/.."
type=${SLUICE_BUILD_TYPE:-RelWithDebInfo}
jobs=${SLUICE_JOBS:-$(nproc 2>/dev/null || echo 2)}
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="$type" -DSLUICE_WERROR="${SLUICE_WERROR:-OFF}" >/dev/null
targets=()
[ $# -eq 0 ] || targets=(--target "$@")
cmake --build build --parallel "$jobs" ${targets[@]+"${targets[@]}"}
