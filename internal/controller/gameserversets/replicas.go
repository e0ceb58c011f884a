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

// Package gameserversets runs GameServerSets: fleets of GameServers made from one template,
// placed on the nodes a selector picks, scaled and replaced like a Deployment's pods.
package gameserversets

import (
	"encoding/json"
	"hash/fnv"
	"strconv"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/rand"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
)

// replica is one GameServer of a set, as the set counts it.
type replica struct {
	gs *ptero.GameServer
	// updated: made from the set's current template.
	updated bool
	// ready: the GameServer's Ready condition is True for its current spec.
	ready bool
	// running: the panel reports the server running.
	running bool
}

// available replicas count toward a rolling update's minimum: Ready, which for a server whose
// power is managed already means running.
func (r replica) available() bool { return r.ready }

// deleting reports whether the replica is on its way out (its finalizer still runs).
func (r replica) deleting() bool { return !r.gs.DeletionTimestamp.IsZero() }

// newReplica is what the set knows of gs, given the hash of its current template.
func newReplica(gs *ptero.GameServer, templateHash string) replica {
	ready := meta.FindStatusCondition(gs.Status.Conditions, ptero.ConditionReady)
	return replica{
		gs:      gs,
		updated: gs.Labels[ptero.LabelTemplateHash] == templateHash,
		ready:   ready != nil && ready.Status == metav1.ConditionTrue && ready.ObservedGeneration == gs.Generation,
		running: gs.Status.Power == ptero.ServerPowerRunning,
	}
}

// templateHash names a template: replicas carry it in a label, and one whose label differs from
// the set's current hash is of an older template. The template as stored (with the API's
// defaults) is hashed, so an apply that changes nothing keeps the hash.
func templateHash(t *ptero.GameServerTemplate) string {
	b, _ := json.Marshal(t) // a struct of plain fields always marshals
	h := fnv.New32a()
	_, _ = h.Write(b)
	return rand.SafeEncodeString(strconv.FormatUint(uint64(h.Sum32()), 10))
}

// selector is status.selector: the label selector of the set's replicas, for /scale.
func selector(set *ptero.GameServerSet) string {
	return metav1.FormatLabelSelector(&metav1.LabelSelector{MatchLabels: map[string]string{ptero.LabelSet: set.Name}})
}
