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
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"sort"
	"time"
)

// perScheduleTaskLimit is the panel's client_features.schedules.per_schedule_task_limit.
const perScheduleTaskLimit = 10

// schedule is a schedules row (app/Models/Schedule.php).
type schedule struct {
	ID             int        `json:"id"`
	ServerID       int        `json:"server_id"`
	Name           string     `json:"name"`
	CronDayOfWeek  string     `json:"cron_day_of_week"`
	CronMonth      string     `json:"cron_month"`
	CronDayOfMonth string     `json:"cron_day_of_month"`
	CronHour       string     `json:"cron_hour"`
	CronMinute     string     `json:"cron_minute"`
	IsActive       bool       `json:"is_active"`
	IsProcessing   bool       `json:"is_processing"`
	OnlyWhenOnline bool       `json:"only_when_online"`
	LastRunAt      *time.Time `json:"last_run_at"`
	NextRunAt      *time.Time `json:"next_run_at"`
	CreatedAt      time.Time  `json:"created_at"`
	UpdatedAt      time.Time  `json:"updated_at"`
	// Tasks are filled in for Sim.Schedules only.
	Tasks []task `json:"tasks,omitempty"`
}

// task is a tasks row (app/Models/Task.php).
type task struct {
	ID                int       `json:"id"`
	ScheduleID        int       `json:"schedule_id"`
	SequenceID        int       `json:"sequence_id"`
	Action            string    `json:"action"`
	Payload           string    `json:"payload"`
	TimeOffset        int       `json:"time_offset"`
	IsQueued          bool      `json:"is_queued"`
	ContinueOnFailure bool      `json:"continue_on_failure"`
	CreatedAt         time.Time `json:"created_at"`
	UpdatedAt         time.Time `json:"updated_at"`
}

// taskJob is a RunTaskJob waiting on the queue.
type taskJob struct {
	task   *task
	at     time.Time
	manual bool
}

// tasksOf returns a schedule's tasks in id order, as the relation loads them (not by sequence).
func (s *state) tasksOf(scheduleID int) []*task {
	return s.tasks.where(func(t *task) bool { return t.ScheduleID == scheduleID })
}

func taskAttrs(t *task) obj {
	return obj{"id": t.ID, "sequence_id": t.SequenceID, "action": t.Action, "payload": t.Payload,
		"time_offset": t.TimeOffset, "is_queued": t.IsQueued, "continue_on_failure": t.ContinueOnFailure,
		"created_at": timestamp(t.CreatedAt), "updated_at": timestamp(t.UpdatedAt)}
}

func optionalTimestamp(t *time.Time) any {
	if t == nil {
		return nil
	}
	return timestamp(*t)
}

// scheduleAttrs is ScheduleTransformer, tasks always included.
func (c *call) scheduleAttrs(sc *schedule) obj {
	var tasks []obj
	for _, t := range c.st.tasksOf(sc.ID) {
		tasks = append(tasks, taskAttrs(t))
	}
	return obj{"id": sc.ID, "name": sc.Name,
		"cron": obj{"day_of_week": sc.CronDayOfWeek, "day_of_month": sc.CronDayOfMonth, "month": sc.CronMonth,
			"hour": sc.CronHour, "minute": sc.CronMinute},
		"is_active": sc.IsActive, "is_processing": sc.IsProcessing, "only_when_online": sc.OnlyWhenOnline,
		"last_run_at": optionalTimestamp(sc.LastRunAt), "next_run_at": optionalTimestamp(sc.NextRunAt),
		"created_at": timestamp(sc.CreatedAt), "updated_at": timestamp(sc.UpdatedAt),
		"relationships": obj{"tasks": plainList("schedule_task", tasks)}}
}

func listSchedules(c *call) (int, any, *apiError) {
	if err := c.guardedServer(permScheduleRead); err != nil {
		return 0, nil, err
	}
	var list []obj
	for _, sc := range c.st.schedules.ordered {
		if sc.ServerID == c.boundServer.ID {
			list = append(list, c.scheduleAttrs(sc))
		}
	}
	return http.StatusOK, plainList("server_schedule", list), nil
}

func getSchedule(c *call) (int, any, *apiError) {
	if err := c.guardedServer(permScheduleRead); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, item("server_schedule", c.scheduleAttrs(c.boundSchedule)), nil
}

// scheduleInput is StoreScheduleRequest's rules (month is not among them) and the controller's
// getNextRunAt: month is passed to a string parameter, so a missing one is PHP's TypeError, and
// an expression the cron library refuses is a DisplayException.
func (c *call) scheduleInput() (*time.Time, *apiError) {
	var errs validationErrors
	validate(c.body, []field{{path: "name", rules: "required|string|max:191"}}, &errs)
	// filled is implicit: once a present null fails it, boolean is not checked. The panel words
	// its message as required's (resources/lang/en/validation.php).
	if v, ok := c.body.lookup("is_active"); ok && v == nil {
		errs.add("is_active", "filled", "The is active field is required.")
	} else {
		validate(c.body, []field{{path: "is_active", rules: "boolean"}}, &errs)
	}
	validate(c.body, []field{
		{path: "minute", rules: "required|string"},
		{path: "hour", rules: "required|string"},
		{path: "day_of_month", rules: "required|string"},
		{path: "day_of_week", rules: "required|string"},
	}, &errs)
	if err := errs.err(); err != nil {
		return nil, err
	}
	month, _ := c.body.lookup("month")
	switch month.(type) {
	case string:
	case json.Number, bool:
		// Coerced into the string parameter, then refused by the model's cron_month rule.
		return nil, errPHP("DataValidationException")
	default:
		return nil, errPHP("TypeError")
	}
	expr, err := parseCron(*c.body.str("minute"), *c.body.str("hour"), *c.body.str("day_of_month"),
		month.(string), *c.body.str("day_of_week"))
	var next time.Time
	if err == nil {
		next, err = expr.next(c.sim.now())
	}
	if err != nil {
		return nil, errDisplay("DisplayException", "The cron data provided does not evaluate to a valid expression.")
	}
	return &next, nil
}

