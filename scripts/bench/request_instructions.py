#!/usr/bin/env python3
"""Instructions per request, counted by valgrind (callgrind), for `klaxon serve` and the bare Hummingbird server.

`klaxon bench commands` compares request rates, which move by several percent between runs on a shared machine.
This counts what a request costs instead: the same signed requests, sent one at a time on one connection after a
warm-up, to each server under callgrind, and prints the instructions per request of each and their ratio. A count is
user-space work only (no kernel, no waiting), and on one connection each request pays Hummingbird's per-request
costs that a loaded server shares between requests, so it is for comparing builds, not a rate.

Usage: scripts/bench/request_instructions.py [--binary .build/release/klaxon] [--workload declare|help|note]
                                             [--measure 2000] [--against OTHER_KLAXON]
--against counts another build's `klaxon serve` too (the bare server always runs from --binary). Needs valgrind and
binutils' strip (valgrind 3.19 cannot read the toolchain's DWARF 5, so it runs stripped copies).
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

from history_instructions import NOTED, SECRET, count, free_port, require_callgrind, send, signed_file, stop, summary, wait_ready

WARM_UP = 300
EXPECT = {"declare": "Incident #", "help": "/incident note", "note": NOTED}


def counted(work, name, command, binary, workload, measure, needs_incident):
    """Instructions per request for `measure` requests of `workload` to the server that `command` starts."""
    port = free_port()
    output = os.path.join(work, name + ".callgrind")
    data = os.path.join(work, name + "-data")
    os.mkdir(data)
    arguments = {"serve": ["serve", "--host", "127.0.0.1", "--port", str(port), "--data-dir", data],
                 "bare": ["bench", "bare-server", "--port", str(port)]}[command[1]]
    environment = dict(os.environ, KLAXON_SLACK_SIGNING_SECRET=SECRET)
    with open(os.path.join(work, name + ".log"), "w") as log:
        process = subprocess.Popen(["valgrind", "--tool=callgrind", f"--callgrind-out-file={output}", command[0]] + arguments,
                                   env=environment, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_ready(port, process, 300)
            requests = os.path.join(work, name + ".requests")
            # The bare server answers anything with the same body, so only Klaxon's answers are checked.
            expect = EXPECT[workload] if command[1] == "serve" else "ok"
            if needs_incident:
                signed_file(requests, "declare", 0, 1, name + "-declare")
                send(binary, port, requests, 1, 1, "Incident #1 " if command[1] == "serve" else "ok")
            signed_file(requests, workload, 0, WARM_UP, name + "-warm")
            send(binary, port, requests, WARM_UP, 1, expect)
            signed_file(requests, workload, WARM_UP, measure, name + "-measured")
            count(process, lambda: send(binary, port, requests, measure, 1, expect))
        finally:
            stop(process)
    return summary(output) / measure


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=".build/release/klaxon")
    parser.add_argument("--workload", choices=sorted(EXPECT), default="help")
    parser.add_argument("--measure", type=int, default=2000, help="requests counted on each server")
    parser.add_argument("--against", help="another klaxon whose serve is counted too")
    parser.add_argument("--keep", help="copy the callgrind dumps here (for callgrind_annotate)")
    options = parser.parse_args()
    require_callgrind()
    binary = os.path.abspath(options.binary)
    work = tempfile.mkdtemp(prefix="klaxon-requests-")
    try:
        servers = [("bare", binary, "bare"), ("klaxon", binary, "serve")]
        if options.against:
            servers.append(("against", os.path.abspath(options.against), "serve"))
        counts = {}
        for name, build, command in servers:
            stripped = os.path.join(work, name + "-klaxon")
            subprocess.run(["strip", "--strip-debug", "-o", stripped, build], check=True)
            counts[name] = counted(work, name, (stripped, command), binary, options.workload, options.measure,
                                   needs_incident=options.workload == "note")
            print(f"{name}: counted", file=sys.stderr)
        print(f"instructions per {options.workload} request, {options.measure} on one connection after {WARM_UP} of warm-up (callgrind):")
        print(f"  bare server: {counts['bare']:,.0f}")
        print(f"  klaxon serve ({options.binary}): {counts['klaxon']:,.0f} ({counts['klaxon'] / counts['bare']:.2f}× the bare server)")
        if options.against:
            print(f"  klaxon serve ({options.against}): {counts['against']:,.0f} ({counts['against'] / counts['bare']:.2f}× the bare server)")
        if options.keep:
            os.makedirs(options.keep, exist_ok=True)
            for name in counts:
                shutil.copy(os.path.join(work, name + ".callgrind.1"), os.path.join(options.keep, name + ".callgrind"))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
