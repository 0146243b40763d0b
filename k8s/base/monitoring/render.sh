#!/usr/bin/env bash
# Renders this directory's copies of the platform's alert rules and dashboards from their one source in deploy/:
# the PrometheusRule from deploy/prometheus/rules/token-platform.rules.yml, and dashboards/ from deploy/grafana/.
# Kustomize reads files only below the kustomization, hence copies; e2e's MonitoringConfigTest fails while they
# differ from what this script renders. Run it after editing a rule or a dashboard.
#
#   k8s/base/monitoring/render.sh [OUTPUT-DIR]   (default: this directory)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
out=${1:-$here}
mkdir -p "$out/dashboards"

{
  echo "# Rendered by render.sh from deploy/prometheus/rules/token-platform.rules.yml: edit that file, then run render.sh."
  echo "# The Prometheus Operator loads it when its ruleSelector matches these labels (docs/alerts.md)."
  echo "apiVersion: monitoring.coreos.com/v1"
  echo "kind: PrometheusRule"
  echo "metadata:"
  echo "  name: token-platform-alerts"
  echo "  labels:"
  echo "    role: alert-rules"
  echo "spec:"
  # Indented under spec, blank lines left empty; block scalars keep their relative indentation.
  sed -e '/./s/^/  /' "$root/deploy/prometheus/rules/token-platform.rules.yml"
} > "$out/prometheus-rule.yaml"

rm -f "$out"/dashboards/*.json
cp "$root"/deploy/grafana/*.json "$out/dashboards/"
