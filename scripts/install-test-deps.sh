#!/usr/bin/env bash
# Installs what the tests use as independent peers. From PyPI: aiosmtpd (a real SMTP server), PyNaCl (Ed25519
# signatures made by another implementation), prometheus_client (an independent parser of /metrics), cryptography
# (self-signed certificates for the HTTPS tests), check-jsonschema (validates deploy/'s manifests offline),
# schemathesis (checks the JSON API against openapi.yaml), feedparser (reads the status page's Atom feeds) and
# websocket-client (drives Chromium over its DevTools protocol). From Debian: chromium, the real browser the status
# page is checked in.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the status page's browser check"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q chromium >/dev/null
fi
python3 -c "import aiosmtpd, nacl, prometheus_client, cryptography, schemathesis, feedparser, websocket" 2>/dev/null && exit 0
echo "Installing test tools from PyPI: aiosmtpd PyNaCl prometheus_client cryptography schemathesis feedparser websocket-client"
python3 -m pip install --quiet --disable-pip-version-check aiosmtpd PyNaCl prometheus_client cryptography "schemathesis==4.32.5" \
  feedparser websocket-client
