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

package connection

import (
	"context"
	"testing"
	"time"

	"github.com/go-logr/logr"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/util/workqueue"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/index"
)

// A list that finds panel servers changed queues exactly the GameServers bound to them, on the
// Panel whose list found them.
func TestDriftQueuesTheObjectsBoundToChangedPanelObjects(t *testing.T) {
	scheme := runtime.NewScheme()
	if err := ptero.AddToScheme(scheme); err != nil {
		t.Fatal(err)
	}
	server := func(name, panelName string, id int64) *ptero.GameServer {
		gs := &ptero.GameServer{ObjectMeta: metav1.ObjectMeta{Namespace: "games", Name: name}}
		gs.Spec.PanelRef.Name = panelName
		gs.Status.ID = id
		return gs
	}
	kube := fake.NewClientBuilder().WithScheme(scheme).
		WithIndex(&ptero.GameServer{}, index.PanelObject, index.PanelObjectValues).
		WithObjects(server("changed", "main", 7), server("unchanged", "main", 8),
			server("same-id-other-panel", "other", 7), server("not-created-yet", "main", 0)).
		Build()

	reg := NewRegistry(kube, logr.Discard(), nil)
	src := reg.Drift(ServersCollection)(kube, func() client.ObjectList { return &ptero.GameServerList{} })
	q := workqueue.NewTypedRateLimitingQueue(workqueue.DefaultTypedControllerRateLimiter[reconcile.Request]())
	defer q.ShutDown()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := src.Start(ctx, q); err != nil {
		t.Fatal(err)
	}

	reg.changed("main")(ServersCollection)([]int{7, 99}) // 99: a panel server no object is bound to
	deadline := time.Now().Add(10 * time.Second)
	for q.Len() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("nothing was queued")
		}
		time.Sleep(5 * time.Millisecond)
	}
	got, _ := q.Get()
	q.Done(got)
	if want := (reconcile.Request{NamespacedName: types.NamespacedName{Namespace: "games", Name: "changed"}}); got != want {
		t.Fatalf("queued %v, want %v", got, want)
	}
	// Nothing else, for a while: the other objects are on another Panel, bound to another panel
	// server, or not in the panel yet.
	for end := time.Now().Add(200 * time.Millisecond); time.Now().Before(end); time.Sleep(5 * time.Millisecond) {
		if n := q.Len(); n != 0 {
			t.Fatalf("%d more objects queued; only the one bound to panel server 7 of Panel main changed", n)
		}
	}
}
