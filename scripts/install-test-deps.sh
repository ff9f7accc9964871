#!/usr/bin/env bash
# Installs the Python packages the tests use as independent peers: aiosmtpd (a real SMTP server), PyNaCl (Ed25519
# signatures made by another implementation), prometheus_client (an independent parser of /metrics), cryptography
# (self-signed certificates for the HTTPS tests), check-jsonschema (validates deploy/'s manifests offline) and
# schemathesis (checks the JSON API against openapi.yaml).
set -euo pipefail
python3 -c "import aiosmtpd, nacl, prometheus_client, cryptography, schemathesis" 2>/dev/null && exit 0
echo "Installing test tools from PyPI: aiosmtpd PyNaCl prometheus_client cryptography schemathesis"
python3 -m pip install --quiet --disable-pip-version-check aiosmtpd PyNaCl prometheus_client cryptography "schemathesis==4.32.5"
