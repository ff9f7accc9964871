#!/usr/bin/env python3
"""`klaxon report` and `klaxon stats` say so when the server ran with another policy than theirs: the server runs with
an exported policy whose P1 updates are due every 5 minutes, and a P1 is declared. Read without that policy, the
report's figures (cadence kept, recovery target, review window) would follow the built-in playbook: the command must
warn on standard error. Given the server's policy, it must not.

    python3 scripts/ops/report_policy.py --binary .build/debug/klaxon
"""
import argparse
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from klaxon_process import KlaxonProcess, post_slack  # noqa: E402

WARNING = "the server last ran with another policy"


def run(binary, *arguments, env=None):
    result = subprocess.run([binary, *arguments], capture_output=True, text=True, env=env, timeout=60)
    if result.returncode != 0:
        raise SystemExit(f"klaxon {' '.join(arguments)} failed ({result.returncode}): {result.stderr}")
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="klaxon-report-policy-")
    exported = os.path.join(work, "policy")
    run(args.binary, "policy", "export", "--output", exported)
    path = os.path.join(exported, "policy.yml")
    with open(path, encoding="utf-8") as policy:
        text = policy.read()
    edited = text.replace("update_every: 30m", "update_every: 5m", 1)
    if edited == text:
        raise SystemExit("the exported policy has no `update_every: 30m` to edit")
    with open(path, "w", encoding="utf-8") as policy:
        policy.write(edited)

    data = os.path.join(work, "data")
    env = {"KLAXON_SLACK_SIGNING_SECRET": "report-policy-secret", "KLAXON_DATA_DIR": data, "KLAXON_POLICY": path}
    server = KlaxonProcess(args.binary, env, os.path.join(work, "server.log"))
    server.wait_ready()
    status, _ = post_slack(server.port, "report-policy-secret", "p1 Checkout slow")
    assert status == 200, status
    server.signal(15)
    if server.wait() != 0:
        raise SystemExit(f"klaxon serve did not stop cleanly; see {work}/server.log")

    clean = {key: value for key, value in os.environ.items() if not key.startswith("KLAXON_")}
    for command in (["report", "1"], ["stats"]):
        other = run(args.binary, *command, "--data-dir", data, env=clean)
        if WARNING not in other.stderr:
            raise SystemExit(f"klaxon {command[0]} without the server's policy did not warn: {other.stderr!r}")
        same = run(args.binary, *command, "--data-dir", data, "--policy", path, env=clean)
        if WARNING in same.stderr:
            raise SystemExit(f"klaxon {command[0]} with the server's policy warned: {same.stderr!r}")
    print("report/stats policy check: warned without the server's policy, silent with it")


if __name__ == "__main__":
    main()
