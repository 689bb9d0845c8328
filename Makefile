# callsim — the two quick-start commands, and a few more for developers.
#   make report   run the national scenario and write Reports/romania-119/
#   make test     run the test suite (release build: the statistical tests simulate millions of calls)
#   make test-asserts  the model's suites and the fuzz corpus with `assert` on (release compiles it out)
#   make check    the performance gate CI runs: the launch scenario against its committed baseline
#   make baseline refresh that baseline on purpose, after a change that is meant to move the results
#   make screenshot  redraw docs/report-screenshot.png from the national report (needs chromium)
#   make sizing   size the launch fortnight: Reports/sizing/ (the table, the sized scenario, today vs sized),
#                 the night consoles of the night-pool plan (by hour), and seed-stability tables: the launch
#                 with six seeds, overflow at six times the load and the night pool by hour (and at five times)
#   make roster   roster the launch and the night pool into shifts: Reports/roster/ (each checked on another seed)
SWIFT ?= swift

.PHONY: report test test-asserts build bench setup check baseline screenshot sizing roster perf-gate perf-baseline

setup:
	@bash scripts/setup.sh

build: setup
	$(SWIFT) build -c release --product callsim
	$(SWIFT) build -c release --product callsim-serve

report: build
	.build/release/callsim run Scenarios/romania-119.yaml --output Reports/romania-119

test: setup
	$(SWIFT) test -c release

# Assertions on: release builds compile every `assert` out (the Table bounds, the calendar's heap,
# the packed events, the waiting lines' books), so they run only here — an optimised build that
# keeps them (-assert-config Debug), in a scratch path of its own so that the release build is left
# as it is. The model's and the engine's suites, the fuzz corpus and regressions (FuzzRegressionTests
# runs each through this build's callsim), then every shipped scenario, briefly.
ASSERTS = -c release -Xswiftc -assert-config -Xswiftc Debug --scratch-path .build-asserts
ASSERT_SUITES = EventCalendarTests|EngineTests|RandomStreamTests|WaitHistogramTests|KPITests|CallTallyTests|InvariantTests|WaitingLineTests|PropertyTests|DeterminismTests|ArrivalTests|HangUpSettlementTests|LossAndRetrialTests|PriorityTests|RoutingTests|ShiftTests|HelplineTests|SizingAloneTests|FuzzRegressionTests|HostileInputTests

test-asserts: setup
	$(SWIFT) test $(ASSERTS) --filter '$(ASSERT_SUITES)'
	@grep -q "event scheduled in the past" .build-asserts/release/callsim \
		|| { echo "test-asserts: callsim was built without its assertions (a message of one is missing)"; exit 1; }
	for scenario in Scenarios/*.yaml; do \
		.build-asserts/release/callsim run $$scenario --replications 2 --horizon 7d --precision 0 > /dev/null || exit 1; \
	done

bench: build
	bash Benchmarks/run.sh

check: build
	.build/release/callsim check Scenarios/romania-119-launch.yaml --baseline Reports/baselines/romania-119-launch.json --junit .build/check-junit.xml

baseline: build
	.build/release/callsim run Scenarios/romania-119-launch.yaml --output .build/baseline-run
	cp .build/baseline-run/report.json Reports/baselines/romania-119-launch.json

screenshot: report
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,1900 \
		--screenshot=$(CURDIR)/docs/report-screenshot.png file://$(CURDIR)/Reports/romania-119/report.html

sizing: build
	mkdir -p Reports/sizing
	.build/release/callsim size Scenarios/romania-119-launch.yaml --write Reports/sizing/romania-119-launch-sized.yaml \
		> Reports/sizing/romania-119-launch.txt
	.build/release/callsim run Scenarios/romania-119-launch.yaml --output .build/sizing/today > /dev/null
	.build/release/callsim run Reports/sizing/romania-119-launch-sized.yaml --output .build/sizing/sized > /dev/null
	.build/release/callsim compare .build/sizing/today/report.json .build/sizing/sized/report.json \
		--output Reports/sizing/today-vs-sized > Reports/sizing/today-vs-sized.txt
	.build/release/callsim size Scenarios/romania-119-night-pool.yaml --by-hour > Reports/sizing/romania-119-night-pool.txt
	python3 Reports/tools/seed-stability.py Scenarios/romania-119-launch.yaml Reports/sizing/seed-stability.md
	python3 Reports/tools/seed-stability.py Scenarios/romania-119-overflow.yaml Reports/sizing/seed-stability-overflow-x6.md \
		--load 6 --seeds 1,2,3 --jobs 2
	python3 Reports/tools/seed-stability.py Scenarios/romania-119-night-pool.yaml Reports/sizing/seed-stability-night-pool.md \
		--by-hour --seeds 1,2,3 --jobs 2
	python3 Reports/tools/seed-stability.py Scenarios/romania-119-night-pool.yaml Reports/sizing/seed-stability-night-pool-x5.md \
		--by-hour --load 5 --seeds 1,2,3 --jobs 2

roster: build
	for plan in launch night-pool; do \
		out=Reports/roster/$$plan; mkdir -p $$out; \
		.build/release/callsim roster Scenarios/romania-119-$$plan.yaml --output $$out \
			--write $$out/romania-119-$$plan-rostered.yaml > /dev/null || exit 1; \
		.build/release/callsim check $$out/romania-119-$$plan-rostered.yaml --seed 999 --replications 200 \
			> $$out/independent-check.txt || exit 1; \
	done

# The speed gate: instructions of fixed workloads under callgrind against Benchmarks/perf-baseline.txt
# (fails on more than 3 % more); perf-baseline writes the baseline anew, on purpose.
perf-gate: setup
	bash Benchmarks/perf-gate.sh

perf-baseline: setup
	bash Benchmarks/perf-gate.sh --update

