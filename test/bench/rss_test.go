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

// Package bench measures the manager as a process: hack/bench-rss.sh runs it.
package bench

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/wait"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	"k8s.io/client-go/rest"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/envtest"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
	"github.com/gameops-dev/pterodactyl-operator/test/utils"
)

// The panel of the measurement: its admin's key (the manager's, 240 requests a minute like the
// real panel's), the nodes the servers live on and the Kubernetes side's names.
const (
	rssAppKey      = "ptla_benchrssbenchrssbenchrssbenchrssbenchrss123"
	rssNodes       = 10
	rssFirstPort   = 30000
	rssNamespace   = "rss"
	rssPrefix      = "bench-rss:"
	rssPanelNS     = "pterodactyl-system"
	rssCredentials = "panel-credentials"
	rssAdminID     = 1 // the default seed's root admin, who owns rssAppKey
	// Seeding the panel goes through its API, and the panel allows 240 requests a minute per
	// user: 10,000 creates by one user would take 42 minutes. Like several admins working at
	// once, each seeder user has its own key and budget, so the seed fits in about a minute
	// without a single 429; the manager's budget (the first admin's) is left untouched.
	rssSeeders      = 50
	rssFirstSeeder  = 1000 // user ids of the seeders
	rssPaperImage   = "ghcr.io/pterodactyl/yolks:java_21"
	rssPaperStartup = "java -Xms128M -jar {{SERVER_JARFILE}}"
)

// BenchmarkManagerRSS10000 measures the resident memory of bin/manager holding 10,000 GameServers
// in its informer cache and the panel's 10,000 servers in its shared snapshot: a control plane
// (envtest's etcd and kube-apiserver), the panel simulator in this process seeded with 10,000
// servers whose external ids are the ones the operator derives, 10,000 matching GameServers, and
// the manager started as a process of its own, so that what /proc says is the manager's alone.
// The manager adopts every server (no create); once every GameServer has status.id, VmRSS is
// sampled for a short window and its maximum printed, with VmHWM, as FIGURE lines.
//
// Only hack/bench-rss.sh runs it: it builds the manager and sets BENCH_RSS_MANAGER. Knobs:
// BENCH_RSS_SERVERS (default 10000), BENCH_RSS_WINDOW (sampling window, default 15s),
// BENCH_RSS_TIMEOUT (whole run, default 30m).
func BenchmarkManagerRSS10000(b *testing.B) {
	manager := os.Getenv("BENCH_RSS_MANAGER")
	if manager == "" {
		b.Skip("run hack/bench-rss.sh: it builds bin/manager and sets BENCH_RSS_MANAGER")
	}
	n := envInt(b, "BENCH_RSS_SERVERS", 10000)
	window := envDuration(b, "BENCH_RSS_WINDOW", 15*time.Second)
	ctx, cancel := context.WithTimeout(context.Background(), envDuration(b, "BENCH_RSS_TIMEOUT", 30*time.Minute))
	b.Cleanup(cancel)
	start := time.Now()

	logDir, err := os.MkdirTemp("", "bench-rss-")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		if b.Failed() {
			b.Logf("logs kept in %s", logDir)
			return
		}
		_ = os.RemoveAll(logDir)
	})

	cfg, kubeconfig := startControlPlane(b)
	b.Logf("control plane up in %v", time.Since(start).Round(time.Millisecond))

	step := time.Now()
	p := startPanel(ctx, b, n)
	throttled := 0
	for k, v := range p.sim.Counts() {
		if strings.HasSuffix(k, " 429") {
			throttled += v
		}
	}
	b.Logf("panel seeded with %d servers through its API in %v (%d seeder keys; %d answered 429)", n,
		time.Since(step).Round(time.Millisecond), rssSeeders, throttled)

	step = time.Now()
	kube := newKubeClient(b, cfg)
	createObjects(ctx, b, kube, p, n)
	b.Logf("%d GameServers created in %v", n, time.Since(step).Round(time.Millisecond))

	before := p.sim.Counts()
	step = time.Now()
	m := startManager(b, manager, logDir, kubeconfig)
	withID, ready := waitObserved(ctx, b, kube, m, n)
	converged := time.Since(step)
	after := p.sim.Counts()
	b.Logf("manager (pid %d): %d GameServers with status.id (%d Ready) in %v", m.pid(), withID, ready, converged.Round(time.Second))
	requests := panelRequests(before, after)
	b.Logf("panel requests from the manager until then: %d (%s)", sumValues(requests), describe(requests))
	if creates := requests["POST /api/application/servers 201"]; creates > 0 {
		b.Errorf("the manager created %d servers instead of adopting them", creates)
	}
	if err := waitSnapshot(ctx, m, n); err != nil {
		b.Fatalf("%v (manager log %s)", err, m.logPath)
	}
	b.Logf("metrics: pterodactyl_snapshot_objects{collection=\"servers\"} = %d", n)

	rss, hwm, err := sampleRSS(ctx, m, window)
	if err != nil {
		b.Fatalf("%v (manager log %s)", err, m.logPath)
	}
	b.ReportMetric(rss, "rss_MiB")
	b.ReportMetric(hwm, "peak_MiB")
	b.ReportMetric(converged.Seconds(), "adopt_s")
	fmt.Printf("manager: %d GameServers adopted in %.0fs; VmRSS max over %v after convergence %.1f MiB, VmHWM %.1f MiB\n",
		n, converged.Seconds(), window, rss, hwm)
	fmt.Printf("FIGURE rss_%d_mib=%.1f\n", n, rss)
	fmt.Printf("FIGURE rss_%d_peak_mib=%.1f\n", n, hwm)
}

