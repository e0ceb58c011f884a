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

package managed

import (
	"context"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/util/workqueue"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/event"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
)

// An object whose panel keeps failing is retried quickly at first, and never further apart than
// the sync interval, so it recovers soon after the panel does.
func TestBackoffIsCappedAtTheSyncInterval(t *testing.T) {
	rl := rateLimiter()
	item := reconcile.Request{NamespacedName: types.NamespacedName{Name: "survival"}}
	if first := rl.When(item); first > time.Second {
		t.Fatalf("first retry after %v, want well under a second", first)
	}
	var last time.Duration
	for range 40 {
		last = rl.When(item)
		if last > ptero.DefaultSyncInterval {
			t.Fatalf("retry after %v, beyond the %v cap", last, ptero.DefaultSyncInterval)
		}
	}
	if last != ptero.DefaultSyncInterval {
		t.Fatalf("after 40 failures the retry is %v, want the cap %v", last, ptero.DefaultSyncInterval)
	}
	rl.Forget(item)
	if again := rl.When(item); again > time.Second {
		t.Fatalf("after a success the next failure waits %v", again)
	}
}

func TestNewObjectIsAnEmptyObjectOfTheKind(t *testing.T) {
	o := newObject[*ptero.GameServer]()
	if o == nil || o.Name != "" {
		t.Fatalf("newObject = %#v", o)
	}
}

// A kind's Forget hears of each object that is gone and of nothing else, and queues nothing.
func TestForgetHearsOnlyDeletions(t *testing.T) {
	var forgotten []types.UID
	h := forgetOnDelete(func(o client.Object) { forgotten = append(forgotten, o.GetUID()) })
	q := workqueue.NewTypedRateLimitingQueue(workqueue.DefaultTypedControllerRateLimiter[reconcile.Request]())
	defer q.ShutDown()
	gs := &ptero.GameServer{ObjectMeta: metav1.ObjectMeta{Name: "survival", UID: "uid-1"}}
	ctx := context.Background()
	h.Create(ctx, event.CreateEvent{Object: gs}, q)
	h.Update(ctx, event.UpdateEvent{ObjectOld: gs, ObjectNew: gs}, q)
	h.Generic(ctx, event.GenericEvent{Object: gs}, q)
	h.Delete(ctx, event.DeleteEvent{Object: gs}, q)
	if len(forgotten) != 1 || forgotten[0] != "uid-1" {
		t.Fatalf("forgotten %v, want only the deleted object's uid-1", forgotten)
	}
	if q.Len() != 0 {
		t.Fatalf("%d requests queued, want none", q.Len())
	}
}
