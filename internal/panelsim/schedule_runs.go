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
	"net/http"
	"sort"
	"time"
)

// How schedules run: ProcessScheduleService starts a run (the first task at once for an execute,
// after its offset otherwise) and RunTaskJob runs each task against Wings and queues the next.
// The queue worker and the every-minute schedule:process are advanceSchedules.

// taskJob is a RunTaskJob waiting on the queue.
type taskJob struct {
	task   *task
	at     time.Time
	manual bool
}

// firstTask is the schedule's task with the lowest sequence id.
func (s *state) firstTask(scheduleID int) *task {
	var first *task
	for _, t := range s.tasksOf(scheduleID) {
		if first == nil || t.SequenceID < first.SequenceID {
			first = t
		}
	}
	return first
}

// processSchedule is ProcessScheduleService::handle. Holds s.mu.
func (s *Sim) processSchedule(sc *schedule, now bool) *apiError {
	first := s.st.firstTask(sc.ID)
	if first == nil {
		return errDisplay("DisplayException", "Cannot process schedule for task execution: no tasks are registered.")
	}
	sc.IsProcessing = true
	if expr, err := parseCron(sc.CronMinute, sc.CronHour, sc.CronDayOfMonth, sc.CronMonth, sc.CronDayOfWeek); err == nil {
		if next, err := expr.next(s.now()); err == nil {
			sc.NextRunAt = &next
		}
	}
	first.IsQueued = true
	if sc.OnlyWhenOnline {
		srv, _ := s.st.servers.get(sc.ServerID)
		if !s.wingsReachable(srv.NodeID) || srv.PowerState == "offline" || srv.PowerState == "stopping" {
			s.taskFailed(first)
			return nil
		}
	}
	if !now {
		s.st.jobs = append(s.st.jobs, &taskJob{task: first, at: s.now().Add(time.Duration(first.TimeOffset) * time.Second)})
		return nil
	}
	return s.runTask(first, true)
}

// taskFailed is RunTaskJob::failed: the task leaves the queue and the schedule is complete.
func (s *Sim) taskFailed(t *task) {
	t.IsQueued = false
	s.scheduleComplete(t.ScheduleID)
}

func (s *Sim) scheduleComplete(scheduleID int) {
	if sc, ok := s.st.schedules.get(scheduleID); ok {
		now := s.now()
		sc.IsProcessing, sc.LastRunAt = false, &now
	}
}

// runTask is RunTaskJob::handle: the action against Wings, then the next task queued after its
// offset. An error is returned (after the failure bookkeeping) unless the task continues on a
// Wings failure. Holds s.mu.
func (s *Sim) runTask(t *task, manual bool) *apiError {
	sc, ok := s.st.schedules.get(t.ScheduleID)
	if !ok {
		return nil
	}
	if !sc.IsActive && !manual {
		t.IsQueued = false
		s.scheduleComplete(sc.ID)
		return nil
	}
	srv, ok := s.st.servers.get(sc.ServerID)
	if !ok || srv.Status != nil {
		s.taskFailed(t)
		return nil
	}
	var err *apiError
	switch t.Action {
	case "power":
		if !s.wingsReachable(srv.NodeID) {
			err = errDaemonUnreachable()
			break
		}
		switch t.Payload {
		case "start", "restart":
			srv.PowerState = "starting"
		case "stop":
			srv.PowerState = "stopping"
		case "kill":
			srv.PowerState = "offline"
		}
		srv.PowerStateSettleAt = s.now().Add(s.powerDelay(srv.PowerState))
		s.st.schedule(srv)
	case "command":
		switch {
		case !s.wingsReachable(srv.NodeID):
			err = errDaemonUnreachable()
		case srv.PowerState != "running":
			err = newError(http.StatusBadGateway, "DaemonConnectionException",
				"There was an error while communicating with the machine running this server. This error has been logged, please try again. (code: 502) (request_id: <nil>)")
		}
	case "backup":
		_, err = s.initiateBackup(srv, "", t.Payload, false, true)
	}
	// A task that continues on failure goes on past Wings being unreachable, and only past that.
	forgiven := t.ContinueOnFailure && err != nil && err.entries[0].Code == "DaemonConnectionException"
	if err != nil && !forgiven {
		s.taskFailed(t)
		return err
	}
	t.IsQueued = false
	var next *task
	for _, o := range s.st.tasksOf(sc.ID) {
		if o.SequenceID > t.SequenceID && (next == nil || o.SequenceID < next.SequenceID) {
			next = o
		}
	}
	if next == nil {
		s.scheduleComplete(sc.ID)
		return nil
	}
	next.IsQueued = true
	s.st.jobs = append(s.st.jobs, &taskJob{task: next, manual: manual, at: s.now().Add(time.Duration(next.TimeOffset) * time.Second)})
	return nil
}

// advanceSchedules runs the queue worker's due jobs and, as the panel's schedule:process does
// every minute, starts the active schedules that are due on servers whose status is null.
// Holds s.mu.
func (s *Sim) advanceSchedules(now time.Time) {
	for _, sc := range s.st.schedules.ordered { // processSchedule adds and removes no schedule
		srv, ok := s.st.servers.get(sc.ServerID)
		if !ok || srv.Status != nil || !sc.IsActive || sc.IsProcessing || sc.NextRunAt == nil || sc.NextRunAt.After(now) {
			continue
		}
		_ = s.processSchedule(sc, false) // the command logs a failure and goes on
	}
	for len(s.st.jobs) > 0 {
		sort.SliceStable(s.st.jobs, func(i, j int) bool { return s.st.jobs[i].at.Before(s.st.jobs[j].at) })
		j := s.st.jobs[0]
		if j.at.After(now) {
			return
		}
		s.st.jobs = s.st.jobs[1:]
		if cur, ok := s.st.tasks.get(j.task.ID); !ok || cur != j.task {
			continue // deleted meanwhile
		}
		_ = s.runTask(j.task, j.manual)
	}
}
