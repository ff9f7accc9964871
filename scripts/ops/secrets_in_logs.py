#!/usr/bin/env python3
"""Secrets never reach the logs: runs `klaxon serve` at KLAXON_LOG_LEVEL=trace with JSON logs and every secret set
(Slack signing secret and bot token, Discord bot token, Mattermost command and bot tokens, SMTP password, an API token, the database
password when a PostgreSQL server is given, the TLS private key), plays a whole incident through Slack, Discord and
Mattermost with deliveries to loopback stand-ins of their APIs, sends an alert and a declaration with the API token
(and one with a wrong one), stops it with SIGTERM, then searches everything it wrote for each secret. Also checks
that every line is one JSON object and that request lines carry `request.id`.

    python3 scripts/ops/secrets_in_logs.py --binary .build/debug/klaxon [--postgres-url postgres://…]
"""
import argparse
import http.server
import json
import os
import secrets
import signal
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

import nacl.signing

sys.path.insert(0, os.path.dirname(__file__))
from klaxon_process import KlaxonProcess, report, connect, free_port, post_slack  # noqa: E402


class PlatformStub(http.server.ThreadingHTTPServer):
    """Answers every Slack, Discord and Mattermost API call with success, remembering the Authorization headers it saw."""

    def __init__(self):
        self.authorizations = set()
        stub = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                if self.headers.get("Authorization"):
                    stub.authorizations.add(self.headers["Authorization"])
                body = json.dumps({"ok": True, "ts": "1800000000.000100", "channel": "C0INCIDENTS", "messages": [],
                                   "id": "1234567890", "channel_id": "1234567891"}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PATCH = do_PUT = answer

        super().__init__(("127.0.0.1", 0), Handler)


def discord_request(port, key, interaction, tls):
    body = json.dumps(interaction)
    timestamp = str(int(time.time()))
    signature = key.sign((timestamp + body).encode()).signature.hex()
    connection = connect(port, tls_context=tls)
    connection.request("POST", "/discord/interactions", body=body, headers={
        "Content-Type": "application/json", "X-Signature-Ed25519": signature, "X-Signature-Timestamp": timestamp})
    response = connection.getresponse()
    return response.status, response.read()


def discord_command(subcommand, options, token):
    return {
        "type": 2, "id": str(secrets.randbelow(10**18)), "application_id": "1111", "token": token,
        "channel_id": "2222", "guild_id": "3333", "member": {"user": {"id": "4444", "username": "dee"}},
        "data": {"id": "5555", "name": "incident", "type": 1, "options": [
            {"type": 1, "name": subcommand, "options": [{"name": k, "type": 3, "value": v} for k, v in options.items()]}]},
    }


def mattermost(port, token, text, tls):
    body = urllib.parse.urlencode({"token": token, "team_id": "T1", "channel_id": "mattermostincidentchannel1", "channel_name": "incidents",
                                   "user_id": "mattermostuseridentifier01", "user_name": "mo", "command": "/incident", "text": text})
    connection = connect(port, tls_context=tls)
    connection.request("POST", "/mattermost/commands", body=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
    response = connection.getresponse()
    return response.status, response.read()


def bearer_post(port, path, token, body, tls):
    """Posts JSON with a bearer token (the JSON API, the alert hooks); returns the status."""
    connection = connect(port, tls_context=tls)
    connection.request("POST", path, body=body, headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    status = connection.getresponse().status
    connection.close()
    return status


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--postgres-url", default=os.environ.get("KLAXON_TEST_POSTGRES_URL"))
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="klaxon-secrets-")
    stub = PlatformStub()
    threading.Thread(target=stub.serve_forever, daemon=True).start()
    stub_url = f"http://127.0.0.1:{stub.server_address[1]}"
    cert, key = os.path.join(work, "cert.pem"), os.path.join(work, "key.pem")
    script = os.path.join(os.path.dirname(__file__), "../../Tests/KlaxonServerTests/Scripts/make_certificate.py")
    subprocess.run([sys.executable, script, cert, key, "klaxon-secrets"], check=True)
    key_lines = [line for line in open(key).read().splitlines() if line and not line.startswith("-----")]

    signing = nacl.signing.SigningKey.generate()
    values = {
        "KLAXON_SLACK_SIGNING_SECRET": "slack-signing-" + secrets.token_hex(16),
        "KLAXON_SLACK_BOT_TOKEN": "xoxb-" + secrets.token_hex(16),
        "KLAXON_DISCORD_BOT_TOKEN": "discord-bot-" + secrets.token_hex(16),
        "KLAXON_MATTERMOST_TOKEN": "mattermost-" + secrets.token_hex(12),
        "KLAXON_MATTERMOST_BOT_TOKEN": "mattermost-bot-" + secrets.token_hex(12),
        "KLAXON_SMTP_PASSWORD": "smtp-pass-" + secrets.token_hex(12),
    }
    discord_interaction_token = "interaction-token-" + secrets.token_hex(16)
    env = dict(values)
    env.update({
        "KLAXON_LOG_LEVEL": "trace", "KLAXON_LOG_FORMAT": "json", "KLAXON_DATA_DIR": os.path.join(work, "data"),
        "KLAXON_SLACK_CHANNEL": "C0INCIDENTS", "KLAXON_SLACK_API_URL": stub_url,
        "KLAXON_DISCORD_PUBLIC_KEY": signing.verify_key.encode().hex(), "KLAXON_DISCORD_CHANNEL": "2222",
        "KLAXON_DISCORD_API_URL": stub_url, "KLAXON_MATTERMOST_CHANNEL": "mattermostincidentchannel1", "KLAXON_MATTERMOST_API_URL": stub_url,
        "KLAXON_SMTP_URL": f"smtp://127.0.0.1:{free_port()}",
        "KLAXON_SMTP_USER": "klaxon", "KLAXON_EMAIL_FROM": "klaxon@example.com",
        "KLAXON_TLS_CERT": cert, "KLAXON_TLS_KEY_FILE": key,
    })
    # An API token made as an operator would, with every scope: its tokens file holds only its SHA-256.
    made = subprocess.run([args.binary, "token", "create", "ops", "--scopes", "read,write,alerts"], check=True, capture_output=True, text=True)
    api_token = made.stdout.splitlines()[1].strip()
    tokens_file = os.path.join(work, "tokens.yaml")
    with open(tokens_file, "w") as file:
        file.write("tokens:\n" + made.stdout.splitlines()[3] + "\n")
    env["KLAXON_API_TOKENS_FILE"] = tokens_file
    checked = dict(values, DISCORD_INTERACTION_TOKEN=discord_interaction_token, API_TOKEN=api_token)
    if args.postgres_url:
        password = "db-pass-" + secrets.token_hex(12)
        parts = urllib.parse.urlsplit(args.postgres_url)
        netloc = f"{parts.username or 'klaxon'}:{password}@{parts.hostname}:{parts.port or 5432}"
        # A schema of its own, so it shares the test server with the other tests without touching their tables.
        env["KLAXON_DATABASE_URL"] = urllib.parse.urlunsplit(parts._replace(netloc=netloc))
        env["KLAXON_DATABASE_SCHEMA"] = "secrets_" + secrets.token_hex(4)
        checked["KLAXON_DATABASE_URL password"] = password
    else:
        print("secrets: no PostgreSQL server given; the database password is not part of this run")

    tls = ssl.create_default_context(cafile=cert)
    server = KlaxonProcess(args.binary, env, os.path.join(work, "server.log"))
    server.wait_ready(tls_context=tls)
    secret = values["KLAXON_SLACK_SIGNING_SECRET"]
    failures = []
    for text in ["p0 Uploads failing for everyone --public", "commander me", "update Investigating the upload errors",
                 "status identified Connection pool exhausted", "note pool at 100%", "resolve Pool raised --force checked by hand",
                 "review schedule tomorrow 10:00"]:
        status, reply = post_slack(server.port, secret, text, tls_context=tls)
        if status != 200:
            failures.append(f"slack {text!r}: {status} {reply}")
    for sub, options in [("note", {"text": "from Discord"}), ("list", {})]:
        status, reply = discord_request(server.port, signing, discord_command(sub, options, discord_interaction_token), tls)
        if status != 200:
            failures.append(f"discord {sub}: {status} {reply[:200]}")
    for text in ["p2 Search is slow", "note from Mattermost"]:
        status, reply = mattermost(server.port, values["KLAXON_MATTERMOST_TOKEN"], text, tls)
        if status != 200:
            failures.append(f"mattermost {text!r}: {status} {reply[:200]}")
    alerts = open(os.path.join(os.path.dirname(__file__), "../../examples/alerts/alertmanager-firing.json")).read()
    for path, token, body, expected in [
        ("/hooks/alertmanager", api_token, alerts, 200),
        ("/api/v1/incidents", api_token, '{"severity": "p3", "title": "Typo on the pricing page"}', 201),
        ("/api/v1/incidents", api_token[:-4] + "xxxx", '{"severity": "p3", "title": "Refused"}', 401),
    ]:
        status = bearer_post(server.port, path, token, body, tls)
        if status != expected:
            failures.append(f"{path}: {status}, expected {expected}")
    # Let the worker deliver (and fail to email) for a moment.
    deadline = time.monotonic() + 10
    bots = {f"Bearer {values['KLAXON_SLACK_BOT_TOKEN']}", f"Bot {values['KLAXON_DISCORD_BOT_TOKEN']}", f"Bearer {values['KLAXON_MATTERMOST_BOT_TOKEN']}"}
    while time.monotonic() < deadline and not bots <= stub.authorizations:
        time.sleep(0.2)
    server.signal(signal.SIGTERM)
    status = server.wait()
    if status != 0:
        failures.append(f"exit status {status} after SIGTERM")
    for name in ["KLAXON_SLACK_BOT_TOKEN", "KLAXON_DISCORD_BOT_TOKEN", "KLAXON_MATTERMOST_BOT_TOKEN"]:
        if not any(values[name] in auth for auth in stub.authorizations):
            failures.append(f"{name} was never used, so the run proves nothing about it")

    output = open(server.log_path, encoding="utf-8", errors="replace").read()
    lines = output.splitlines()
    request_lines = 0
    for number, line in enumerate(lines, 1):
        try:
            entry = json.loads(line)
        except ValueError:
            failures.append(f"line {number} is not JSON: {line[:200]}")
            continue
        if not {"timestamp", "level", "message", "source", "label"} <= entry.keys():
            failures.append(f"line {number} lacks a field: {line[:200]}")
        if "request.id" in entry.get("metadata", {}):
            request_lines += 1
    for name, value in checked.items():
        if value in output:
            failures.append(f"{name} appears in the logs")
    for line in key_lines:
        if line in output:
            failures.append("a line of the TLS private key appears in the logs")
            break
    levels = {json.loads(line).get("level") for line in lines if line.startswith("{")}
    if "trace" not in levels:
        failures.append(f"nothing was logged at trace (levels seen: {sorted(levels)})")
    if request_lines == 0:
        failures.append("no log line carried request.id")
    print(f"secrets: {len(lines)} log lines at trace, {request_lines} with request.id, {len(checked) + 1} secrets searched")
    return report("secrets", failures, server.log_path)


if __name__ == "__main__":
    sys.exit(main())
