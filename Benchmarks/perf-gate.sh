#!/usr/bin/env bash
# The CI speed gate: instructions, not seconds (BENCHMARKS.md, "The speed gate").
#   bash Benchmarks/perf-gate.sh            compare with Benchmarks/perf-baseline.txt; fail on > 3 % more
#   bash Benchmarks/perf-gate.sh --update   write the baseline anew (make perf-baseline), on purpose
# Counts the instructions of fixed workloads (callsim-perf, a synchronous program) under
# valgrind's callgrind, which does not wander with the machine's load as wall time does.
set -euo pipefail
cd "$(dirname "$0")/.."
limit=3   # per cent more instructions than the baseline that fails the gate
swift build -c release --product callsim-perf 2>&1 | tail -1
strip -o .build/callsim-perf.stripped .build/release/callsim-perf  # callgrind cannot read the unstripped debug info
count() {
  SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null .build/callsim-perf.stripped "$1" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
baseline=Benchmarks/perf-baseline.txt
if [ "${1:-}" = "--update" ]; then
  : > "$baseline"
  for workload in national one-centre sizing-candidate; do echo "$workload $(count "$workload")" | tee -a "$baseline"; done
  exit 0
fi
status=0
while read -r workload expected; do
  measured=$(count "$workload")
  change=$(awk -v m="$measured" -v e="$expected" 'BEGIN { printf "%.2f", (m - e) * 100 / e }')
  verdict=ok
  if awk -v c="$change" -v l="$limit" 'BEGIN { exit !(c > l) }'; then verdict="SLOWER than the limit (+$limit %)"; status=1; fi
  echo "$workload: $measured instructions, baseline $expected ($change %): $verdict"
done < "$baseline"
exit "$status"