// phpBool is PHP's (bool) cast of an input value.
func phpBool(v any) bool {
	switch t := v.(type) {
	case nil:
		return false
	case bool:
		return t
	case json.Number:
		f, _ := t.Float64()
		return f != 0
	case string:
		return t != "" && t != "0"
	case []any:
		return len(t) > 0
	case map[string]any:
		return len(t) > 0
	}
	return true
}

func (c *call) bodyBool(path string) bool {
	v, _ := c.body.lookup(path)
	return phpBool(v)
}

func (sc *schedule) setFrom(c *call, next *time.Time) {
	sc.Name = *c.body.str("name")
	// The fields are stored as sent, not as the cron library split them.
	sc.CronMinute, sc.CronHour = *c.body.str("minute"), *c.body.str("hour")
	sc.CronDayOfMonth, sc.CronDayOfWeek = *c.body.str("day_of_month"), *c.body.str("day_of_week")
	sc.CronMonth = *c.body.str("month")
	sc.IsActive = c.bodyBool("is_active")
	sc.OnlyWhenOnline = c.bodyBool("only_when_online")
	sc.NextRunAt = next
	sc.UpdatedAt = c.sim.now()
}

// createSchedule is ScheduleController::store (200). Without is_active a schedule is inactive.
func createSchedule(c *call) (int, any, *apiError) {
	if err := c.guardedServer(permScheduleCreate); err != nil {
		return 0, nil, err
	}
	next, err := c.scheduleInput()
	if err != nil {
		return 0, nil, err
	}
	sc := &schedule{ServerID: c.boundServer.ID, CreatedAt: c.sim.now()}
	sc.setFrom(c, next)
	sc.ID = c.st.schedules.insert(sc)
	return http.StatusOK, item("server_schedule", c.scheduleAttrs(sc)), nil
}

// updateSchedule is ScheduleController::update: every field again; switching is_active also
// clears is_processing.
func updateSchedule(c *call) (int, any, *apiError) {
	if err := c.guardedServer(permScheduleUpdate); err != nil {
		return 0, nil, err
	}
	next, err := c.scheduleInput()
	if err != nil {
		return 0, nil, err
	}
	sc := c.boundSchedule
	wasActive := sc.IsActive
	sc.setFrom(c, next)
	if sc.IsActive != wasActive {
		sc.IsProcessing = false
	}
	return http.StatusOK, item("server_schedule", c.scheduleAttrs(sc)), nil
}

func deleteSchedule(c *call) (int, any, *apiError) {
	if err := c.guardedServer(permScheduleDelete); err != nil {
		return 0, nil, err
	}
	for _, t := range c.st.tasksOf(c.boundSchedule.ID) {
		c.st.tasks.delete(t.ID)
	}
	c.st.schedules.delete(c.boundSchedule.ID)
	return http.StatusNoContent, nil, nil
}

// executeSchedule is ScheduleController::execute (202), active or not: ProcessScheduleService
// with $now, which runs the first task before answering; its failure is the answer.
func executeSchedule(c *call) (int, any, *apiError) {
	if err := c.guardedServer(permScheduleUpdate); err != nil {
		return 0, nil, err
	}
	if err := c.sim.processSchedule(c.boundSchedule, true); err != nil {
		return 0, nil, err
	}
	return http.StatusAccepted, []any{}, nil // new JsonResponse([], 202): "[]"
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
	if err != nil && !(t.ContinueOnFailure && err.entries[0].Code == "DaemonConnectionException") {
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

// Schedules returns a server's schedules with their tasks (in id order).
func (s *Sim) Schedules(serverID int) []Schedule {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.advance()
	var out []Schedule
	for _, sc := range s.st.schedules.ordered {
		if sc.ServerID != serverID {
			continue
		}
		cp := *sc
		for _, t := range s.st.tasksOf(sc.ID) {
			cp.Tasks = append(cp.Tasks, *t)
		}
		out = append(out, cp)
	}
	return out
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

// EditSchedule changes a schedule behind the operator's back, as someone in the panel would; the
// panel then computes next_run_at from the cron fields again (left as it was if they are
// invalid). edit runs under the simulator's lock: it must not call the Sim. False if there is no
// such schedule.
func (s *Sim) EditSchedule(scheduleID int, edit func(*Schedule)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	sc, ok := s.st.schedules.get(scheduleID)
	if !ok {
		return false
	}
	edit(sc)
	sc.Tasks = nil
	if expr, err := parseCron(sc.CronMinute, sc.CronHour, sc.CronDayOfMonth, sc.CronMonth, sc.CronDayOfWeek); err == nil {
		if next, err := expr.next(s.now()); err == nil {
			sc.NextRunAt = &next
		}
	}
	sc.UpdatedAt = s.now()
	return true
}

// RemoveSchedule deletes a schedule and its tasks behind the operator's back; false if there is
// no such schedule.
func (s *Sim) RemoveSchedule(scheduleID int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.st.schedules.has(scheduleID) {
		return false
	}
	for _, t := range s.st.tasksOf(scheduleID) {
		s.st.tasks.delete(t.ID)
	}
	s.st.schedules.delete(scheduleID)
	return true
}
