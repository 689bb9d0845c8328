#!/bin/bash
# A libFuzzer campaign over the scenario reader (docs/fuzzing.md).
#   bash Tests/Fuzz/run.sh [SECONDS]      (default 120; CI runs this)
# Builds the harness with the fuzzer's coverage, runs it from the committed corpus and the
# regressions, and fails when it finds a crash, a hang (10 s) or 3 GB of memory; the input that
# did it is kept as Tests/Fuzz/crash-* (make it a regression file under Tests/Fuzz/regressions/).
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-120}"
swift build -c release -Xswiftc -sanitize=fuzzer --product ScenarioFuzz 2>&1 | tail -1
clang -fsanitize=fuzzer -L.build/release -lScenarioFuzz -Wl,-rpath,"$PWD/.build/release" -o .build/fuzz-scenario
work="$(mktemp -d)"
cp corpus/* regressions/* "$work/"
status=0
./.build/fuzz-scenario "$work" -max_total_time="$seconds" -dict=scenario.dict -timeout=10 -rss_limit_mb=3000 \
    -artifact_prefix="$PWD/" -print_final_stats=1 > .build/fuzz.log 2>&1 || status=$?
grep -E "^(Done|stat::|==[0-9]+==|SUMMARY|Test unit written|artifact_prefix)" .build/fuzz.log || true
rm -rf "$work"
[ "$status" -eq 0 ] || { echo "the fuzzer found a problem (exit $status): see Tests/Fuzz/crash-* or timeout-* / oom-*"; tail -30 .build/fuzz.log; }
exit "$status"
