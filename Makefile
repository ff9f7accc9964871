# The two commands of the README, plus what they need.
SWIFT ?= $(shell command -v swift || echo /opt/swift/usr/bin/swift)

FUZZ_REQUESTS ?= 20000
FUZZ_SECONDS ?= 60

.PHONY: run test fuzz replicas ops api openapi-check status-browser deploy-check release deps build

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
	$(SWIFT) test && $(MAKE) --no-print-directory ops && $(MAKE) --no-print-directory api && $(MAKE) --no-print-directory status-browser \
	  && $(MAKE) --no-print-directory fuzz \
	  && $(MAKE) --no-print-directory replicas && $(MAKE) --no-print-directory deploy-check

## Two `klaxon serve` replicas on one PostgreSQL database, one killed mid-incident; then PostgreSQL restarted
## under load, on a throwaway server of its own.
replicas: deps
	$(SWIFT) build --product klaxon
	python3 scripts/replicas/replicas.py --binary "$$($(SWIFT) build --show-bin-path)/klaxon"

## Fuzz a running `klaxon serve` (20,000 requests or 60 s; FUZZ_REQUESTS=… FUZZ_SECONDS=… for a long run by hand).
fuzz: deps
	@./scripts/install-test-deps.sh
	$(SWIFT) build --product klaxon
	python3 scripts/fuzz/blackbox.py --binary "$$($(SWIFT) build --show-bin-path)/klaxon" --requests $(FUZZ_REQUESTS) --seconds $(FUZZ_SECONDS)

## Running it in production, checked on a real `klaxon serve`: no secret in its trace-level JSON logs (on
## KLAXON_TEST_POSTGRES_URL's server when set), SIGTERM during a burst of commands loses no answered command,
## HTTPS certificates reload on SIGHUP (a broken pair refused), /metrics moves to --metrics-port, and `klaxon report`
## and `stats` warn when read with another policy than the server ran.
ops: deps
	@./scripts/install-test-deps.sh
	$(SWIFT) build --product klaxon
	python3 scripts/ops/secrets_in_logs.py --binary "$$($(SWIFT) build --show-bin-path)/klaxon"
	python3 scripts/ops/sigterm.py --binary "$$($(SWIFT) build --show-bin-path)/klaxon"
	python3 scripts/ops/tls_reload.py --binary "$$($(SWIFT) build --show-bin-path)/klaxon"
	python3 scripts/ops/metrics_port.py --binary "$$($(SWIFT) build --show-bin-path)/klaxon"
	python3 scripts/ops/report_policy.py --binary "$$($(SWIFT) build --show-bin-path)/klaxon"
	python3 scripts/ops/transfer_guard.py --binary "$$($(SWIFT) build --show-bin-path)/klaxon"

## The JSON API against openapi.yaml: schemathesis (seeded, ~15 s) on a real `klaxon serve`.
api: deps
	@./scripts/install-test-deps.sh
	$(SWIFT) build --product klaxon
	python3 scripts/api/schemathesis_run.py --binary "$$($(SWIFT) build --show-bin-path)/klaxon"

## The committed code generated from openapi.yaml (Sources/KlaxonAPI/Generated) regenerated with
## swift-openapi-generator and compared: it must be what the document says. Builds the generator in a scratch folder of
## its own (.build-openapi; about 2 minutes of CPU), so it is not part of `make test`: run it after editing openapi.yaml.
OPENAPI_GENERATOR_VERSION = 1.14.3
openapi-check:
	./scripts/api/openapi_check.sh $(OPENAPI_GENERATOR_VERSION)

## The status page in headless Chromium (Debian's package) on a real `klaxon serve` while `klaxon say` plays a public
## P0 to resolution; screenshots of each step in .build/status-browser/.
status-browser: deps
	@./scripts/install-test-deps.sh
	$(SWIFT) build --product klaxon
	python3 scripts/status/browser_check.py --binary "$$($(SWIFT) build --show-bin-path)/klaxon" --output .build/status-browser

