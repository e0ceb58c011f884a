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

// Package gameservers reconciles GameServers: panel servers with their owner, egg, limits,
// allocations and suspension, created once, kept in line with the spec and reported with their
// install state.
package gameservers

import (
	"context"
	"time"

	"k8s.io/client-go/tools/events"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/log"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// external is one reconcile's view of one GameServer's panel server. Observe keeps what it read
// and planned, so Update sends exactly the calls the plan asked for without reading again.
type external struct {
	kube   client.Reader
	conn   *connection.Conn
	power  *powerTracker
	events events.EventRecorder

	server    *panel.Server
	plan      plan
	reinstall bool
	runtime   runtimePlan
}

var _ managed.External[*ptero.GameServer] = (*external)(nil)

// Observe implements managed.External.
func (e *external) Observe(ctx context.Context, gs *ptero.GameServer) (managed.Observation, error) {
	s, err := e.find(ctx, gs)
	if err != nil {
		return managed.Observation{}, err
	}
	if s == nil {
		gs.Status.State = ptero.GameServerStatePending
		return managed.Observation{Exists: false}, nil
	}
	setObserved(gs, s)

	r, err := e.resolve(ctx, gs, s)
	if err != nil {
		return managed.Observation{}, err
	}
	p, err := planUpdate(s, r.desired, r.egg)
	if err != nil {
		return managed.Observation{}, err
	}
	e.server, e.plan = s, p
	e.reinstall = reinstallRequested(gs)
	inLine := p.empty() && !e.reinstall
	if usesClientAPI(gs) {
		switch {
		case !e.conn.Client.HasClientKey():
			if inLine {
				return managed.Observation{}, e.conn.RequireClientKey("spec.power, spec.files and the restart annotation")
			}
		case gs.Status.State == ptero.GameServerStateInstalled && p.Suspend == nil && !e.reinstall:
			if e.runtime, err = e.observeRuntime(ctx, gs, s.Identifier); err != nil {
				return managed.Observation{}, err
			}
		}
	}
	obs := managed.Observation{Exists: true, UpToDate: inLine && e.runtime.empty()}
	obs.NotReadyReason, obs.NotReadyMessage, obs.PollAfter = readiness(gs.Status.State)
	// The panel does not run a failed install again by itself: a reinstall or a new spec must.
	obs.Stalled = obs.NotReadyReason == ptero.ReasonInstallFailed
	if obs.NotReadyReason == "" {
		obs.NotReadyReason, obs.NotReadyMessage, obs.PollAfter = powerReadiness(gs, e.runtime)
		return obs, nil
	}
	if obs.PollAfter > 0 {
		// Installing: the panel changes it without a write of ours. The snapshot's loop lists
		// sooner while servers are awaited, one list for all of them, and wakes this one when
		// its list sees the change; without that loop the next poll reads the server itself.
		if e.conn.Servers.Await(s.ID, time.Now().Add(2*e.conn.SyncInterval())) {
			obs.PollAfter = 0
		} else {
			e.conn.Servers.Forget(s.ID)
		}
	}
	return obs, nil
}

// Create implements managed.External.
func (e *external) Create(ctx context.Context, gs *ptero.GameServer) error {
	r, err := e.resolve(ctx, gs, nil)
	if err != nil {
		return err
	}
	req, err := createRequest(gs, r.desired, r.egg, r.deploy)
	if err != nil {
		return err
	}
	s, _, err := connection.CreateOnce(ctx, func(ctx context.Context) (*panel.Server, error) {
		return e.conn.Client.Servers.Create(ctx, req, connection.ServerIncludes...)
	}, e.byExternalID(gs))
	if err != nil {
		return err
	}
	e.keep(s)
	setObserved(gs, s)
	// A new server installs anyway: a reinstall token present at creation is already served.
	gs.Status.LastReinstallToken = gs.Annotations[ptero.AnnotationReinstall]
	return nil
}

// Update implements managed.External: one call per group that differs, in an order where each
// call sees the previous one's result (the reinstall runs with the new startup, and the
// suspension comes last because a reinstall lifts it).
func (e *external) Update(ctx context.Context, gs *ptero.GameServer) error {
	servers := e.conn.Client.Servers
	id, p := e.server.ID, e.plan
	// Whatever lands, the shared copy no longer holds the server as the panel does: it keeps the
	// last answer, or reads the server again after an action that answers nothing.
	var answer *panel.Server
	acted := false
	defer func() {
		if answer == nil || acted {
			e.conn.Servers.Forget(id)
		} else {
			e.keep(answer)
		}
	}()
	log.FromContext(ctx).V(1).Info("updating server", "id", id, "groups", p.Changed, "reinstall", e.reinstall)

	var err error
	if p.Details != nil {
		if answer, err = servers.UpdateDetails(ctx, id, *p.Details, connection.ServerIncludes...); err != nil {
			return err
		}
	}
	for _, b := range p.Build {
		if answer, err = servers.UpdateBuild(ctx, id, b, connection.ServerIncludes...); err != nil {
			return err
		}
	}
	if p.Startup != nil {
		if answer, err = servers.UpdateStartup(ctx, id, *p.Startup, connection.ServerIncludes...); err != nil {
			return err
		}
	}
	if e.reinstall {
		acted = true
		if err := servers.Reinstall(ctx, id); err != nil {
			return err
		}
		gs.Status.LastReinstallToken = gs.Annotations[ptero.AnnotationReinstall]
	}
	if p.Suspend != nil {
		acted = true
		if *p.Suspend {
			err = servers.Suspend(ctx, id)
		} else {
			err = servers.Unsuspend(ctx, id)
		}
		if err != nil {
			return err
		}
	}
	if e.runtime.observed {
		// A new build or startup (environment included) only reaches a running server when
		// it restarts.
		return e.applyRuntime(ctx, gs, e.server.Identifier, len(p.Build) > 0 || p.Startup != nil)
	}
	return nil
}

// event records an event about the server.
func (e *external) event(gs *ptero.GameServer, eventType, reason, action, note string, args ...any) {
	if e.events != nil {
		e.events.Eventf(gs, nil, eventType, reason, action, note, args...)
	}
}

// Delete implements managed.External.
func (e *external) Delete(ctx context.Context, gs *ptero.GameServer) error {
	id := int(gs.Status.ID)
	defer e.conn.Servers.Forget(id)
	var err error
	if gs.Spec.ForceDelete {
		err = e.conn.Client.Servers.ForceDelete(ctx, id)
	} else {
		err = e.conn.Client.Servers.Delete(ctx, id)
	}
	return connection.Deleted(err, "")
}

// keep puts a write's answer into the shared copy when it carries the includes observation
// compares (the panel sends them when asked); an answer without them is read again instead.
func (e *external) keep(s *panel.Server) {
	if s.Relationships.User == nil || s.Relationships.Node == nil {
		e.conn.Servers.Forget(s.ID)
		return
	}
	e.conn.Servers.Wrote(s)
}

// reinstallRequested reports a reinstall token not acted on yet.
func reinstallRequested(gs *ptero.GameServer) bool {
	return managed.TokenPending(gs, ptero.AnnotationReinstall, gs.Status.LastReinstallToken)
}
