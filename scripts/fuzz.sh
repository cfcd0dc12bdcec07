#!/usr/bin/env bash
# Builds one libFuzzer target against the library and runs it.
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer options...]
# TARGET is a file name in Fuzz/ without .swift: FuzzOrgYAML, FuzzConfigFile, FuzzInstallMerge.
# The library is built with coverage and AddressSanitizer into .build-fuzz (SwiftPM's executables
# rename main and cannot link with libFuzzer, so the driver is linked with swiftc against the
# library's objects). Seeds come from Fuzz/Corpus/TARGET; new inputs go to .build-fuzz/corpus/TARGET;
# a crash, leak or slow input (over 1 s) is saved under .build-fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh TARGET SECONDS}
seconds=${2:-60}
shift 2 || true
scratch=.build-fuzz
[ -f "Fuzz/$target.swift" ] || { echo "no Fuzz/$target.swift" >&2; exit 64; }

# Coverage and AddressSanitizer for the library; libFuzzer's own main is linked into the driver
# only (the build's helper tool keeps its main). lld, since gold fails on these objects.
swift build --scratch-path "$scratch" -c release --target OrgProfileKit \
    -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table -Xswiftc -use-ld=lld >&2
bin="$scratch/release"
# The library and what it depends on; not the executables, tests and build tools beside them.
objects=$(find "$bin/" -path '*.build/*' -name '*.o' \
    | grep -v -E '/(orgprofile|EmbedTemplatesTool|[A-Za-z]*Tests|orgprofilePackage[A-Za-z]*|ArgumentParser[A-Za-z]*|generate_[a-z_]*|[A-Za-z_]*-tool)\.build/')
mkdir -p "$scratch/corpus/$target" "$scratch/artifacts"
# shellcheck disable=SC2086
swiftc -O -sanitize=fuzzer,address -use-ld=lld -parse-as-library "Fuzz/$target.swift" \
    -I "$bin/Modules" -I Sources/CLibYAML $objects -lyaml -o "$scratch/$target"
# Leaks are findings, except allocations that live as long as the process: Swift globals, whose
# pointers LeakSanitizer cannot always see inside Swift's packed enums (see the file).
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan-suppressions.txt:print_suppressions=0"
exec "$scratch/$target" -max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$scratch/artifacts/$target-" "$@" "$scratch/corpus/$target" "Fuzz/Corpus/$target"
