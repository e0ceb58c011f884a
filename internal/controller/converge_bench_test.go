/*
Copyright 2026 The pterodactyl-operator Authors.

Licensed under the Apache License, Version 2.0 (the "License");
you may not use this file except in compliance with the License.
You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software
distributed under the License is distributed on an "AS IS" BASIS,
WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
See the License for the specific language governing permissions and
limitations under the License.
*/

package controller_test

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-logr/logr"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/util/retry"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/controller-runtime/pkg/client"
	logf "sigs.k8s.io/controller-runtime/pkg/log"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/controllertest"
	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

// benchServers is how many GameServers BenchmarkConverge applies at once: $BENCH_SERVERS, else
// 100 (make bench-quick); make bench sets 1000.
func benchServers() int {
	if n, err := strconv.Atoi(os.Getenv("BENCH_SERVERS")); err == nil && n > 0 {
		return n
	}
	return 100
}

// BenchmarkConverge applies a location, nodes, users and N GameServers at once against a
// simulator holding the real panel's limit of 240 requests a minute, with the Panel's default
// client-side budget of 200, and prints how long they take to be Ready against the bound the
// budget sets (creates needed ÷ budget), the 429s the panel answered, and what one idle sync
// interval costs with the shared snapshot. The baseline comes in the same run: the manager is
// restarted with per-object observation over the same servers and one idle interval counted; up
// to 100 servers, a per-object converge is timed too. BENCH_BASELINE=0 leaves out the baseline. Run it with make bench / make bench-quick
// (hack/bench.sh) or:
//
//	BENCH_SERVERS=100 go test -run '^$' -bench BenchmarkConverge -benchtime 1x -timeout 60m ./internal/controller/
func BenchmarkConverge(b *testing.B) {
	// The figures are the output; the manager's log would only bury them.
	logf.SetLogger(logr.Discard())
	n := benchServers()
	for b.Loop() {
		snap := runConverge(b, n, connection.Snapshot)
		figure(fmt.Sprintf("converge_%d_seconds", n), snap.converged.Seconds())
		figure(fmt.Sprintf("converge_%d_bound_seconds", n), snap.bound.Seconds())
		figure(fmt.Sprintf("converge_%d_429s", n), float64(snap.throttled))
		figure("idle_requests_per_1000_per_interval", float64(snap.idle)*1000/float64(n))
		b.ReportMetric(snap.converged.Seconds(), "s-to-ready")
		b.ReportMetric(float64(snap.idle)/float64(n), "requests/server/idle-interval")
		if snap.baselineIdle >= 0 {
			figure("baseline_idle_requests_per_1000_per_interval", float64(snap.baselineIdle)*1000/float64(n))
		}
		if os.Getenv("BENCH_BASELINE") == "0" || n > maxBaselineConverge {
			continue
		}
		// Per object, N idle servers ask for N GETs per interval: at 30 s the budget carries
		// 100, so a larger per-object converge would never be all Ready.
		base := runConverge(b, n, connection.PerObject)
		figure(fmt.Sprintf("baseline_converge_%d_seconds", n), base.converged.Seconds())
	}
}

// maxBaselineConverge is the most servers the per-object converge is run for: N GETs per 30 s
// interval within a budget of 200 a minute.
const maxBaselineConverge = 100

// figure prints one promised figure on a line of its own, as make bench collects them.
func figure(name string, value float64) {
	fmt.Printf("FIGURE %s=%s\n", name, strconv.FormatFloat(value, 'f', -1, 64))
}

// convergence is what one run measured. baselineIdle is the requests of one idle interval once
// the manager was restarted with per-object observation over the same servers, -1 when not
// measured (BENCH_BASELINE=0, or the per-object run itself).
type convergence struct {
	converged, bound              time.Duration
	throttled, idle, baselineIdle int
}

