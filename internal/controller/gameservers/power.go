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
	"fmt"
	"sync"
	"time"

	"k8s.io/apimachinery/pkg/types"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

const (
	// signalGrace is how long a power signal sent is taken as under way: the panel answers
	// /resources from a 20-second cache, so the state it reports right after a start can still
	// be "offline", and sending the start again would only repeat it.
	signalGrace = 30 * time.Second
	// powerPoll is how often a server whose power does not match yet is looked at.
	powerPoll = 5 * time.Second
	// crashBackoff is the wait before the second start of a server that keeps stopping on its
	// own, doubling up to crashBackoffMax; a server that stayed up for crashReset starts over.
	crashBackoff    = 10 * time.Second
	crashBackoffMax = 5 * time.Minute
	crashReset      = 5 * time.Minute
)

// powerTracker remembers, per GameServer, the last power signal sent and the starts after
// crashes, across reconciles. It lives in memory: after a restart of the operator, at worst one
// signal is sent again and the backoff starts from the beginning. A GameServer's history goes
// when the GameServer does (Setup's Forget), however it was deleted.
type powerTracker struct {
	mu      sync.Mutex
	servers map[types.UID]*powerHistory
}

type powerHistory struct {
	signal    panel.PowerSignal
	sentAt    time.Time
	crashes   int
	nextStart time.Time
}

func newPowerTracker() *powerTracker {
	return &powerTracker{servers: map[types.UID]*powerHistory{}}
}

func (t *powerTracker) history(uid types.UID) *powerHistory {
	h := t.servers[uid]
	if h == nil {
		h = &powerHistory{}
		t.servers[uid] = h
	}
	return h
}

// powerDecision is what to do about a server's power on this reconcile.
type powerDecision struct {
	signal panel.PowerSignal // "" sends nothing
	// crash: the server stopped on its own while Running is wanted; the start is its
	// attempt-th since it last stayed up.
	crash   bool
	attempt int
	// wait, when set, is why nothing is sent although the power does not match yet, and poll
	// when to look again.
	wait string
	poll time.Duration
}

// decide compares spec.power with the state the panel reports. previous is status.power from
// the reconcile before: a server seen running and now offline stopped on its own.
func (t *powerTracker) decide(uid types.UID, want ptero.PowerState, previous ptero.ServerPower, res *panel.ServerResources, now time.Time) powerDecision {
	t.mu.Lock()
	defer t.mu.Unlock()
	h := t.history(uid)
	state := ptero.ServerPower(res.CurrentState)
	if state == ptero.ServerPowerRunning && time.Duration(res.Resources.Uptime)*time.Millisecond >= crashReset {
		h.crashes, h.nextStart = 0, time.Time{}
	}
	var signal panel.PowerSignal
	switch {
	case want == ptero.PowerRunning && state == ptero.ServerPowerOffline:
		signal = panel.PowerStart
	case want == ptero.PowerStopped && (state == ptero.ServerPowerRunning || state == ptero.ServerPowerStarting):
		signal = panel.PowerStop
	case matches(want, state):
		h.signal = ""
		return powerDecision{}
	default: // starting or stopping on its way
		return powerDecision{wait: fmt.Sprintf("the server is %s", state), poll: powerPoll}
	}
	if h.signal == signal && now.Sub(h.sentAt) < signalGrace {
		return powerDecision{wait: fmt.Sprintf("%s sent %s ago; the panel reports %s", signal, now.Sub(h.sentAt).Round(time.Second), state), poll: powerPoll}
	}
	d := powerDecision{signal: signal}
	// A start is after a crash when the server was seen running, or when the last start never
	// got it there: either way it keeps stopping, and the starts back off.
	if signal == panel.PowerStart && (previous == ptero.ServerPowerRunning || h.signal == panel.PowerStart) {
		if now.Before(h.nextStart) {
			return powerDecision{wait: fmt.Sprintf("it stopped on its own %d times; starting it again in %s", h.crashes, h.nextStart.Sub(now).Round(time.Second)),
				poll: h.nextStart.Sub(now)}
		}
		h.crashes++
		h.nextStart = now.Add(min(crashBackoffMax, crashBackoff<<(h.crashes-1)))
		d.crash, d.attempt = true, h.crashes
	}
	return d
}

// sent records a signal the panel accepted.
func (t *powerTracker) sent(uid types.UID, signal panel.PowerSignal, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	h := t.history(uid)
	h.signal, h.sentAt = signal, now
}

// forget drops the history of a GameServer that is gone.
func (t *powerTracker) forget(uid types.UID) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.servers, uid)
}

// matches says whether the panel's state is the one spec.power asks for.
func matches(want ptero.PowerState, state ptero.ServerPower) bool {
	switch want {
	case ptero.PowerRunning:
		return state == ptero.ServerPowerRunning
	case ptero.PowerStopped:
		return state == ptero.ServerPowerOffline
	}
	return true
}
