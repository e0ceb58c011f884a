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

// Package schedules reconciles ServerSchedules: a schedule of a game server, its cron, flags
// and ordered tasks kept as the spec says through the panel's client API.
package schedules

import (
	"context"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// needs is what asks for the client API, in the ClientKeyRequired message.
const needs = "ServerSchedules"

// external is one reconcile's view of one ServerSchedule.
type external struct {
	kube client.Client
	conn *connection.Conn

	// Observe leaves for Update what it read and what is out of date.
	server        string
	schedule      *panel.Schedule
	want          panel.ScheduleRequest
	scheduleStale bool
	tasks         taskPlan
}

var _ managed.External[*ptero.ServerSchedule] = (*external)(nil)

// Observe implements managed.External.
func (e *external) Observe(ctx context.Context, ss *ptero.ServerSchedule) (managed.Observation, error) {
	if err := e.conn.RequireClientKey(needs); err != nil {
		return managed.Observation{}, err
	}
	want, err := scheduleRequest(ss)
	if err != nil {
		return managed.Observation{}, err
	}
	// Before the schedule exists, looking for it is the first step of making it, and a server
	// that is still installing refuses the client API: wait for it to be Ready, and be woken
	// when it is. Once made, its identifier is enough.
	gs, err := e.referencedServer(ctx, ss, ss.Status.ID == 0)
	if err != nil {
		return managed.Observation{}, err
	}
	e.server, e.want = gs.Status.Identifier, want

	sc, err := e.find(ctx, ss, e.server)
	if err != nil || sc == nil {
		return managed.Observation{Exists: sc != nil}, err
	}
	setObserved(ss, sc)
	e.schedule = sc
	e.scheduleStale = !scheduleMatches(sc, want)
	e.tasks = planTasks(sc.Relationships.Tasks, ss.Spec.Tasks)
	return managed.Observation{Exists: true, UpToDate: !e.scheduleStale && e.tasks.empty()}, nil
}

// Create implements managed.External: the schedule, then its tasks in order. A failure after the
// schedule is made leaves it in status (or to be found by name), and the next observation plans
// the tasks still missing.
func (e *external) Create(ctx context.Context, ss *ptero.ServerSchedule) error {
	if e.server == "" {
		gs, err := e.referencedServer(ctx, ss, true)
		if err != nil {
			return err
		}
		e.server = gs.Status.Identifier
	}
	want, err := scheduleRequest(ss)
	if err != nil {
		return err
	}
	sc, err := e.conn.Client.ClientAPI.CreateSchedule(ctx, e.server, want)
	if err != nil {
		return err
	}
	setObserved(ss, sc)
	return e.syncTasks(ctx, ss, sc.ID, planTasks(nil, ss.Spec.Tasks))
}

// Update implements managed.External: the schedule's own fields when they differ, then the tasks.
func (e *external) Update(ctx context.Context, ss *ptero.ServerSchedule) error {
	id := e.schedule.ID
	if e.scheduleStale {
		sc, err := e.conn.Client.ClientAPI.UpdateSchedule(ctx, e.server, id, e.want)
		if err != nil {
			return err
		}
		setObserved(ss, sc)
	}
	if err := e.syncTasks(ctx, ss, id, e.tasks); err != nil {
		return err
	}
	if !e.tasks.empty() {
		// A task write touches the schedule, not its times: read them back for status.
		sc, err := e.conn.Client.ClientAPI.GetSchedule(ctx, e.server, id)
		if err != nil {
			return err
		}
		setObserved(ss, sc)
	}
	return nil
}

// Delete implements managed.External.
func (e *external) Delete(ctx context.Context, ss *ptero.ServerSchedule) error {
	if ss.Status.ID == 0 {
		return nil
	}
	// A GameServer gone took its schedules along: the panel deletes them with the server.
	server, err := managed.IdentifierToDeleteThrough(ctx, e.kube, types.NamespacedName{Namespace: ss.Namespace, Name: ss.Spec.ServerRef.Name})
	if err != nil || server == "" {
		return err
	}
	if err := e.conn.RequireClientKey(needs); err != nil {
		return err
	}
	// A 404: deleted already, by someone in the panel or with its server.
	return connection.Deleted(e.conn.Client.ClientAPI.DeleteSchedule(ctx, server, int(ss.Status.ID)), "")
}

// referencedServer returns the GameServer the schedule runs on, with its identifier.
func (e *external) referencedServer(ctx context.Context, ss *ptero.ServerSchedule, needReady bool) (*ptero.GameServer, error) {
	key := types.NamespacedName{Namespace: ss.Namespace, Name: ss.Spec.ServerRef.Name}
	return managed.ReferencedServer(ctx, e.kube, key, needReady)
}

// setObserved records what the panel says of the schedule.
func setObserved(ss *ptero.ServerSchedule, sc *panel.Schedule) {
	ss.Status.ID = int64(sc.ID)
	ss.Status.NextRunAt = timeOf(sc.NextRunAt)
	ss.Status.LastRunAt = timeOf(sc.LastRunAt)
	ss.Status.Processing = sc.IsProcessing
}

func timeOf(t *time.Time) *metav1.Time {
	if t == nil {
		return nil
	}
	return &metav1.Time{Time: *t}
}

// forget drops a schedule that no longer exists in the panel, so it is looked up and made again.
func forget(ss *ptero.ServerSchedule) {
	ss.Status.ID, ss.Status.NextRunAt, ss.Status.LastRunAt, ss.Status.Processing = 0, nil, nil, false
}
