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
	"fmt"

	"k8s.io/utils/ptr"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
)

// setStatus counts live (the replicas not being deleted, as this reconcile left them) into the
// set's status and sets Available; with a reason (the reconcile did what it planned) also
// Progressing and Ready. Ready is True once there are replicas replicas, all of the current
// template and all available: what Argo CD and kstatus wait for after a change.
func setStatus(set *ptero.GameServerSet, live []replica, ro rollout, reason string) {
	desired := ptr.Deref(set.Spec.Replicas, 1)
	st := &set.Status
	st.Replicas, st.ReadyReplicas, st.RunningReplicas, st.UpdatedReplicas = int32(len(live)), 0, 0, 0
	// available counts the replicas of the current template that are available, allAvailable
	// every available one.
	available, allAvailable := int32(0), int32(0)
	for _, rep := range live {
		if rep.available() {
			allAvailable++
		}
		if rep.ready {
			st.ReadyReplicas++
		}
		if rep.running {
			st.RunningReplicas++
		}
		if rep.updated {
			st.UpdatedReplicas++
			if rep.available() {
				available++
			}
		}
	}
	st.Selector = selector(set)
	st.ObservedGeneration = set.Generation

	gen := set.Generation
	minAvailable := desired - int32(ro.maxUnavailable)
	if allAvailable >= minAvailable {
		managed.SetCondition(&st.Conditions, gen, ptero.ConditionAvailable, true, ptero.ReasonAvailable,
			fmt.Sprintf("%d of %d replicas available (at least %d needed)", allAvailable, desired, max(minAvailable, 0)))
	} else {
		managed.SetCondition(&st.Conditions, gen, ptero.ConditionAvailable, false, ptero.ReasonReplicasUnavailable,
			fmt.Sprintf("%d of %d replicas available, fewer than the %d needed", allAvailable, desired, minAvailable))
	}
	if reason == "" {
		return
	}
	// The reconcile did what it planned: nothing waits for a person any more.
	managed.SetStalled(&st.Conditions, gen, false, "", "")
	done := st.Replicas == desired && st.UpdatedReplicas == desired && available == desired
	switch {
	case done:
		managed.SetCondition(&st.Conditions, gen, ptero.ConditionProgressing, true, ptero.ReasonReplicasUpToDate,
			fmt.Sprintf("%d replicas of the current template, all available", desired))
		managed.SetCondition(&st.Conditions, gen, ptero.ConditionReady, true, ptero.ReasonAvailable,
			fmt.Sprintf("%d of %d replicas Ready", st.ReadyReplicas, desired))
	default:
		if reason == ptero.ReasonReplicasUpToDate {
			// Nothing to create or delete: the replicas are still getting Ready.
			reason = ptero.ReasonReplicasUnavailable
		}
		managed.SetCondition(&st.Conditions, gen, ptero.ConditionProgressing, true, reason, progressMessage(set, desired))
		managed.SetCondition(&st.Conditions, gen, ptero.ConditionReady, false, reason,
			fmt.Sprintf("%d of %d replicas Ready and of the current template", available, desired))
	}
}

// progressMessage says where the set is on its way to desired replicas.
func progressMessage(set *ptero.GameServerSet, desired int32) string {
	st := set.Status
	return fmt.Sprintf("%d replicas (%d of the current template, %d Ready), %d wanted", st.Replicas, st.UpdatedReplicas, st.ReadyReplicas, desired)
}
