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
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
)

// fleet builds replicas from a compact description: one letter per replica, upper case when
// available, "n" for the current template and "o" for an older one; age orders them.
func fleet(desc string) []replica {
	var out []replica
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, c := range desc {
		gs := &ptero.GameServer{ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("r%d", i), UID: types.UID(fmt.Sprint(i)),
			CreationTimestamp: metav1.NewTime(base.Add(time.Duration(i) * time.Minute))}}
		out = append(out, replica{gs: gs, updated: c == 'n' || c == 'N', ready: c == 'N' || c == 'O', running: c == 'N' || c == 'O'})
	}
	return out
}

func setOf(replicas int32, strategy ptero.StrategyType, maxSurge, maxUnavailable int) *ptero.GameServerSet {
	set := &ptero.GameServerSet{Spec: ptero.GameServerSetSpec{Replicas: ptr.To(replicas),
		Strategy: ptero.GameServerSetStrategy{Type: strategy}}}
	if strategy == ptero.StrategyRollingUpdate {
		set.Spec.Strategy.RollingUpdate = &ptero.RollingUpdate{MaxSurge: ptr.To(intstr.FromInt32(int32(maxSurge))),
			MaxUnavailable: ptr.To(intstr.FromInt32(int32(maxUnavailable)))}
	}
	return set
}

func names(rs []replica) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.gs.Name)
	}
	return out
}

func TestPlanReplicas(t *testing.T) {
	for _, tc := range []struct {
		name        string
		set         *ptero.GameServerSet
		live, going string
		wantCreate  int
		wantRemove  []string
		wantReason  string
	}{
		{name: "scale up from nothing", set: setOf(3, ptero.StrategyRollingUpdate, 0, 1),
			wantCreate: 3, wantReason: ptero.ReasonScaling},
		{name: "up to date", set: setOf(2, ptero.StrategyRollingUpdate, 0, 1), live: "NN",
			wantReason: ptero.ReasonReplicasUpToDate},
		{name: "scale down takes the offline replica first", set: setOf(2, ptero.StrategyRollingUpdate, 0, 1), live: "NnN",
			wantRemove: []string{"r1"}, wantReason: ptero.ReasonScaling},
		{name: "scale down waits for nothing but counts what is going", set: setOf(2, ptero.StrategyRollingUpdate, 0, 1), live: "NN", going: "N",
			wantReason: ptero.ReasonScaling},
		{name: "rolling update with maxSurge 0 frees one old replica first", set: setOf(3, ptero.StrategyRollingUpdate, 0, 1), live: "OOO",
			wantRemove: []string{"r2"}, wantReason: ptero.ReasonRollingUpdate},
		{name: "rolling update creates when the old one is gone", set: setOf(3, ptero.StrategyRollingUpdate, 0, 1), live: "OO",
			wantCreate: 1, wantReason: ptero.ReasonRollingUpdate},
		{name: "rolling update waits while one is going", set: setOf(3, ptero.StrategyRollingUpdate, 0, 1), live: "OO", going: "O",
			wantReason: ptero.ReasonRollingUpdate},
		{name: "rolling update never takes a second available replica away", set: setOf(3, ptero.StrategyRollingUpdate, 0, 1), live: "OOn",
			wantReason: ptero.ReasonRollingUpdate},
		{name: "rolling update goes on once the new replica is available", set: setOf(3, ptero.StrategyRollingUpdate, 0, 1), live: "OON",
			wantRemove: []string{"r1"}, wantReason: ptero.ReasonRollingUpdate},
		{name: "unavailable old replicas go at once", set: setOf(3, ptero.StrategyRollingUpdate, 0, 1), live: "ooO",
			wantRemove: []string{"r1", "r0"}, wantReason: ptero.ReasonRollingUpdate},
		{name: "maxSurge creates above replicas first", set: setOf(2, ptero.StrategyRollingUpdate, 1, 0), live: "OO",
			wantCreate: 1, wantReason: ptero.ReasonRollingUpdate},
		{name: "maxSurge removes an old one once the surge is available", set: setOf(2, ptero.StrategyRollingUpdate, 1, 0), live: "OON",
			wantRemove: []string{"r1"}, wantReason: ptero.ReasonRollingUpdate},
		{name: "recreate removes every old replica", set: setOf(2, ptero.StrategyRecreate, 0, 0), live: "OO",
			wantRemove: []string{"r0", "r1"}, wantReason: ptero.ReasonRollingUpdate},
		{name: "recreate creates once the old are gone", set: setOf(2, ptero.StrategyRecreate, 0, 0), going: "O",
			wantReason: ptero.ReasonRollingUpdate},
		{name: "recreate then scales up", set: setOf(2, ptero.StrategyRecreate, 0, 0),
			wantCreate: 2, wantReason: ptero.ReasonScaling},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ro, err := resolveRollout(tc.set)
			if err != nil {
				t.Fatal(err)
			}
			live := fleet(tc.live)
			going := fleet(tc.going)
			for i := range going {
				going[i].gs.Name = "going-" + going[i].gs.Name
				going[i].gs.UID += "g"
			}
			p := planReplicas(tc.set, live, going, ro)
			if p.create != tc.wantCreate || fmt.Sprint(names(p.remove)) != fmt.Sprint(tc.wantRemove) || p.reason != tc.wantReason {
				t.Errorf("plan = create %d, remove %v, %s; want create %d, remove %v, %s",
					p.create, names(p.remove), p.reason, tc.wantCreate, tc.wantRemove, tc.wantReason)
			}
		})
	}
}

