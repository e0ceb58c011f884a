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
	"slices"
	"testing"
	"time"

	"github.com/go-logr/logr"
	"k8s.io/apimachinery/pkg/util/wait"
	"sigs.k8s.io/controller-runtime/pkg/client"
	logf "sigs.k8s.io/controller-runtime/pkg/log"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/controllertest"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

// latencySamples is how many single GameServers BenchmarkLatency applies and changes one after
// another; the figures are their median (apply) and their worst (drift).
const latencySamples = 5

// BenchmarkLatency measures what one user sees, with the snapshot, against a simulator holding
// the real panel's limit: how long one GameServer takes from apply to Ready (install delay 0),
// and how long a build changed in the panel stays changed before the operator puts it back,
// at syncInterval 30s. Run it with make bench or:
//
//	go test -run '^$' -bench BenchmarkLatency -benchtime 1x -timeout 30m ./internal/controller/
func BenchmarkLatency(b *testing.B) {
	logf.SetLogger(logr.Discard())
	for b.Loop() {
		applied, drift := runLatency(b)
		figure("apply_to_ready_p50_ms", float64(median(applied).Milliseconds()))
		figure("drift_detect_seconds", slices.Max(drift).Seconds())
	}
}

func runLatency(b *testing.B) (applied, drift []time.Duration) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	env, err := controllertest.Start(ctx, controllertest.Options{
		Sim:               panelsim.Options{RateLimitPerMinute: 240, InstallDelay: 0},
		SyncInterval:      30 * time.Second,
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
	// The location, node and user the servers need, Ready before the clock starts.
	objs := convergeObjects(latencySamples)
	var servers []*ptero.GameServer
	for _, o := range objs {
		if gs, ok := o.(*ptero.GameServer); ok {
			servers = append(servers, gs)
			continue
		}
		if err := env.Client.Create(ctx, o); err != nil {
			b.Fatal(err)
		}
	}
	for _, o := range objs[2:] { // past the location and the Secret: nodes and users
		if _, ok := o.(*ptero.GameServer); !ok {
			waitReady(ctx, b, env, o)
		}
	}

	for _, gs := range servers {
		start := time.Now()
		if err := env.Client.Create(ctx, gs); err != nil {
			b.Fatal(err)
		}
		waitReady(ctx, b, env, gs)
		applied = append(applied, time.Since(start))
	}

	for _, gs := range servers {
		id := int(gs.Status.ID)
		s, err := env.Panel.Servers.Get(ctx, id)
		if err != nil {
			b.Fatal(err)
		}
		changed := panel.BuildRequestFrom(s)
		changed.Limits.Memory = s.Limits.Memory + 512
		start := time.Now()
		if _, err := env.Panel.Servers.UpdateBuild(ctx, id, changed); err != nil {
			b.Fatal(err)
		}
		// Read from the simulator's own state: polling through the API would spend the budget
		// whose use is being measured.
		err = wait.PollUntilContextTimeout(ctx, 100*time.Millisecond, 5*time.Minute, true, func(context.Context) (bool, error) {
			return simMemory(env.Sim, id) == s.Limits.Memory, nil
		})
		if err != nil {
			b.Fatalf("the build changed in the panel was not put back: %v", err)
		}
		drift = append(drift, time.Since(start))
	}
	b.Logf("apply to Ready: %v; build drift put back after: %v", applied, drift)
	return applied, drift
}

// waitReady waits until obj is Ready, and leaves its latest state in obj.
func waitReady(ctx context.Context, b *testing.B, env *controllertest.Env, obj client.Object) {
	err := wait.PollUntilContextTimeout(ctx, 10*time.Millisecond, 5*time.Minute, true, func(ctx context.Context) (bool, error) {
		if err := env.Client.Get(ctx, client.ObjectKeyFromObject(obj), obj); err != nil {
			return false, err
		}
		return controllertest.IsReady(obj), nil
	})
	if err != nil {
		b.Fatalf("%s not Ready: %v", obj.GetName(), err)
	}
}

// simMemory is the memory limit the simulator holds for a server, 0 if it has none.
func simMemory(sim *panelsim.Sim, id int) int {
	for _, s := range sim.State().Servers {
		if s.ID == id {
			return s.Memory
		}
	}
	return 0
}

func median(ds []time.Duration) time.Duration {
	s := slices.Sorted(slices.Values(ds))
	return s[len(s)/2]
}