// startControlPlane starts etcd and kube-apiserver on loopback with the CRDs installed.
func startControlPlane(b *testing.B) (cfg *rest.Config, kubeconfig []byte) {
	b.Helper()
	root, err := utils.ProjectDir()
	if err != nil {
		b.Fatal(err)
	}
	env := &envtest.Environment{
		CRDDirectoryPaths:     []string{filepath.Join(root, "config", "crd", "bases")},
		ErrorIfCRDPathMissing: true,
		BinaryAssetsDirectory: utils.ControlPlaneAssets(),
	}
	cfg, err = env.Start()
	if err != nil {
		b.Fatalf("start the control plane (KUBEBUILDER_ASSETS=$(hack/controlplane.sh path)): %v", err)
	}
	b.Cleanup(func() {
		if err := env.Stop(); err != nil {
			b.Errorf("stop the control plane: %v", err)
		}
	})
	return cfg, env.KubeConfig
}

// panel is the simulator and what the GameServers need to know of its seed.
type panel struct {
	sim   *panelsim.Sim
	url   string
	egg   int
	alloc map[[2]int]int // node id, port → allocation id
}

// nodeAndPort places GameServer i: round robin over the nodes, one port each.
func nodeAndPort(i int) (node, port int) { return 1 + i%rssNodes, rssFirstPort + i/rssNodes }

func serverName(i int) string { return fmt.Sprintf("gs-%05d", i) }

func seederKey(k int) string {
	name := fmt.Sprintf("ptla_seeder%02d", k)
	return name + strings.Repeat("x", 48-len(name))
}

// startPanel serves a simulator on loopback and creates n servers in it through the API, each
// with the external id the operator derives for GameServer serverName(i) in rssNamespace.
func startPanel(ctx context.Context, b *testing.B, n int) *panel {
	b.Helper()
	perNode := (n + rssNodes - 1) / rssNodes
	seed := panelsim.DefaultSeed()
	seed.Locations = []panelsim.SeedLocation{{ID: 1, Short: "rss"}}
	for j := range rssNodes {
		seed.Nodes = append(seed.Nodes, panelsim.SeedNode{ID: 1 + j, Name: fmt.Sprintf("rss-%02d", j), LocationID: 1,
			FQDN: fmt.Sprintf("rss-%02d.example.com", j), Memory: 1 << 24, Disk: 1 << 28,
			Allocations: []panelsim.SeedAllocation{{IP: fmt.Sprintf("10.1.%d.1", j),
				Ports: []string{fmt.Sprintf("%d-%d", rssFirstPort, rssFirstPort+perNode-1)}}}})
	}
	opts := panelsim.Options{ApplicationKey: rssAppKey, RateLimitPerMinute: 240, Seed: seed}
	for k := range rssSeeders {
		id := rssFirstSeeder + k
		seed.Users = append(seed.Users, panelsim.SeedUser{ID: id, Username: fmt.Sprintf("seeder%02d", k),
			Email: fmt.Sprintf("seeder%02d@example.com", k), FirstName: "Seed", LastName: "Admin", RootAdmin: true})
		opts.ExtraKeys = append(opts.ExtraKeys, panelsim.Key{Token: seederKey(k), UserID: id})
	}
	sim := panelsim.New(opts)
	srv := httptest.NewServer(sim)
	b.Cleanup(srv.Close)
	p := &panel{sim: sim, url: srv.URL, alloc: map[[2]int]int{}}

	state := sim.State()
	for _, a := range state.Allocations {
		p.alloc[[2]int{a.NodeID, a.Port}] = a.ID
	}
	for _, e := range state.Eggs {
		if e.Name == "Paper" {
			p.egg = e.ID
		}
	}
	if p.egg == 0 {
		b.Fatal("the default seed has no Paper egg")
	}

	transport := &http.Transport{MaxIdleConnsPerHost: 8}
	b.Cleanup(transport.CloseIdleConnections)
	hc := &http.Client{Transport: transport, Timeout: time.Minute}
	if err := parallel(ctx, n, 4, func(ctx context.Context, i int) error { return p.createServer(ctx, hc, i) }); err != nil {
		b.Fatal(err)
	}
	return p
}

