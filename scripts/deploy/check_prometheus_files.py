#!/usr/bin/env python3
"""Checks deploy/'s Prometheus and Grafana files without Prometheus: they parse, every rule has an alert name, an
expression and a summary, and every klaxon_ metric they query is one the server exports (the names listed in
README's metrics table), so a renamed metric cannot leave an alert silently empty."""
import json
import re
import sys

import yaml

README = open("README.md", encoding="utf-8").read()
exported = set(re.findall(r"`(klaxon_[a-z_]+)`", README))
failures = []


def metric_names(expression):
    names = set(re.findall(r"\b(klaxon_[a-z_]+)", expression))
    # Histogram series carry suffixes the README lists without.
    return {re.sub(r"_(bucket|sum|count)$", "", name) for name in names}


rules = yaml.safe_load(open("deploy/prometheus/klaxon-alerts.yml"))
for group in rules["groups"]:
    for rule in group["rules"]:
        for key in ("alert", "expr", "labels", "annotations"):
            if key not in rule:
                failures.append(f"rule {rule.get('alert', '?')} lacks {key}")
        if "summary" not in rule.get("annotations", {}):
            failures.append(f"rule {rule.get('alert')} lacks a summary")
        for name in metric_names(rule.get("expr", "")) - exported:
            failures.append(f"rule {rule.get('alert')} queries {name}, which Klaxon does not export")
config = yaml.safe_load(open("deploy/prometheus/prometheus.yml"))
if not config.get("scrape_configs"):
    failures.append("prometheus.yml scrapes nothing")
dashboard = json.load(open("deploy/grafana-dashboard.json"))
for panel in dashboard["panels"]:
    for target in panel.get("targets", []):
        for name in metric_names(target["expr"]) - exported:
            failures.append(f"dashboard panel {panel['title']!r} queries {name}, which Klaxon does not export")
for failure in failures:
    print(f"deploy: FAIL {failure}")
sys.exit(1 if failures else 0)
