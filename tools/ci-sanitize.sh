#!/usr/bin/env bash
# Builds the whole tree with AddressSanitizer + UndefinedBehaviorSanitizer in build-asan and
# runs the test suite there, leak checking on. Any sanitizer report fails the run.
#   tools/ci-sanitize.sh [extra ctest arguments, e.g. -R tst_decoders]
# Uses clang when it is installed (CC/CXX override), else the default compiler.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${BUILD_DIR:-$ROOT/build-asan}"
JOBS="${JOBS:-2}"

if [[ -z "${CXX:-}" ]] && command -v clang++ >/dev/null; then
    export CC=clang CXX=clang++
fi

cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DSLUICE_SANITIZE=ON -DSLUICE_WERROR=ON >/dev/null
ninja -C "$BUILD" -j "$JOBS"

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$ROOT/tools/lsan.supp:print_suppressions=0"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
ctest --test-dir "$BUILD" --output-on-failure -j "$JOBS" "$@"
