# The two commands of the README, plus what they need.
SWIFT ?= $(shell command -v swift || echo /opt/swift/usr/bin/swift)

.PHONY: run test deps build

## Run the bot (local mode unless KLAXON_SLACK_SIGNING_SECRET is set).
run: deps
	$(SWIFT) run klaxon serve

## Run every test.
test: deps
	@./scripts/install-test-deps.sh
	$(SWIFT) test

build: deps
	$(SWIFT) build

deps:
	@./scripts/install-system-deps.sh
