#!/usr/bin/env bash
# The benchmark cases of BENCHMARKS.md, each in its own process so peak memory is its own.
# Calls simulated per second on one core, and peak resident memory, for a 1-year and a 10-year horizon.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/release/callsim
for horizon in 365d 3650d; do
  $bin bench Scenarios/romania-119.yaml --load 10 --horizon "$horizon" --replications 1
  $bin bench Benchmarks/one-centre-10-consoles.yaml --horizon "$horizon" --replications 1
done
