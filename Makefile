# The two commands of the README, plus what they need.
SWIFT ?= $(shell command -v swift || echo /opt/swift/usr/bin/swift)

FUZZ_REQUESTS ?= 20000
FUZZ_SECONDS ?= 60

.PHONY: run test fuzz replicas deps build

## Run the bot (local mode unless KLAXON_SLACK_SIGNING_SECRET is set).
run: deps
	$(SWIFT) run klaxon serve

## Run every test (the store contract also on a throwaway PostgreSQL server), the bounded black-box fuzz run, and
## the two-replica and PostgreSQL-restart runs.
test: deps
	@./scripts/install-test-deps.sh
	@pg=$$(mktemp -d /tmp/klaxon-test-pg.XXXXXX); \
	trap './scripts/postgres/throwaway.sh stop '"$$pg" EXIT; \
	if ./scripts/postgres/throwaway.sh start "$$pg" >/dev/null; then \
	  export KLAXON_TEST_POSTGRES_URL=$$(cat "$$pg/url"); echo "PostgreSQL for the tests: $$KLAXON_TEST_POSTGRES_URL"; \
	else \
	  echo "⚠️  No PostgreSQL server could be started: the PostgreSQL tests are skipped (and fail under CI)."; \
	fi; \
	$(SWIFT) test && $(MAKE) --no-print-directory fuzz && $(MAKE) --no-print-directory replicas PG_DIR="$$pg"

## Two `klaxon serve` replicas on one PostgreSQL database, one killed mid-incident; then PostgreSQL restarted
## under load (starts its own server unless PG_DIR names a running one from scripts/postgres/throwaway.sh).
replicas: deps
	$(SWIFT) build --product klaxon
	python3 scripts/replicas/replicas.py --binary "$$($(SWIFT) build --show-bin-path)/klaxon" $(if $(PG_DIR),--pg-dir $(PG_DIR))

## Fuzz a running `klaxon serve` (20,000 requests or 60 s; FUZZ_REQUESTS=… FUZZ_SECONDS=… for a long run by hand).
fuzz: deps
	@./scripts/install-test-deps.sh
	$(SWIFT) build --product klaxon
	python3 scripts/fuzz/blackbox.py --binary "$$($(SWIFT) build --show-bin-path)/klaxon" --requests $(FUZZ_REQUESTS) --seconds $(FUZZ_SECONDS)

build: deps
	$(SWIFT) build

deps:
	@./scripts/install-system-deps.sh
