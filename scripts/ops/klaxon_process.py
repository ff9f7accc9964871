"""A `klaxon serve` in its own process on a loopback port, with signed requests for it: shared by the ops checks."""
import hashlib
import hmac
import http.client
import json
import os
import socket
import subprocess
import time
import urllib.parse
import uuid


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class KlaxonProcess:
    def __init__(self, binary, env, log_path, port=None):
        self.port = port or free_port()
        self.env = dict(os.environ)
        self.env.update({"KLAXON_HOST": "127.0.0.1", "KLAXON_PORT": str(self.port)})
        self.env.update(env)
        self.log_path = log_path
        self.log = open(log_path, "ab")
        self.process = subprocess.Popen([binary, "serve"], env=self.env, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_ready(self, path="/healthz", timeout=60, tls_context=None):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"klaxon exited at start with {self.process.returncode}; see {self.log_path}")
            try:
                if tls_context:
                    connection = http.client.HTTPSConnection("127.0.0.1", self.port, timeout=2, context=tls_context)
                else:
                    connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                connection.request("GET", path)
                if connection.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise SystemExit(f"klaxon did not start listening; see {self.log_path}")

    def signal(self, number):
        self.process.send_signal(number)

    def wait(self, timeout=60):
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise SystemExit(f"klaxon did not exit within {timeout} s; see {self.log_path}")


def slack_form(text, user="UANN", channel="C0INC"):
    return urllib.parse.urlencode({
        "token": "x", "team_id": "T1", "channel_id": channel, "channel_name": "incidents", "user_id": user,
        "user_name": user.lower(), "command": "/incident", "text": text, "trigger_id": uuid.uuid4().hex,
    })


def slack_headers(secret, body):
    timestamp = str(int(time.time()))
    signature = "v0=" + hmac.new(secret.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"Content-Type": "application/x-www-form-urlencoded", "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": signature}


def connect(port, timeout=15, tls_context=None):
    if tls_context:
        return http.client.HTTPSConnection("127.0.0.1", port, timeout=timeout, context=tls_context)
    return http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)


def post_slack(port, secret, text, timeout=15, tls_context=None, **form):
    """Posts one signed slash command on a connection of its own; returns (status, reply JSON)."""
    body = slack_form(text, **form)
    connection = connect(port, timeout, tls_context)
    connection.request("POST", "/slack/commands", body=body, headers=slack_headers(secret, body) | {"Connection": "close"})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, (json.loads(data) if data.startswith(b"{") else data.decode("utf-8", "replace"))


def report(check, failures, log_path):
    """Prints each failure and the verdict; returns the exit status."""
    for failure in failures:
        print(f"{check}: FAIL {failure}")
    print(f"{check}: {'passed' if not failures else 'failed'} (log: {log_path})")
    return 1 if failures else 0
