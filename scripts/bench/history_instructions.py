#!/usr/bin/env python3
"""Instructions per note on a short and on a long incident history, counted by valgrind (callgrind).

`klaxon bench commands` times a note in each tenth of a 100,000-note history, but on a shared 2-core machine the
rate and CPU time of one tenth against another move by ±20% from run to run. Instruction counts do not: the same
binary and requests give the same count whatever else the machine is doing. So this measures, for the same
`klaxon serve`:

  short: incident #1 declared, with --short notes (1,000 by default);
  long:  the same store after --long more notes (100,000 by default), sent natively;

then, under callgrind, the instructions the server spends on --measure further notes (one connection, so every
group commit holds one note and both runs batch alike), after a warm-up, and prints both and their ratio.

Usage: scripts/bench/history_instructions.py [--binary .build/release/klaxon] [--short 1000] [--long 100000]
                                             [--measure 2000] [--keep]
Each counted run adds its 200 + --measure notes to the history it counts on. Timers that run every second (the log's
checkpoints, the outbox) are counted too, about alike in both runs. Needs valgrind and binutils' strip (valgrind 3.19 cannot read the toolchain's DWARF 5, so it runs a stripped copy).
"""
import argparse
import hashlib
import hmac
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

SECRET = "history-instructions-secret"
NOTED = "Noted on #1"


