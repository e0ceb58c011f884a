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

package gameservers

import (
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/types"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

func resources(state string, uptime time.Duration) *panel.ServerResources {
	return &panel.ServerResources{CurrentState: state, Resources: panel.ResourceUsage{Uptime: uptime.Milliseconds()}}
}

func TestPowerDecisions(t *testing.T) {
	cases := []struct {
		name   string
		want   ptero.PowerState
		state  string
		signal panel.PowerSignal
		wait   bool
	}{
		{"offline, Running wanted", ptero.PowerRunning, "offline", panel.PowerStart, false},
		{"running, Running wanted", ptero.PowerRunning, "running", "", false},
		{"starting, Running wanted", ptero.PowerRunning, "starting", "", true},
		{"stopping, Running wanted", ptero.PowerRunning, "stopping", "", true},
		{"running, Stopped wanted", ptero.PowerStopped, "running", panel.PowerStop, false},
		{"starting, Stopped wanted", ptero.PowerStopped, "starting", panel.PowerStop, false},
		{"offline, Stopped wanted", ptero.PowerStopped, "offline", "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := newPowerTracker().decide("uid", c.want, "", resources(c.state, 0), time.Now())
			if d.signal != c.signal || (d.wait != "") != c.wait || d.crash {
				t.Errorf("decide = %+v, want signal %q, waiting %v, no crash", d, c.signal, c.wait)
			}
		})
	}
}

// A signal is not repeated while the panel's cached /resources may still show the old state.
func TestPowerSignalNotRepeatedWithinGrace(t *testing.T) {
	tr, now := newPowerTracker(), time.Now()
	tr.sent("uid", panel.PowerStart, now)
	if d := tr.decide("uid", ptero.PowerRunning, ptero.ServerPowerOffline, resources("offline", 0), now.Add(10*time.Second)); d.signal != "" || d.wait == "" {
		t.Errorf("10s after a start: %+v, want a wait", d)
	}
}

// Starts after crashes back off, doubling, until the server stays up for crashReset.
func TestCrashStartsBackOff(t *testing.T) {
	tr, now := newPowerTracker(), time.Now()
	uid := types.UID("uid")
	var gaps []time.Duration
	last := now
	for attempt := 1; attempt <= 4; attempt++ {
		// Wait until the tracker lets the next start go, a second at a time.
		for {
			d := tr.decide(uid, ptero.PowerRunning, ptero.ServerPowerRunning, resources("offline", 0), now)
			if d.signal == panel.PowerStart {
				if !d.crash || d.attempt != attempt {
					t.Fatalf("start %d: %+v, want crash attempt %d", attempt, d, attempt)
				}
				gaps = append(gaps, now.Sub(last).Round(time.Second))
				last = now
				tr.sent(uid, d.signal, now)
				break
			}
			now = now.Add(time.Second)
		}
	}
	// The first crash start goes at once; then 30s (the signal grace outlasts 10s and 20s), 40s.
	want := []time.Duration{0, signalGrace, signalGrace, 40 * time.Second}
	for i := range want {
		if gaps[i] != want[i] {
			t.Fatalf("gaps between starts %v, want %v", gaps, want)
		}
	}
	// Up for crashReset: the next crash is the first again.
	tr.decide(uid, ptero.PowerRunning, ptero.ServerPowerRunning, resources("running", crashReset), now)
	now = now.Add(time.Minute)
	if d := tr.decide(uid, ptero.PowerRunning, ptero.ServerPowerRunning, resources("offline", 0), now); d.attempt != 1 {
		t.Errorf("after staying up: %+v, want attempt 1", d)
	}
}

// A GameServer that is gone leaves nothing behind, whatever its power was doing.
func TestForgetDropsTheHistory(t *testing.T) {
	tr, now := newPowerTracker(), time.Now()
	tr.decide("crashing", ptero.PowerRunning, ptero.ServerPowerRunning, resources("offline", 0), now)
	tr.sent("crashing", panel.PowerStart, now)
	tr.sent("stopping", panel.PowerStop, now)
	tr.forget("crashing")
	tr.forget("stopping")
	if len(tr.servers) != 0 {
		t.Fatalf("%d histories kept after their GameServers went", len(tr.servers))
	}
}
