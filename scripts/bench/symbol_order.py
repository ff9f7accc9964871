#!/usr/bin/env python3
"""Writes deploy/klaxon.order: the functions `klaxon serve` runs, for the linker to place together at the front of
the binary's code.

Linux maps a binary's code into memory a block at a time (fault-around: 64 KB or more around each page a process
first runs), and every mapped page counts in the process's resident memory. With Klaxon's 40 MB of code in link
order, the functions a server runs were spread over most of it: a server at rest held 24–28 MB of code. Placed
together (about 15,000 names with their aliases, 4.7 MB of functions; the toolchain's Foundation, CoreFoundation and
ICU libraries are not split into functions, so whole objects of theirs come along and the ordered code spans about
19 MB), a server at rest holds 15–18 MB (measured with /proc/PID/pagemap on 2026-12-01; the README's "Measured"
section has the figures).

The list is what one `klaxon serve` executes under valgrind's callgrind while it starts, takes signed Slack commands
of every kind (declare, notes, updates, roles, queries, refusals), serves the status page, the feed, metrics and
health, and retries its outbox; then what it runs besides for alerts on its Alertmanager and Grafana hooks and
requests on its JSON API, placed after the rest so that a server without them does not hold their pages. It runs on
SQLite: with PostgreSQL, Discord, Mattermost, email or TLS the code they add is in link order, after the listed
code. Addresses, not callgrind's function names, say what ran, so every name the linker knows for a function that
ran is listed. A function the file does not name is still linked, after the listed ones.

Usage: make release && scripts/bench/symbol_order.py [--binary .build/release/klaxon] [--output deploy/klaxon.order]
then `make release` again, which relinks when the file is newer than the binary. Run it again when the code has
changed: a function renamed since is left in link order, and `make deploy-check` fails once fewer than 85% of the
names the file lists are in the binary. Needs valgrind and binutils (strip, nm); takes about two minutes.
"""
import argparse
import bisect
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
TOKEN = "klx_symbol-order-token"

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
        self.binary = binary
        self.output = os.path.join(work, "callgrind.out")
        data = os.path.join(work, "data")
        os.mkdir(data)
        tokens = os.path.join(work, "tokens.yml")
        digest = hashlib.sha256(TOKEN.encode()).hexdigest()
        with open(tokens, "w") as out:
            out.write(f"tokens:\n  - {{name: order, sha256: {digest}, scopes: [read, write, alerts]}}\n")
        environment = dict(os.environ, KLAXON_SLACK_SIGNING_SECRET=SECRET, KLAXON_API_TOKENS_FILE=tokens)
        self.log_path = os.path.join(work, "serve.log")
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(
                ["valgrind", "--tool=callgrind", "--dump-instr=yes", "--compress-strings=no", "--compress-pos=no",
                 f"--callgrind-out-file={self.output}", binary, "serve", "--host", "127.0.0.1", "--port", str(self.port),
                 "--data-dir", data],
                env=environment, stdout=log, stderr=subprocess.STDOUT)
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

    def api(self, method, path, body=None):
        """A request with the token, and JSON if there is a body."""
        headers = {"Authorization": "Bearer " + TOKEN}
        if body is not None:
            headers["Content-Type"] = "application/json"
        data = body.encode() if isinstance(body, str) else body
        return self.fetch(urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=data, headers=headers, method=method))

    @staticmethod
    def fetch(request):
        try:
            with urllib.request.urlopen(request, timeout=300) as answer:
                return f"{answer.status} {answer.read(80)!r}"
        except urllib.error.HTTPError as error:
            return f"{error.code}"


def executed_addresses(output, binary):
    """Every instruction address in `binary`'s code in a callgrind dump made with --dump-instr=yes and uncompressed
    names and positions. Callgrind gives each object's addresses relative to that object (a position-independent
    binary's are its link addresses), so only lines under `binary`'s `ob=` count."""
    addresses, ours = set(), False
    with open(output, errors="replace") as dump:
        for line in dump:
            if line.startswith("ob="):
                ours = os.path.realpath(line[3:].strip()) == os.path.realpath(binary)
            elif ours and line.startswith("0x"):
                addresses.add(int(line.split()[0], 16))
    return addresses


