#!/usr/bin/env bash
# The manager's memory: resident memory (MiB) of the bin/manager process holding 10,000
# GameServers in its informer cache and the panel's 10,000 servers in its shared snapshot.
#
# test/bench (BenchmarkManagerRSS10000) starts etcd + kube-apiserver on loopback (envtest), the
# panel simulator (240 requests/minute) seeded with 10,000 servers whose external ids are the
# ones the operator derives, 10,000 matching GameServers, then bin/manager as a process of its own.
# Once every GameServer has status.id (adopted, not created) it samples /proc/<pid>/status and prints
#
#   FIGURE rss_10000_mib=<max VmRSS over the sampling window after convergence>
#   FIGURE rss_10000_peak_mib=<VmHWM>
#
# Target: rss_10000_mib < 256. About 5-10 minutes on two cores. BENCH_RSS_SERVERS (default 10000),
# BENCH_RSS_WINDOW (default 15s) and BENCH_RSS_TIMEOUT (default 30m) adjust it.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
KUBEBUILDER_ASSETS="${KUBEBUILDER_ASSETS:-$(hack/controlplane.sh path)}"
export KUBEBUILDER_ASSETS
if [[ ! -x "$KUBEBUILDER_ASSETS/kube-apiserver" || ! -x "$KUBEBUILDER_ASSETS/etcd" ]]; then
  echo "bench-rss: no etcd/kube-apiserver in $KUBEBUILDER_ASSETS: run make controlplane" >&2
  exit 1
fi

# The manager exactly as it ships: built here, not reused from an older bin/manager.
mkdir -p bin
go build -o bin/manager ./cmd/manager
export BENCH_RSS_MANAGER="$REPO/bin/manager"

# The benchmark bounds itself (BENCH_RSS_TIMEOUT, and stops every process it started on the way
# out); go test's own timeout only backs that up.
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
status=0
go test -run '^$' -bench '^BenchmarkManagerRSS10000$' -benchtime 1x -timeout 45m -v ./test/bench/ | tee "$out" || status=$?
if [[ $status -ne 0 ]] || ! grep -q '^FIGURE rss_' "$out"; then
  echo "bench-rss: failed (exit $status), no FIGURE printed" >&2
  exit 1
fi
