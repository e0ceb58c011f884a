#!/usr/bin/env bash
# Regenerates the parts of the Helm chart (dist/chart) that are copies of config/: the CRDs from
# config/crd and the rules of every Role and ClusterRole from config/rbac. `make manifests` runs it
# after controller-gen, so the chart follows the code markers; hack/helmchart's test fails when
# someone forgets. The rest of the chart is written by hand.
#
#   hack/helm-chart.sh            rewrite dist/chart in place
#   hack/helm-chart.sh DIR        write into the chart at DIR instead
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
go run ./hack/helmchart -config config -chart "${1:-dist/chart}"
