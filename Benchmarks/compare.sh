#!/usr/bin/env bash
# Two callsim binaries on the BENCHMARKS.md cases, alternately, in one run (the VM's speed wanders,
# so each round runs both): calls per CPU second and peak memory, for 1 and 10 years.
#   bash Benchmarks/compare.sh OLD_BINARY NEW_BINARY [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1 new=$2 rounds=${3:-5}
cases=("Scenarios/romania-119.yaml --load 10" "Benchmarks/one-centre-10-consoles.yaml")
printf '%-8s %-40s %-7s %s\n' binary case horizon "M calls/s per CPU s, peak MiB"
for round in $(seq "$rounds"); do
  for horizon in 365d 3650d; do
    for case in "${cases[@]}"; do
      for label in old new; do
        bin=$old; [ "$label" = new ] && bin=$new
        # shellcheck disable=SC2086
        line=$("$bin" bench $case --horizon "$horizon" --replications 1)
        rate=$(echo "$line" | sed -n 's/.*; \([0-9.]*\) M calls\/s.*/\1/p')
        memory=$(echo "$line" | sed -n 's/.*peak memory \([0-9.]*\) MiB.*/\1/p')
        printf '%-8s %-40s %-7s %s %s\n' "$label" "${case%% *}" "$horizon" "$rate" "$memory"
      done
    done
  done
done