// createServer creates server i as an admin would, retrying after a 429 as the panel says.
func (p *panel) createServer(ctx context.Context, hc *http.Client, i int) error {
	node, port := nodeAndPort(i)
	alloc, ok := p.alloc[[2]int{node, port}]
	if !ok {
		return fmt.Errorf("no allocation %d on node %d", port, node)
	}
	body, err := json.Marshal(map[string]any{
		"name":           serverName(i),
		"external_id":    rssPrefix + rssNamespace + "." + serverName(i),
		"user":           rssAdminID,
		"egg":            p.egg,
		"docker_image":   rssPaperImage,
		"startup":        rssPaperStartup,
		"environment":    map[string]any{"SERVER_JARFILE": "server.jar", "BUILD_NUMBER": "latest"},
		"limits":         map[string]any{"memory": 1024, "swap": 0, "disk": 4096, "io": 500, "cpu": 100},
		"feature_limits": map[string]any{"databases": 0, "allocations": 0, "backups": 0},
		"allocation":     map[string]any{"default": alloc},
	})
	if err != nil {
		return err
	}
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url+"/api/application/servers", bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+seederKey(i%rssSeeders))
		req.Header.Set("Accept", "application/json")
		req.Header.Set("Content-Type", "application/json")
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		data, err := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if err != nil {
			return err
		}
		switch resp.StatusCode {
		case http.StatusCreated:
			return nil
		case http.StatusTooManyRequests:
			retry, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(time.Duration(max(retry, 1)) * time.Second):
			}
		default:
			return fmt.Errorf("create server %d: %d %s", i, resp.StatusCode, data)
		}
	}
}

func newKubeClient(b *testing.B, cfg *rest.Config) client.Client {
	b.Helper()
	scheme := runtime.NewScheme()
	if err := clientgoscheme.AddToScheme(scheme); err != nil {
		b.Fatal(err)
	}
	if err := ptero.AddToScheme(scheme); err != nil {
		b.Fatal(err)
	}
	cfg = rest.CopyConfig(cfg)
	cfg.QPS, cfg.Burst = 2000, 4000
	c, err := client.New(cfg, client.Options{Scheme: scheme})
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// createObjects creates the Panel with its credentials and n GameServers whose specs are what the
// seeded servers hold, so that adopting them needs no write to the panel.
func createObjects(ctx context.Context, b *testing.B, c client.Client, p *panel, n int) {
	b.Helper()
	objs := []client.Object{
		&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: rssPanelNS}},
		&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: rssNamespace}},
		&corev1.Secret{ObjectMeta: metav1.ObjectMeta{Namespace: rssPanelNS, Name: rssCredentials},
			StringData: map[string]string{"applicationKey": rssAppKey}},
		// requestsPerMinute, syncInterval and listPageSize keep their defaults (200, 5m, 500).
		&ptero.Panel{ObjectMeta: metav1.ObjectMeta{Name: "default"}, Spec: ptero.PanelSpec{URL: p.url,
			CredentialsSecretRef: ptero.SecretReference{Namespace: rssPanelNS, Name: rssCredentials},
			ExternalIDPrefix:     rssPrefix}},
	}
	for _, o := range objs {
		if err := c.Create(ctx, o); err != nil {
			b.Fatal(err)
		}
	}
	err := parallel(ctx, n, 8, func(ctx context.Context, i int) error {
		node, port := nodeAndPort(i)
		return c.Create(ctx, &ptero.GameServer{
			ObjectMeta: metav1.ObjectMeta{Namespace: rssNamespace, Name: serverName(i)},
			Spec: ptero.GameServerSpec{
				GameServerTemplateSpec: ptero.GameServerTemplateSpec{
					Owner:  ptero.ServerOwner{ID: ptr.To[int64](rssAdminID)},
					Egg:    ptero.EggSelector{ID: ptr.To(int64(p.egg))},
					Limits: ptero.ServerLimits{Memory: 1024, Disk: 4096, CPU: 100, IO: 500},
				},
				Allocation: &ptero.ServerAllocation{NodeID: ptr.To(int64(node)), Port: int32(port)},
			},
		})
	})
	if err != nil {
		b.Fatal(err)
	}
}

