# callsim — the two quick-start commands, and a few more for developers.
#   make report   run the national scenario and write Reports/romania-119/
#   make test     run the test suite (release build: the statistical tests simulate millions of calls)
SWIFT ?= swift

.PHONY: report test build bench setup

setup:
	@bash scripts/setup.sh

build: setup
	$(SWIFT) build -c release --product callsim

report: build
	.build/release/callsim run Scenarios/romania-119.yaml --output Reports/romania-119

test: setup
	$(SWIFT) test -c release

bench: build
	bash Benchmarks/run.sh
