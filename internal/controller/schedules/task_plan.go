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
	"cmp"
	"slices"
	"strings"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// taskPlan is what makes the panel's task list the spec's, position by position: the task at
// position i (the panel runs them by sequence_id) is spec.tasks[i] with sequence_id i+1.
//
// Tasks are compared by position, not matched by content: a task has no identity of its own in
// the spec, and re-writing a task in place is one call where matching would need a move, which
// shifts the others. A task removed in the panel therefore updates the ones after it and
// creates the last again, which is more calls than an insert but always ends where the spec says.
type taskPlan struct {
	// deletes are the panel's tasks past the spec's, last first.
	deletes []int
	// updates rewrite tasks in place (and put them at their sequence_id).
	updates []taskUpdate
	// creates are the spec's tasks past the panel's, first first.
	creates []panel.TaskRequest
}

type taskUpdate struct {
	id  int
	req panel.TaskRequest
}

func (p taskPlan) empty() bool {
	return len(p.deletes) == 0 && len(p.updates) == 0 && len(p.creates) == 0
}

// planTasks compares the panel's tasks (in whatever order it lists them: by id) with the spec's.
//
// The order of the calls matters because the panel shifts sequence ids: deleting the extra tasks
// from the last one up shifts none of the others (a delete moves up only the later ones), and so
// does putting task i at sequence_id i+1 while the panel's sequence ids are distinct (which its
// own routes keep them): the ones before it are at 1..i already and the ones after it are higher,
// so no task lies between where it is and where it goes. Creates come last, at the end, where
// nothing follows them. What an unusual panel state (two tasks of one sequence_id, written to
// its database by hand) still leaves out of order, the next observation finds and plans again.
func planTasks(have []panel.ScheduleTask, want []ptero.ScheduleTask) taskPlan {
	sorted := slices.Clone(have)
	slices.SortStableFunc(sorted, func(a, b panel.ScheduleTask) int {
		return cmp.Or(cmp.Compare(a.SequenceID, b.SequenceID), cmp.Compare(a.ID, b.ID))
	})
	var p taskPlan
	for i := len(sorted) - 1; i >= len(want); i-- {
		p.deletes = append(p.deletes, sorted[i].ID)
	}
	for i, w := range want {
		req := taskRequest(w, i)
		if i >= len(sorted) {
			p.creates = append(p.creates, req)
			continue
		}
		if !taskMatches(sorted[i], req) {
			p.updates = append(p.updates, taskUpdate{id: sorted[i].ID, req: req})
		}
	}
	return p
}

// taskRequest is the request for spec task t at position i, trimmed as the panel trims it.
func taskRequest(t ptero.ScheduleTask, i int) panel.TaskRequest {
	return panel.TaskRequest{
		Action:            panel.TaskAction(t.Action),
		Payload:           strings.TrimSpace(t.Payload),
		TimeOffset:        int(t.TimeOffset),
		SequenceID:        i + 1,
		ContinueOnFailure: t.ContinueOnFailure,
	}
}

func taskMatches(t panel.ScheduleTask, want panel.TaskRequest) bool {
	return t.Action == want.Action && t.Payload == want.Payload && t.TimeOffset == want.TimeOffset &&
		t.SequenceID == want.SequenceID && t.ContinueOnFailure == want.ContinueOnFailure
}