## deploy/ validated offline: Kubernetes and Compose schemas, alert rules and dashboard against the exported metrics,
## the Dockerfile still building with the release command below, and that release build itself, run here as the
## Dockerfile runs it, loading only the runtime image's libraries and starting. The release build is of its own
## (.build/…/release): about 15 minutes from scratch on 2 cores, a minute when only Klaxon changed.
## With --static-swift-stdlib, Foundation's static libraries need CoreFoundation and ICU named to the linker (the OpenAPI
## runtime reaches them); the group lets their references resolve in any order.
## Linked with lld so that its 160,000 relative relocations are packed (DT_RELR: the binary then needs glibc 2.36 or
## later, as in bookworm and Ubuntu 24.04) instead of
## 3.9 MB of RELA entries the loader reads at every start, and without exporting Klaxon's 61,000 symbols to the
## dynamic table (the static standard library's link arguments ask for it; nothing looks them up): 6.6 MB less
## resident memory at start.
STATIC_LINK = -Xlinker --start-group -Xlinker -lCoreFoundation \
  -Xlinker -l_FoundationICU -Xlinker -l_FoundationCShims -Xlinker -l_FoundationCollections \
  -Xlinker -lFoundationInternationalization -Xlinker -lFoundationEssentials -Xlinker -lFoundation -Xlinker --end-group \
  -Xswiftc -use-ld=lld -Xlinker -z -Xlinker pack-relative-relocs -Xlinker --no-export-dynamic
## Each function in a section of its own, and the functions a server runs placed together at the front
## (deploy/klaxon.order, written by scripts/bench/symbol_order.py): Linux maps code 64 KB or more at a time, so the
## code a server holds in memory shrinks from 24-28 to 15-18 MB (README, "Measured").
CODE_ORDER = -Xswiftc -Xfrontend -Xswiftc -function-sections -Xcc -ffunction-sections \
  -Xlinker --symbol-ordering-file=$(CURDIR)/deploy/klaxon.order -Xlinker --no-warn-symbol-ordering
RELEASE_BUILD = $(SWIFT) build -c release --static-swift-stdlib --product klaxon $(STATIC_LINK) $(CODE_ORDER)
deploy-check: deps
	./scripts/deploy/validate_manifests.sh
	@grep -qF 'swift build -c release --static-swift-stdlib --product klaxon' deploy/Dockerfile \
	  || { echo "deploy/Dockerfile no longer builds with: $(RELEASE_BUILD)"; exit 1; }
	@grep -qF -- '-Xlinker -lCoreFoundation' deploy/Dockerfile \
	  || { echo "deploy/Dockerfile no longer links Foundation's static libraries as: $(RELEASE_BUILD)"; exit 1; }
	@grep -qF -- '-Xswiftc -use-ld=lld -Xlinker -z -Xlinker pack-relative-relocs -Xlinker --no-export-dynamic' deploy/Dockerfile \
	  || { echo "deploy/Dockerfile no longer links as: $(RELEASE_BUILD)"; exit 1; }
	@grep -qF -- '-Xswiftc -Xfrontend -Xswiftc -function-sections -Xcc -ffunction-sections' deploy/Dockerfile \
	  && grep -qF -- '-Xlinker --symbol-ordering-file=/src/deploy/klaxon.order -Xlinker --no-warn-symbol-ordering' deploy/Dockerfile \
	  || { echo "deploy/Dockerfile no longer orders the code as: $(RELEASE_BUILD)"; exit 1; }
	@grep -qxF 'COPY deploy/klaxon.order ./deploy/klaxon.order' deploy/Dockerfile \
	  || { echo "deploy/Dockerfile no longer copies deploy/klaxon.order, which its build links with"; exit 1; }
	@$(MAKE) --no-print-directory release
	./scripts/deploy/check_runtime_libraries.sh "$$($(RELEASE_BUILD) --show-bin-path)/klaxon"
	./scripts/deploy/check_code_order.sh "$$($(RELEASE_BUILD) --show-bin-path)/klaxon" deploy/klaxon.order

## The release binary alone (what `klaxon bench` measures), built as the Dockerfile builds it. SwiftPM does not see
## deploy/klaxon.order as an input: a binary older than the file is removed so that it is linked again.
release: deps
	@bin="$$($(RELEASE_BUILD) --show-bin-path)/klaxon"; \
	if [ -e "$$bin" ] && [ deploy/klaxon.order -nt "$$bin" ]; then rm -f "$$bin"; fi
	$(RELEASE_BUILD)

build: deps
	$(SWIFT) build

deps:
	@./scripts/install-system-deps.sh
