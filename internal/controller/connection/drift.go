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
	"strconv"
	"sync"

	"k8s.io/client-go/util/workqueue"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"
	"sigs.k8s.io/controller-runtime/pkg/source"

	"github.com/gameops-dev/pterodactyl-operator/internal/controller/index"
)

// panelChange is one list's finding: these panel objects of a Panel changed, appeared or vanished.
type panelChange struct {
	panel string
	ids   []int
}

// driftQueue holds the changes found and not yet handed to a controller. It never blocks the
// listing loop that adds to it: a controller that is slow, or not started yet, gets them later.
type driftQueue struct {
	mu      sync.Mutex
	pending []panelChange
	ready   chan struct{}
}

func newDriftQueue() *driftQueue { return &driftQueue{ready: make(chan struct{}, 1)} }

func (q *driftQueue) add(c panelChange) {
	q.mu.Lock()
	q.pending = append(q.pending, c)
	q.mu.Unlock()
	select {
	case q.ready <- struct{}{}:
	default: // already signalled
	}
}

func (q *driftQueue) take() []panelChange {
	q.mu.Lock()
	defer q.mu.Unlock()
	out := q.pending
	q.pending = nil
	return out
}

// queue returns the drift queue of a collection.
func (r *Registry) queue(collection string) *driftQueue {
	r.driftMu.Lock()
	defer r.driftMu.Unlock()
	q, ok := r.drift[collection]
	if !ok {
		q = newDriftQueue()
		r.drift[collection] = q
	}
	return q
}

// changed returns, for a Panel, what each collection's loop calls with the ids it found changed.
func (r *Registry) changed(panelName string) func(collection string) func(ids []int) {
	return func(collection string) func(ids []int) {
		q := r.queue(collection)
		return func(ids []int) { q.add(panelChange{panel: panelName, ids: ids}) }
	}
}

// Drift is the source that wakes the objects of a kind observed through collection when a list
// finds their panel object changed, appeared or vanished: drift made in the panel is put back
// within one sync interval, and objects in sync need no poll of their own to notice it. kube
// reads the kind's objects by the panel-object index; newList makes an empty list of the kind.
func (r *Registry) Drift(collection string) func(kube client.Reader, newList func() client.ObjectList) source.Source {
	q := r.queue(collection)
	return func(kube client.Reader, newList func() client.ObjectList) source.Source {
		return source.Func(func(ctx context.Context, wq workqueue.TypedRateLimitingInterface[reconcile.Request]) error {
			go func() {
				for {
					select {
					case <-ctx.Done():
						return
					case <-q.ready:
					}
					for _, c := range q.take() {
						enqueueBound(ctx, kube, newList, c, wq)
					}
				}
			}()
			return nil
		})
	}
}

// enqueueBound queues the objects bound to the panel objects of c.
func enqueueBound(ctx context.Context, kube client.Reader, newList func() client.ObjectList, c panelChange,
	wq workqueue.TypedRateLimitingInterface[reconcile.Request]) {
	for _, id := range c.ids {
		for _, req := range index.BoundTo(ctx, kube, newList, c.panel, strconv.Itoa(id)) {
			wq.Add(req)
		}
	}
}
