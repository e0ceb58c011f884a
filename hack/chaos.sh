#!/usr/bin/env bash
# make chaos: the operator proven under sustained faults, with figures (FIGURE name=value lines).
#
#   1. test/chaos (build tag chaos): bin/panelsim and bin/manager as processes on a
#      hack/dev-cluster.sh control plane, loopback only — 200 objects converging while a fifth of
#      the panel's answers fail, 200 more while the manager is SIGKILLed 10 times, 200 more while
#      the API server restarts, then the panel down for CHAOS_OUTAGE (default 5m: connections
#      refused, then 503s) with all 600 in sync, and a search of everything the operator wrote for
#      the keys and passwords it was given;
#   2. the invalid-manifest corpus of api/v1alpha1 (one broken rule each, refused at apply with
#      the field named), counted;
#   3. every fuzz target, FUZZ_TIME each (default 20s); a crasher fails the run and is kept in the
#      package's testdata/fuzz as a regression test.
#
# About 20 minutes on two cores with the 5-minute outage.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
KUBEBUILDER_ASSETS="$(hack/controlplane.sh path)"
export KUBEBUILDER_ASSETS
status=0

echo "== the operator under chaos"
if ! go test -tags chaos ./test/chaos/ -count=1 -v -timeout 60m 2>&1 | grep -E '^(FIGURE|chaos:|ok|FAIL|--- )|\[FAIL\]'; then
  status=1
fi

echo "== invalid manifests refused at apply"
report="$(mktemp)"
go test ./api/v1alpha1/ -count=1 -ginkgo.focus 'invalid manifests' -ginkgo.json-report="$report" >/dev/null || status=1
jq -r '[.[0].SpecReports[] | select(.LeafNodeType == "It" and (.ContainerHierarchyTexts | index("invalid manifests")))] |
  "FIGURE bad_specs_refused=\(map(select(.State == "passed")) | length)\nchaos: \(length) invalid manifests tried"' "$report"
rm -f "$report"

echo "== fuzzing (${FUZZ_TIME:-20s} per target)"
for pkg in $(grep -rl --include='*_test.go' '^func Fuzz' api internal | xargs -n1 dirname | sort -u); do
  for target in $(go test -list '^Fuzz' "./$pkg" | grep '^Fuzz'); do
    echo "chaos: fuzzing $target in $pkg"
    go test -run '^$' -fuzz "^${target}\$" -fuzztime "${FUZZ_TIME:-20s}" "./$pkg" >/dev/null || {
      echo "chaos: $target found a crasher (kept in $pkg/testdata/fuzz/$target)"
      status=1
    }
  done
done
exit "$status"
