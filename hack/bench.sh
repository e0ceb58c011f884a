#!/usr/bin/env bash
# make bench: the figures the project promises, measured on this machine.
#
#   1. the panel simulator: requests per second for GET /servers?per_page=100 with 1,000 servers
#      (it must never be what slows an operator test down);
#   2. the client: decoding the largest page a resync reads;
#   3. the operator: 100 GameServers applied at once against a simulator holding the real panel's
#      240 requests/minute — time to Ready, requests per server, 429s, requests per idle interval.
#
# The last one takes several minutes (it is paced by the rate limit, not by the CPU).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
KUBEBUILDER_ASSETS="$(hack/controlplane.sh path)"
export KUBEBUILDER_ASSETS

echo "== panel simulator"
go test -run '^$' -bench 'BenchmarkListServers' -benchtime 3s ./internal/panelsim/
echo "== panel client"
go test -run '^$' -bench 'BenchmarkDecodeServerListPage' -benchmem ./internal/panel/
echo "== operator: 100 GameServers against a 240 requests/minute panel"
go test -run '^$' -bench 'BenchmarkConverge' -benchtime 1x -timeout 30m -v ./internal/controller/ |
  grep -E 'GameServers Ready|Benchmark|ok|FAIL'
