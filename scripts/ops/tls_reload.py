#!/usr/bin/env python3
"""HTTPS on a real `klaxon serve`: the certificate is replaced and SIGHUP sent, and new connections get the new one;
a broken pair (a key that is not the certificate's) is refused with an error line and the previous pair kept; an
expired or mismatched pair at start-up stops the server with a message naming the file.

    python3 scripts/ops/tls_reload.py --binary .build/debug/klaxon
"""
import argparse
import os
import secrets
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from klaxon_process import KlaxonProcess, free_port, report  # noqa: E402

MAKE = os.path.join(os.path.dirname(__file__), "../../Tests/KlaxonServerTests/Scripts/make_certificate.py")


def make_pair(directory, name, flag=None):
    cert, key = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    subprocess.run([sys.executable, MAKE, cert, key, name] + ([flag] if flag else []), check=True)
    return cert, key


def served_name(port):
    """The common name of the certificate a new connection is shown (not verified: the check is which one)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw, context.wrap_socket(raw) as tls:
        der = tls.getpeercert(binary_form=True)
    out = subprocess.run(["openssl", "x509", "-inform", "DER", "-noout", "-subject"], input=der, capture_output=True, check=True)
    return out.stdout.decode().strip().split("CN = ")[-1].split("CN=")[-1]


def wait_for(condition, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="klaxon-tls-")
    failures = []
    env = {"KLAXON_SLACK_SIGNING_SECRET": secrets.token_hex(16), "KLAXON_DATA_DIR": os.path.join(work, "data")}

    for flag, expected in [("--expired", "expired on"), ("--mismatched", "does not belong to the certificate")]:
        directory = tempfile.mkdtemp(dir=work)
        cert, key = make_pair(directory, "refused", flag)
        run = subprocess.run([args.binary, "serve", "--tls-cert", cert, "--tls-key", key], capture_output=True, text=True,
                             env=dict(os.environ, **env, KLAXON_HOST="127.0.0.1", KLAXON_PORT=str(free_port())), timeout=60)
        if run.returncode == 0 or expected not in run.stderr or cert not in run.stderr + key:
            failures.append(f"start-up with a {flag[2:]} pair: exit {run.returncode}, said {run.stderr.strip()[-300:]!r}")

    cert, key = make_pair(work, "klaxon-first")
    server = KlaxonProcess(args.binary, dict(env, KLAXON_TLS_CERT=cert, KLAXON_TLS_KEY=key), os.path.join(work, "server.log"))
    server.wait_ready(tls_context=ssl.create_default_context(cafile=cert))
    if served_name(server.port) != "klaxon-first":
        failures.append("the first certificate is not the one served")
    make_pair(work, "klaxon-second")
    server.signal(signal.SIGHUP)
    if not wait_for(lambda: served_name(server.port) == "klaxon-second"):
        failures.append("after SIGHUP new connections still get the first certificate")
    make_pair(work, "klaxon-broken", "--mismatched")
    server.signal(signal.SIGHUP)
    refused = wait_for(lambda: "TLS certificate reload refused" in open(server.log_path, errors="replace").read())
    if not refused:
        failures.append("a broken pair on SIGHUP was not refused with a log line")
    if served_name(server.port) != "klaxon-second":
        failures.append("after a broken pair new connections do not get the previous certificate")
    server.signal(signal.SIGTERM)
    if server.wait() != 0:
        failures.append("did not exit 0 on SIGTERM")
    print(f"tls: start-up refusals, SIGHUP reload and broken-pair refusal checked on port {server.port}")
    return report("tls", failures, server.log_path)


if __name__ == "__main__":
    sys.exit(main())
