#!/usr/bin/env bash
# Checks that deploy/klaxon.order still names the code a release binary has: a function renamed or added since the
# file was written is linked after the ordered code, and the server then holds more of the binary in memory (the
# Makefile's CODE_ORDER says why). Fails when fewer than 85% of the file's names are in the binary: time to run
# scripts/bench/symbol_order.py again.
#   scripts/deploy/check_code_order.sh .build/release/klaxon deploy/klaxon.order
set -euo pipefail
binary=$1
order=$2
listed=$(sort -u "$order" | wc -l)
found=$(nm --defined-only "$binary" | awk 'NF == 3 { print $3 }' | sort -u | comm -12 - <(sort -u "$order") | wc -l)
percent=$(( found * 100 / listed ))
echo "$order: $found of its $listed functions are in $binary ($percent%)"
if [ "$percent" -lt 85 ]; then
  echo "Fewer than 85%: run scripts/bench/symbol_order.py on this build (after make release) and make release again." >&2
  exit 1
fi
