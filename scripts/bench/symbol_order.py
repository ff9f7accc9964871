#!/usr/bin/env python3
"""Writes deploy/klaxon.order: the functions `klaxon serve` runs, for the linker to place together at the front of
the binary's code.

Linux maps a binary's code into memory a whole block at a time (fault-around: 64 KB or more around each page a
process first runs), and every mapped page counts in the process's resident memory. With Klaxon's 40 MB of code in
link order, the few thousand functions a server runs are spread over most of it, so a server at rest held 25 MB of
code. Placed together they fit in about 9 MB (`make release` links with this file; see the Makefile).

The list is what one `klaxon serve` executes under valgrind's callgrind while it starts, takes signed Slack commands
of every kind (declare, notes, updates, roles, queries, refusals), serves the status page, the feed, metrics and
health, and retries its outbox. Addresses, not callgrind's function names, say what ran, so every name the linker
knows for a function that ran is listed. A function the file does not name is still linked, after the listed ones.

Usage: make release && scripts/bench/symbol_order.py [--binary .build/release/klaxon] [--output deploy/klaxon.order]
then `make release` again (it relinks only). Run it again when the code has changed a lot: a function renamed since
is left in link order. Needs valgrind and binutils (strip, nm); takes about two minutes.
"""
import argparse
import bisect
import collections
import hashlib
import hmac
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

from history_instructions import free_port, stop, wait_ready

SECRET = "symbol-order-secret"

# Commands in the order sent, each in channel C0 unless a channel is given: incident #1 is a public P0.
COMMANDS = (
    [(f"p{index % 3} Symbol order incident {index}" + (" --public" if index % 2 == 0 else ""), f"C{index}") for index in range(12)]
    + [(f"note #1 checked the dashboards, pass {index}", "C0") for index in range(40)]
    + [(text, "C0") for text in [
        "help", "commander me", "scribe me", "update #1 Rolled back the deploy; error rate falling",
        "status #1 identified", "status #1 monitoring", "timeline #1", "show #1", "actions #1", "report #1", "list",
        "severity #2 p0", "resolve #2 Restarted the worker pool", "update #3 Still looking", "bogus",
        "note", "p9 nothing", "postmortem #2", "review #2 tomorrow 10:00", "update #2 after the fix",
        "resolve #1 Rolled back the release; uploads work again",
    ]]
    + [("help", "C9") for _ in range(20)]
)
PAGES = ["/status", "/status.json", "/status.atom", "/status/history", "/status/incidents/1", "/metrics", "/healthz", "/readyz"]


class Server:
    """A `klaxon serve` under callgrind on a free loopback port."""

    def __init__(self, binary, work):
        self.port = free_port()
        self.output = os.path.join(work, "callgrind.out")
        data = os.path.join(work, "data")
        os.mkdir(data)
        environment = dict(os.environ, KLAXON_SLACK_SIGNING_SECRET=SECRET)
        self.log = open(os.path.join(work, "serve.log"), "w")
        self.process = subprocess.Popen(
            ["valgrind", "--tool=callgrind", "--dump-instr=yes", "--compress-strings=no", "--compress-pos=no",
             f"--callgrind-out-file={self.output}", binary, "serve", "--host", "127.0.0.1", "--port", str(self.port),
             "--data-dir", data],
            env=environment, stdout=self.log, stderr=subprocess.STDOUT)
        self.sent = 0

    def command(self, text, channel):
        """A signed slash command; the answer's first line, or the HTTP error."""
        self.sent += 1
        timestamp = str(int(time.time()))
        body = urllib.parse.urlencode([
            ("token", "order"), ("team_id", "TORDER"), ("team_domain", "order"), ("channel_id", channel),
            ("channel_name", channel.lower()), ("user_id", "UORDER"), ("user_name", "order"), ("command", "/incident"),
            ("text", text), ("api_app_id", "AORDER"), ("response_url", f"http://127.0.0.1:9/respond/{self.sent}"),
            ("trigger_id", f"order.{self.sent}")])
        signature = hmac.new(SECRET.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256).hexdigest()
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/slack/commands", data=body.encode(),
            headers={"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": "v0=" + signature,
                     "Content-Type": "application/x-www-form-urlencoded"})
        return self.fetch(request)

    def page(self, path):
        return self.fetch(urllib.request.Request(f"http://127.0.0.1:{self.port}{path}"))

    @staticmethod
    def fetch(request):
        try:
            with urllib.request.urlopen(request, timeout=300) as answer:
                return f"{answer.status} {answer.read(80)!r}"
        except urllib.error.HTTPError as error:
            return f"{error.code}"