func runConverge(b *testing.B, n int, mode connection.Observation) convergence {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const interval = 30 * time.Second
	const budget = 200
	env, err := controllertest.Start(ctx, controllertest.Options{
		Sim:               panelsim.Options{RateLimitPerMinute: 240, InstallDelay: 2 * time.Second},
		SyncInterval:      interval,
		RequestsPerMinute: budget,
		Observation:       mode,
	})
	if err != nil {
		b.Fatal(err)
	}
	defer func() {
		if err := env.Stop(); err != nil {
			b.Error(err)
		}
	}()
	before := env.Sim.Counts()

	start := time.Now()
	for _, obj := range convergeObjects(n) {
		if err := env.Client.Create(ctx, obj); err != nil {
			b.Fatal(err)
		}
	}
	servers := &ptero.GameServerList{}
	err = wait.PollUntilContextTimeout(ctx, time.Second, 60*time.Minute, true, func(ctx context.Context) (bool, error) {
		if err := env.Client.List(ctx, servers, client.InNamespace("default")); err != nil {
			return false, err
		}
		ready := 0
		for i := range servers.Items {
			if controllertest.IsReady(&servers.Items[i]) {
				ready++
			}
		}
		return ready == n, nil
	})
	if err != nil {
		b.Fatalf("GameServers not all Ready: %v", err)
	}
	c := convergence{baselineIdle: -1}
	c.converged = time.Since(start)
	after := env.Sim.Counts()
	creates := sumCounts(after, "POST ", " 20") - sumCounts(before, "POST ", " 20")
	c.bound = time.Duration(float64(creates) / budget * float64(time.Minute))
	c.throttled = sumCounts(after, "", " 429") - sumCounts(before, "", " 429")

	// One idle interval: everything is in sync, only drift checks run.
	idleStart := sumCounts(env.Sim.Counts(), "", "")
	time.Sleep(interval) // measuring a period, not waiting for an event
	c.idle = sumCounts(env.Sim.Counts(), "", "") - idleStart
	b.Logf("%s: %d GameServers Ready in %s (bound %s: %d creates at %d/min); %d answered 429; %d requests in one idle %s interval",
		mode, n, c.converged.Round(time.Second), c.bound.Round(time.Second), creates, budget, c.throttled, c.idle, interval)
	b.Logf("%s: requests to convergence by route: %s", mode, topRoutes(before, after, 10))
	if mode == connection.Snapshot && os.Getenv("BENCH_BASELINE") != "0" {
		c.baselineIdle = perObjectIdle(ctx, b, env, n, budget)
	}
	return c
}

// perObjectIdle restarts the manager with per-object observation over the same n converged
// servers, as a rollout with --observation=per-object would, and counts the requests of one idle
// interval: the baseline the snapshot's idle figure is compared with. Per object every server
// costs a GET per interval, so the Panel's syncInterval is first made long enough for the budget
// to carry them (n ÷ budget minutes, and a quarter more); at 30 s, 1,000 servers would ask for
// ten times the budget and the count would only show the budget.
func perObjectIdle(ctx context.Context, b *testing.B, env *controllertest.Env, n, budget int) int {
	interval := max(30*time.Second, time.Duration(float64(n)/float64(budget)*1.25*float64(time.Minute))).Round(time.Second)
	key := client.ObjectKey{Name: controllertest.PanelName}
	err := retry.RetryOnConflict(retry.DefaultRetry, func() error {
		p := &ptero.Panel{}
		if err := env.Client.Get(ctx, key, p); err != nil {
			return err
		}
		p.Spec.SyncInterval = &metav1.Duration{Duration: interval}
		return env.Client.Update(ctx, p)
	})
	if err != nil {
		b.Fatal(err)
	}
	if err := env.RestartManager(connection.PerObject); err != nil {
		b.Fatal(err)
	}
	// The new manager reads every server once as it starts; the idle interval begins after that.
	start := env.Sim.Counts()
	err = wait.PollUntilContextTimeout(ctx, time.Second, 30*time.Minute, true, func(context.Context) (bool, error) {
		return serverReads(env.Sim.Counts())-serverReads(start) >= n, nil
	})
	if err != nil {
		b.Fatalf("per-object: the restarted manager did not read all %d servers: %v", n, err)
	}
	idleStart := sumCounts(env.Sim.Counts(), "", "")
	time.Sleep(interval) // measuring a period, not waiting for an event
	idle := sumCounts(env.Sim.Counts(), "", "") - idleStart
	b.Logf("per-object (restarted over the same servers): %d requests in one idle %s interval", idle, interval)
	return idle
}

// serverReads counts the simulator's answered GETs of one server (counted by route template).
func serverReads(counts map[string]int) int {
	return counts["GET /api/application/servers/{server} 200"]
}

