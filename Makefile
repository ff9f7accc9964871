# The two commands of the README, plus what they need.
SWIFT ?= $(shell command -v swift || echo /opt/swift/usr/bin/swift)

FUZZ_REQUESTS ?= 20000
FUZZ_SECONDS ?= 60

.PHONY: run test fuzz deps build

## Run the bot (local mode unless KLAXON_SLACK_SIGNING_SECRET is set).
run: deps
	$(SWIFT) run klaxon serve

## Run every test, then the bounded black-box fuzz run.
test: deps
	@./scripts/install-test-deps.sh
	$(SWIFT) test
	@$(MAKE) --no-print-directory fuzz

## Fuzz a running `klaxon serve` (20,000 requests or 60 s; FUZZ_REQUESTS=… FUZZ_SECONDS=… for a long run by hand).
fuzz: deps
	@./scripts/install-test-deps.sh
	$(SWIFT) build --product klaxon
	python3 scripts/fuzz/blackbox.py --binary "$$($(SWIFT) build --show-bin-path)/klaxon" --requests $(FUZZ_REQUESTS) --seconds $(FUZZ_SECONDS)

build: deps
	$(SWIFT) build

deps:
	@./scripts/install-system-deps.sh
