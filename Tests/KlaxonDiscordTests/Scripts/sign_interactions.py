#!/usr/bin/env python3
"""Signs Discord interaction requests with a fresh Ed25519 key, using PyNaCl (an implementation independent of Klaxon's).

Reads JSON from stdin: [{"timestamp": "...", "body": "..."}, ...]
Writes JSON to stdout: {"public_key_hex": "...", "signatures_hex": ["...", ...]}
Exits 3 if PyNaCl is not installed, so the Swift test can say so instead of failing.
"""
import json
import sys

try:
    from nacl.signing import SigningKey
except ImportError:
    sys.stderr.write("PyNaCl is not installed (python3 -m pip install PyNaCl)\n")
    sys.exit(3)

requests = json.load(sys.stdin)
key = SigningKey.generate()
signatures = [
    key.sign(request["timestamp"].encode("utf-8") + request["body"].encode("utf-8")).signature.hex()
    for request in requests
]
json.dump({"public_key_hex": key.verify_key.encode().hex(), "signatures_hex": signatures}, sys.stdout)
