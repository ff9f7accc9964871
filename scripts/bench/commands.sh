#!/usr/bin/env bash
# Runs `klaxon bench commands` as issue 8 measures it: release build, wrk installed, the servers on core 0 and
# the load on core 1. Arguments go to the benchmark, e.g. `scripts/bench/commands.sh --duration 10 --notes 100000`.
# The report (markdown) goes to standard output, progress to standard error.
set -euo pipefail
cd "$(dirname "$0")/../.."
./scripts/install-system-deps.sh
if ! command -v wrk >/dev/null; then
  echo "Installing wrk (the benchmark falls back to its own generator without it)" >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk || true
fi
# The same release build as the Dockerfile and make deploy-check: one build serves all three.
make -s release >&2
exec .build/release/klaxon bench commands "$@"
