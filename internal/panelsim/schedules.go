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
	"net/http"
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

// tasksOf returns a schedule's tasks in id order, as the relation loads them (not by sequence).
func (s *state) tasksOf(scheduleID int) []*task {
	return s.tasks.where(func(t *task) bool { return t.ScheduleID == scheduleID })
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