def executed_addresses(output):
    """Every instruction address in a callgrind dump made with --dump-instr=yes and uncompressed positions, and the
    first address seen under each function name (to find where valgrind loaded the binary)."""
    addresses, entries, function = set(), {}, None
    with open(output, errors="replace") as dump:
        for line in dump:
            if line.startswith("fn="):
                function = line[3:].strip().split("'")[0]
            elif line.startswith("0x"):
                address = int(line.split()[0], 16)
                addresses.add(address)
                if function is not None:
                    entries.setdefault(function, address)
            elif line.startswith("calls="):
                fields = line.split()
                if len(fields) > 2 and fields[2].startswith("0x"):
                    addresses.add(int(fields[2], 16))
    return addresses, entries


def load_offset(entries, symbols):
    """How far from its link address valgrind placed the binary: the difference most functions agree on."""
    linked = {name: address for address, name in symbols}
    offsets = collections.Counter(address - linked[name] for name, address in entries.items() if name in linked)
    if not offsets:
        sys.exit("no function callgrind saw is in the binary's symbol table")
    return offsets.most_common(1)[0][0]


def functions(binary):
    """(address, name) of every function symbol of `binary`, by address."""
    listing = subprocess.run(["nm", "-n", "--defined-only", binary], check=True, capture_output=True, text=True).stdout
    symbols = []
    for line in listing.splitlines():
        fields = line.split()
        if len(fields) == 3 and fields[1] in "tTwW":
            symbols.append((int(fields[0], 16), fields[2]))
    return symbols


def ordered_names(addresses, offset, symbols):
    """The names of the functions holding `addresses`, every alias of each, in the order they lie in the binary."""
    starts = [address for address, _ in symbols]
    names, seen = [], set()
    for address in sorted(address - offset for address in addresses):
        index = bisect.bisect_right(starts, address) - 1
        if index < 0:
            continue
        start = starts[index]
        while index >= 0 and starts[index] == start:
            name = symbols[index][1]
            if name not in seen:
                seen.add(name)
                names.append(name)
            index -= 1
    return names


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=".build/release/klaxon")
    parser.add_argument("--output", default="deploy/klaxon.order")
    options = parser.parse_args()
    for tool in ("valgrind", "strip", "nm"):
        if shutil.which(tool) is None:
            sys.exit(f"needs {tool} (apt-get install valgrind binutils)")
    binary = os.path.abspath(options.binary)
    work = tempfile.mkdtemp(prefix="klaxon-order-")
    try:
        # valgrind 3.19 cannot read the toolchain's DWARF 5; the symbol table is enough.
        stripped = os.path.join(work, "klaxon")
        subprocess.run(["strip", "--strip-debug", "-o", stripped, binary], check=True)
        server = Server(stripped, work)
        try:
            wait_ready(server.port, server.process, 600)
            for text, channel in COMMANDS:
                answer = server.command(text, channel)
                if not answer.startswith("200"):
                    sys.exit(f"`/incident {text}` was answered {answer}")
            for path in PAGES:
                for _ in range(3):
                    server.page(path)
            # The outbox's first attempts and retries (the response URLs lead nowhere).
            time.sleep(20)
        finally:
            stop(server.process)
        addresses, entries = executed_addresses(server.output)
        symbols = functions(binary)
        names = ordered_names(addresses, load_offset(entries, symbols), symbols)
        if len(names) < 1000:
            sys.exit(f"only {len(names)} functions ran: is {binary} the release build with its symbols?")
        with open(options.output, "w") as out:
            out.writelines(name + "\n" for name in names)
        print(f"{options.output}: {len(names)} functions")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
