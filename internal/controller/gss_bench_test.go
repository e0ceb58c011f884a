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
	"testing"
	"time"

	"github.com/go-logr/logr"
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/util/retry"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/controller-runtime/pkg/client"
	logf "sigs.k8s.io/controller-runtime/pkg/log"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/controllertest"
	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

// gssReplicas is how far BenchmarkGameServerSetScale scales a set.
const gssReplicas = 100

// BenchmarkGameServerSetScale measures a GameServerSet scaled from 0 to 100 replicas with the
// /scale subresource, as kubectl scale or an HPA does, against a simulator holding the real
// panel's 240 requests a minute and a Panel budget of 200: seconds until 100 replicas are Ready,
// against the bound of the panel writes needed at the budget's pace. Run it with make bench or:
//
//	go test -run '^$' -bench BenchmarkGameServerSetScale -benchtime 1x -timeout 30m ./internal/controller/
func BenchmarkGameServerSetScale(b *testing.B) {
	logf.SetLogger(logr.Discard())
	for b.Loop() {
		took, bound, throttled := runGameServerSetScale(b)
		figure("gss_scale_0_to_100_seconds", took.Seconds())
		figure("gss_scale_0_to_100_bound_seconds", bound.Seconds())
		figure("gss_scale_0_to_100_429s", float64(throttled))
		b.ReportMetric(took.Seconds(), "s/scale-0-to-100")
	}
}

func runGameServerSetScale(b *testing.B) (took, bound time.Duration, throttled int) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const budget = 200
	env, err := controllertest.Start(ctx, controllertest.Options{
		Sim:          panelsim.Options{RateLimitPerMinute: 240, InstallDelay: 2 * time.Second},
		SyncInterval: 30 * time.Second, RequestsPerMinute: budget,
	})
	if err != nil {
		b.Fatal(err)
	}
	defer func() {
		if err := env.Stop(); err != nil {
			b.Error(err)
		}
	}()

	// A location, one node with room for every replica, and their owner, all Ready first: the
	// figure is the scale alone.
	fixtures := convergeObjects(gssReplicas)[:4] // location, password Secret, node, user
	node := fixtures[2].(*ptero.PanelNode)
	node.Labels = map[string]string{"pool": "bench"}
	for _, o := range fixtures {
		if err := env.Client.Create(ctx, o); err != nil {
			b.Fatal(err)
		}
	}
	waitReady(ctx, b, env, node)
	waitReady(ctx, b, env, fixtures[3])
	set := &ptero.GameServerSet{
		ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: "bench"},
		Spec: ptero.GameServerSetSpec{
			Replicas: ptr.To[int32](0),
			Template: ptero.GameServerTemplate{Spec: ptero.GameServerTemplateSpec{
				Owner:  ptero.ServerOwner{UserRef: &ptero.LocalObjectReference{Name: fixtures[3].GetName()}},
				Egg:    ptero.EggSelector{Nest: "Minecraft", Name: "Paper"},
				Limits: ptero.ServerLimits{Memory: 1024, Disk: 4096, CPU: 100, IO: 500},
			}},
			Placement: ptero.GameServerPlacement{NodeSelector: &metav1.LabelSelector{MatchLabels: node.Labels}},
		},
	}
	if err := env.Client.Create(ctx, set); err != nil {
		b.Fatal(err)
	}
	waitReady(ctx, b, env, set)

	before := env.Sim.Counts()
	start := time.Now()
	err = retry.RetryOnConflict(retry.DefaultRetry, func() error { // the set's status may change in between
		scale := &autoscalingv1.Scale{}
		if err := env.Client.SubResource("scale").Get(ctx, set, scale); err != nil {
			return err
		}
		scale.Spec.Replicas = gssReplicas
		return env.Client.SubResource("scale").Update(ctx, set, client.WithSubResourceBody(scale))
	})
	if err != nil {
		b.Fatal(err)
	}
	err = wait.PollUntilContextTimeout(ctx, 100*time.Millisecond, 20*time.Minute, true, func(ctx context.Context) (bool, error) {
		if err := env.Client.Get(ctx, client.ObjectKeyFromObject(set), set); err != nil {
			return false, err
		}
		return set.Status.ReadyReplicas == gssReplicas && controllertest.IsReady(set), nil
	})
	if err != nil {
		b.Fatalf("the set did not reach %d Ready replicas: %v (status %+v)", gssReplicas, err, set.Status)
	}
	took = time.Since(start)
	after := env.Sim.Counts()
	writes := sumCounts(after, "POST ", " 20") - sumCounts(before, "POST ", " 20")
	bound = time.Duration(float64(writes) / budget * float64(time.Minute))
	throttled = sumCounts(after, "", " 429") - sumCounts(before, "", " 429")
	b.Logf("%d replicas Ready in %s (bound %s: %d panel writes at %d/min); %d answered 429; requests by route: %s",
		gssReplicas, took.Round(time.Second), bound.Round(time.Second), writes, budget, throttled, topRoutes(before, after, 6))
	return took, bound, throttled
}
