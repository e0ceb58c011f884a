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

package panel

import (
	"context"
	"net/http"
	"time"
)

const (
	routeClientSchedules       = "/api/client/servers/{server}/schedules"
	routeClientSchedule        = "/api/client/servers/{server}/schedules/{schedule}"
	routeClientScheduleExecute = "/api/client/servers/{server}/schedules/{schedule}/execute"
	routeClientScheduleTasks   = "/api/client/servers/{server}/schedules/{schedule}/tasks"
	routeClientScheduleTask    = "/api/client/servers/{server}/schedules/{schedule}/tasks/{task}"
)

// Schedule is the client API's schedule transformer; its tasks are always included.
type Schedule struct {
	ID             int          `json:"id"`
	Name           string       `json:"name"`
	Cron           ScheduleCron `json:"cron"`
	IsActive       bool         `json:"is_active"`
	IsProcessing   bool         `json:"is_processing"`
	OnlyWhenOnline bool         `json:"only_when_online"`
	LastRunAt      *time.Time   `json:"last_run_at"`
	// NextRunAt is computed by the panel from the cron fields (in the panel's time zone) on
	// every create, update and run.
	NextRunAt     *time.Time            `json:"next_run_at"`
	CreatedAt     time.Time             `json:"created_at"`
	UpdatedAt     time.Time             `json:"updated_at"`
	Relationships ScheduleRelationships `json:"relationships"`
}

// ScheduleCron holds the five cron fields, as strings ("*/5", "1-5", "MON"…).
type ScheduleCron struct {
	DayOfWeek  string `json:"day_of_week"`
	DayOfMonth string `json:"day_of_month"`
	Month      string `json:"month"`
	Hour       string `json:"hour"`
	Minute     string `json:"minute"`
}

