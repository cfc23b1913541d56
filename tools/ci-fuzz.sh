#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) in build-fuzz and runs each for
# SECONDS (default 20). Fails on any crash, sanitizer report or split mismatch.
#   tools/ci-fuzz.sh        # CI: 20 s per target
#   tools/ci-fuzz.sh 600    # on demand: 10 minutes per target
# Seeds come from tests/fuzz/corpus/<target>/ (read only); what the fuzzer finds goes to
# build-fuzz/corpus/<target>/ and crash inputs to build-fuzz/artifacts/.
set -euo pipefail

SECONDS_PER_TARGET="${1:-20}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${BUILD_DIR:-$ROOT/build-fuzz}"
JOBS="${JOBS:-2}"
# CI uses a fixed seed, so a run is repeatable (SLUICE_FUZZ_SEED=0 picks a random one).
TARGETS=(fuzz_sseparser fuzz_lineframer fuzz_ollama_decoder fuzz_openai_decoder fuzz_anthropic_decoder fuzz_terminaltext)

command -v clang++ >/dev/null || { echo "ci-fuzz: clang++ not found (apt-get install clang libclang-rt-dev)" >&2; exit 2; }

CC=clang CXX=clang++ cmake -S "$ROOT" -B "$BUILD" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSLUICE_FUZZ=ON -DSLUICE_BUILD_TESTS=OFF -DSLUICE_WERROR=ON >/dev/null
ninja -C "$BUILD" -j "$JOBS" "${TARGETS[@]}"

mkdir -p "$BUILD/artifacts"
status=0
for t in "${TARGETS[@]}"; do
    mkdir -p "$BUILD/corpus/$t"
    log="$BUILD/$t.log"
    dict="$ROOT/tests/fuzz/sse.dict"
    case "$t" in
        fuzz_lineframer|fuzz_ollama_decoder) dict="$ROOT/tests/fuzz/ndjson.dict" ;;
        fuzz_terminaltext) dict="$ROOT/tests/fuzz/terminal.dict" ;;
    esac
    echo "== $t: ${SECONDS_PER_TARGET}s"
    if ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
        "$BUILD/tests/fuzz/$t" -seed="${SLUICE_FUZZ_SEED:-1}" -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 -rss_limit_mb=2048 \
        -timeout=25 -print_final_stats=1 -dict="$dict" -artifact_prefix="$BUILD/artifacts/$t-" \
        "$BUILD/corpus/$t" "$ROOT/tests/fuzz/corpus/$t" >"$log" 2>&1; then
        grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$log" | tr '\n' ' '
        echo
    else
        status=1
        echo "ci-fuzz: $t FAILED; the last lines of $log:" >&2
        tail -n 40 "$log" >&2
    fi
done
exit "$status"