def functions(binary):
    """(address, size, name) of every function symbol of `binary`, by address."""
    listing = subprocess.run(["nm", "-n", "-S", "--defined-only", binary], check=True, capture_output=True, text=True).stdout
    symbols = []
    for line in listing.splitlines():
        fields = line.split()
        if len(fields) == 4 and fields[2] in "tTwW":
            symbols.append((int(fields[0], 16), int(fields[1], 16), fields[3]))
    return symbols


def ordered_names(addresses, symbols):
    """The names of the functions holding `addresses`, every alias of each, in the order they lie in the binary.
    An address outside every function (padding, the PLT) names none."""
    starts = [address for address, _, _ in symbols]
    names, seen = [], set()
    for address in sorted(addresses):
        last = bisect.bisect_right(starts, address) - 1
        if last < 0:
            continue
        first = bisect.bisect_left(starts, starts[last])
        aliases = symbols[first:last + 1]
        if address >= starts[last] + max(max(size for _, size, _ in aliases), 1):
            continue
        for _, _, name in aliases:
            if name not in seen:
                seen.add(name)
                names.append(name)
    return names


def exercise_chat(server):
    """Start-up, chat commands, the status page and the outbox: what every server runs. Exits on an answer that is not
    the expected one."""
    for text, channel in COMMANDS:
        answer = server.command(text, channel)
        if not answer.startswith("200"):
            sys.exit(f"`/incident {text}` was answered {answer}")
    for path in PAGES:
        for _ in range(3):
            expect(server.page(path), f"GET {path}")
    # The outbox's first attempts and retries (the response URLs lead nowhere).
    time.sleep(20)


def exercise_integrations(server):
    """The alert hooks and the JSON API: what only some servers run."""
    alerts = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples", "alerts")
    for hook, name in [("alertmanager", "firing"), ("alertmanager", "new-alert"), ("alertmanager", "resolved"),
                       ("grafana", "firing"), ("grafana", "resolved")]:
        with open(os.path.join(alerts, f"{hook}-{name}.json"), "rb") as payload:
            expect(server.api("POST", f"/hooks/{hook}", payload.read()), f"POST /hooks/{hook} ({name})")
    expect(server.api("GET", "/api/v1/incidents"), "GET /api/v1/incidents")
    expect(server.api("GET", "/api/v1/incidents/1"), "GET /api/v1/incidents/1")
    expect(server.api("GET", "/api/v1/incidents/1/timeline"), "GET /api/v1/incidents/1/timeline")
    expect(server.api("POST", "/api/v1/incidents/3/commands", '{"command": "update", "text": "From the API"}'),
           "POST /api/v1/incidents/3/commands")


def expect(answer, what):
    if not answer.startswith("200"):
        sys.exit(f"{what} was answered {answer}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=".build/release/klaxon")
    parser.add_argument("--output", default="deploy/klaxon.order")
    options = parser.parse_args()
    for tool in ("valgrind", "callgrind_control", "strip", "nm"):
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
            exercise_chat(server)
            # What ran so far goes first: code only the integrations run must not sit between it.
            subprocess.run(["callgrind_control", "--dump", str(server.process.pid)], check=True, capture_output=True)
            exercise_integrations(server)
        except SystemExit:
            with open(server.log_path) as log:
                sys.stderr.write("klaxon serve's log, last lines:\n" + "".join(log.readlines()[-20:]))
            raise
        finally:
            stop(server.process)
        symbols = functions(binary)
        chat = ordered_names(executed_addresses(server.output + ".1", stripped), symbols)
        listed = set(chat)
        names = chat + [name for name in ordered_names(executed_addresses(server.output, stripped), symbols) if name not in listed]
        if len(names) < 1000:
            sys.exit(f"only {len(names)} functions ran: is {binary} the release build with its symbols?")
        with open(options.output, "w") as out:
            out.writelines(name + "\n" for name in names)
        print(f"{options.output}: {len(names)} functions")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
