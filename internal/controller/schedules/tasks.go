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

package schedules

import (
	"context"
	"fmt"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// syncTasks carries out a task plan on the schedule with this id, in the order planTasks
// explains: deletes, updates, creates. It stops at the first refusal; what is left is planned
// again from the next observation.
func (e *external) syncTasks(ctx context.Context, ss *ptero.ServerSchedule, schedule int, p taskPlan) error {
	api := e.conn.Client.ClientAPI
	for _, id := range p.deletes {
		// A 404: removed already, in the panel or by an earlier attempt of this delete.
		if err := api.DeleteTask(ctx, e.server, schedule, id); err != nil && !panel.IsNotFound(err) {
			return err
		}
	}
	for _, u := range p.updates {
		if _, err := api.UpdateTask(ctx, e.server, schedule, u.id, u.req); err != nil {
			return refusedTask(err, ss, u.req)
		}
	}
	for _, req := range p.creates {
		if _, err := api.CreateTask(ctx, e.server, schedule, req); err != nil {
			return refusedTask(err, ss, req)
		}
	}
	return nil
}

// refusedTask names the task the panel refused. The panel answers a backup task on a server whose
// backup limit is 0 with a 403, which the shared classifier would report as a key lacking a
// permission; it is the spec, and only a change (of the task or the server's limit) helps.
func refusedTask(err error, ss *ptero.ServerSchedule, req panel.TaskRequest) error {
	if req.Action == panel.TaskBackup && panel.IsForbidden(err) {
		detail := err.Error()
		if e, ok := panel.AsAPIError(err); ok {
			detail = e.Detail()
		}
		return managed.Fail(managed.Failure{Reason: ptero.ReasonPanelRejected, Terminal: true, Message: fmt.Sprintf(
			"The panel refused spec.tasks[%d], a backup task: %s Raise featureLimits.backups of GameServer %q above 0, or remove the task.",
			req.SequenceID-1, detail, ss.Spec.ServerRef.Name)})
	}
	return err
}
