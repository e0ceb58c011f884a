#!/usr/bin/env bash
# make bench: the figures the project promises, measured on this machine.
#
#   1. the panel simulator: requests per second for GET /servers?per_page=100 with 1,000 servers
#      (it must never be what slows an operator test down);
#   2. the client: decoding the largest page a resync reads;
#   3. the operator, for one user: one GameServer from apply to Ready, and a build changed in the
#      panel until it is put back (syncInterval 30s);
#   4. a GameServerSet scaled from 0 to 100 replicas against the real 240 requests/minute,
#      against the bound of its panel writes at the budget's pace;
#   5. the operator at scale: BENCH_SERVERS GameServers (default 1000) applied at once against a
#      simulator holding the real panel's 240 requests/minute — time to Ready against the budget's
#      bound, 429s, requests per idle interval, with the snapshot and per object.
#
# The last one is paced by the rate limit, not by the CPU: at 1,000 servers it takes over half an
# hour; make bench-quick runs it with 100.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
KUBEBUILDER_ASSETS="$(hack/controlplane.sh path)"
export KUBEBUILDER_ASSETS

echo "== panel simulator"
# GET /servers?per_page=100 over 1,000 servers (req/s), then a 10,000-server panel (seeded through
# the API, which takes a few seconds): every server in 20 pages of 500 with every include, one
# server found by filter[external_id] (and by filter[uuid]), the nodes with 25,000 allocations.
sim_out="$(mktemp)"
go test -run '^$' -bench 'BenchmarkListServers|BenchmarkSim10000' -benchtime 3s -timeout 30m ./internal/panelsim/ |
  tee "$sim_out"
awk '
  /^BenchmarkSim10000\/list_servers/ {
    for (i = 2; i < NF; i++) if ($(i + 1) == "list_ms") printf "FIGURE sim_list_10000_servers_ms=%.0f\n", $i
  }
  /^BenchmarkSim10000\/filter_external_id/ {
    for (i = 2; i < NF; i++) if ($(i + 1) == "filter_ms") printf "FIGURE sim_filter_10000_ms=%.2f\n", $i
  }
' "$sim_out"
rm -f "$sim_out"
echo "== panel client"
# Five runs (the machine is shared and noisy); the figure is their median.
client="$(go test -run '^$' -bench 'BenchmarkDecodeServerListPage' -benchmem -count 5 ./internal/panel/)"
echo "$client"
echo "$client" | awk '/^BenchmarkDecodeServerListPage/ {
    for (i = 2; i < NF; i++) { if ($(i + 1) == "ms/page") ms[n++] = $i; if ($(i + 1) == "allocs/op") allocs = $i }
  }
  END {
    if (n == 0) exit 1
    for (i = 1; i < n; i++) for (j = i; j > 0 && ms[j - 1] > ms[j]; j--) { t = ms[j]; ms[j] = ms[j - 1]; ms[j - 1] = t }
    print "FIGURE decode_page_100_ms=" ms[int(n / 2)]
    print "FIGURE decode_page_100_allocs=" allocs
  }'
echo "== operator: one GameServer"
go test -run '^$' -bench 'BenchmarkLatency' -benchtime 1x -timeout 30m -v ./internal/controller/ |
  grep -E 'FIGURE|apply to Ready|Benchmark|ok|FAIL'
echo "== operator: the client API cost of GameServers kept running with one file each"
go test -run '^$' -bench 'BenchmarkClientAPI' -benchtime 1x -timeout 30m -v ./internal/controller/ |
  grep -E 'FIGURE|client API requests|Benchmark|ok|FAIL'
echo "== operator: a GameServerSet scaled from 0 to 100 replicas"
go test -run '^$' -bench 'BenchmarkGameServerSetScale' -benchtime 1x -timeout 30m -v ./internal/controller/ |
  grep -E 'FIGURE|replicas Ready in|Benchmark|ok|FAIL'
# BENCH_SERVERS (make bench: 1000, make bench-quick: 100) GameServers with the shared snapshot; then,
# in the same run, the manager restarted per object over the same servers (the idle baseline), and
# up to 100 servers a per-object converge.
servers="${BENCH_SERVERS:-1000}"
echo "== operator: $servers GameServers against a 240 requests/minute panel"
BENCH_SERVERS="$servers" go test -run '^$' -bench 'BenchmarkConverge' -benchtime 1x -timeout 120m -v ./internal/controller/ |
  grep -E 'FIGURE|GameServers Ready|idle .* interval|Benchmark|ok|FAIL'

# The manager process holding 10,000 GameServers (informer cache) and 10,000 panel servers (shared
# snapshot), all adopted: FIGURE rss_10000_mib (target < 256) and rss_10000_peak_mib. ~5 minutes.
echo "== manager memory"
hack/bench-rss.sh | grep -E 'FIGURE|adopted|panel requests|seeded|Benchmark|ok|FAIL'
