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

package panelsim

import (
	"fmt"
	"math"
	"net/http"
)

// A schedule's tasks: ScheduleTaskController, StoreTaskRequest and the sequence they keep.

func taskAttrs(t *task) obj {
	return obj{"id": t.ID, "sequence_id": t.SequenceID, "action": t.Action, "payload": t.Payload,
		"time_offset": t.TimeOffset, "is_queued": t.IsQueued, "continue_on_failure": t.ContinueOnFailure,
		"created_at": timestamp(t.CreatedAt), "updated_at": timestamp(t.UpdatedAt)}
}

// taskInput is StoreTaskRequest's rules.
func (c *call) taskInput() *apiError {
	var errs validationErrors
	validate(c.body, []field{{path: "action", rules: "required|in:command,power,backup"}}, &errs)
	if c.body.strOr("action", "") != "backup" && !c.body.has("payload") {
		errs.add("payload", "required_unless", "The payload field is required unless action is in backup.")
	} else {
		validate(c.body, []field{{path: "payload", rules: "string|nullable"}}, &errs)
	}
	validate(c.body, []field{
		{path: "time_offset", rules: "required|numeric|min:0|max:900"},
		{path: "sequence_id", rules: "sometimes|required|numeric|min:1"},
		{path: "continue_on_failure", rules: "sometimes|required|boolean"},
	}, &errs)
	if err := errs.err(); err != nil {
		return err
	}
	if c.boundServer.BackupLimit == 0 && c.body.strOr("action", "") == "backup" {
		return newError(http.StatusForbidden, "HttpForbiddenException",
			"A backup task cannot be created when the server's backup limit is set to 0.")
	}
	return nil
}

// requestInteger is Laravel's $request->integer(key, default): (int) of the input when present.
func (c *call) requestInteger(path string, def int) int {
	v, ok := c.body.lookup(path)
	if !ok || v == nil {
		return def
	}
	f, _ := number(v)
	return int(math.Trunc(f))
}

func (c *call) fillTask(t *task) {
	t.Action = c.body.strOr("action", "")
	t.Payload = c.body.strOr("payload", "")
	offset, _ := number(mustLookup(c.body, "time_offset"))
	t.TimeOffset = int(offset)
	t.ContinueOnFailure = c.body.boolOr("continue_on_failure", false)
	t.UpdatedAt = c.sim.now()
	if sc, ok := c.st.schedules.get(t.ScheduleID); ok {
		sc.UpdatedAt = t.UpdatedAt // the task touches its schedule
	}
}

func mustLookup(in input, path string) any {
	v, _ := in.lookup(path)
	return v
}

// createTask is ScheduleTaskController::store: the task limit, the backup limit, then the task
// at the requested place, the ones from there on moved down one.
func createTask(c *call) (int, any, *apiError) {
	if err := c.guardedServer(permScheduleUpdate); err != nil {
		return 0, nil, err
	}
	if err := c.taskInput(); err != nil {
		return 0, nil, err
	}
	sc := c.boundSchedule
	tasks := c.st.tasksOf(sc.ID)
	if len(tasks) >= perScheduleTaskLimit {
		return 0, nil, errDisplay("ServiceLimitExceededException", fmt.Sprintf(
			"Schedules may not have more than %d tasks associated with them. Creating this task would put this schedule over the limit.",
			perScheduleTaskLimit))
	}
	seq := 1
	for _, t := range tasks {
		seq = max(seq, t.SequenceID+1)
	}
	if want := max(c.requestInteger("sequence_id", seq), 1); want < seq {
		for _, t := range tasks {
			if t.SequenceID >= want {
				t.SequenceID++
			}
		}
		seq = want
	}
	t := &task{ScheduleID: sc.ID, SequenceID: seq, CreatedAt: c.sim.now()}
	c.fillTask(t)
	t.ID = c.st.tasks.insert(t)
	return http.StatusOK, item("schedule_task", taskAttrs(t)), nil
}

// updateTask is ScheduleTaskController::update: moving a task shifts the ones in between.
func updateTask(c *call) (int, any, *apiError) {
	if err := c.guardedServer(permScheduleUpdate); err != nil {
		return 0, nil, err
	}
	if err := c.taskInput(); err != nil {
		return 0, nil, err
	}
	t := c.boundTask
	seq := max(c.requestInteger("sequence_id", t.SequenceID), 1)
	for _, o := range c.st.tasksOf(t.ScheduleID) {
		switch {
		case seq < t.SequenceID && o.SequenceID >= seq && o.SequenceID < t.SequenceID:
			o.SequenceID++
		case seq > t.SequenceID && o.SequenceID > t.SequenceID && o.SequenceID <= seq:
			o.SequenceID--
		}
	}
	t.SequenceID = seq
	c.fillTask(t)
	return http.StatusOK, item("schedule_task", taskAttrs(t)), nil
}

// deleteTask is ScheduleTaskController::delete, whose request has no permission of its own: the
// controller checks schedule.update and refuses with its own 403.
func deleteTask(c *call) (int, any, *apiError) {
	if err := c.guardedServer(""); err != nil {
		return 0, nil, err
	}
	if !c.can(permScheduleUpdate) {
		return 0, nil, newError(http.StatusForbidden, "HttpForbiddenException", "You do not have permission to perform this action.")
	}
	t := c.boundTask
	for _, o := range c.st.tasksOf(t.ScheduleID) {
		if o.SequenceID > t.SequenceID {
			o.SequenceID--
		}
	}
	c.st.tasks.delete(t.ID)
	return http.StatusNoContent, nil, nil
}

// EditTask changes a task behind the operator's back, as someone in the panel would; false if
// there is no such task. edit runs under the simulator's lock: it must not call the Sim.
func (s *Sim) EditTask(taskID int, edit func(*Task)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.st.tasks.get(taskID)
	if !ok {
		return false
	}
	edit(t)
	t.UpdatedAt = s.now()
	return true
}

// RemoveTask deletes a task behind the operator's back, as someone in the panel would (the later
// ones move up); false if there is no such task.
func (s *Sim) RemoveTask(taskID int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.st.tasks.get(taskID)
	if !ok {
		return false
	}
	for _, o := range s.st.tasksOf(t.ScheduleID) {
		if o.SequenceID > t.SequenceID {
			o.SequenceID--
		}
	}
	s.st.tasks.delete(taskID)
	return true
}
