#!/usr/bin/env python3
"""`klaxon import` and `klaxon migrate` keep off a data directory a `klaxon serve` is using, and a failed import leaves
nothing behind: an export of a store with one incident is made; a server runs on an empty data directory, and
importing the export into it must be refused (the server would go on serving from what it cached) and change
nothing; importing a cut-off export into a new directory must be refused and leave no database there; the whole
export then imports into it.

    python3 scripts/ops/transfer_guard.py --binary .build/debug/klaxon
"""
import argparse
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from klaxon_process import KlaxonProcess, post_slack  # noqa: E402

SECRET = "transfer-guard-secret"


def klaxon(binary, *arguments, stdin=None):
    return subprocess.run([binary, *arguments], input=stdin, capture_output=True, text=True, timeout=60)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="klaxon-transfer-guard-")
    source = os.path.join(work, "source")
    server = KlaxonProcess(args.binary, {"KLAXON_SLACK_SIGNING_SECRET": SECRET, "KLAXON_DATA_DIR": source},
                           os.path.join(work, "source.log"))
    try:
        server.wait_ready()
        status, _ = post_slack(server.port, SECRET, "p1 Checkout slow")
        assert status == 200, status
    finally:
        server.signal(15)
        server.wait()
    exported = klaxon(args.binary, "export", "--data-dir", source)
    assert exported.returncode == 0, exported.stderr
    export = exported.stdout
    assert export.count("\n") > 2, export

    served = os.path.join(work, "served")
    server = KlaxonProcess(args.binary, {"KLAXON_SLACK_SIGNING_SECRET": SECRET, "KLAXON_DATA_DIR": served},
                           os.path.join(work, "served.log"))
    try:
        server.wait_ready()
        for command in (["import", "--data-dir", served], ["migrate", "--data-dir", served]):
            refused = klaxon(args.binary, *command, stdin=export)
            assert refused.returncode != 0, f"klaxon {command[0]} ran on a served data directory: {refused.stderr}"
            assert "another klaxon serve (process" in refused.stderr, refused.stderr
        status, reply = post_slack(server.port, SECRET, "list")
        assert status == 200 and "#1" not in reply.get("text", ""), reply
    finally:
        server.signal(15)
        server.wait()

    fresh = os.path.join(work, "fresh")
    lines = export.splitlines(keepends=True)
    cut = klaxon(args.binary, "import", "--data-dir", fresh, stdin="".join(lines[:-1]))
    assert cut.returncode != 0, "a cut-off export was imported"
    leftovers = [name for name in os.listdir(fresh) if name.startswith("klaxon.sqlite")] if os.path.isdir(fresh) else []
    assert not leftovers, f"a refused import left {leftovers} behind"
    whole = klaxon(args.binary, "import", "--data-dir", fresh, stdin=export)
    assert whole.returncode == 0, whole.stderr
    print("transfer guard: import and migrate refused on a served data directory; a refused import left nothing; the export imported")


if __name__ == "__main__":
    main()
