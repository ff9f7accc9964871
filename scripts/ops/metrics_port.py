#!/usr/bin/env python3
"""`--metrics-port` on a real `klaxon serve`: /metrics is served on its own port (parsed with prometheus_client, the
command just sent counted there) and is gone from the main port, which still answers commands."""
import argparse
import http.client
import os
import sys
import tempfile

from prometheus_client.parser import text_string_to_metric_families

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from klaxon_process import KlaxonProcess, free_port, post_slack  # noqa: E402

SECRET = "metrics-port-signing-secret"


def get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.read().decode()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args = parser.parse_args()
    directory = tempfile.mkdtemp(prefix="klaxon-metrics-port-")
    metrics_port = free_port()
    server = KlaxonProcess(args.binary, {
        "KLAXON_DATA_DIR": directory, "KLAXON_SLACK_SIGNING_SECRET": SECRET, "KLAXON_METRICS_PORT": str(metrics_port),
    }, os.path.join(directory, "server.log"))
    try:
        server.wait_ready()
        answered, _ = post_slack(server.port, SECRET, "help")
        if answered != 200:
            raise SystemExit(f"metrics-port: the command got {answered}")
        status, _ = get(server.port, "/metrics")
        if status != 404:
            raise SystemExit(f"metrics-port: /metrics on the main port answered {status}, expected 404")
        status, text = get(metrics_port, "/metrics")
        if status != 200:
            raise SystemExit(f"metrics-port: /metrics on port {metrics_port} answered {status}")
        families = {family.name: family for family in text_string_to_metric_families(text)}
        commands = families.get("klaxon_commands")
        help_count = sum(sample.value for sample in (commands.samples if commands else [])
                         if sample.name == "klaxon_commands_total" and sample.labels.get("command") == "help")
        if help_count != 1:
            raise SystemExit(f"metrics-port: klaxon_commands_total for help is {help_count}, expected 1")
        print(f"metrics-port: /metrics on its own port ({metrics_port}) counts the command; the main port answers 404 for it")
    finally:
        server.signal(15)
        server.wait()


if __name__ == "__main__":
    main()