// TestRollingUpdateKeepsAvailability plays a whole rolling update, replicas becoming available
// one step after they are made, and checks that no step leaves fewer than replicas minus
// maxUnavailable available or more than replicas plus maxSurge in existence.
func TestRollingUpdateKeepsAvailability(t *testing.T) {
	for _, bounds := range []struct{ surge, unavailable int }{{0, 1}, {1, 0}, {2, 1}, {0, 2}} {
		t.Run(fmt.Sprintf("maxSurge %d maxUnavailable %d", bounds.surge, bounds.unavailable), func(t *testing.T) {
			const desired = 5
			set := setOf(desired, ptero.StrategyRollingUpdate, bounds.surge, bounds.unavailable)
			ro, _ := resolveRollout(set)
			live := fleet("OOOOO")
			next := len(live)
			for step := 0; step < 50; step++ {
				p := planReplicas(set, live, nil, ro)
				live = without(live, p.remove) // deleted replicas are gone by the next step
				for i := range live {
					live[i].ready = true // what was made last step is available now
				}
				for range p.create {
					r := fleet("n")[0]
					r.gs.Name, r.gs.UID = fmt.Sprintf("r%d", next), types.UID(fmt.Sprint(next))
					next++
					live = append(live, r)
				}
				available := 0
				for _, r := range live {
					if r.available() {
						available++
					}
				}
				if len(live) > desired+bounds.surge {
					t.Fatalf("step %d: %d replicas, more than %d+%d", step, len(live), desired, bounds.surge)
				}
				if available < desired-ro.maxUnavailable {
					t.Fatalf("step %d: %d available, fewer than %d-%d", step, available, desired, ro.maxUnavailable)
				}
				updated := 0
				for _, r := range live {
					if r.updated {
						updated++
					}
				}
				if updated == desired && len(live) == desired {
					return
				}
			}
			t.Fatalf("the update did not finish in 50 steps: %d replicas", len(live))
		})
	}
}

func TestResolveRolloutPercentages(t *testing.T) {
	set := setOf(10, ptero.StrategyRollingUpdate, 0, 0)
	set.Spec.Strategy.RollingUpdate.MaxSurge = ptr.To(intstr.FromString("25%"))
	set.Spec.Strategy.RollingUpdate.MaxUnavailable = ptr.To(intstr.FromString("25%"))
	ro, err := resolveRollout(set)
	if err != nil || ro.maxSurge != 3 || ro.maxUnavailable != 2 {
		t.Errorf("25%% of 10 = surge %d (round up), unavailable %d (round down), %v; want 3 and 2", ro.maxSurge, ro.maxUnavailable, err)
	}
	if ro, _ := resolveRollout(setOf(3, ptero.StrategyRollingUpdate, 0, 0)); ro.maxUnavailable != 1 {
		t.Errorf("both 0 must still let one replica be replaced, got %+v", ro)
	}
}
