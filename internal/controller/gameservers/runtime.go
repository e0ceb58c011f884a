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
	"context"
	"strconv"
	"time"

	corev1 "k8s.io/api/core/v1"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// runtimePlan is what the client API says a running server needs: files to write, a power
// signal, a restart. Observe makes it; Update carries it out after the application API's writes.
type runtimePlan struct {
	observed bool // the client API was read on this reconcile
	power    ptero.ServerPower
	writes   []desiredFile
	decision powerDecision
	// restartToken: the restart annotation carries a token not acted on yet.
	restartToken bool
}

func (p runtimePlan) empty() bool {
	return len(p.writes) == 0 && p.decision.signal == "" && !p.restartToken
}

// usesClientAPI says whether the spec asks for something only the client API does.
func usesClientAPI(gs *ptero.GameServer) bool {
	return gs.Spec.Power != "" || len(gs.Spec.Files) > 0 || restartRequested(gs)
}

// restartRequested reports a restart token not acted on yet.
func restartRequested(gs *ptero.GameServer) bool {
	return managed.TokenPending(gs, ptero.AnnotationRestart, gs.Status.LastRestartToken)
}

// observeRuntime reads the server's power state and resources, and the files the spec keeps,
// and decides what to send. Only for an installed server: the panel refuses power and files
// while a server installs, is suspended or is being transferred, and nothing is sent then.
func (e *external) observeRuntime(ctx context.Context, gs *ptero.GameServer, identifier string) (runtimePlan, error) {
	res, err := e.conn.Client.ClientAPI.Resources(ctx, identifier)
	if err != nil {
		return runtimePlan{}, err
	}
	previous := gs.Status.Power
	setPower(gs, res)
	plan := runtimePlan{observed: true, power: gs.Status.Power, restartToken: restartRequested(gs)}
	if len(gs.Spec.Files) > 0 {
		want, err := e.desiredFiles(ctx, gs)
		if err != nil {
			return runtimePlan{}, err
		}
		if plan.writes, err = e.filesToWrite(ctx, identifier, want); err != nil {
			return runtimePlan{}, err
		}
	}
	if gs.Spec.Power != "" {
		plan.decision = e.power.decide(gs.UID, gs.Spec.Power, previous, res, time.Now())
	}
	return plan, nil
}

// setPower records what /resources said in status.
func setPower(gs *ptero.GameServer, res *panel.ServerResources) {
	u := res.Resources
	gs.Status.Power = ptero.ServerPower(res.CurrentState)
	gs.Status.Resources = &ptero.ServerResources{
		MemoryBytes:    u.MemoryBytes,
		CPUAbsolute:    strconv.FormatFloat(u.CPUAbsolute, 'f', -1, 64),
		DiskBytes:      u.DiskBytes,
		NetworkRxBytes: u.NetworkRxBytes,
		NetworkTxBytes: u.NetworkTxBytes,
		UptimeSeconds:  u.Uptime / 1000,
	}
}

// applyRuntime writes the files, sends the power signal and restarts the server when the
// policy or the restart annotation asks for it: once, after every other write of this
// reconcile, so the server comes up with all of them. changed says whether the application
// API writes of this reconcile changed something that only takes effect on restart.
func (e *external) applyRuntime(ctx context.Context, gs *ptero.GameServer, identifier string, changed bool) error {
	p, api := e.runtime, e.conn.Client.ClientAPI
	for _, f := range p.writes {
		if err := api.WriteFile(ctx, identifier, f.path, f.content); err != nil {
			return err
		}
		e.event(gs, corev1.EventTypeNormal, "FileWritten", "WriteFile", "Wrote %s (%d bytes)", f.path, len(f.content))
		changed = true
	}
	if d := p.decision; d.signal != "" {
		if err := api.SendPowerSignal(ctx, identifier, d.signal); err != nil {
			return err
		}
		e.power.sent(gs.UID, d.signal, time.Now())
		switch {
		case d.crash:
			e.event(gs, corev1.EventTypeWarning, "Crashed", "Start",
				"The server stopped on its own while spec.power is Running; started it again (attempt %d, backing off). "+
					"If it keeps stopping, read its console in the panel and fix the egg, image, variables or files", d.attempt)
		case d.signal == panel.PowerStart:
			e.event(gs, corev1.EventTypeNormal, "Started", "Start", "Started the server (spec.power is Running)")
		default:
			e.event(gs, corev1.EventTypeNormal, "Stopped", "Stop", "Stopped the server (spec.power is Stopped)")
		}
		// A server being started or stopped takes every change with it.
		return e.servedRestart(gs)
	}
	running := p.power == ptero.ServerPowerRunning || p.power == ptero.ServerPowerStarting
	wanted := p.restartToken || (changed && gs.Spec.RestartPolicy == ptero.RestartOnChange)
	if wanted && running {
		if err := api.SendPowerSignal(ctx, identifier, panel.PowerRestart); err != nil {
			return err
		}
		e.power.sent(gs.UID, panel.PowerRestart, time.Now())
		why := "restartPolicy is OnChange and the reconcile changed what takes effect on restart"
		if p.restartToken {
			why = "the " + ptero.AnnotationRestart + " annotation asked for it"
		}
		e.event(gs, corev1.EventTypeNormal, "Restarted", "Restart", "Restarted the server: %s", why)
	}
	return e.servedRestart(gs)
}

// servedRestart records the restart token as served: a server that is not running has nothing
// to restart, and one that was started or restarted runs with every change.
func (e *external) servedRestart(gs *ptero.GameServer) error {
	if e.runtime.restartToken {
		gs.Status.LastRestartToken = gs.Annotations[ptero.AnnotationRestart]
	}
	return nil
}

// powerReadiness says why a server whose power does not match spec.power is not Ready yet.
func powerReadiness(gs *ptero.GameServer, p runtimePlan) (reason, message string, poll time.Duration) {
	if gs.Spec.Power == "" || !p.observed || matches(gs.Spec.Power, p.power) {
		return "", "", 0
	}
	msg := "The panel reports the server " + string(p.power) + "; spec.power is " + string(gs.Spec.Power)
	if p.decision.wait != "" {
		msg += ": " + p.decision.wait
	}
	poll = p.decision.poll
	if poll == 0 {
		poll = powerPoll
	}
	return ptero.ReasonPowerMismatch, msg + ".", poll
}
