#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer, then under ThreadSanitizer.
#   scripts/sanitize.sh [address|thread|all]   (default: all)
# orgprofile spreads its work over both cores (Support/Parallel.swift, the YAML parser's thread in
# Syntax/YAMLEventStream.swift, compile's and check's workers); ThreadSanitizer checks that work, and
# that the library stays safe when the tests call it from many threads at once (Swift Testing runs
# tests in parallel). Each sanitizer builds into its own scratch folder, so the normal build is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-all}
# Leaks are errors, except the allocations that live as long as the process (see the file).
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan-suppressions.txt:print_suppressions=0"
if [ "$which" = address ] || [ "$which" = all ]; then
    echo "== swift test --sanitize=address"
    swift test --scratch-path .build-asan --sanitize=address
fi
if [ "$which" = thread ] || [ "$which" = all ]; then
    echo "== swift test --sanitize=thread"
    swift test --scratch-path .build-tsan --sanitize=thread
fi
