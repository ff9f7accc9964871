#!/usr/bin/env python3
"""Graceful shutdown under load: several clients send signed slash commands (one connection each, as Slack does)
to a `klaxon serve` on SQLite; SIGTERM arrives in the middle of the burst. Checks that the server exits 0 within its
grace period, that every command it answered is stored, and that no request it had accepted was cut off before its
answer: a command recorded whose connection was then reset or closed empty. Connections refused after the
listener closed, or reset before the server read them (still in the accept queue at that moment), recorded nothing
and are counted, not failed.

    python3 scripts/ops/sigterm.py --binary .build/debug/klaxon
"""
import argparse
import http.client
import os
import secrets
import signal
import sqlite3
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
from klaxon_process import KlaxonProcess, report, post_slack  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--before", type=float, default=2.0, help="seconds of load before SIGTERM")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="klaxon-sigterm-")
    secret = secrets.token_hex(16)
    data = os.path.join(work, "data")
    server = KlaxonProcess(args.binary, {"KLAXON_SLACK_SIGNING_SECRET": secret, "KLAXON_DATA_DIR": data},
                           os.path.join(work, "server.log"))
    server.wait_ready()
    status, _ = post_slack(server.port, secret, "p1 Shutdown drill")
    assert status == 200, status

    lock = threading.Lock()
    answered, refused, cut = [], 0, []
    stop = threading.Event()

    def client(number):
        nonlocal refused
        sequence = 0
        while not stop.is_set():
            sequence += 1
            marker = f"drill{number}x{sequence}z"
            try:
                status, reply = post_slack(server.port, secret, f"note #1 {marker}")
            except ConnectionRefusedError:
                with lock:
                    refused += 1
                time.sleep(0.05)
                continue
            except (ConnectionResetError, http.client.RemoteDisconnected, http.client.BadStatusLine, BrokenPipeError) as error:
                with lock:
                    cut.append(f"{marker}: {type(error).__name__}")
                continue
            with lock:
                if status == 200:
                    answered.append(marker)
                else:
                    cut.append(f"{marker}: status {status} {str(reply)[:120]}")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
    for thread in threads:
        thread.start()
    time.sleep(args.before)
    sent_at = time.monotonic()
    server.signal(signal.SIGTERM)
    exit_status = server.wait(timeout=60)
    took = time.monotonic() - sent_at
    stop.set()
    for thread in threads:
        thread.join()

    database = sqlite3.connect(os.path.join(data, "klaxon.sqlite"))
    stored = "\n".join(row[0] for row in database.execute("SELECT event FROM incident_events WHERE incident_id = 1"))
    missing = [marker for marker in answered if marker not in stored]
    # A connection the listener had not yet handed over when it closed is reset unread: nothing was recorded, as with
    # a refused connection, and the client may retry. One that was read, recorded and then lost its answer is the
    # failure this test is for.
    lost = [entry for entry in cut if entry.split(":")[0] in stored]
    unread = len(cut) - len(lost)
    failures = []
    if exit_status != 0:
        failures.append(f"exit status {exit_status}")
    if missing:
        failures.append(f"{len(missing)} answered commands are not stored, e.g. {missing[:3]}")
    if lost:
        failures.append(f"{len(lost)} requests were recorded but cut off before their answer, e.g. {lost[:3]}")
    if len(answered) < args.clients:
        failures.append(f"only {len(answered)} commands answered: the burst was too small to test anything")
    print(f"sigterm: {len(answered)} answered and stored, {len(lost)} recorded but cut off, {unread} reset unread and not "
          f"recorded, {refused} refused at connect; exited {exit_status} {took:.2f} s after SIGTERM")
    return report("sigterm", failures, server.log_path)


if __name__ == "__main__":
    sys.exit(main())
