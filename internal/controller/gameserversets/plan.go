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
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
)

// plan is what one reconcile does to a set's replicas.
type plan struct {
	// create is how many replicas of the current template to make.
	create int
	// remove are the replicas to delete.
	remove []replica
	// reason says what the set is doing: Scaling, RollingUpdate or ReplicasUpToDate.
	reason string
}

// rollout bounds a rolling update, resolved against spec.replicas.
type rollout struct {
	maxSurge, maxUnavailable int
}

// resolveRollout turns maxSurge (rounded up) and maxUnavailable (rounded down) into counts, as
// a Deployment does; when both come to 0, one replica may be unavailable, so that an update
// always goes on.
func resolveRollout(set *ptero.GameServerSet) (rollout, error) {
	desired := int(ptr.Deref(set.Spec.Replicas, 1))
	surge, unavailable := intstr.FromInt32(0), intstr.FromInt32(1)
	if ru := set.Spec.Strategy.RollingUpdate; ru != nil {
		if ru.MaxSurge != nil {
			surge = *ru.MaxSurge
		}
		if ru.MaxUnavailable != nil {
			unavailable = *ru.MaxUnavailable
		}
	}
	s, err := intstr.GetScaledValueFromIntOrPercent(&surge, desired, true)
	if err != nil {
		return rollout{}, err
	}
	u, err := intstr.GetScaledValueFromIntOrPercent(&unavailable, desired, false)
	if err != nil {
		return rollout{}, err
	}
	if s == 0 && u == 0 {
		u = 1
	}
	return rollout{maxSurge: s, maxUnavailable: u}, nil
}

// planReplicas decides which replicas to create and delete. live are the replicas not being
// deleted; going are those being deleted, which still hold their ports and, during an update,
// count against maxSurge: with the default maxSurge 0 an old replica's ports are free again
// before its successor is placed.
func planReplicas(set *ptero.GameServerSet, live, going []replica, r rollout) plan {
	desired := int(ptr.Deref(set.Spec.Replicas, 1))
	var current, old []replica
	for _, rep := range live {
		if rep.updated {
			current = append(current, rep)
		} else {
			old = append(old, rep)
		}
	}
	oldGoing := false
	for _, rep := range going {
		oldGoing = oldGoing || !rep.updated
	}
	order := set.Spec.ScaleDownOrder

	if len(old) == 0 && !oldGoing {
		p := plan{reason: ptero.ReasonReplicasUpToDate}
		switch {
		case len(current) < desired:
			p.create = desired - len(current)
		case len(current) > desired:
			p.remove = scaleDownOrder(current, order)[:len(current)-desired]
		}
		if p.create > 0 || len(p.remove) > 0 || len(going) > 0 {
			p.reason = ptero.ReasonScaling
		}
		return p
	}

	p := plan{reason: ptero.ReasonRollingUpdate}
	if set.Spec.Strategy.Type == ptero.StrategyRecreate {
		// Every old replica goes first; new ones come once the last is gone.
		p.remove = old
		if len(old) == 0 && !oldGoing {
			p.create = max(0, desired-len(current))
		}
		return p
	}

	// New replicas, as many as maxSurge allows above desired (counting those still going).
	p.create = max(0, min(desired-len(current), desired+r.maxSurge-len(live)-len(going)))
	// Old replicas, unavailable ones first (removing them costs no availability), then as
	// many available ones as keep desired-maxUnavailable available.
	available := 0
	for _, rep := range live {
		if rep.available() {
			available++
		}
	}
	minAvailable := desired - r.maxUnavailable
	for _, rep := range unavailableFirst(scaleDownOrder(old, order)) {
		if !rep.available() {
			p.remove = append(p.remove, rep)
		} else if available-1 >= minAvailable {
			p.remove = append(p.remove, rep)
			available--
		}
	}
	// A scale-down during the update: new replicas above desired go too.
	if len(current) > desired {
		p.remove = append(p.remove, scaleDownOrder(current, order)[:len(current)-desired]...)
	}
	return p
}

// unavailableFirst moves the unavailable replicas ahead of the available ones, keeping order.
func unavailableFirst(replicas []replica) []replica {
	out := make([]replica, 0, len(replicas))
	for _, rep := range replicas {
		if !rep.available() {
			out = append(out, rep)
		}
	}
	for _, rep := range replicas {
		if rep.available() {
			out = append(out, rep)
		}
	}
	return out
}