// topRoutes names the n routes that took most requests between two counts, with their number.
func topRoutes(before, after map[string]int, n int) string {
	type route struct {
		key   string
		count int
	}
	var routes []route
	for k, v := range after {
		if d := v - before[k]; d > 0 && !strings.HasPrefix(k, "GET /_sim") {
			routes = append(routes, route{k, d})
		}
	}
	slices.SortFunc(routes, func(a, b route) int { return cmp.Compare(b.count, a.count) })
	parts := make([]string, 0, n)
	for _, r := range routes[:min(n, len(routes))] {
		parts = append(parts, fmt.Sprintf("%s: %d", r.key, r.count))
	}
	return strings.Join(parts, "; ")
}

// sumCounts adds the simulator's request counts ("METHOD route STATUS") that start with prefix
// and whose status starts with status ("" for all); the simulator's own control routes are left out.
func sumCounts(counts map[string]int, prefix, status string) int {
	n := 0
	for k, v := range counts {
		if strings.HasPrefix(k, "GET /_sim") || !strings.HasPrefix(k, prefix) {
			continue
		}
		if i := strings.LastIndexByte(k, ' '); status != "" && !strings.HasPrefix(k[i:], status) {
			continue
		}
		n += v
	}
	return n
}

// convergeObjects are what a hosting company applies for n servers: a location, a node per 200
// servers, a user per 20 (1,000 servers: 5 nodes, 50 users), and the servers spread over them.
func convergeObjects(n int) []client.Object {
	nodes, users := max(1, n/200), max(1, n/20)
	perNode := (n + nodes - 1) / nodes
	objs := []client.Object{
		&ptero.PanelLocation{ObjectMeta: metav1.ObjectMeta{Name: "bench"}, Spec: ptero.PanelLocationSpec{Short: "bench"}},
		&corev1.Secret{ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: "bench-password"},
			StringData: map[string]string{"password": "a-long-benchmark-password"}},
	}
	for i := range nodes {
		objs = append(objs, &ptero.PanelNode{
			ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("bench-%d", i)},
			Spec: ptero.PanelNodeSpec{
				LocationRef:  &ptero.LocalObjectReference{Name: "bench"},
				FQDN:         fmt.Sprintf("bench-%d.example.com", i),
				Scheme:       "https",
				Memory:       1 << 20,
				Disk:         1 << 24,
				UploadSize:   100,
				DaemonListen: 8080,
				DaemonSFTP:   2022,
				Allocations: []ptero.NodeAllocation{{IP: fmt.Sprintf("10.0.%d.5", i),
					Ports: []ptero.PortSpec{ptero.PortSpec(fmt.Sprintf("30000-%d", 30000+perNode-1))}}},
			},
		})
	}
	for i := range users {
		objs = append(objs, &ptero.PanelUser{
			ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: fmt.Sprintf("bench-%d", i)},
			Spec: ptero.PanelUserSpec{Username: fmt.Sprintf("bench%d", i), Email: fmt.Sprintf("bench%d@example.com", i),
				FirstName: "Bench", LastName: "Mark",
				PasswordSecretRef: &ptero.LocalSecretKeyReference{Name: "bench-password", Key: "password"}},
		})
	}
	for i := range n {
		objs = append(objs, &ptero.GameServer{
			ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: fmt.Sprintf("bench-%04d", i)},
			Spec: ptero.GameServerSpec{
				GameServerTemplateSpec: ptero.GameServerTemplateSpec{
					Owner:       ptero.ServerOwner{UserRef: &ptero.LocalObjectReference{Name: fmt.Sprintf("bench-%d", i%users)}},
					Egg:         ptero.EggSelector{Nest: "Minecraft", Name: "Paper"},
					Environment: map[string]string{"MINECRAFT_VERSION": "latest"},
					Limits:      ptero.ServerLimits{Memory: 1024, Disk: 4096, CPU: 100, IO: 500, OOMDisabled: ptr.To(true)},
				},
				Allocation: &ptero.ServerAllocation{NodeRef: &ptero.LocalObjectReference{Name: fmt.Sprintf("bench-%d", i%nodes)},
					Port: int32(30000 + i/nodes)},
			},
		})
	}
	return objs
}