// ScheduleRelationships holds a schedule's tasks, in the order the panel loads them (by id, not
// by SequenceID).
type ScheduleRelationships struct {
	Tasks []ScheduleTask `json:"tasks,omitempty"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (r *ScheduleRelationships) UnmarshalJSON(data []byte) error {
	*r = ScheduleRelationships{}
	if noRelationships(data) {
		return nil
	}
	var raw struct {
		Tasks relList[ScheduleTask] `json:"tasks"`
	}
	if err := unmarshal(data, &raw); err != nil {
		return err
	}
	var denied []string
	r.Tasks = relMany(&denied, "tasks", &raw.Tasks)
	return nil
}

// TaskAction is what a schedule task does.
type TaskAction string

// Task actions.
const (
	// TaskCommand sends Payload to the console.
	TaskCommand TaskAction = "command"
	// TaskPower sends the power signal in Payload (start, stop, restart, kill).
	TaskPower TaskAction = "power"
	// TaskBackup starts a backup, with Payload as its ignored files (one per line). Unlike a
	// backup made through CreateBackup, it deletes the oldest unlocked backup when the server is
	// at its limit.
	TaskBackup TaskAction = "backup"
)

// ScheduleTask is the client API's task transformer.
type ScheduleTask struct {
	ID         int        `json:"id"`
	SequenceID int        `json:"sequence_id"`
	Action     TaskAction `json:"action"`
	Payload    string     `json:"payload"`
	// TimeOffset is the delay in seconds after the previous task (0-900).
	TimeOffset        int       `json:"time_offset"`
	IsQueued          bool      `json:"is_queued"`
	ContinueOnFailure bool      `json:"continue_on_failure"`
	CreatedAt         time.Time `json:"created_at"`
	UpdatedAt         time.Time `json:"updated_at"`
}

// ScheduleRequest is the body of a schedule create or update. An update replaces every field, so
// send them all again; the panel validates the cron fields as strings and refuses an expression
// it cannot evaluate with a 400 DisplayException.
type ScheduleRequest struct {
	Name       string `json:"name"`
	Minute     string `json:"minute"`
	Hour       string `json:"hour"`
	DayOfMonth string `json:"day_of_month"`
	// Month is not in the panel's rules but is read all the same: leaving it out is a 500.
	Month     string `json:"month"`
	DayOfWeek string `json:"day_of_week"`
	// IsActive false (or left out) makes an inactive schedule.
	IsActive       bool `json:"is_active"`
	OnlyWhenOnline bool `json:"only_when_online"`
}

// TaskRequest is the body of a task create or update; an update replaces every field.
type TaskRequest struct {
	Action TaskAction `json:"action"`
	// Payload is required except for backup tasks.
	Payload    string `json:"payload"`
	TimeOffset int    `json:"time_offset"`
	// SequenceID places the task (1 is first; the others shift to make room); 0 appends it on
	// create and keeps its place on update.
	SequenceID        int  `json:"sequence_id,omitempty"`
	ContinueOnFailure bool `json:"continue_on_failure"`
}

// ListSchedules returns every schedule of a server with its tasks (not paginated).
func (s *ClientAPIService) ListSchedules(ctx context.Context, identifier string) ([]Schedule, error) {
	cl := clientCall(http.MethodGet, routeClientSchedules, identifier)
	out, _, err := getList[Schedule](ctx, s.client, cl)
	return out, err
}

// GetSchedule returns one schedule with its tasks; one of another server is a 404.
func (s *ClientAPIService) GetSchedule(ctx context.Context, identifier string, id int) (*Schedule, error) {
	return getItem[Schedule](ctx, s.client, clientCall(http.MethodGet, routeClientSchedule, identifier, id))
}

// CreateSchedule adds a schedule without tasks (200).
func (s *ClientAPIService) CreateSchedule(ctx context.Context, identifier string, req ScheduleRequest) (*Schedule, error) {
	cl := clientCall(http.MethodPost, routeClientSchedules, identifier)
	cl.body = req
	return getItem[Schedule](ctx, s.client, cl)
}

// UpdateSchedule replaces a schedule's name, cron fields and flags (POST, as the panel routes
// it, but retried like a PATCH: it sets every field). Turning a schedule on or off also clears
// is_processing.
func (s *ClientAPIService) UpdateSchedule(ctx context.Context, identifier string, id int, req ScheduleRequest) (*Schedule, error) {
	cl := clientCall(http.MethodPost, routeClientSchedule, identifier, id)
	cl.body, cl.replaces = req, true
	return getItem[Schedule](ctx, s.client, cl)
}

// ExecuteSchedule runs a schedule now, active or not (202): its first task runs before the
// panel answers, the others after their offsets. A schedule without tasks is a 400.
func (s *ClientAPIService) ExecuteSchedule(ctx context.Context, identifier string, id int) error {
	return s.client.do(ctx, clientCall(http.MethodPost, routeClientScheduleExecute, identifier, id), nil)
}

// DeleteSchedule deletes a schedule and its tasks (204). It is retried, so a 404 can mean a
// first attempt already did it.
func (s *ClientAPIService) DeleteSchedule(ctx context.Context, identifier string, id int) error {
	return s.client.do(ctx, clientCall(http.MethodDelete, routeClientSchedule, identifier, id), nil)
}

// CreateTask adds a task to a schedule (200). 400 ServiceLimitExceededException past the
// panel's 10 tasks per schedule; 403 HttpForbiddenException for a backup task on a server
// whose backup limit is 0.
func (s *ClientAPIService) CreateTask(ctx context.Context, identifier string, schedule int, req TaskRequest) (*ScheduleTask, error) {
	cl := clientCall(http.MethodPost, routeClientScheduleTasks, identifier, schedule)
	cl.body = req
	return getItem[ScheduleTask](ctx, s.client, cl)
}

// UpdateTask replaces a task; a new SequenceID moves it and shifts the tasks in between. Retried
// like a PATCH: moving a task to where it is already is no move.
func (s *ClientAPIService) UpdateTask(ctx context.Context, identifier string, schedule, task int, req TaskRequest) (*ScheduleTask, error) {
	cl := clientCall(http.MethodPost, routeClientScheduleTask, identifier, schedule, task)
	cl.body, cl.replaces = req, true
	return getItem[ScheduleTask](ctx, s.client, cl)
}

// DeleteTask removes a task (204); the tasks after it move up one. A 404 can mean a retried
// delete already did it.
func (s *ClientAPIService) DeleteTask(ctx context.Context, identifier string, schedule, task int) error {
	return s.client.do(ctx, clientCall(http.MethodDelete, routeClientScheduleTask, identifier, schedule, task), nil)
}
