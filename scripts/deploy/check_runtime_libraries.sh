#!/usr/bin/env bash
# Checks that a release binary loads only libraries the runtime image provides (deploy/Dockerfile's second stage:
# debian:bookworm-slim plus libcurl4, libstdc++6, ca-certificates, curl and tzdata). With no Docker engine here, the image's
# package set is computed from this Debian 12 machine's package database: every package of priority "required"
# (what a slim image is made of) plus the dependency closure of the packages the Dockerfile installs. Each library
# `ldd` resolves must belong to one of them; nothing may come from the Swift toolchain (the standard library is linked
# statically) or be missing.
#   scripts/deploy/check_runtime_libraries.sh .build/release/klaxon
set -euo pipefail
binary=$1
installs="libcurl4 libstdc++6 ca-certificates curl tzdata"
allowed=$( {
  dpkg-query -W -f='${Package} ${Priority}\n' | awk '$2 == "required" { print $1 }'
  apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances \
    $installs 2>/dev/null | grep -v '^ ' | grep -v '^<'
} | sed 's/:.*//' | sort -u)
status=0
count=0
while read -r name arrow path rest; do
  if [ "$arrow" = "=>" ] && [ "$path" = "not" ]; then
    echo "deploy: FAIL $name is not found"; status=1; continue
  fi
  [ "$arrow" = "=>" ] || continue
  count=$((count + 1))
  case "$path" in /opt/swift*|*/swift/*) echo "deploy: FAIL $name comes from the Swift toolchain ($path)"; status=1; continue ;; esac
  owner=""
  for candidate in "$path" "$(readlink -f "$path")" "/usr$path" "${path#/usr}"; do
    owner=$(dpkg -S "$candidate" 2>/dev/null | head -1 | cut -d: -f1) && [ -n "$owner" ] && break
  done
  if [ -z "$owner" ]; then
    echo "deploy: FAIL $name ($path) belongs to no Debian package"; status=1
  elif ! grep -qx "$owner" <<<"$allowed"; then
    echo "deploy: FAIL $name comes from $owner, which the runtime image does not install"; status=1
  fi
done < <(ldd "$binary")
"$binary" --help >/dev/null || { echo "deploy: FAIL $binary does not start"; status=1; }
[ $status = 0 ] && echo "deploy: $binary loads $count libraries, all from the runtime image's packages, and starts"
exit $status