def signed_file(path, kind, start, count, tag):
    """Signed Slack requests, one a line: timestamp, signature, body (the replay format of `klaxon bench load`).
    Signed here, not by Klaxon, so the verifier is checked against a second implementation as in the benchmark."""
    timestamp = str(int(time.time()))
    with open(path, "w") as out:
        for index in range(start, start + count):
            text = {"declare": f"p1 History bench incident {index}", "help": "help"}.get(
                kind, f"note #1 Checked the dashboards again: error rate still 4%, request {index}")
            fields = [("token", "bench"), ("team_id", "TBENCH"), ("team_domain", "bench"), ("channel_id", "CHISTORY"),
                      ("channel_name", "chistory"), ("user_id", "UBENCH"), ("user_name", "bench"),
                      ("command", "/incident"), ("text", text), ("api_app_id", "ABENCH"),
                      ("is_enterprise_install", "false"), ("trigger_id", f"{tag}.{index}")]
            body = urllib.parse.urlencode(fields, quote_via=urllib.parse.quote_plus, safe="-._~")
            mac = hmac.new(SECRET.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256).hexdigest()
            out.write(f"{timestamp}\tv0={mac}\t{body}\n")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_ready(port, process, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"klaxon serve exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"klaxon serve did not listen on {port} within {seconds} s")


def send(binary, port, path, count, connections, expect, strict=True):
    """Every request of `path` once; exits unless every one was answered as expected (or, not `strict`, one was)."""
    result = json.loads(subprocess.run(
        [binary, "bench", "load", "--port", str(port), "--file", path, "--duration", "280",
         "--connections", str(connections), "--expect", expect],
        check=True, capture_output=True, text=True).stdout)
    answered = result["completed"] - result["failures"]
    if (answered != count or result["errors"]) if strict else answered == 0:
        sys.exit(f"{path}: {result['completed']} of {count} answered, {result['failures']} failed, {result['errors']} errors")


def serve(command, data, port, log):
    environment = dict(os.environ, KLAXON_SLACK_SIGNING_SECRET=SECRET)
    return subprocess.Popen(command + ["serve", "--host", "127.0.0.1", "--port", str(port), "--data-dir", data],
                            env=environment, stdout=log, stderr=subprocess.STDOUT)


def stop(process):
    """Stops a server (a second call does nothing); killed if it has not stopped within two minutes."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=120)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def counted(work, binary, stripped, data, start, measure):
    """Instructions `klaxon serve` spends on `measure` notes sent on one connection, on a copy of `data`."""
    copy = os.path.join(work, os.path.basename(data) + "-counted")
    shutil.copytree(data, copy)
    port = free_port()
    output = os.path.join(work, os.path.basename(data) + ".callgrind")
    with open(copy + ".log", "w") as log:
        process = serve(["valgrind", "--tool=callgrind", f"--callgrind-out-file={output}"] + [stripped], copy, port, log)
        try:
            wait_ready(port, process, 300)
            warm = os.path.join(work, "warm.requests")
            signed_file(warm, "note", start, 200, f"warm{start}")
            # Not strict: under valgrind the first note replays the stored history, slower than the load's 10 s timeout.
            send(binary, port, warm, 200, 1, NOTED, strict=False)
            measured = os.path.join(work, "measured.requests")
            signed_file(measured, "note", start + 200, measure, f"measured{start}")
            count(process, lambda: send(binary, port, measured, measure, 1, NOTED))
        finally:
            stop(process)
    return summary(output)


def require_callgrind():
    """Exits unless valgrind's callgrind and binutils' strip are installed."""
    for tool in ("valgrind", "callgrind_control", "strip"):
        if shutil.which(tool) is None:
            sys.exit(f"needs {tool} (apt-get install valgrind binutils)")


def count(process, measured):
    """Runs `measured()` between zeroing the counters of `process` (under callgrind) and dumping them. Counting starts
    after a warm-up: start-up and the first requests' lazy set-up are not a request's cost."""
    subprocess.run(["callgrind_control", "--zero", str(process.pid)], check=True, capture_output=True)
    measured()
    subprocess.run(["callgrind_control", "--dump", str(process.pid)], check=True, capture_output=True)


def summary(output):
    """The instructions in the dump that `count` made for the callgrind output file `output`."""
    with open(output + ".1") as dump:
        for line in dump:
            if line.startswith("summary:"):
                return int(line.split()[1])
    sys.exit(f"no summary in {output}.1")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=".build/release/klaxon")
    parser.add_argument("--short", type=int, default=1000, help="notes on the incident of the short history")
    parser.add_argument("--long", type=int, default=100000, help="notes added for the long history")
    parser.add_argument("--measure", type=int, default=2000, help="notes counted on each")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    options = parser.parse_args()
    require_callgrind()
    binary = os.path.abspath(options.binary)
    work = tempfile.mkdtemp(prefix="klaxon-history-")
    try:
        stripped = os.path.join(work, "klaxon")
        subprocess.run(["strip", "--strip-debug", "-o", stripped, binary], check=True)
        short, long = os.path.join(work, "short"), os.path.join(work, "long")
        os.mkdir(short)
        port = free_port()
        requests = os.path.join(work, "declare.requests")
        with open(short + ".log", "w") as log:
            process = serve([binary], short, port, log)
            try:
                wait_ready(port, process, 30)
                signed_file(requests, "declare", 0, 1, "declare")
                send(binary, port, requests, 1, 1, "Incident #1 ")
                signed_file(requests, "note", 0, options.short, "short")
                send(binary, port, requests, options.short, 32, NOTED)
            finally:
                stop(process)
        shutil.copytree(short, long)
        with open(long + ".log", "w") as log:
            process = serve([binary], long, port, log)
            try:
                wait_ready(port, process, 30)
                # In parts of 25,000: the signatures of a part must still be valid (300 s) when its last note is sent.
                for start in range(0, options.long, 25000):
                    count = min(25000, options.long - start)
                    signed_file(requests, "note", 10_000_000 + start, count, f"long{start}")
                    send(binary, port, requests, count, 32, NOTED)
                    print(f"long history: {options.short + start + count} notes", file=sys.stderr)
            finally:
                stop(process)
        counts = {}
        for name, data in (("short", short), ("long", long)):
            counts[name] = counted(work, binary, stripped, data, 20_000_000 if name == "short" else 30_000_000, options.measure)
            print(f"{name}: counted", file=sys.stderr)
        events = {"short": 1 + options.short, "long": 1 + options.short + options.long}
        per = {name: counts[name] / options.measure for name in counts}
        print(f"instructions per note, {options.measure} notes on one connection after 200 of warm-up (callgrind):")
        for name in ("short", "long"):
            print(f"  {name}: incident #1 from {events[name] + 200:,} to {events[name] + 200 + options.measure:,} events: {per[name]:,.0f}")
        print(f"  long / short: {per['long'] / per['short']:.3f}")
    finally:
        if options.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
