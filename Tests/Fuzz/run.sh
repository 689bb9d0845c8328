#!/bin/bash
# libFuzzer campaigns (docs/fuzzing.md): over the scenario reader, over the report reader and the charts,
# and over the call-records reader and the fit.
#   bash Tests/Fuzz/run.sh [SECONDS] [scenario|charts|records]      (default 120 s, scenario; CI runs all three)
# Builds the harness with the fuzzer's coverage, runs it from its committed corpus and regressions,
# and fails when it finds a crash, a hang (10 s) or 3 GB of memory; the input that did it is kept as
# Tests/Fuzz/crash-* (make it a regression file under Tests/Fuzz/regressions/, chart-regressions/ or
# records-regressions/).
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-120}"
target="${2:-scenario}"
case "$target" in
    scenario) product=ScenarioFuzz; seeds="corpus regressions"; dict=(-dict=scenario.dict) ;;
    charts) product=ChartFuzz; seeds="chart-corpus chart-regressions"; dict=() ;;
    records) product=RecordsFuzz; seeds="records-corpus records-regressions"; dict=(-dict=records.dict) ;;
    *) echo "run.sh: the target is scenario, charts or records, not $target" >&2; exit 2 ;;
esac
# With assertions kept (release compiles them out): a broken invariant of the model is a finding too.
swift build -c release -Xswiftc -sanitize=fuzzer -Xswiftc -assert-config -Xswiftc Debug --product "$product" 2>&1 | tail -1
clang -fsanitize=fuzzer -L.build/release -l"$product" -Wl,-rpath,"$PWD/.build/release" -o ".build/fuzz-$target"
work="$(mktemp -d)"
for folder in $seeds; do [ -d "$folder" ] && cp "$folder"/* "$work/" 2>/dev/null || true; done
status=0
# Swift's own crash backtracer would take the fatal signal before libFuzzer, which then keeps no crash-* input.
SWIFT_BACKTRACE=enable=no "./.build/fuzz-$target" "$work" -max_total_time="$seconds" "${dict[@]}" -timeout=10 -rss_limit_mb=3000 -max_len=65536 \
    -artifact_prefix="$PWD/" -print_final_stats=1 > ".build/fuzz-$target.log" 2>&1 || status=$?
grep -E "^(Done|stat::|==[0-9]+==|SUMMARY|Test unit written|artifact_prefix)" ".build/fuzz-$target.log" || true
rm -rf "$work"
[ "$status" -eq 0 ] || { echo "the fuzzer found a problem (exit $status): see Tests/Fuzz/crash-* or timeout-* / oom-*"; tail -30 ".build/fuzz-$target.log"; }
exit "$status"
