"""Parses a Prometheus text exposition from stdin with prometheus_client's own parser (an implementation independent
of swift-prometheus) and prints its families as JSON: [{"name", "type", "samples": [{"name", "labels", "value"}]}].
A malformed exposition makes the parser raise, and this script exit non-zero."""
import json
import sys

from prometheus_client.parser import text_string_to_metric_families

families = []
for family in text_string_to_metric_families(sys.stdin.read()):
    families.append({
        "name": family.name,
        "type": family.type,
        "samples": [{"name": s.name, "labels": s.labels, "value": s.value} for s in family.samples],
    })
json.dump(families, sys.stdout)
