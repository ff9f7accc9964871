#!/usr/bin/env python3
"""Black-box end-to-end tests of `klaxon serve` on PostgreSQL: several replicas on one database, and the database
restarting under load. Standard library only; `psql` answers the questions about the database.

    python3 scripts/replicas/replicas.py --binary .build/debug/klaxon [--postgres-url URL] [--scenario replicas|restart|all]

Without --postgres-url a throwaway cluster is started with scripts/postgres/throwaway.sh (and removed at the end);
with it, each scenario creates a database of its own on that server (the restart scenario then needs
--restart-command, or is skipped). Every server runs with a fake Slack Web API (this script) that records each
message. The exit status is 0 only when every check held; see scripts/replicas/README.md for what is checked.
"""
import argparse
import collections
import hashlib
import hmac
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
THROWAWAY = os.path.join(REPO, "scripts", "postgres", "throwaway.sh")
SLACK_CHANNEL = "C0INCIDENTS"
BOT_TOKEN = "xoxb-klaxon-replicas-test"
# Swift's JSONEncoder writes dates as seconds since 2001-01-01.
APPLE_EPOCH = 978307200.0
# The answer (directly, or through response_url) to a command the store could not take.
COULD_NOT_RECORD_PREFIX = "Klaxon could not record that"
WORKING = "Working on it…"
LOG_LINE = re.compile(r"^(\S+) (trace|debug|info|notice|warning|error|critical) (.*)$")


