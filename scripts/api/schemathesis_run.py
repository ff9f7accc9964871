#!/usr/bin/env python3
"""The JSON API against its own description: runs `klaxon serve` with a tokens file made by `klaxon token create`,
then schemathesis (from PyPI) generates requests for every operation of openapi.yaml and checks every answer: no
5xx, status codes, content types, headers and bodies valid against the schema, and schema-violating requests
refused. Bounded (examples per operation; a run that has not finished in 5 minutes fails) and seeded, so a CI run
is repeatable; prints how many cases ran.

    python3 scripts/api/schemathesis_run.py --binary .build/debug/klaxon [--max-examples 50] [--seed 1]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "ops"))
from klaxon_process import KlaxonProcess  # noqa: E402

CHECKS = ",".join([
    "not_a_server_error", "status_code_conformance", "content_type_conformance", "response_headers_conformance",
    "response_schema_conformance", "negative_data_rejection",
])


def create_token(binary, name, scopes):
    """The token and its tokens-file line, from `klaxon token create`."""
    lines = subprocess.run([binary, "token", "create", name, "--scopes", scopes], check=True, capture_output=True, text=True).stdout.splitlines()
    return lines[1].strip(), lines[3]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--max-examples", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=int, default=300, help="seconds the run may take before it fails")
    args = parser.parse_args()
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    with tempfile.TemporaryDirectory(prefix="klaxon-schemathesis-") as scratch:
        token, line = create_token(args.binary, "schemathesis", "read,write")
        tokens = os.path.join(scratch, "tokens.yaml")
        with open(tokens, "w") as file:
            file.write("tokens:\n" + line + "\n")
        log = os.path.join(scratch, "klaxon.log")
        # The rate limit is the one thing relaxed: schemathesis sends hundreds of requests a second.
        server = KlaxonProcess(args.binary, {
            "KLAXON_DATA_DIR": os.path.join(scratch, "data"), "KLAXON_API_TOKENS_FILE": tokens, "KLAXON_API_RATE_LIMIT": "1000000",
        }, log)
        try:
            server.wait_ready()
            # One worker: schemathesis's coverage phase has failed with its own KeyError when run with two.
            command = [
                sys.executable, "-m", "schemathesis.cli", "run", os.path.join(root, "openapi.yaml"),
                "--url", f"http://127.0.0.1:{server.port}", "--header", f"Authorization: Bearer {token}",
                "--checks", CHECKS, "--max-examples", str(args.max_examples), "--seed", str(args.seed), "--workers", "1",
                "--no-color",
            ]
            # No --max-time: with one, schemathesis keeps fuzzing until the budget is spent.
            # In the scratch folder: schemathesis leaves a `.schemathesis/` cache where it runs.
            result = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout, cwd=scratch)
            output = result.stdout + result.stderr
            alive = server.process.poll() is None
        finally:
            server.signal(15)
            server.wait()
        summary = re.search(r"(\d+) generated, (.*)", output)
        if result.returncode != 0 or not alive or not summary:
            print(output[-20000:])
            if not alive:
                print(f"schemathesis: klaxon serve died during the run; its log:\n{open(log).read()[-5000:]}")
            print("schemathesis: failed")
            return 1
        print(f"schemathesis: {summary.group(1)} cases against openapi.yaml, {summary.group(2).strip()} (seed {args.seed})")
        return 0


if __name__ == "__main__":
    sys.exit(main())
