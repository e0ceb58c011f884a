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
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"
	logf "sigs.k8s.io/controller-runtime/pkg/log"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/controllertest"
	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

// clientAPIServers is how many running GameServers BenchmarkClientAPI keeps, each with one file.
const clientAPIServers = 20

// BenchmarkClientAPI measures what keeping servers running and configured costs on the panel's
// client API, which the panel limits apart (720 a minute per user): GameServers with
// power: Running and one file from a ConfigMap, all running and in line, over one idle 30s sync
// interval. Run it with make bench or:
//
//	go test -run '^$' -bench BenchmarkClientAPI -benchtime 1x -timeout 30m ./internal/controller/
func BenchmarkClientAPI(b *testing.B) {
	logf.SetLogger(logr.Discard())
	for b.Loop() {
		perServer := runClientAPI(b)
		figure("client_requests_per_server_per_interval", perServer)
		b.ReportMetric(perServer, "client-requests/server/interval")
	}
}

func runClientAPI(b *testing.B) float64 {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const interval = 30 * time.Second
	env, err := controllertest.Start(ctx, controllertest.Options{
		Sim:          panelsim.Options{RateLimitPerMinute: 240, InstallDelay: 0},
		SyncInterval: interval, RequestsPerMinute: 200, ClientKey: true,
	})
	if err != nil {
		b.Fatal(err)
	}
	defer func() {
		if err := env.Stop(); err != nil {
			b.Error(err)
		}
	}()
	objs := append(convergeObjects(clientAPIServers), &corev1.ConfigMap{
		ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: "bench-config"},
		Data:       map[string]string{"server.properties": "motd=bench\n"},
	})
	var servers []client.Object
	for _, o := range objs {
		if gs, ok := o.(*ptero.GameServer); ok {
			gs.Spec.Power = ptero.PowerRunning
			gs.Spec.Files = []ptero.ServerFile{{Path: "/server.properties",
				ConfigMapRef: &ptero.LocalKeyReference{Name: "bench-config", Key: "server.properties"}}}
			servers = append(servers, gs)
		}
		if err := env.Client.Create(ctx, o); err != nil {
			b.Fatal(err)
		}
	}
	for _, gs := range servers {
		waitReady(ctx, b, env, gs) // Ready includes the panel reporting it running
	}
	// One idle interval: every server running, every file in line.
	before := env.Requests("GET /api/client/") + env.Requests("POST /api/client/")
	time.Sleep(interval) // measuring a period, not waiting for an event
	spent := env.Requests("GET /api/client/") + env.Requests("POST /api/client/") - before
	b.Logf("%d client API requests in one idle %s interval for %d running GameServers with one file each", spent, interval, len(servers))
	return float64(spent) / float64(len(servers))
}
