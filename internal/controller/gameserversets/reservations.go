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

package gameserversets

import (
	"sync"
	"time"

	"k8s.io/apimachinery/pkg/types"
)

// reservationTTL bounds how long a placement holds its ports without the replica showing up in
// the cache: long enough for any informer lag, short enough that a create that never happened
// does not keep ports from the next one.
const reservationTTL = 2 * time.Minute

// reservation is a placement made but not yet visible as a GameServer in the cache.
type reservation struct {
	replica      types.NamespacedName
	ip           string
	ports        []int
	memory, disk int64
	until        time.Time
}

// ledger holds the placements of every set of the manager. Placing takes its lock, so two sets
// reconciled at once never choose the same port; a reservation covers the moment between the
// choice and the cache showing the replica that holds it.
type ledger struct {
	mu sync.Mutex
	// byNode is keyed by nodeKey.
	byNode map[string][]*reservation
}

func newLedger() *ledger { return &ledger{byNode: map[string][]*reservation{}} }

// nodeKey names a node across Panels.
func nodeKey(panel, node string) string { return panel + "/" + node }

// pending returns the node's reservations whose replicas are not in seen (the GameServers the
// cache has on the node), dropping those that are and those that expired. Holds l.mu.
func (l *ledger) pending(key string, seen map[types.NamespacedName]bool, now time.Time) []*reservation {
	kept := l.byNode[key][:0]
	for _, r := range l.byNode[key] {
		if !seen[r.replica] && now.Before(r.until) {
			kept = append(kept, r)
		}
	}
	if len(kept) == 0 {
		delete(l.byNode, key)
		return nil
	}
	l.byNode[key] = kept
	return kept
}

// reserve records a placement. Holds l.mu.
func (l *ledger) reserve(key string, r *reservation) {
	l.byNode[key] = append(l.byNode[key], r)
}

// release drops the reservation of a replica whose create failed.
func (l *ledger) release(key string, replica types.NamespacedName) {
	l.mu.Lock()
	defer l.mu.Unlock()
	kept := l.byNode[key][:0]
	for _, r := range l.byNode[key] {
		if r.replica != replica {
			kept = append(kept, r)
		}
	}
	l.byNode[key] = kept
}
