#!/usr/bin/env bash
# Validates deploy/ offline: the Kubernetes manifests against the Kubernetes API schemas bundled in
# kubernetes-validate, the compose file against the Compose Specification bundled in check-jsonschema, the
# Prometheus files and the Grafana dashboard by structure (scripts/deploy/check_prometheus_files.py).
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 -c "import kubernetes_validate, check_jsonschema" 2>/dev/null \
  || python3 -m pip install --quiet --disable-pip-version-check kubernetes-validate check-jsonschema
for manifest in deploy/kubernetes/*.yaml; do
  # kustomization.yaml is kustomize's file, not an API object.
  [ "$(basename "$manifest")" = kustomization.yaml ] && continue
  python3 -m kubernetes_validate --strict --quiet "$manifest"
done
python3 -m check_jsonschema --builtin-schema vendor.compose-spec deploy/compose.yaml
python3 scripts/deploy/check_prometheus_files.py
echo "deploy: manifests, compose file, Prometheus rules and Grafana dashboard valid"
