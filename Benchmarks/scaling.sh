#!/usr/bin/env bash
# How cost grows (BENCHMARKS.md): calls per CPU second and peak memory for 1 to 1,000 centres
# (about a million calls each), for 10^5 to 10^8 calls of one centre, and a year of a
# 112-sized system. Each case in its own process, one replication, one core.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/release/callsim
for centres in 1 10 100 1000; do $bin bench "Benchmarks/scaling/c$centres.yaml"; done
for days in 39d 386d 3858d 19290d; do $bin bench Benchmarks/one-centre-10-consoles.yaml --horizon "$days"; done
# 10^8 calls: two replications of 5 x 10^7, the most one replication may take
$bin bench Benchmarks/one-centre-10-consoles.yaml --horizon 19290d --replications 2
$bin bench Benchmarks/scaling/112.yaml
