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
	"cmp"
	"slices"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
)

// scaleDownOrder sorts replicas so that those to remove first come first. OfflineFirst takes
// the replicas that are not running (no players can be on them), then those not Ready, then the
// newest: like a Deployment, it keeps what serves and what has proven itself.
func scaleDownOrder(replicas []replica, order ptero.ScaleDownOrder) []replica {
	sorted := slices.Clone(replicas)
	newestFirst := func(a, b replica) int {
		if c := b.gs.CreationTimestamp.Compare(a.gs.CreationTimestamp.Time); c != 0 {
			return c
		}
		return cmp.Compare(b.gs.Name, a.gs.Name)
	}
	switch order {
	case ptero.ScaleDownOldest:
		slices.SortStableFunc(sorted, func(a, b replica) int { return -newestFirst(a, b) })
	case ptero.ScaleDownNewest:
		slices.SortStableFunc(sorted, newestFirst)
	default: // OfflineFirst
		slices.SortStableFunc(sorted, func(a, b replica) int {
			if c := cmp.Compare(rank(a.running), rank(b.running)); c != 0 {
				return c
			}
			if c := cmp.Compare(rank(a.ready), rank(b.ready)); c != 0 {
				return c
			}
			return newestFirst(a, b)
		})
	}
	return sorted
}

// rank orders false before true.
func rank(b bool) int {
	if b {
		return 1
	}
	return 0
}