def log(message=""):
    print(message, flush=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# ---------------------------------------------------------------------------------------------------------------------
# A fake Slack Web API: records every call, answers as Slack does, can hold one replica's posts (to kill it mid-send).
# ---------------------------------------------------------------------------------------------------------------------

class FakeSlack:
    """Serves `/r/<replica>/<method>` (each replica gets its own base URL, so every call is attributed) and
    `/hooks/<trigger_id>` (slash commands' response_url)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages = []       # every accepted chat.postMessage, in the order Slack accepted them
        self.updates = []        # chat.update calls
        self.calls = collections.Counter()  # (replica, method) -> count
        self.bad_calls = []      # calls Slack would refuse (bad token, missing fields)
        self.hooks = collections.defaultdict(list)  # trigger_id -> bodies posted to its response_url
        self.hold_replica = None  # chat.postMessage from this replica is accepted, then never answered until released
        self.held = []
        self.release = threading.Event()
        self.last_ts = 0
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                fake.handle(self, "GET")

            def do_POST(self):
                fake.handle(self, "POST")

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                # A replica killed (or hung up) in the middle of a call: nothing to report.
                if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
                    super().handle_error(request, client_address)

        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def base_url(self, replica):
        return f"http://127.0.0.1:{self.port}/r/{replica}"

    def hook_url(self, trigger):
        return f"http://127.0.0.1:{self.port}/hooks/{trigger}"

    def close(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def new_ts(self):
        with self.lock:
            micros = max(int(time.time() * 1_000_000), self.last_ts + 1)
            self.last_ts = micros
        return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"

    @staticmethod
    def answer(handler, payload, status=200):
        data = json.dumps(payload).encode()
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", "application/json; charset=utf-8")
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            handler.wfile.write(data)
        except OSError:
            pass

    def handle(self, handler, verb):
        url = urllib.parse.urlsplit(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length else b""
        parts = url.path.strip("/").split("/")
        if len(parts) == 2 and parts[0] == "hooks":
            with self.lock:
                self.hooks[parts[1]].append(raw.decode("utf-8", "replace"))
            return self.answer(handler, {"ok": True})
        if len(parts) != 3 or parts[0] != "r":
            return self.answer(handler, {"ok": False, "error": "unknown_method"}, 404)
        replica, method = parts[1], parts[2]
        with self.lock:
            self.calls[(replica, method)] += 1
        if handler.headers.get("Authorization") != f"Bearer {BOT_TOKEN}":
            with self.lock:
                self.bad_calls.append((replica, method, "invalid_auth"))
            return self.answer(handler, {"ok": False, "error": "invalid_auth"})
        if verb == "POST":
            try:
                body = json.loads(raw or b"{}")
            except ValueError:
                with self.lock:
                    self.bad_calls.append((replica, method, "invalid_json"))
                return self.answer(handler, {"ok": False, "error": "invalid_json"})
        else:
            body = dict(urllib.parse.parse_qsl(url.query))
        if method == "chat.postMessage":
            return self.post_message(handler, replica, body)
        if method == "chat.update":
            with self.lock:
                self.updates.append({"replica": replica, "channel": body.get("channel"), "ts": body.get("ts"), "at": time.time()})
            return self.answer(handler, {"ok": True, "channel": body.get("channel"), "ts": body.get("ts")})
        if method == "conversations.open":
            users = sorted(u for u in str(body.get("users", "")).split(",") if u)
            channel = self.direct_channel(users[0]) if len(users) == 1 else \
                "G" + hashlib.sha1(",".join(users).encode()).hexdigest()[:10].upper()
            return self.answer(handler, {"ok": True, "channel": {"id": channel}})
        if method == "auth.test":
            # Each replica checks its bot token once at start-up.
            return self.answer(handler, {"ok": True, "team": "Replicas", "user": "klaxon"})
        if method == "conversations.history":
            return self.history(handler, body)
        if method == "conversations.replies":
            return self.replies(handler, body)
        with self.lock:
            self.bad_calls.append((replica, method, "unknown_method"))
        return self.answer(handler, {"ok": False, "error": "unknown_method"})

    @staticmethod
    def direct_channel(user):
        """The IM channel Slack keeps for the bot and one user (posting to a user id posts there)."""
        return "D" + hashlib.sha1(user.encode()).hexdigest()[:10].upper()

    def post_message(self, handler, replica, body):
        channel, text = body.get("channel"), body.get("text")
        if isinstance(channel, str) and channel[:1] in ("U", "W"):
            channel = self.direct_channel(channel)
        if not channel or not (text or body.get("blocks")):
            with self.lock:
                self.bad_calls.append((replica, "chat.postMessage", f"missing channel or text: {str(body)[:200]}"))
            return self.answer(handler, {"ok": False, "error": "no_text" if channel else "channel_not_found"})
        metadata = body.get("metadata") if isinstance(body.get("metadata"), dict) else None
        key = ((metadata or {}).get("event_payload") or {}).get("key") if metadata else None
        message = {
            "ts": self.new_ts(), "channel": channel, "thread_ts": body.get("thread_ts"),
            "reply_broadcast": bool(body.get("reply_broadcast")), "text": text or "", "metadata": metadata, "key": key,
            "replica": replica, "at": time.time(), "held": False,
        }
        hold = False
        with self.lock:
            self.messages.append(message)
            if self.hold_replica == replica:
                message["held"] = True
                self.held.append(message)
                hold = True
        if hold:
            # Slack has the message; the replica never hears back (it is killed while it waits).
            self.release.wait(timeout=300)
            return self.answer(handler, {"ok": False, "error": "fatal_error"}, 500)
        return self.answer(handler, {"ok": True, "channel": channel, "ts": message["ts"],
                                     "message": {"text": text, "ts": message["ts"], "metadata": metadata}})

    def listing(self, message, with_metadata):
        item = {"type": "message", "ts": message["ts"], "text": message["text"]}
        if message["thread_ts"]:
            item["thread_ts"] = message["thread_ts"]
        if with_metadata and message["metadata"]:
            item["metadata"] = message["metadata"]
        return item

    def history(self, handler, query):
        channel = query.get("channel")
        limit = int(query.get("limit") or 100)
        with_metadata = query.get("include_all_metadata") in ("true", "1")
        with self.lock:
            # Top-level messages and thread replies broadcast to the channel, newest first.
            found = [m for m in self.messages if m["channel"] == channel and (not m["thread_ts"] or m["reply_broadcast"])]
        found.sort(key=lambda m: m["ts"], reverse=True)
        page = found[:limit]
        return self.answer(handler, {"ok": True, "messages": [self.listing(m, with_metadata) for m in page],
                                     "has_more": len(found) > limit})

    def replies(self, handler, query):
        channel, ts = query.get("channel"), query.get("ts")
        limit = int(query.get("limit") or 100)
        with_metadata = query.get("include_all_metadata") in ("true", "1")
        with self.lock:
            parent = [m for m in self.messages if m["channel"] == channel and m["ts"] == ts]
            found = [m for m in self.messages if m["channel"] == channel and m["thread_ts"] == ts and m["ts"] != ts]
        if not parent:
            return self.answer(handler, {"ok": False, "error": "thread_not_found"})
        # Slack lists a thread oldest first, the parent first.
        found.sort(key=lambda m: m["ts"])
        page = (parent + found)[:limit]
        return self.answer(handler, {"ok": True, "messages": [self.listing(m, with_metadata) for m in page],
                                     "has_more": len(parent) + len(found) > limit})


# ---------------------------------------------------------------------------------------------------------------------
# PostgreSQL: a throwaway cluster (or a given server), a database per scenario, queries through psql.
# ---------------------------------------------------------------------------------------------------------------------

class Postgres:
    def __init__(self, url, cluster_dir=None, restart_command=None):
        self.url = url
        self.cluster_dir = cluster_dir
        self.restart_command = restart_command

    @classmethod
    def throwaway(cls, parent):
        # PostgreSQL runs as an unprivileged user, which must be able to reach the cluster's directory.
        os.chmod(parent, 0o755)
        cluster = os.path.join(parent, "cluster")
        started = subprocess.run(["bash", THROWAWAY, "start", cluster], capture_output=True, text=True, timeout=600)
        if started.returncode != 0:
            raise SystemExit(f"replicas: could not start a throwaway PostgreSQL:\n{started.stdout}{started.stderr}")
        match = re.search(r"KLAXON_TEST_POSTGRES_URL=(\S+)", started.stdout)
        if not match:
            raise SystemExit(f"replicas: throwaway.sh printed no URL:\n{started.stdout}")
        return cls(match.group(1), cluster_dir=cluster)

    @property
    def can_restart(self):
        return self.cluster_dir is not None or self.restart_command is not None

    def stop(self):
        if self.cluster_dir:
            subprocess.run(["bash", THROWAWAY, "stop", self.cluster_dir], capture_output=True, timeout=120)

    def psql(self, url, sql, timeout=60):
        done = subprocess.run(["psql", url, "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql],
                              capture_output=True, text=True, timeout=timeout)
        if done.returncode != 0:
            raise RuntimeError(f"psql failed ({done.returncode}): {done.stderr.strip()} for {sql[:200]}")
        return done.stdout

    def with_database(self, name):
        parts = urllib.parse.urlsplit(self.url)
        return urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))

    def create_database(self, prefix):
        name = f"{prefix}_{secrets.token_hex(4)}"
        self.psql(self.url, f'CREATE DATABASE "{name}"')
        return self.with_database(name)

    def rows(self, url, sql):
        out = self.psql(url, f"SELECT coalesce(json_agg(t), '[]'::json) FROM ({sql}) t").strip()
        return json.loads(out or "[]")

    def restart(self):
        """A fast restart, as a failover would do; returns (began, ready) wall-clock times."""
        began = time.time()
        if self.restart_command:
            done = subprocess.run(self.restart_command, shell=True, capture_output=True, text=True, timeout=120)
        else:
            done = subprocess.run(["bash", THROWAWAY, "restart", self.cluster_dir], capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"restarting PostgreSQL failed: {done.stdout}{done.stderr}")
        return began, time.time()

    def _as_owner(self, command):
        data = os.path.join(self.cluster_dir, "data")
        owner = os.stat(data).st_uid
        if os.getuid() == 0 and owner != 0:
            import pwd
            return ["runuser", "-u", pwd.getpwuid(owner).pw_name, "--"] + command
        return command

    def outage(self, seconds):
        """Stops the server for `seconds` (fast shutdown), then starts it again on the same port (own cluster only)."""
        data = os.path.join(self.cluster_dir, "data")
        with open(os.path.join(self.cluster_dir, "bin")) as handle:
            bindir = handle.read().strip()
        port = urllib.parse.urlsplit(self.url).port
        began = time.time()
        stop = subprocess.run(self._as_owner([f"{bindir}/pg_ctl", "-D", data, "-m", "fast", "-w", "-t", "60", "stop"]),
                              capture_output=True, text=True, timeout=120)
        if stop.returncode != 0:
            raise RuntimeError(f"stopping PostgreSQL failed: {stop.stdout}{stop.stderr}")
        down = time.time()
        time.sleep(seconds)
        options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c max_connections=200"
        start = subprocess.run(self._as_owner([f"{bindir}/pg_ctl", "-D", data, "-l", os.path.join(data, "server.log"), "-w",
                                               "-t", "60", "-o", options, "start"]), capture_output=True, text=True, timeout=120)
        if start.returncode != 0:
            raise RuntimeError(f"starting PostgreSQL again failed: {start.stdout}{start.stderr}")
        return began, down, time.time()

    def freeze(self, seconds):
        """SIGSTOPs the server and all its processes for `seconds` (own cluster only): connections hang."""
        with open(os.path.join(self.cluster_dir, "data", "postmaster.pid")) as handle:
            postmaster = int(handle.readline())
        pids = [postmaster]
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as handle:
                        fields = handle.read().rsplit(")", 1)[1].split()
                    if int(fields[1]) == postmaster:
                        pids.append(int(entry))
                except (OSError, IndexError, ValueError):
                    continue
        began = time.time()
        try:
            for pid in pids:
                os.kill(pid, signal.SIGSTOP)
            time.sleep(seconds)
        finally:
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGCONT)
                except OSError:
                    pass
        return began, time.time()

    def server_log_errors(self, since_bytes=0):
        if not self.cluster_dir:
            return None
        path = os.path.join(self.cluster_dir, "data", "server.log")
        try:
            with open(path, "rb") as handle:
                handle.seek(since_bytes)
                text = handle.read().decode("utf-8", "replace")
        except OSError:
            return None
        counts = collections.Counter()
        for line in text.splitlines():
            match = re.search(r"\b(ERROR|FATAL|PANIC):\s+(.*)$", line)
            if match:
                message = re.sub(r"\d+", "N", match.group(2))[:120]
                counts[f"{match.group(1)}: {message}"] += 1
        return counts

    def server_log_size(self):
        if not self.cluster_dir:
            return 0
        try:
            return os.path.getsize(os.path.join(self.cluster_dir, "data", "server.log"))
        except OSError:
            return 0


# ---------------------------------------------------------------------------------------------------------------------
# A `klaxon serve` process.
# ---------------------------------------------------------------------------------------------------------------------

class Replica:
    def __init__(self, name, binary, workdir, fake, database_url, policy, people, secret, url_by_flag=False, pool_size=None):
        self.name = name
        self.binary = binary
        self.port = free_port()
        self.data_dir = os.path.join(workdir, f"data-{name}")
        os.makedirs(self.data_dir, exist_ok=True)
        self.log_path = os.path.join(workdir, f"server-{name}.log")
        self.fake = fake
        self.database_url = database_url
        self.policy = policy
        self.people = people
        self.secret = secret
        self.url_by_flag = url_by_flag
        self.pool_size = pool_size
        self.process = None
        self.killed_at = None
        self.log_handle = None

    def start(self, timeout=90):
        env = {k: v for k, v in os.environ.items() if not k.startswith("KLAXON_")}
        env.update({
            "KLAXON_HOST": "127.0.0.1", "KLAXON_PORT": str(self.port), "KLAXON_DATA_DIR": self.data_dir,
            "KLAXON_SLACK_SIGNING_SECRET": self.secret, "KLAXON_SLACK_BOT_TOKEN": BOT_TOKEN,
            "KLAXON_SLACK_CHANNEL": SLACK_CHANNEL, "KLAXON_SLACK_API_URL": self.fake.base_url(self.name),
            "KLAXON_POLICY": self.policy, "KLAXON_PEOPLE": self.people, "KLAXON_DATABASE_WAIT": "30",
            "KLAXON_REQUEST_TIMEOUT": "10",
        })
        if self.pool_size:
            env["KLAXON_DATABASE_POOL_SIZE"] = str(self.pool_size)
        argv = [self.binary, "serve"]
        if self.url_by_flag:
            argv += ["--database-url", self.database_url]
        else:
            env["KLAXON_DATABASE_URL"] = self.database_url
        self.log_handle = open(self.log_path, "ab")
        self.process = subprocess.Popen(argv, env=env, stdout=self.log_handle, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"replica {self.name} exited at start with {self.process.returncode}:\n{self.tail()}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    connection.close()
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"replica {self.name} did not answer /healthz within {timeout} s:\n{self.tail()}")

    @property
    def alive(self):
        return self.process is not None and self.process.poll() is None

    def kill(self):
        self.killed_at = time.time()
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self, timeout=30):
        """SIGTERM; returns the exit status (None if it had to be killed)."""
        if not self.alive:
            return self.process.returncode if self.process else None
        self.process.terminate()
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return None

    def tail(self, lines=40):
        try:
            with open(self.log_path, "rb") as handle:
                text = handle.read().decode("utf-8", "replace")
        except OSError:
            return "(no log)"
        return "\n".join("    " + line for line in text.splitlines()[-lines:])

    def log_lines(self):
        try:
            with open(self.log_path, "rb") as handle:
                return handle.read().decode("utf-8", "replace").splitlines()
        except OSError:
            return []


def parse_log_time(stamp):
    """StreamLogHandler's timestamp (e.g. 2025-11-28T12:04:05+0000) as Unix seconds, or None."""
    import datetime
    for pattern in ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S.%f%z"):
        try:
            return datetime.datetime.strptime(stamp, pattern).timestamp()
        except ValueError:
            continue
    return None


# ---------------------------------------------------------------------------------------------------------------------
# Slash commands.
# ---------------------------------------------------------------------------------------------------------------------

class Command:
    """One slash command sent to one replica, and what came back."""

    def __init__(self, label, text, marker, expect, channel, user):
        self.label = label
        self.text = text
        self.marker = marker            # a unique word of the command's own text (None when it has none)
        self.expect = expect            # a regular expression a reply saying "recorded" matches
        self.channel = channel
        self.user = user
        self.trigger = f"{int(time.time())}.{secrets.token_hex(6)}"
        self.replica = None
        self.sent_at = None
        self.answered_at = None
        self.status = None
        self.body = None
        self.reply_text = None
        self.error = None
        self.retry_of = None

    def retry(self):
        """The same request again (same trigger_id), as Slack's retry of it."""
        copy = Command(self.label + " (retry)", self.text, self.marker, self.expect, self.channel, self.user)
        copy.trigger = self.trigger
        copy.retry_of = self
        return copy

    def final_text(self, fake):
        """The reply that counts: the answer itself, or what came through response_url after 'Working on it…'."""
        if self.status != 200 or self.reply_text is None:
            return None
        if self.reply_text == WORKING:
            hooks = fake.hooks.get(self.trigger, [])
            for raw in hooks:
                try:
                    text = json.loads(raw).get("text")
                except ValueError:
                    text = raw
                if text != WORKING:
                    return text
            return None
        return self.reply_text

    def final_body(self, fake):
        if self.reply_text == WORKING:
            hooks = fake.hooks.get(self.trigger, [])
            return hooks[0] if hooks else None
        return self.body

    def outcome(self, fake):
        """recorded | rejected | could-not-record | deferred-unanswered | http-NNN | no-answer"""
        if self.error is not None:
            return "no-answer"
        if self.status != 200:
            return f"http-{self.status}"
        text = self.final_text(fake)
        if text is None:
            return "deferred-unanswered"
        if text.startswith(COULD_NOT_RECORD_PREFIX):
            return "could-not-record"
        if re.search(self.expect, text, re.S) and (self.marker is None or self.marker in text):
            return "recorded"
        return "rejected"

    def describe(self, fake):
        """What came back, for failure messages."""
        took = f"after {self.answered_at - self.sent_at:.2f} s" if self.answered_at and self.sent_at else ""
        if self.error is not None:
            return f"no answer ({self.error}) {took}"
        if self.status != 200:
            return f"HTTP {self.status} {self.body[:200]!r} {took}"
        return f"{(self.final_text(fake) or '')[:200]!r} {took}"

    @property
    def deferred(self):
        return self.reply_text == WORKING


class Client:
    def __init__(self, secret, fake):
        self.secret = secret
        self.fake = fake
        self.lock = threading.Lock()
        self.sent = []

    def send(self, replica, command, timeout=20):
        fields = [("token", "x"), ("team_id", "T0KLAXON"), ("team_domain", "klaxon"), ("channel_id", command.channel),
                  ("channel_name", command.channel.lower()), ("user_id", command.user[0]), ("user_name", command.user[1]),
                  ("command", "/incident"), ("text", command.text), ("api_app_id", "A0KLAXON"),
                  ("response_url", self.fake.hook_url(command.trigger)), ("trigger_id", command.trigger)]
        body = urllib.parse.urlencode(fields).encode()
        stamp = str(int(time.time()))
        signature = "v0=" + hmac.new(self.secret.encode(), f"v0:{stamp}:".encode() + body, hashlib.sha256).hexdigest()
        headers = {"Content-Type": "application/x-www-form-urlencoded", "X-Slack-Request-Timestamp": stamp,
                   "X-Slack-Signature": signature}
        command.replica = replica.name
        command.sent_at = time.time()
        with self.lock:
            self.sent.append(command)
        try:
            connection = http.client.HTTPConnection("127.0.0.1", replica.port, timeout=timeout)
            connection.request("POST", "/slack/commands", body=body, headers=headers)
            response = connection.getresponse()
            command.status = response.status
            command.body = response.read().decode("utf-8", "replace")
            connection.close()
            try:
                command.reply_text = json.loads(command.body).get("text")
            except ValueError:
                command.reply_text = None
        except (OSError, http.client.HTTPException) as error:
            command.error = f"{type(error).__name__}: {error}"
        command.answered_at = time.time()
        return command


class Words:
    """Unique markers, so each command's events can be found in the store."""

    def __init__(self, prefix):
        self.prefix = prefix
        self.count = 0
        self.lock = threading.Lock()

    def next(self):
        with self.lock:
            self.count += 1
            return f"{self.prefix}{self.count:04d}{secrets.token_hex(2)}"


# ---------------------------------------------------------------------------------------------------------------------
# Setup shared by the scenarios.
# ---------------------------------------------------------------------------------------------------------------------

POLICY_CHANGES = [
    # P0: updates every 10 s, a commander within 5 s, the 30/60-minute templates at 20/40 s, target 45 s.
    ("update_every: 15m", "update_every: 10s"), ("recovery_target: 1h", "recovery_target: 45s"),
    ("      within: 24h\n", "      within: 30s\n"), ("remind_after: 1h", "remind_after: 4s"), ("remind_every: 4h", "remind_every: 6s"),
    ("commander_within: 5m", "commander_within: 5s"), ("      - at: 30m", "      - at: 20s"), ("      - at: 60m", "      - at: 40s"),
    # P1: updates every 8 s, one review reminder after 5 s.
    ("update_every: 30m", "update_every: 8s"), ("remind_after: 2h", "remind_after: 5s"),
    # The declare checklist at 12 s; timed escalations at 20 s and 40 s.
    ("due_after: 15m", "due_after: 12s"), ("after: 30m", "after: 20s"), ("after: 1h\n", "after: 40s\n"),
]

PEOPLE = """\
cto:
  slack: U0CTO
ceo:
  slack: [U0CEO1, U0CEO2]
engineering-lead:
  slack: U0LEAD
engineers:
  slack: "!channel"
on-call-lead:
  slack: U0ONCALL
ops-lead:
  slack: U0OPS
relevant-team:
  slack: [S0TEAM]
security-team:
  slack: [S0SEC]
legal-team:
  slack: [S0LEGAL]
finance-team:
  slack: [S0FIN]
customer-success:
  slack: [S0CS]
team-email:
  email: team@example.com
"""


def write_policy(binary, workdir):
    exported = os.path.join(workdir, "exported-policy")
    done = subprocess.run([binary, "policy", "export", "--output", exported], capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise SystemExit(f"replicas: `klaxon policy export` failed: {done.stdout}{done.stderr}")
    with open(os.path.join(exported, "policy.yml")) as handle:
        text = handle.read()
    for old, new in POLICY_CHANGES:
        if text.count(old) < 1:
            raise SystemExit(f"replicas: the exported policy has no `{old.strip()}` to shorten; update POLICY_CHANGES")
        text = text.replace(old, new)
    policy = os.path.join(workdir, "policy.yml")
    with open(policy, "w") as handle:
        handle.write(text)
    people = os.path.join(workdir, "people.yml")
    with open(people, "w") as handle:
        handle.write(PEOPLE)
    checked = subprocess.run([binary, "policy", "check", policy, "--people", people], capture_output=True, text=True, timeout=60)
    if checked.returncode != 0:
        raise SystemExit(f"replicas: the test policy was refused by `klaxon policy check`:\n{checked.stdout}{checked.stderr}")
    return policy, people


TIMER_CADENCE = {"p0": 10, "p1": 8}
ONCE_OFFSETS = {"commander-missing": 5, "checklist:declare": 12, "escalation:p0-user-facing-ceo": 20,
                "escalation:p0-internal-email": 20, "escalation:p0-over-one-hour": 40, "recovery:p0": 45}


def timer_identity(change):
    """(identity, kind, detail) of a stored timerFired change, e.g. ('update:…:2', 'updateDue', {...})."""
    timer = change.get("timerFired", {})
    timer = timer.get("_0", timer)
    if not isinstance(timer, dict) or len(timer) != 1:
        return None, "unknown", timer
    kind, detail = next(iter(timer.items()))
    detail = detail if isinstance(detail, dict) else {}
    if kind == "updateDue":
        return f"update:{detail.get('anchor')}:{detail.get('slot')}", kind, detail
    if kind == "reviewReminder":
        return f"review-reminder:{detail.get('slot')}", kind, detail
    if kind == "commanderMissing":
        return "commander-missing", kind, detail
    if kind == "checklistOverdue":
        return f"checklist:{detail.get('checklist')}", kind, detail
    if kind == "escalation":
        return f"escalation:{detail.get('rule')}", kind, detail
    if kind == "recoveryTargetMissed":
        return f"recovery:{detail.get('severity')}", kind, detail
    if kind == "reviewOverdue":
        return "review-overdue", kind, detail
    return f"{kind}:{json.dumps(detail, sort_keys=True)}", kind, detail


class Checks:
    """Collects what was checked and what failed, by check name."""

    def __init__(self, scenario, ignored):
        self.scenario = scenario
        self.ignored = ignored
        self.passed = collections.Counter()
        self.failures = []
        self.figures = []

    def ok(self, name, count=1):
        self.passed[name] += count

    def fail(self, name, detail):
        if name in self.ignored:
            self.figures.append(f"(ignored {name}) {detail}"[:600])
            return
        self.failures.append((name, str(detail)[:1500]))

    def figure(self, text):
        self.figures.append(text)


# ---------------------------------------------------------------------------------------------------------------------
# The checks both scenarios make on the stored data, the fake Slack and the logs.
# ---------------------------------------------------------------------------------------------------------------------

class Verifier:
    def __init__(self, pg, url, fake, checks):
        self.pg = pg
        self.url = url
        self.fake = fake
        self.checks = checks

    def q(self, sql):
        return self.pg.rows(self.url, sql)

    def pending_outbox(self):
        return self.q("SELECT id, key, lane, attempts, in_flight, claimed_until, owner, last_error, next_attempt_at "
                      "FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL ORDER BY id")

    def wait_for_delivery(self, timeout, quiet=3.0):
        """Waits until the outbox is empty of unsent messages and Slack has been quiet for `quiet` seconds."""
        started = time.time()
        last_report = 0
        while True:
            pending = self.pending_outbox()
            with self.fake.lock:
                last_post = max((m["at"] for m in self.fake.messages), default=0)
            now = time.time()
            if not pending and now - last_post >= quiet:
                return now - started, []
            if now - started > timeout:
                return now - started, pending
            if now - last_report > 10:
                log(f"  … waiting for delivery: {len(pending)} message(s) unsent after {now - started:.0f} s")
                last_report = now
            time.sleep(0.5)

    def commands(self, commands):
        """Every acknowledged command is stored once, with the answer it got; no command's events are stored twice."""
        checks, fake = self.checks, self.fake
        requests = {row["key"]: row for row in self.q("SELECT key, incident_id, reply FROM handled_requests")}
        events = self.q("SELECT incident_id, seq, type, event FROM incident_events")
        marker_counts = collections.Counter()
        markers = {c.marker for c in commands if c.marker}
        word = re.compile(r"[a-z]{2}\d{4}[0-9a-f]{4}")
        for row in events:
            for found in set(word.findall(row["event"])):
                if found in markers:
                    marker_counts[found] += 1
        by_trigger = collections.defaultdict(list)
        for command in commands:
            by_trigger[command.trigger].append(command)
        outcomes = collections.Counter()
        for command in commands:
            outcome = command.outcome(fake)
            outcomes[outcome] += 1
            stored = requests.get(f"slack:{command.trigger}")
            if outcome == "recorded":
                if stored is None:
                    checks.fail("acknowledged-stored", f"{command.label} on {command.replica} was answered as recorded but no "
                                f"handled_requests row has its trigger_id {command.trigger}")
                elif stored["incident_id"] == 0:
                    checks.fail("acknowledged-stored", f"{command.label}: answered as recorded, stored as a refusal: {stored['reply'][:200]}")
                elif stored["reply"] != command.final_body(fake) and not command.deferred:
                    checks.fail("same-answer", f"{command.label}: answered {command.final_body(fake)[:300]!r}, stored "
                                f"{stored['reply'][:300]!r}")
                else:
                    checks.ok("acknowledged-stored")
                if command.marker:
                    count = marker_counts[command.marker]
                    if count != 1:
                        checks.fail("acknowledged-stored", f"{command.label} ({command.marker}) was acknowledged on "
                                    f"{command.replica}; its event is stored {count} times")
                    else:
                        checks.ok("event-once")
            elif outcome == "rejected":
                checks.fail("valid-command-refused", f"{command.label} on {command.replica} got an unexpected answer: "
                            f"{(command.final_text(fake) or '')[:300]!r}")
            else:
                if command.marker and marker_counts[command.marker] > 1:
                    checks.fail("event-once", f"{command.label} ({outcome}) is stored {marker_counts[command.marker]} times")
            if command.marker and marker_counts[command.marker] > 1 and outcome == "recorded":
                pass  # reported above
        # Commands without text of their own (commander, check): their events, counted per incident.
        expected = collections.Counter()
        for command in commands:
            stored = requests.get(f"slack:{command.trigger}")
            if command.marker or command.retry_of or command.outcome(fake) != "recorded" or not stored:
                continue
            words = command.text.split()
            if words[0] == "commander":
                expected[(stored["incident_id"], "commander_assigned", None)] += 1
            elif words[0] == "check":
                expected[(stored["incident_id"], "checklist_item_checked", words[-1])] += 1
        actual = collections.Counter()
        for row in events:
            if row["type"] == "commander_assigned":
                actual[(row["incident_id"], row["type"], None)] += 1
            elif row["type"] == "checklist_item_checked":
                change = json.loads(row["event"]).get("change", {}).get("checklistItemChecked", {})
                actual[(row["incident_id"], row["type"], change.get("item"))] += 1
        for key, count in expected.items():
            if actual[key] != count:
                checks.fail("acknowledged-stored", f"incident {key[0]}: {count} acknowledged {key[1]} {key[2] or ''} command(s), "
                            f"{actual[key]} such event(s) stored")
            else:
                checks.ok("event-once")
        # Retries: answered as the first time, and stored once.
        for trigger, sent in by_trigger.items():
            if len(sent) < 2:
                continue
            answered = [c for c in sent if c.outcome(fake) == "recorded"]
            bodies = {c.final_body(fake) for c in answered}
            if len(bodies) > 1:
                checks.fail("retry-same-answer", f"{sent[0].label}: the same trigger_id on "
                            f"{', '.join(c.replica for c in sent)} got different answers: {[b[:200] for b in bodies]}")
            elif answered:
                checks.ok("retry-same-answer")
            stored_rows = 1 if f"slack:{trigger}" in requests else 0
            if answered and stored_rows != 1:
                checks.fail("retry-stored-once", f"{sent[0].label}: retried request has {stored_rows} handled_requests rows")
        return outcomes, marker_counts

    def sequences(self):
        """Per incident: events numbered 1…n without gaps, and the incident row's version is n."""
        rows = self.q("SELECT i.id, i.version, count(e.seq) AS n, coalesce(min(e.seq), 0) AS lo, coalesce(max(e.seq), 0) AS hi "
                      "FROM incidents i LEFT JOIN incident_events e ON e.incident_id = i.id GROUP BY i.id, i.version ORDER BY i.id")
        orphans = self.q("SELECT DISTINCT incident_id FROM incident_events WHERE incident_id NOT IN (SELECT id FROM incidents)")
        for row in rows:
            if row["n"] == 0:
                self.checks.fail("sequence", f"incident row {row['id']} has no events (version {row['version']})")
            elif row["lo"] != 1 or row["hi"] != row["n"] or row["version"] != row["n"]:
                self.checks.fail("sequence", f"incident {row['id']}: {row['n']} events, seq {row['lo']}…{row['hi']}, version {row['version']}")
            else:
                self.checks.ok("sequence")
        for row in orphans:
            self.checks.fail("sequence", f"events of incident {row['incident_id']}, which has no incident row")
        return rows

    def incident_numbers(self, rows):
        ids = sorted(row["id"] for row in rows)
        if ids and ids != list(range(1, len(ids) + 1)):
            self.checks.fail("incident-numbers", f"incident numbers {ids}: the README says a duplicate or failed "
                             "declaration burns no number, but these have gaps")
        else:
            self.checks.ok("incident-numbers")

    def timers(self, expected=None, late_limit=10.0):
        """Each timer fired once per due time; none fired early or much too late; the expected ones fired."""
        rows = self.q("SELECT e.incident_id, e.seq, e.at, e.event FROM incident_events e WHERE e.type = 'timer_fired' ORDER BY e.incident_id, e.seq")
        declared = {row["incident_id"]: row for row in
                    self.q("SELECT incident_id, at, event FROM incident_events WHERE type = 'declared'")}
        seen = collections.defaultdict(list)
        kinds = collections.Counter()
        lateness = []
        for row in rows:
            event = json.loads(row["event"])
            identity, kind, detail = timer_identity(event.get("change", {}))
            kinds[kind] += 1
            seen[(row["incident_id"], identity)].append(row)
            # How late: update nudges from their anchor and slot; one-off timers from the declaration.
            due = None
            severity = None
            if row["incident_id"] in declared:
                decl = json.loads(declared[row["incident_id"]]["event"]).get("change", {}).get("declared", {})
                decl = decl.get("_0", decl)
                severity = decl.get("severity")
            if kind == "updateDue" and severity in TIMER_CADENCE and isinstance(detail.get("anchor"), (int, float)):
                due = detail["anchor"] + APPLE_EPOCH + detail.get("slot", 0) * TIMER_CADENCE[severity]
            elif identity in ONCE_OFFSETS and row["incident_id"] in declared and severity == "p0":
                due = declared[row["incident_id"]]["at"] + ONCE_OFFSETS[identity]
            if due is not None:
                late = row["at"] - due
                lateness.append(late)
                if late < -0.5:
                    self.checks.fail("timer-on-time", f"incident {row['incident_id']} {identity} fired {-late:.1f} s early")
                elif late > late_limit:
                    self.checks.fail("timer-on-time", f"incident {row['incident_id']} {identity} fired {late:.1f} s late")
                else:
                    self.checks.ok("timer-on-time")
        for (incident, identity), fired in seen.items():
            if len(fired) > 1:
                self.checks.fail("timer-once", f"incident {incident}: timer {identity} fired {len(fired)} times "
                                 f"(seq {[r['seq'] for r in fired]})")
            else:
                self.checks.ok("timer-once")
        for incident, wanted in (expected or {}).items():
            fired = {identity for (i, identity) in seen if i == incident}
            for identity in wanted:
                if identity.endswith("*"):
                    ok = any(f.startswith(identity[:-1]) for f in fired)
                else:
                    ok = identity in fired
                if not ok:
                    self.checks.fail("timer-fired", f"incident {incident}: expected timer {identity} never fired "
                                     f"(fired: {sorted(fired)})")
                else:
                    self.checks.ok("timer-fired")
        overdue = self.q(f"SELECT id, next_due_at FROM incidents WHERE next_due_at IS NOT NULL AND next_due_at < {time.time() - late_limit}")
        for row in overdue:
            self.checks.fail("timer-stuck", f"incident {row['id']} has a timer due {time.time() - row['next_due_at']:.0f} s ago, unfired")
        if not overdue:
            self.checks.ok("timer-stuck")
        return kinds, lateness

    def outbox(self, stall_after=None):
        """Every outbox row delivered once to Slack (by its key), none stuck or failed; replies in the thread."""
        checks, fake = self.checks, self.fake
        rows = self.q("SELECT id, key, incident_id, seq, notice, transport, lane, attempts, created_at, sent_at, failed_at, "
                      "receipt, last_error, in_flight FROM outbox ORDER BY id")
        threads = {(r["incident_id"], r["transport"]): r["ref"] for r in self.q("SELECT incident_id, transport, ref FROM incident_threads")}
        with fake.lock:
            posts = list(fake.messages)
        by_key = collections.defaultdict(list)
        for post in posts:
            by_key[post["key"]].append(post)
        keys = {row["key"] for row in rows}
        figures = collections.Counter()
        delays = []
        for row in rows:
            notice = json.loads(row["notice"])
            if row["failed_at"] is not None:
                checks.fail("outbox-delivered", f"outbox {row['id']} ({row['key']}) failed: {row['last_error']}")
                continue
            if row["sent_at"] is None:
                checks.fail("outbox-stuck", f"outbox {row['id']} ({row['key']}) still unsent after {row['attempts']} attempts, "
                            f"in_flight={row['in_flight']}, last error {row['last_error']}")
                continue
            figures[row["transport"]] += 1
            if row["transport"] != "slack":
                continue
            found = by_key.get(row["key"], [])
            if len(found) != 1:
                checks.fail("posted-once", f"outbox {row['id']} ({row['key']}) was posted {len(found)} times: "
                            + "; ".join(f"ts {p['ts']} by {p['replica']}{' (held)' if p['held'] else ''}" for p in found))
                if not found:
                    continue
            else:
                checks.ok("posted-once")
            post = found[0]
            if row["receipt"] not in [p["ts"] for p in found]:
                checks.fail("receipt", f"outbox {row['id']}: receipt {row['receipt']} is not the ts of its post ({post['ts']})")
            delays.append(post["at"] - row["created_at"])
            # Thread: the alert opens it, everything later about the incident replies in it.
            if row["lane"] == "slack/channel":
                thread = threads.get((row["incident_id"], "slack"))
                if notice.get("kind") == "initial_alert":
                    if post["thread_ts"] or post["ts"] != thread:
                        checks.fail("thread", f"incident {row['incident_id']}'s alert ts {post['ts']} (thread_ts {post['thread_ts']}) "
                                    f"is not its recorded thread {thread}")
                    else:
                        checks.ok("thread")
                elif post["thread_ts"] != thread:
                    checks.fail("thread", f"incident {row['incident_id']} {notice.get('kind')} (outbox {row['id']}) was posted "
                                f"{'at the top of the channel' if not post['thread_ts'] else 'in thread ' + post['thread_ts']}, "
                                f"not in the incident's thread {thread}")
                else:
                    checks.ok("thread")
                if post["channel"] != SLACK_CHANNEL:
                    checks.fail("thread", f"outbox {row['id']} went to {post['channel']}, not {SLACK_CHANNEL}")
        for key, found in by_key.items():
            if key is None:
                checks.fail("posted-once", f"{len(found)} message(s) posted without an idempotency key: {found[0]['text'][:120]!r}")
            elif key not in keys:
                checks.fail("posted-once", f"a message with key {key} was posted {len(found)} time(s) but is in no outbox row")
        # Order: one incident's channel messages reach Slack in the order they were recorded.
        inversions = []
        channel_rows = [r for r in rows if r["lane"] == "slack/channel" and r["sent_at"] is not None and by_key.get(r["key"])]
        per_incident = collections.defaultdict(list)
        for row in channel_rows:
            per_incident[row["incident_id"]].append((row["id"], by_key[row["key"]][0]["ts"], json.loads(row["notice"]).get("kind")))
        for incident, items in per_incident.items():
            items.sort()
            for before, after in zip(items, items[1:]):
                if after[1] < before[1]:
                    inversions.append(f"incident {incident}: {after[2]} (outbox {after[0]}) posted before {before[2]} (outbox {before[0]})")
        for inversion in inversions[:10]:
            checks.fail("delivery-order", inversion)
        if not inversions:
            checks.ok("delivery-order")
        if fake.bad_calls:
            for call in fake.bad_calls[:10]:
                checks.fail("slack-calls", f"a call Slack would refuse: {call}")
        return rows, posts, figures, delays

    def server_logs(self, replicas, allowed=None):
        """No error-level line, except those `allowed(line, time)` accepts (expected outages)."""
        counts = collections.Counter()
        for replica in replicas:
            for line in replica.log_lines():
                match = LOG_LINE.match(line)
                if not match:
                    continue
                level = match.group(2)
                counts[level] += 1
                if level not in ("error", "critical"):
                    continue
                when = parse_log_time(match.group(1))
                if "error=conflict(" in line:
                    # Not the database: the command lost every retry to another replica writing the same incident.
                    counts["error (conflict)"] += 1
                    self.checks.fail("conflict", f"{replica.name}: a command lost every retry to the other replica: {line[:300]}")
                    continue
                if allowed and allowed(replica, match.group(3), when):
                    counts["error (expected)"] += 1
                    continue
                self.checks.fail("server-log", f"{replica.name}: {line[:400]}")
        return counts


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def slack_deadline(checks, commands, fake, limit=3.0):
    """Slack gives up on a slash command after 3 s: every answer (a deferred one says 'Working on it…') comes sooner."""
    slow = [c for c in commands if c.answered_at and c.error is None and c.answered_at - c.sent_at > limit]
    for command in slow[:10]:
        checks.fail("slack-deadline", f"{command.label} on {command.replica} was answered after "
                    f"{command.answered_at - command.sent_at:.2f} s: {command.describe(fake)}")
    if not slow:
        checks.ok("slack-deadline")


def startup_store(replica, checks):
    """The replica says it opened the PostgreSQL store (not a SQLite file of its own)."""
    for _ in range(50):
        for line in replica.log_lines():
            if "Store open" in line:
                if "PostgreSQL" in line:
                    checks.ok("uses-postgres")
                else:
                    checks.fail("uses-postgres", f"{replica.name} opened another store: {line[:300]}")
                return
        time.sleep(0.1)
    checks.fail("uses-postgres", f"{replica.name} logged no 'Store open' line")


# ---------------------------------------------------------------------------------------------------------------------
# Scenario 1: two replicas on one database; one is killed mid-send.
# ---------------------------------------------------------------------------------------------------------------------

ANN = ("U0ANN", "ann")
BOB = ("U0BOB", "bob")
CAT = ("U0CAT", "cat")


def scenario_replicas(args, pg, binary, workdir, policy, people, ignored):
    checks = Checks("replicas", ignored)
    log("== scenario replicas: two `klaxon serve` on one PostgreSQL database; one is SIGKILLed mid-send")
    url = pg.create_database("klaxon_replicas")
    fake = FakeSlack()
    secret = secrets.token_hex(16)
    replicas = {
        "a": Replica("a", binary, workdir, fake, url, policy, people, secret, url_by_flag=False, pool_size=4),
        "b": Replica("b", binary, workdir, fake, url, policy, people, secret, url_by_flag=True),
    }
    a, b = replicas["a"], replicas["b"]
    client = Client(secret, fake)
    client.pg_log_start = pg.server_log_size()
    words = Words("rp")
    started = time.time()
    try:
        a.start()
        b.start()
        startup_store(a, checks)
        startup_store(b, checks)
        log(f"  replicas a (port {a.port}, KLAXON_DATABASE_URL) and b (port {b.port}, --database-url) are up; "
            f"fake Slack on {fake.port}")
        run_replica_timeline(args, checks, client, words, a, b, fake)
        verify = Verifier(pg, url, fake, checks)
        log("  waiting for the outbox to drain …")
        waited, pending = verify.wait_for_delivery(timeout=args.settle)
        # Sanity: the survivor still answers after everything.
        final = Client(secret, fake).send(a, Command("final help", "help", None, r".", "C0INC", ANN))
        if final.status != 200 or final.outcome(fake) != "recorded":
            checks.fail("survivor", f"the survivor did not answer a last `show`: {final.status} {final.error}")
        report_replicas(args, checks, verify, client, fake, replicas, waited, pending, started)
    except Exception:
        checks.fail("harness", traceback.format_exc())
    finally:
        fake.release.set()
        stop_replicas(checks, replicas)
        fake.close()
    return show_failures(checks, replicas)



def stop_replicas(checks, replicas):
    """SIGTERM every replica still running; one that was SIGKILLed on purpose is left out of the shutdown check."""
    for replica in replicas.values():
        status = replica.stop()
        if getattr(replica, "killed_at", None) is not None:
            continue
        if status is None:
            checks.fail("shutdown", f"replica {replica.name} did not stop within 30 s of SIGTERM (killed)")
        elif status != 0:
            checks.fail("shutdown", f"replica {replica.name} exited with {status} after SIGTERM")


def show_failures(checks, replicas):
    """On any failure, the last lines of every replica's log."""
    if checks.failures:
        for replica in replicas.values():
            log(f"  --- last lines of {replica.log_path} ---")
            log(replica.tail())
    return checks

def run_replica_timeline(args, checks, client, words, a, b, fake):
    t0 = time.time()
    info = {}

    def at(seconds):
        delay = t0 + seconds - time.time()
        if delay > 0:
            time.sleep(delay)

    def cmd(label, text_fn, expect, channel, user=ANN, marker=True):
        word = words.next() if marker else None
        return Command(label, text_fn(word), word, expect, channel, user)

    # T+0: a public P0 on a; at the same moment a P1 on b, and the very same P1 request (same trigger_id) on a.
    p0 = cmd("declare P0", lambda w: f"p0 Uploads failing for everyone {w} --public", r"\[P0 INCIDENT\].*#\d+", "C0INC")
    p1 = cmd("declare P1", lambda w: f"p1 Search is slow {w}", r"\[P1 INCIDENT\].*#\d+", "C0OTHER", BOB)
    p1_race = p1.retry()
    p1_race.label = "declare P1 (same trigger_id, at once on the other replica)"
    with ThreadPoolExecutor(3) as pool:
        futures = [pool.submit(client.send, a, p0), pool.submit(client.send, b, p1), pool.submit(client.send, a, p1_race)]
        for future in futures:
            future.result()
    for name, command in (("p0", p0), ("p1", p1)):
        match = re.search(r"#(\d+)", command.reply_text or "")
        if command.outcome(fake) != "recorded" or not match:
            raise RuntimeError(f"declaring the {name} failed: {command.status} {command.error} {command.body!r}")
        info[name] = int(match.group(1))
    i0, i1 = info["p0"], info["p1"]
    log(f"  T+0 declared P0 #{i0} on a and P1 #{i1} on b (and the P1 again on a, same trigger_id)")

    # T+1: updates; T+2.5: the P0 update again on the other replica (Slack's retry).
    at(1)
    upd = client.send(b, cmd("P0 update 1", lambda w: f"update #{i0} We are investigating {w}", r"Update on #\d+", "C0INC"))
    client.send(a, cmd("P1 update 1", lambda w: f"update #{i1} Looking at the index {w}", r"Update on #\d+", "C0OTHER", BOB))
    at(2.5)
    client.send(a, upd.retry())

    # A steady trickle of notes to both replicas (three at a time) until told to stop; b only while it lives.
    stop_notes = threading.Event()
    kill_b = threading.Event()

    def note_pump():
        turn = 0
        with ThreadPoolExecutor(3) as pool:
            while not stop_notes.is_set():
                batch = []
                for _ in range(3):
                    turn += 1
                    replica = b if (turn % 2 and not kill_b.is_set()) else a
                    incident, channel = (i0, "C0INC") if turn % 3 else (i1, "C0OTHER")
                    batch.append(pool.submit(client.send, replica, cmd(f"note #{incident}", lambda w: f"note #{incident} checked {w}",
                                                                       r"Noted on #\d+", channel, CAT)))
                for future in batch:
                    future.result()
                stop_notes.wait(0.5)

    pump = threading.Thread(target=note_pump, daemon=True)

    def burst(label):
        # The whole team typing at once: three rounds of 12 notes on the P0 in parallel, half to each replica.
        with ThreadPoolExecutor(12) as pool:
            for _ in range(3):
                futures = []
                for n in range(12):
                    replica = a if n % 2 else b
                    incident, channel = i0, "C0INC"
                    futures.append(pool.submit(client.send, replica, cmd(f"{label} note #{incident}",
                                                                         lambda w: f"note #{incident} burst {w}",
                                                                         r"Noted on #\d+", channel)))
                for future in futures:
                    future.result()

    # T+3: a burst of notes in parallel to both replicas, then the trickle (and two more bursts before the kill).
    at(3)
    burst("burst 1")
    pump.start()
    log(f"  T+3 burst of 3 × 12 notes on the P0 to both replicas at once (again at T+10 and T+12.5); notes keep flowing (3 at a time)")

    # T+6.5: commanders (after the P0's commander-missing timer at 5 s).
    at(6.5)
    client.send(b, cmd("P0 commander", lambda w: f"commander #{i0} me", r"is incident commander for #\d+", "C0INC", marker=False))
    client.send(a, cmd("P1 commander", lambda w: f"commander #{i1} <@U0BOB|bob>", r"is incident commander for #\d+", "C0OTHER", BOB, marker=False))
    # T+8: status with a note restarts the P0's update clock (nudges due at 18 s, 28 s…).
    at(8)
    client.send(a, cmd("P0 status identified", lambda w: f"status #{i0} identified Connection pool exhausted {w}", r"→ \*Identified\*", "C0INC"))
    at(10)
    burst("burst 2")
    at(12.5)
    burst("burst 3")
    # T+14: scope (after the declare checklist fired at 12 s, with scope missing), then Slack's retry on the other one.
    at(14)
    scope = client.send(b, cmd("P0 scope", lambda w: f"scope #{i0} All uploads in eu-west {w}", r"^Scope of #\d+", "C0INC"))
    at(15)
    client.send(a, scope.retry())
    client.send(b, cmd("P1 update 2", lambda w: f"update #{i1} Index rebuilt {w}", r"Update on #\d+", "C0OTHER", BOB))

    # T+17: kill b in the middle of a send. Its Slack calls are held from now on: b declares a new P0 (an alert and
    # DMs to post), its worker starts sending, Slack accepts the messages and never answers, and b is killed.
    at(17)
    with fake.lock:
        fake.hold_replica = "b"
    p0b = client.send(b, cmd("declare P0 (on b, just before its kill)", lambda w: f"p0 Database down {w}", r"\[P0 INCIDENT\].*#\d+", "C0THIRD", BOB))
    match = re.search(r"#(\d+)", p0b.reply_text or "")
    if p0b.outcome(fake) != "recorded" or not match:
        raise RuntimeError(f"declaring the third incident on b failed: {p0b.status} {p0b.error} {p0b.body!r}")
    i2 = info["p0b"] = int(match.group(1))
    deadline = time.time() + 6
    while time.time() < deadline:
        with fake.lock:
            held = len(fake.held)
        if held >= 3:
            break
        time.sleep(0.05)
    time.sleep(0.3)
    kill_b.set()
    b.kill()
    with fake.lock:
        held = [dict(m) for m in fake.held]
        fake.hold_replica = None
    fake.release.set()
    info["held"] = held
    checks.figure(f"b was SIGKILLed at T+{b.killed_at - t0:.1f} s with {len(held)} message(s) accepted by Slack and unanswered: "
                  + ", ".join(f"{m['key']}" for m in held))
    if not held:
        checks.fail("kill-mid-send", "b never started sending within 6 s of its declaration, so the kill was not mid-send")
    log(f"  T+{b.killed_at - t0:.0f} declared P0 #{i2} on b and SIGKILLed b while Slack held {len(held)} of its posts")

    # After the kill only a gets commands.
    at(24)
    client.send(a, cmd("P0 update 2", lambda w: f"update #{i0} Pool raised, watching {w}", r"Update on #\d+", "C0INC"))
    client.send(a, cmd("P0 check multiple-clients", lambda w: f"check #{i0} multiple-clients", r"✅", "C0INC", marker=False))
    at(26)
    client.send(a, cmd("P0 check monitoring-stable", lambda w: f"check #{i0} monitoring-stable", r"✅", "C0INC", marker=False))
    client.send(a, cmd("P0 status monitoring", lambda w: f"status #{i0} monitoring Error rate back to normal {w}", r"→ \*Monitoring\*", "C0INC"))
    at(28)
    client.send(a, cmd("P1 update 3", lambda w: f"update #{i1} Latency normal {w}", r"Update on #\d+", "C0OTHER", BOB))
    at(30)
    client.send(a, cmd("#3 commander", lambda w: f"commander #{i2} me", r"is incident commander for #\d+", "C0THIRD", BOB, marker=False))
    client.send(a, cmd("#3 update", lambda w: f"update #{i2} Failing over the primary {w}", r"Update on #\d+", "C0THIRD", BOB))
    at(34)
    client.send(a, cmd("P0 check customer-confirmed", lambda w: f"check #{i0} customer-confirmed", r"✅", "C0INC", marker=False))
    client.send(a, cmd("P0 check smoke-tests", lambda w: f"check #{i0} smoke-tests", r"✅", "C0INC", marker=False))
    at(44)
    client.send(a, cmd("P1 resolve", lambda w: f"resolve #{i1} Index fixed {w} --force verified by hand", r"RESOLVED", "C0OTHER", BOB))
    at(47)
    stop_notes.set()
    pump.join()
    client.send(a, cmd("P0 resolve", lambda w: f"resolve #{i0} Pool raised, uploads recovered {w}", r"RESOLVED", "C0INC"))
    client.send(a, cmd("#3 resolve", lambda w: f"resolve #{i2} Failed over {w} --force replica healthy", r"RESOLVED", "C0THIRD", BOB))
    # Review reminders fall due at 4 s and 10 s after the resolution; then the reviews are scheduled.
    at(60)
    client.send(a, cmd("P0 review", lambda w: f"review #{i0} schedule tomorrow 10:00 {w}", r"is scheduled: ", "C0INC"))
    client.send(a, cmd("#3 review", lambda w: f"review #{i2} schedule tomorrow 11:00 {w}", r"is scheduled: ", "C0THIRD", BOB))
    client.send(a, cmd("P1 review", lambda w: f"review #{i1} schedule Friday {w}", r"is scheduled: ", "C0OTHER", BOB))
    checks.figure(f"commands ended at T+{time.time() - t0:.0f} s")
    client.info = info
    client.t0 = t0


def report_replicas(args, checks, verify, client, fake, replicas, waited, pending, started):
    a, b = replicas["a"], replicas["b"]
    info, t0 = client.info, client.t0
    commands = client.sent
    outcomes, _ = verify.commands(commands)
    # The survivor answered everything sent to it after the kill.
    after_kill = [c for c in commands if c.replica == "a" and c.sent_at > b.killed_at]
    bad = [c for c in after_kill if c.outcome(fake) != "recorded"]
    for command in bad:
        checks.fail("survivor", f"after the kill, a answered {command.label} at T+{command.sent_at - t0:.1f}: {command.describe(fake)}")
    if after_kill and not bad:
        checks.ok("survivor", len(after_kill))
    # Before the kill both replicas answer everything (only requests in flight to b at the kill may go unanswered).
    before = [c for c in commands if c.answered_at and c.answered_at < b.killed_at - 0.2]
    for command in before:
        if command.outcome(fake) != "recorded":
            checks.fail("answered", f"{command.label} on {command.replica} at T+{command.sent_at - t0:.1f} (before the kill): "
                        f"{command.describe(fake)}")
    unanswered_b = [c for c in commands if c.replica == "b" and c.outcome(fake) != "recorded" and c not in before]
    rows = verify.sequences()
    verify.incident_numbers(rows)
    i0, i1, i2 = info["p0"], info["p1"], info["p0b"]
    expected = {
        i0: ["commander-missing", "checklist:declare", "escalation:p0-user-facing-ceo", "escalation:p0-internal-email",
             "escalation:p0-over-one-hour", "recovery:p0", "update:*", "review-reminder:1", "review-reminder:2"],
        i1: ["update:*", "review-reminder:1"],
        i2: ["commander-missing", "checklist:declare", "escalation:p0-internal-email", "update:*", "review-reminder:1"],
    }
    kinds, lateness = verify.timers(expected)
    slack_deadline(checks, commands, fake)
    # Update nudges actually went on while the P0 was silent (anchor T+8, cadence 10 s: 18 s and 28 s at least).
    nudges = verify.q(f"SELECT count(*) AS n FROM incident_events WHERE incident_id = {i0} AND type = 'timer_fired' AND event LIKE '%updateDue%'")
    if nudges[0]["n"] < 2:
        checks.fail("timer-fired", f"the silent P0 got {nudges[0]['n']} update nudge(s), expected at least 2")
    for row in pending:
        checks.fail("outbox-stuck", f"unsent after {waited:.0f} s: {row}")
    rows_out, posts, by_transport, delays = verify.outbox()
    # Held messages: accepted by Slack while b was killed; must not be posted again by a.
    held_keys = {m["key"] for m in info["held"]}
    reposted = [k for k in held_keys if sum(1 for p in posts if p["key"] == k) > 1]
    if info["held"] and not reposted:
        checks.ok("kill-mid-send")
    survivor_posts = [p for p in posts if p["replica"] == "a" and p["at"] > b.killed_at]
    if not survivor_posts:
        checks.fail("survivor", "a delivered nothing after b was killed")
    first_after = min((p["at"] for p in survivor_posts if p["channel"] == SLACK_CHANNEL), default=None)
    committed_after = [r for r in rows_out if r["created_at"] > b.killed_at and r["lane"] == "slack/channel"]
    # Figures.
    log_counts = verify.server_logs([a, b])
    deferred = sum(1 for c in commands if c.deferred)
    answer_times = [c.answered_at - c.sent_at for c in commands if c.status is not None and not c.deferred]
    log("  figures:")
    log(f"    commands sent {len(commands)} (a {sum(c.replica == 'a' for c in commands)}, b {sum(c.replica == 'b' for c in commands)}); "
        f"outcomes {dict(outcomes)}; deferred {deferred}; unanswered on b around its kill {len(unanswered_b)}")
    log(f"    answer time p50 {percentile(answer_times, .5) * 1000:.0f} ms, p99 {percentile(answer_times, .99) * 1000:.0f} ms, "
        f"max {max(answer_times, default=0) * 1000:.0f} ms")
    stored = verify.q("SELECT (SELECT count(*) FROM incidents) AS incidents, (SELECT count(*) FROM incident_events) AS events, "
                      "(SELECT count(*) FROM handled_requests) AS requests, (SELECT count(*) FROM outbox) AS outbox")[0]
    log(f"    stored: {stored['incidents']} incidents, {stored['events']} events, {stored['requests']} handled requests, "
        f"{stored['outbox']} outbox rows (delivered by transport {dict(by_transport)})")
    log(f"    timers fired: {dict(kinds)}; lateness p50 {percentile(lateness, .5):.2f} s, max {max(lateness, default=0):.2f} s")
    log(f"    Slack: {len(posts)} posts (a {sum(p['replica'] == 'a' for p in posts)}, b {sum(p['replica'] == 'b' for p in posts)}), "
        f"{len(fake.updates)} chat.update; delivery delay p50 {percentile(delays, .5):.1f} s, max {max(delays, default=0):.1f} s; "
        f"outbox drained {waited:.0f} s after the commands")
    if first_after:
        log(f"    after the kill: a posted to the channel first {first_after - b.killed_at:.1f} s later; "
            f"{len(survivor_posts)} posts by a after the kill; {len(committed_after)} channel messages recorded after it")
    log(f"    server log levels: {dict(log_counts)}")
    pg_errors = verify.pg.server_log_errors(client.pg_log_start)
    if pg_errors:
        log("    PostgreSQL's log (errors by message): " + "; ".join(f"{n} × {m}" for m, n in pg_errors.most_common(8)))
    for figure in checks.figures:
        log(f"    {figure}")
    log(f"  scenario took {time.time() - started:.0f} s")


# ---------------------------------------------------------------------------------------------------------------------
# Scenario 2: PostgreSQL restarts (and is down for a few seconds) under load.
# ---------------------------------------------------------------------------------------------------------------------

# What a replica may log at error level while PostgreSQL is away: the store calls that failed, for a reason that
# says the database was unreachable, restarting or shutting down.
# PostgresNIO's PSQLError describes itself generically when no server message came with it (a connection cut mid-write).
OUTAGE_ERRORS = re.compile(
    r"connection|closed|refused|reset by peer|terminat|shut(ting)? ?down|starting up|database system|not yet accepting|PSQLError|"
    r"broken pipe|EOF|unreachable|timed? ?out|timeout|ECONNREFUSED|errno: 1(04|10|11)|57P0[123]|0800[136]", re.I)


def scenario_restart(args, pg, binary, workdir, policy, people, ignored):
    checks = Checks("restart", ignored)
    log("== scenario restart: PostgreSQL restarts, then goes down for a few seconds, under a steady load")
    if not pg.can_restart:
        log("  SKIPPED: --postgres-url names a server this script cannot restart (give --restart-command to run it)")
        checks.skipped = True
        return checks
    url = pg.create_database("klaxon_restart")
    fake = FakeSlack()
    secret = secrets.token_hex(16)
    replicas = {
        "c": Replica("c", binary, workdir, fake, url, policy, people, secret, pool_size=4),
        "d": Replica("d", binary, workdir, fake, url, policy, people, secret, url_by_flag=True),
    }
    c, d = replicas["c"], replicas["d"]
    client = Client(secret, fake)
    words = Words("rs")
    started = time.time()
    outages = []
    pg_log_start = pg.server_log_size()
    try:
        c.start()
        d.start()
        startup_store(c, checks)
        startup_store(d, checks)
        log(f"  replicas c (port {c.port}) and d (port {d.port}) are up")
        outages = run_restart_load(args, checks, client, words, c, d, fake, pg, url)
        verify = Verifier(pg, url, fake, checks)
        # Deferred answers ('Working on it…') come through response_url: wait for them.
        deadline = time.time() + 20
        while time.time() < deadline and any(c_.deferred and c_.final_text(fake) is None for c_ in client.sent):
            time.sleep(0.25)
        # Timers go on by themselves: the silent P1's next nudge after the last disruption (a timer that could not be
        # recorded during one is tried again 30 s later, by design).
        p1 = client.incidents["p1"][0]
        last_ready = max(ready for _, _, _, ready in outages)
        deadline = time.time() + 45
        client.timer_after = None
        while time.time() < deadline:
            rows = verify.q(f"SELECT min(at) AS at FROM incident_events WHERE incident_id = {p1} AND type = 'timer_fired' "
                            f"AND at > {last_ready}")
            if rows and rows[0]["at"]:
                client.timer_after = rows[0]["at"] - last_ready
                break
            time.sleep(0.5)
        waited, pending = verify.wait_for_delivery(timeout=90)
        report_restart(args, checks, verify, client, fake, replicas, outages, waited, pending, started, pg, pg_log_start)
    except Exception:
        checks.fail("harness", traceback.format_exc())
    finally:
        stop_replicas(checks, replicas)
        fake.close()
    return show_failures(checks, replicas)


def run_restart_load(args, checks, client, words, c, d, fake, pg, url):
    incidents = {}
    # A silent P1 (its update nudges fall due every 8 s, one of them while PostgreSQL is down) and a public P2 that
    # gets updates (each one a message to deliver).
    for name, replica, text, channel in (("p1", c, "p1 Checkout errors {w}", "C0R1"), ("p2", d, "p2 OCR queue stuck {w} --public", "C0R2")):
        word = words.next()
        command = client.send(replica, Command(f"declare {name}", text.format(w=word), word, r"INCIDENT\].*#\d+", channel, ANN))
        match = re.search(r"#(\d+)", command.reply_text or "")
        if command.outcome(fake) != "recorded" or not match:
            raise RuntimeError(f"declaring {name} failed: {command.status} {command.error} {command.body!r}")
        incidents[name] = (int(match.group(1)), channel)
    total = args.restart_requests
    span = args.restart_seconds
    schedule = []
    # The planned load, then more at the same rate (at most as much again) until the last disruption is 3 s over.
    # Each incident's commands go to one replica (the P1's to c, the P2's to d): contention between replicas is the
    # other scenario's subject; here both replicas write, each to its own incident, through the disruptions.
    for n in range(total * 2):
        if n % 20 == 10:
            kind, replica = "update", d
        elif n % 40 == 25:
            kind, replica = "declare", (c if n % 80 < 40 else d)
        else:
            kind, replica = ("note-p1", c) if n % 2 else ("note-p2", d)
        schedule.append((n * span / total, replica, kind))
    t0 = time.time()
    outages = []
    disruptions = [("restart", 0.2)]
    if pg.cluster_dir and args.outage > 0:
        disruptions.append(("outage", 0.375))
    for n in range(1, args.restarts):
        disruptions.append((f"restart {n + 1}", 0.5))
    if args.terminations > 0:
        disruptions.append(("terminate", 0.62))
    if pg.cluster_dir and args.freeze > 0:
        disruptions.append(("freeze", 0.75))

    done = threading.Event()

    def disrupt():
        ready = 0
        for kind, fraction in disruptions:
            # At its planned time, and at least 4 s after the previous one is over (so recovery can be measured).
            time.sleep(max(0, t0 + span * fraction - time.time(), ready + 4 - time.time()))
            if kind.startswith("restart"):
                # A fast shutdown and start, as a failover would do: every pooled connection dies.
                began, ready = pg.restart()
                outages.append((kind, began, began, ready))
                log(f"  T+{began - t0:.1f} PostgreSQL restarted (fast) in {ready - began:.2f} s")
            elif kind == "outage":
                # Down for a few seconds: connections are refused.
                began, down, ready = pg.outage(args.outage)
                outages.append((kind, began, down, ready))
                log(f"  T+{began - t0:.1f} PostgreSQL stopped, started again {ready - began:.1f} s later")
            elif kind == "terminate":
                # Connections cut in the middle of a transaction (a proxy or failover dropping them): Klaxon's
                # backends caught between two statements of a transaction are terminated, one at a time.
                began, killed = time.time(), 0
                # Meanwhile a burst on one incident (6 notes at a time to c): group commits with several commands.
                burst_over = threading.Event()

                def burst():
                    incident, channel = incidents["p1"]
                    with ThreadPoolExecutor(6) as pool:
                        while not burst_over.is_set():
                            batch = []
                            for _ in range(6):
                                word = words.next()
                                batch.append(pool.submit(client.send, c, Command(
                                    f"burst note #{incident}", f"note #{incident} Burst {word}", word, r"Noted on #\d+", channel, CAT)))
                            for future in batch:
                                future.result()

                burster = threading.Thread(target=burst, daemon=True)
                burster.start()
                while killed < args.terminations and time.time() < began + 6:
                    found = pg.rows(url, "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                                         "AND state = 'idle in transaction' AND pid <> pg_backend_pid()")
                    if found:
                        pg.psql(url, f"SELECT pg_terminate_backend({found[0]['pid']})")
                        killed += 1
                        time.sleep(0.4)
                    else:
                        time.sleep(0.01)
                burst_over.set()
                burster.join()
                outages.append((kind, began, began, time.time()))
                log(f"  T+{began - t0:.1f} {killed} PostgreSQL connection(s) terminated in the middle of a transaction "
                    f"within {time.time() - began:.1f} s")
            else:
                # Frozen (SIGSTOP): connections hang, as behind a network partition; answers must still come in time.
                began, ready = pg.freeze(args.freeze)
                outages.append((kind, began, began, ready))
                log(f"  T+{began - t0:.1f} PostgreSQL frozen (SIGSTOP) for {ready - began:.1f} s")
            ready = outages[-1][3]
        time.sleep(max(0, ready + 3 - time.time()))
        done.set()

    def one(offset, replica, kind):
        while time.time() < t0 + offset:
            if offset >= span and done.is_set():
                return
            time.sleep(min(0.1, max(0.0, t0 + offset - time.time())))
        if offset >= span and done.is_set():
            return
        word = words.next()
        if kind == "update":
            incident, channel = incidents["p2"]
            command = Command(f"update #{incident}", f"update #{incident} Still on it {word}", word, r"Update on #\d+", channel, BOB)
        elif kind == "declare":
            channel = f"C0N{word}"
            command = Command("declare p3", f"p3 Typo on the pricing page {word}", word, r"INCIDENT\].*#\d+", channel, CAT)
        else:
            incident, channel = incidents["p1" if kind == "note-p1" else "p2"]
            command = Command(f"note #{incident}", f"note #{incident} Observed {word}", word, r"Noted on #\d+", channel, CAT)
        client.send(replica, command, timeout=30)

    disruptor = threading.Thread(target=disrupt, daemon=True)
    disruptor.start()
    with ThreadPoolExecutor(args.restart_parallel) as pool:
        futures = [pool.submit(one, offset, replica, kind) for offset, replica, kind in schedule]
        for future in futures:
            future.result()
    disruptor.join()
    # After the last disruption: a probe on each replica every 0.25 s until both record again (at most 30 s).
    last_ready = max(ready for _, _, _, ready in outages) if outages else time.time()
    for replica in (c, d):
        deadline = time.time() + 30
        while time.time() < deadline:
            word = words.next()
            incident, channel = incidents["p2"]
            probe = client.send(replica, Command(f"probe note #{incident}", f"note #{incident} probe {word}", word,
                                                 r"Noted on #\d+", channel, ANN))
            if probe.outcome(fake) == "recorded" and probe.sent_at > last_ready:
                break
            time.sleep(0.25)
    # Commands after the disruptions must keep the outbox delivering: an update (announced) on each replica.
    for replica in (c, d):
        word = words.next()
        incident, channel = incidents["p2"]
        client.send(replica, Command(f"update #{incident} (after)", f"update #{incident} Recovered {word}", word,
                                     r"Update on #\d+", channel, BOB))
    client.t0 = t0
    client.incidents = incidents
    return outages


def report_restart(args, checks, verify, client, fake, replicas, outages, waited, pending, started, pg, pg_log_start):
    commands = client.sent
    outcomes, _ = verify.commands(commands)
    t0 = client.t0
    # Windows in which errors are expected: from each disruption's start until the replicas recorded again.
    windows = []
    recovery = {}
    for kind, began, down, ready in outages:
        for name in replicas:
            ok = [cmd.sent_at for cmd in commands if cmd.replica == name and cmd.sent_at >= ready and cmd.outcome(fake) == "recorded"]
            first = min(ok) if ok else None
            recovery.setdefault(kind, {})[name] = (first - ready) if first else None
            if first is None:
                checks.fail("recovery", f"replica {name} recorded nothing after the {kind} (ready at T+{ready - t0:.1f})")
            elif first - ready > args.recovery_limit:
                checks.fail("recovery", f"replica {name} first recorded a command {first - ready:.1f} s after PostgreSQL was back "
                            f"from the {kind} (limit {args.recovery_limit} s)")
            else:
                checks.ok("recovery")
        end = max([ready] + [ready + (v or 0) for v in recovery[kind].values()]) + 3
        windows.append((began - 1, end))

    def in_window(when):
        return any(lo <= when <= hi for lo, hi in windows)

    if client.timer_after is None:
        checks.fail("timers-resume", "the silent P1 got no timer within 45 s of the last disruption")
    else:
        checks.ok("timers-resume")

    # Outside the windows every command is recorded; inside, whatever is not recorded got a clear error.
    during = collections.Counter()
    latencies_outage = []
    for command in commands:
        outcome = command.outcome(fake)
        inside = in_window(command.sent_at) or (command.answered_at and in_window(command.answered_at))
        if inside:
            during[outcome] += 1
            latencies_outage.append(command.answered_at - command.sent_at)
        elif outcome != "recorded":
            checks.fail("answered", f"{command.label} on {command.replica} at T+{command.sent_at - t0:.1f}, outside the outages: "
                        f"{command.describe(fake)}")
        if outcome == "deferred-unanswered":
            checks.fail("clear-error", f"{command.label} on {command.replica} was deferred ('Working on it…') and never answered")
        if outcome == "rejected":
            pass  # reported by verify.commands
    # Not acknowledged, yet stored: allowed (the client may retry: the retry gets the stored answer), counted.
    stored_keys = {row["key"] for row in verify.q("SELECT key FROM handled_requests")}
    unacked_stored = [cmd for cmd in commands if cmd.outcome(fake) != "recorded" and f"slack:{cmd.trigger}" in stored_keys]
    rows = verify.sequences()
    verify.incident_numbers(rows)
    kinds, lateness = verify.timers(late_limit=40)
    slack_deadline(checks, commands, fake)
    for row in pending:
        checks.fail("outbox-stuck", f"unsent after {waited:.0f} s: {row}")
    rows_out, posts, by_transport, delays = verify.outbox()
    last_ready = max(ready for _, _, _, ready in outages)
    after = [r for r in rows_out if r["created_at"] > last_ready and r["transport"] == "slack"]
    delivered_after = [r for r in after if r["sent_at"] is not None]
    if not after:
        checks.fail("delivery-after", "no message was recorded after the outages, so delivery afterwards is untested")
    elif len(delivered_after) != len(after):
        checks.fail("delivery-after", f"{len(after) - len(delivered_after)} of {len(after)} messages recorded after the outages are undelivered")
    else:
        checks.ok("delivery-after")
    # Delivery keeps flowing: what was recorded after the disruptions goes out within --delivery-limit seconds.
    late = sorted(((r["sent_at"] - r["created_at"], r) for r in delivered_after), key=lambda x: -x[0])
    for delay, row in late:
        if delay > args.delivery_limit:
            checks.fail("delivery-after", f"outbox {row['id']} ({row['key']}), recorded after the disruptions, was delivered "
                        f"{delay:.1f} s later (limit {args.delivery_limit:.0f} s)")
    stalls = []
    for row in rows_out:
        if row["sent_at"] is not None and row["sent_at"] - row["created_at"] > args.delivery_limit:
            stalls.append(row)
    if stalls:
        worst = max(stalls, key=lambda r: r["sent_at"] - r["created_at"])
        checks.figure(f"{len(stalls)} message(s) took over {args.delivery_limit:.0f} s to deliver; the longest, outbox {worst['id']} "
                      f"({worst['key']}), {worst['sent_at'] - worst['created_at']:.1f} s after {worst['attempts']} attempt(s)")

    def allowed(replica, text, when):
        return when is not None and in_window(when) and OUTAGE_ERRORS.search(text) is not None

    log_counts = verify.server_logs(list(replicas.values()), allowed)
    statuses = collections.Counter((cmd.status if cmd.error is None else "no answer") for cmd in commands)
    log("  figures:")
    duration = max(cmd.sent_at for cmd in commands) - min(cmd.sent_at for cmd in commands)
    log(f"    {len(commands)} commands over {duration:.0f} s ({args.restart_parallel} at a time) to c and d; "
        f"outcomes {dict(outcomes)}; HTTP statuses {dict(statuses)}")
    acknowledged = sum(1 for cmd in commands if cmd.outcome(fake) == "recorded")
    log(f"    acknowledged {acknowledged}; during the disruptions {dict(during)}; "
        f"not acknowledged but stored anyway {len(unacked_stored)}")
    refusals = collections.Counter()
    for cmd in commands:
        outcome = cmd.outcome(fake)
        if outcome != "recorded":
            refusals[(outcome, (cmd.error or (cmd.final_text(fake) or cmd.body or ""))[:80])] += 1
    deferred = [cmd for cmd in commands if cmd.deferred]
    if deferred:
        then = collections.Counter(cmd.outcome(fake) for cmd in deferred)
        log(f"    deferred ('Working on it…', the answer through response_url): {len(deferred)}, then {dict(then)}")
    for (outcome, text), count in refusals.most_common(6):
        log(f"      {count} × {outcome}: {text!r}")
    for kind, began, down, ready in outages:
        figures = ", ".join(f"{name} {'never' if v is None else f'{v:.2f} s'}" for name, v in recovery[kind].items())
        log(f"    {kind} at T+{began - t0:.1f} (ready after {ready - began:.2f} s): first command recorded after it: {figures}")
    if latencies_outage:
        log(f"    answer time during the disruptions: p50 {percentile(latencies_outage, .5):.2f} s, max {max(latencies_outage):.2f} s")
    log(f"    Slack: {len(posts)} posts; {len(delivered_after)} of {len(after)} messages recorded after the outages delivered; "
        f"outbox drained {waited:.0f} s after the load; delivery delay max {max(delays, default=0):.1f} s")
    log(f"    timers fired: {dict(kinds)}, lateness max {max(lateness, default=0):.1f} s; the silent P1's first timer after the "
        f"last disruption came {'never' if client.timer_after is None else f'{client.timer_after:.1f} s'} after PostgreSQL was back")
    log(f"    server log levels: {dict(log_counts)}")
    pg_errors = pg.server_log_errors(pg_log_start)
    if pg_errors:
        log("    PostgreSQL's log (errors by message): " + "; ".join(f"{n} × {m}" for m, n in pg_errors.most_common(8)))
    for figure in checks.figures:
        log(f"    {figure}")
    log(f"  scenario took {time.time() - started:.0f} s")


# ---------------------------------------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(REPO, ".build", "debug", "klaxon"))
    parser.add_argument("--postgres-url", help="an existing server; each scenario creates a database of its own there")
    parser.add_argument("--restart-command", help="a shell command that restarts the --postgres-url server (for --scenario restart)")
    parser.add_argument("--scenario", choices=["replicas", "restart", "all"], default="all")
    parser.add_argument("--settle", type=float, default=150, help="seconds to wait for the outbox to drain (scenario replicas)")
    parser.add_argument("--restart-requests", type=int, default=200)
    parser.add_argument("--restart-seconds", type=float, default=20)
    parser.add_argument("--restart-parallel", type=int, default=6)
    parser.add_argument("--outage", type=float, default=3, help="seconds PostgreSQL stays down in the second disruption (0: none)")
    parser.add_argument("--restarts", type=int, default=2, help="fast restarts of PostgreSQL in scenario restart")
    parser.add_argument("--terminations", type=int, default=5,
                        help="connections terminated in the middle of a transaction in scenario restart (0: none)")
    parser.add_argument("--freeze", type=float, default=4, help="seconds PostgreSQL is frozen (SIGSTOP) in the third disruption (0: none)")
    parser.add_argument("--delivery-limit", type=float, default=20,
                        help="seconds a message recorded after the disruptions may take to reach Slack (scenario restart)")
    parser.add_argument("--recovery-limit", type=float, default=10, help="seconds a replica may take to record again")
    parser.add_argument("--ignore", default="", help="comma-separated check names to report without failing")
    parser.add_argument("--keep", action="store_true", help="keep the work directory even when everything passed")
    args = parser.parse_args()
    ignored = {name.strip() for name in args.ignore.split(",") if name.strip()}
    if not os.access(args.binary, os.X_OK):
        raise SystemExit(f"replicas: no executable at {args.binary}")
    help_text = subprocess.run([args.binary, "serve", "--help"], capture_output=True, text=True).stdout
    if "--database-url" not in help_text:
        raise SystemExit(f"replicas: {args.binary} has no PostgreSQL support yet (`serve --help` lists no --database-url)")
    if shutil.which("psql") is None:
        raise SystemExit("replicas: psql is needed (apt-get install postgresql-client)")
    workdir = tempfile.mkdtemp(prefix="klaxon-replicas-")
    # A copy of the binary: a rebuild during the run must not change the server under test.
    binary = os.path.join(workdir, "klaxon")
    shutil.copy2(args.binary, binary)
    log(f"replicas: work directory {workdir} (server logs, policy, data directories)")
    began = time.time()
    pg_parent = None
    if args.postgres_url:
        pg = Postgres(args.postgres_url, restart_command=args.restart_command)
    else:
        pg_parent = tempfile.mkdtemp(prefix="klaxon-replicas-pg-")
        pg = Postgres.throwaway(pg_parent)
        log(f"replicas: throwaway PostgreSQL at {pg.url}")
    results = []
    try:
        policy, people = write_policy(binary, workdir)
        if args.scenario in ("replicas", "all"):
            results.append(scenario_replicas(args, pg, binary, workdir, policy, people, ignored))
        if args.scenario in ("restart", "all"):
            results.append(scenario_restart(args, pg, binary, workdir, policy, people, ignored))
    finally:
        if pg_parent:
            pg.stop()
            shutil.rmtree(pg_parent, ignore_errors=True)
    failed = 0
    log("")
    for checks in results:
        if getattr(checks, "skipped", False):
            log(f"{checks.scenario}: skipped")
            continue
        passed = ", ".join(f"{name} {count}" for name, count in sorted(checks.passed.items()))
        log(f"{checks.scenario}: checks passed: {passed}")
        by_name = collections.Counter(name for name, _ in checks.failures)
        shown = collections.Counter()
        for name, detail in checks.failures:
            shown[name] += 1
            if shown[name] <= 8:
                log(f"  FAIL [{name}] {detail}")
            elif shown[name] == by_name[name]:
                log(f"  FAIL [{name}] … and {by_name[name] - 8} more like these")
        if checks.failures:
            log(f"{checks.scenario}: FAILED ({', '.join(f'{n} {c}' for n, c in by_name.items())})")
        failed += len(checks.failures)
    skipped = [c.scenario for c in results if getattr(c, "skipped", False)]
    note = f" (skipped: {', '.join(skipped)})" if skipped else ""
    log(f"replicas: {'FAILED' if failed else 'passed'}{note} in {time.time() - began:.0f} s; logs in {workdir}")
    if not failed and not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
