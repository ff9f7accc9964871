#!/usr/bin/env bash
# Installs the Python packages the tests use as independent peers: aiosmtpd (a real SMTP server) and
# PyNaCl (Ed25519 signatures made by another implementation).
set -euo pipefail
python3 -c "import aiosmtpd, nacl" 2>/dev/null && exit 0
echo "Installing test tools from PyPI: aiosmtpd PyNaCl"
python3 -m pip install --quiet --disable-pip-version-check aiosmtpd PyNaCl