// managerProcess is bin/manager running in the background, its output in a log file.
type managerProcess struct {
	cmd         *exec.Cmd
	logPath     string
	metricsAddr string
	exited      chan struct{}
	waitErr     error
}

func (m *managerProcess) pid() int { return m.cmd.Process.Pid }

// startManager runs the manager against the control plane, stopped (SIGTERM, then SIGKILL) when
// the benchmark ends.
func startManager(b *testing.B, path, logDir string, kubeconfig []byte) *managerProcess {
	b.Helper()
	kubeconfigPath := filepath.Join(b.TempDir(), "kubeconfig")
	if err := os.WriteFile(kubeconfigPath, kubeconfig, 0o600); err != nil {
		b.Fatal(err)
	}
	port, err := freePort()
	if err != nil {
		b.Fatal(err)
	}
	m := &managerProcess{logPath: filepath.Join(logDir, "manager.log"), metricsAddr: net.JoinHostPort("127.0.0.1", strconv.Itoa(port)),
		exited: make(chan struct{})}
	logFile, err := os.Create(m.logPath)
	if err != nil {
		b.Fatal(err)
	}
	m.cmd = exec.Command(path, "--metrics-bind-address", m.metricsAddr, "--metrics-secure=false",
		"--health-probe-bind-address", "0", "--leader-elect=false")
	m.cmd.Env = append(os.Environ(), "KUBECONFIG="+kubeconfigPath)
	m.cmd.Stdout, m.cmd.Stderr = logFile, logFile
	if err := m.cmd.Start(); err != nil {
		_ = logFile.Close()
		b.Fatal(err)
	}
	go func() {
		m.waitErr = m.cmd.Wait()
		_ = logFile.Close()
		close(m.exited)
	}()
	b.Cleanup(func() {
		select {
		case <-m.exited:
			return
		default:
		}
		_ = m.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-m.exited:
		case <-time.After(30 * time.Second):
			_ = m.cmd.Process.Kill()
			<-m.exited
		}
	})
	return m
}

// alive fails with the end of the log when the manager has exited.
func (m *managerProcess) alive() error {
	select {
	case <-m.exited:
		return fmt.Errorf("the manager exited (%v); the end of %s:\n%s", m.waitErr, m.logPath, tail(m.logPath, 20))
	default:
		return nil
	}
}

// waitObserved polls the GameServers until every one has status.id: the manager has found its
// server in the snapshot and written what it saw. It returns how many have an id and how many are
// Ready.
func waitObserved(ctx context.Context, b *testing.B, c client.Client, m *managerProcess, n int) (withID, ready int) {
	b.Helper()
	lastLog := time.Now()
	err := wait.PollUntilContextCancel(ctx, 5*time.Second, false, func(ctx context.Context) (bool, error) {
		if err := m.alive(); err != nil {
			return false, err
		}
		withID, ready = 0, 0
		list := &ptero.GameServerList{}
		opts := []client.ListOption{client.InNamespace(rssNamespace), client.Limit(1000)}
		for {
			if err := c.List(ctx, list, opts...); err != nil {
				return false, nil // the API server is busy: ask again
			}
			for i := range list.Items {
				gs := &list.Items[i]
				if gs.Status.ID != 0 {
					withID++
				}
				if isReady(gs) {
					ready++
				}
			}
			if list.Continue == "" {
				break
			}
			opts = []client.ListOption{client.InNamespace(rssNamespace), client.Limit(1000), client.Continue(list.Continue)}
		}
		if time.Since(lastLog) >= 30*time.Second {
			lastLog = time.Now()
			rss, _, _ := readRSS(m.pid())
			b.Logf("  %d/%d with status.id, %d Ready; manager VmRSS %.1f MiB", withID, n, ready, rss)
		}
		return withID == n, nil
	})
	if err != nil {
		b.Fatalf("waiting for %d GameServers with status.id (%d have one, %d Ready): %v (manager log %s)",
			n, withID, ready, err, m.logPath)
	}
	return withID, ready
}

func isReady(gs *ptero.GameServer) bool {
	for _, c := range gs.Status.Conditions {
		if c.Type == ptero.ConditionReady {
			return c.Status == metav1.ConditionTrue && c.ObservedGeneration == gs.Generation
		}
	}
	return false
}

