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
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/go-logr/logr"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/controller-runtime/pkg/client"
	logf "sigs.k8s.io/controller-runtime/pkg/log"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/controllertest"
	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

// convergeServers is how many GameServers BenchmarkConverge applies at once.
const convergeServers = 100

// BenchmarkConverge applies a location, a node, a user and 100 GameServers at once against a
// simulator holding the real panel's limit of 240 requests a minute, with the Panel's default
// client-side budget of 200, and reports how long they take to be Ready, how many requests
// each cost, how many 429s the panel answered, and what one idle sync interval costs.
// Run it with make bench (hack/bench.sh) or:
//
//	go test -run '^$' -bench BenchmarkConverge -benchtime 1x -timeout 30m ./internal/controller/
func BenchmarkConverge(b *testing.B) {
	// The figures are the output; the manager's log would only bury them.
	logf.SetLogger(logr.Discard())
	for b.Loop() {
		runConverge(b)
	}
}

func runConverge(b *testing.B) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const interval = 30 * time.Second
	env, err := controllertest.Start(ctx, controllertest.Options{
		Sim:               panelsim.Options{RateLimitPerMinute: 240, InstallDelay: 2 * time.Second},
		SyncInterval:      interval,
		RequestsPerMinute: 200,
	})
	if err != nil {
		b.Fatal(err)
	}
	defer func() {
		if err := env.Stop(); err != nil {
			b.Error(err)
		}
	}()
	before := sumCounts(env.Sim.Counts(), "")

	start := time.Now()
	for _, obj := range convergeObjects() {
		if err := env.Client.Create(ctx, obj); err != nil {
			b.Fatal(err)
		}
	}
	servers := &ptero.GameServerList{}
	err = wait.PollUntilContextTimeout(ctx, time.Second, 20*time.Minute, true, func(ctx context.Context) (bool, error) {
		if err := env.Client.List(ctx, servers, client.InNamespace("default")); err != nil {
			return false, err
		}
		ready := 0
		for i := range servers.Items {
			if controllertest.IsReady(&servers.Items[i]) {
				ready++
			}
		}
		return ready == convergeServers, nil
	})
	if err != nil {
		b.Fatalf("GameServers not all Ready: %v", err)
	}
	converged := time.Since(start)
	counts := env.Sim.Counts()
	applied := sumCounts(counts, "") - before
	throttled := sumCounts(counts, " 429")

	// One idle interval: everything is in sync, only drift checks run.
	idleStart := sumCounts(env.Sim.Counts(), "")
	time.Sleep(interval) // measuring a period, not waiting for an event
	idle := sumCounts(env.Sim.Counts(), "") - idleStart

	b.ReportMetric(converged.Seconds(), "s-to-ready")
	b.ReportMetric(float64(applied)/convergeServers, "requests/server-to-ready")
	b.ReportMetric(float64(throttled), "429s")
	b.ReportMetric(float64(idle)/convergeServers, "requests/server/idle-interval")
	b.Logf("%d GameServers Ready in %s; %d panel requests (%d answered 429); %d requests in one idle %s interval",
		convergeServers, converged.Round(time.Second), applied, throttled, idle, interval)
}

// sumCounts adds the simulator's request counts whose key ends with suffix ("" for all).
func sumCounts(counts map[string]int, suffix string) int {
	n := 0
	for k, v := range counts {
		if strings.HasPrefix(k, "GET /_sim") || !strings.HasSuffix(k, suffix) {
			continue
		}
		n += v
	}
	return n
}

func convergeObjects() []client.Object {
	objs := []client.Object{
		&ptero.PanelLocation{ObjectMeta: metav1.ObjectMeta{Name: "bench"}, Spec: ptero.PanelLocationSpec{Short: "bench"}},
		&ptero.PanelNode{
			ObjectMeta: metav1.ObjectMeta{Name: "bench-1"},
			Spec: ptero.PanelNodeSpec{
				LocationRef:  &ptero.LocalObjectReference{Name: "bench"},
				FQDN:         "bench-1.example.com",
				Scheme:       "https",
				Memory:       1 << 20,
				Disk:         1 << 24,
				UploadSize:   100,
				DaemonListen: 8080,
				DaemonSFTP:   2022,
				Allocations:  []ptero.NodeAllocation{{IP: "10.0.0.5", Ports: []ptero.PortSpec{ptero.PortSpec(fmt.Sprintf("30000-%d", 30000+convergeServers-1))}}},
			},
		},
		&corev1.Secret{ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: "bench-password"},
			StringData: map[string]string{"password": "a-long-benchmark-password"}},
		&ptero.PanelUser{
			ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: "bench"},
			Spec: ptero.PanelUserSpec{Username: "bench", Email: "bench@example.com", FirstName: "Bench", LastName: "Mark",
				PasswordSecretRef: &ptero.LocalSecretKeyReference{Name: "bench-password", Key: "password"}},
		},
	}
	for i := range convergeServers {
		objs = append(objs, &ptero.GameServer{
			ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: fmt.Sprintf("bench-%03d", i)},
			Spec: ptero.GameServerSpec{
				Owner:       ptero.ServerOwner{UserRef: &ptero.LocalObjectReference{Name: "bench"}},
				Egg:         ptero.EggSelector{Nest: "Minecraft", Name: "Paper"},
				Environment: map[string]string{"MINECRAFT_VERSION": "latest"},
				Limits:      ptero.ServerLimits{Memory: 1024, Disk: 4096, CPU: 100, IO: 500, OOMDisabled: ptr.To(true)},
				Allocation:  &ptero.ServerAllocation{NodeRef: &ptero.LocalObjectReference{Name: "bench-1"}, Port: int32(30000 + i)},
			},
		})
	}
	return objs
}