// waitSnapshot waits until the manager's metrics say its snapshot holds n servers.
func waitSnapshot(ctx context.Context, m *managerProcess, n int) error {
	var last string
	err := wait.PollUntilContextCancel(ctx, time.Second, true, func(ctx context.Context) (bool, error) {
		if err := m.alive(); err != nil {
			return false, err
		}
		got, err := snapshotServers(ctx, m.metricsAddr)
		if err != nil {
			last = err.Error()
			return false, nil
		}
		last = fmt.Sprintf("%d servers", got)
		return got >= n, nil
	})
	if err != nil {
		return fmt.Errorf("the snapshot never held %d servers (last: %s): %w", n, last, err)
	}
	return nil
}

// snapshotServers reads pterodactyl_snapshot_objects{collection="servers"} from the metrics.
func snapshotServers(ctx context.Context, addr string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/metrics", http.NoBody)
	if err != nil {
		return 0, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer func() { _ = resp.Body.Close() }()
	s := bufio.NewScanner(resp.Body)
	s.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for s.Scan() {
		line := s.Text()
		if !strings.HasPrefix(line, "pterodactyl_snapshot_objects{") || !strings.Contains(line, `collection="servers"`) {
			continue
		}
		fields := strings.Fields(line)
		v, err := strconv.ParseFloat(fields[len(fields)-1], 64)
		if err != nil {
			return 0, fmt.Errorf("metrics line %q: %w", line, err)
		}
		return int(v), nil
	}
	if err := s.Err(); err != nil {
		return 0, err
	}
	return 0, errors.New("no pterodactyl_snapshot_objects{collection=\"servers\"} yet")
}

// sampleRSS reads VmRSS every 200ms for window and returns its maximum and the last VmHWM, in MiB.
func sampleRSS(ctx context.Context, m *managerProcess, window time.Duration) (rss, hwm float64, err error) {
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	end := time.Now().Add(window)
	for {
		if err := m.alive(); err != nil {
			return 0, 0, err
		}
		r, h, err := readRSS(m.pid())
		if err != nil {
			return 0, 0, err
		}
		rss, hwm = max(rss, r), h
		if time.Now().After(end) {
			return rss, hwm, nil
		}
		select {
		case <-ctx.Done():
			return 0, 0, ctx.Err()
		case <-tick.C:
		}
	}
}

// readRSS returns VmRSS and VmHWM of a process in MiB, from /proc/<pid>/status.
func readRSS(pid int) (rss, hwm float64, err error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, err
	}
	kib := func(key string) (float64, error) {
		for line := range strings.SplitSeq(string(data), "\n") {
			if value, ok := strings.CutPrefix(line, key+":"); ok {
				v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(value), " kB"), 64)
				return v / 1024, err
			}
		}
		return 0, fmt.Errorf("no %s in /proc/%d/status", key, pid)
	}
	if rss, err = kib("VmRSS"); err != nil {
		return 0, 0, err
	}
	hwm, err = kib("VmHWM")
	return rss, hwm, err
}

// panelRequests are the Application API requests answered between two counts, by "METHOD route
// STATUS"; the simulator's control routes are left out.
func panelRequests(before, after map[string]int) map[string]int {
	out := map[string]int{}
	for k, v := range after {
		if d := v - before[k]; d > 0 && !strings.Contains(k, " /_sim/") {
			out[k] = d
		}
	}
	return out
}

func sumValues(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// describe lists counts by route, the largest first.
func describe(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return cmp.Or(cmp.Compare(m[b], m[a]), cmp.Compare(a, b)) })
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s: %d", k, m[k]))
	}
	return strings.Join(parts, "; ")
}

// parallel runs do(i) for i in [0, n) on workers goroutines and returns the first error.
func parallel(ctx context.Context, n, workers int, do func(ctx context.Context, i int) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg       sync.WaitGroup
		once     sync.Once
		firstErr error
	)
	work := make(chan int)
	for range workers {
		wg.Go(func() {
			for i := range work {
				if err := do(ctx, i); err != nil {
					once.Do(func() { firstErr = err; cancel() })
				}
			}
		})
	}
feed:
	for i := range n {
		select {
		case work <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	return firstErr
}

func freePort() (int, error) {
	var lc net.ListenConfig
	l, err := lc.Listen(context.Background(), "tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer func() { _ = l.Close() }()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func tail(path string, lines int) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	all := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	return strings.Join(all[max(0, len(all)-lines):], "\n")
}

func envInt(b *testing.B, key string, def int) int {
	v := os.Getenv(key)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		b.Fatalf("%s=%q: want a positive number", key, v)
	}
	return n
}

func envDuration(b *testing.B, key string, def time.Duration) time.Duration {
	v := os.Getenv(key)
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		b.Fatalf("%s=%q: want a positive duration", key, v)
	}
	return d
}
