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

package panelsim_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

// Schedules and tasks as ScheduleController, ScheduleTaskController, their form requests and
// ProcessScheduleService/RunTaskJob make them. The test clock starts at 2024-01-02T03:04:05Z, a
// Tuesday.

func schedulesOf(ident string) string { return "/servers/" + ident + "/schedules" }

func nightly() map[string]any {
	return map[string]any{"name": "nightly", "minute": "30", "hour": "4", "day_of_month": "*", "month": "*",
		"day_of_week": "*", "is_active": true}
}

func TestClientScheduleNextRunFromCron(t *testing.T) {
	e := newEnv(t)
	_, ident := e.backupServer("scheduled", 1, 2)
	r := e.clientAPI(http.MethodPost, schedulesOf(ident), nightly())
	wantStatus(t, r, http.StatusOK)
	if r.at("object") != "server_schedule" || r.at("attributes.next_run_at") != "2024-01-02T04:30:00+00:00" ||
		r.at("attributes.last_run_at") != nil || r.at("attributes.is_active") != true || r.at("attributes.is_processing") != false ||
		r.at("attributes.cron.hour") != "4" || r.at("attributes.relationships.tasks.object") != "list" {
		t.Fatalf("schedule: %s", r.raw)
	}

	cases := []struct {
		minute, hour, dom, month, dow, next string
	}{
		{"*", "*", "*", "*", "*", "2024-01-02T03:05:00+00:00"}, // never the current minute
		{"*/15", "*", "*", "*", "*", "2024-01-02T03:15:00+00:00"},
		{"0", "0", "*", "*", "0", "2024-01-07T00:00:00+00:00"}, // Sunday
		{"0", "0", "*", "*", "7", "2024-01-07T00:00:00+00:00"}, // Sunday too
		{"0", "12", "*", "*", "MON-FRI", "2024-01-02T12:00:00+00:00"},
		{"0", "0", "1", "FEB", "*", "2024-02-01T00:00:00+00:00"},
		// Both day fields restricted: either one (the 15th, or any Friday).
		{"0", "0", "15", "*", "5", "2024-01-05T00:00:00+00:00"},
		{"0", "0", "L", "*", "*", "2024-01-31T00:00:00+00:00"},
		{"0", "0", "29", "2", "*", "2024-02-29T00:00:00+00:00"},
		{"0", "0", "?", "*", "1#2", "2024-01-08T00:00:00+00:00"},
	}
	for _, c := range cases {
		b := nightly()
		b["minute"], b["hour"], b["day_of_month"], b["month"], b["day_of_week"] = c.minute, c.hour, c.dom, c.month, c.dow
		r := e.clientAPI(http.MethodPost, schedulesOf(ident), b)
		if r.status != http.StatusOK || r.at("attributes.next_run_at") != c.next {
			t.Errorf("%s %s %s %s %s: %d next_run_at %v, want %s", c.minute, c.hour, c.dom, c.month, c.dow, r.status,
				r.at("attributes.next_run_at"), c.next)
		}
	}
	// What the cron library refuses is a 400, not a 422.
	for _, bad := range [][5]string{{"60", "*", "*", "*", "*"}, {"5/10", "*", "*", "*", "*"}, {"*", "*", "30", "2", "*"},
		{"*", "*", "?", "*", "?"}, {"1 2", "*", "*", "*", "*"}, {"*", "24", "*", "*", "*"}} {
		b := nightly()
		b["minute"], b["hour"], b["day_of_month"], b["month"], b["day_of_week"] = bad[0], bad[1], bad[2], bad[3], bad[4]
		wantError(t, e.clientAPI(http.MethodPost, schedulesOf(ident), b), http.StatusBadRequest, "DisplayException",
			"The cron data provided does not evaluate to a valid expression.")
	}
}

func TestClientScheduleValidation(t *testing.T) {
	e := newEnv(t)
	_, ident := e.backupServer("validated", 1, 2)
	r := e.clientAPI(http.MethodPost, schedulesOf(ident), map[string]any{"minute": 5, "is_active": nil})
	wantValidation(t, r, "name", "required", "The name field is required.")
	wantValidation(t, r, "is_active", "filled", "The is active field is required.")
	wantValidation(t, r, "minute", "string", "The minute must be a string.")
	wantValidation(t, r, "day_of_month", "required", "The day of month field is required.")
	// month is not validated; without it getScheduleNextRunDate's string parameter throws.
	b := nightly()
	delete(b, "month")
	wantStatus(t, e.clientAPI(http.MethodPost, schedulesOf(ident), b), http.StatusInternalServerError)
	// is_active and only_when_online are (bool) casts: left out means false.
	b = nightly()
	delete(b, "is_active")
	b["only_when_online"] = "yes"
	r = e.clientAPI(http.MethodPost, schedulesOf(ident), b)
	if r.at("attributes.is_active") != false || r.at("attributes.only_when_online") != true {
		t.Errorf("flags: %s", r.raw)
	}
}

func TestClientScheduleTasksAndSequence(t *testing.T) {
	e := newEnv(t)
	_, ident := e.backupServer("tasks", 1, 2)
	sc := num(e.clientAPI(http.MethodPost, schedulesOf(ident), nightly()).at("attributes.id"))
	tasks := fmt.Sprintf("%s/%d/tasks", schedulesOf(ident), sc)

	r := e.clientAPI(http.MethodPost, tasks, map[string]any{"action": "command", "time_offset": 0})
	wantValidation(t, r, "payload", "required_unless", "The payload field is required unless action is in backup.")
	r = e.clientAPI(http.MethodPost, tasks, map[string]any{"action": "explode", "payload": "x", "time_offset": 901})
	wantValidation(t, r, "action", "in", "The selected action is invalid.")
	wantValidation(t, r, "time_offset", "max", "The time offset may not be greater than 900.")

	add := func(body map[string]any) int {
		t.Helper()
		r := e.clientAPI(http.MethodPost, tasks, body)
		wantStatus(t, r, http.StatusOK)
		return num(r.at("attributes.id"))
	}
	say := add(map[string]any{"action": "command", "payload": "say restarting", "time_offset": 0})
	restart := add(map[string]any{"action": "power", "payload": "restart", "time_offset": "30"})
	backup := add(map[string]any{"action": "backup", "time_offset": 0, "sequence_id": 1})
	seq := func() string {
		r := e.clientAPI(http.MethodGet, fmt.Sprintf("%s/%d", schedulesOf(ident), sc), nil)
		var parts []string
		list, _ := r.at("attributes.relationships.tasks.data").([]any)
		for _, it := range list {
			parts = append(parts, fmt.Sprintf("%d:%d", num(at(it, "attributes.id")), num(at(it, "attributes.sequence_id"))))
		}
		return strings.Join(parts, " ")
	}
	// Inserting at 1 pushes the others down; tasks are listed in id order.
	if got, want := seq(), fmt.Sprintf("%d:2 %d:3 %d:1", say, restart, backup); got != want {
		t.Errorf("sequence %s, want %s", got, want)
	}
	r = e.clientAPI(http.MethodPost, fmt.Sprintf("%s/%d", tasks, backup), map[string]any{"action": "backup", "time_offset": 0, "sequence_id": 3})
	wantStatus(t, r, http.StatusOK)
	if r.at("attributes.payload") != "" || r.at("attributes.sequence_id") != float64(3) {
		t.Errorf("moved task %s", r.raw)
	}
	if got, want := seq(), fmt.Sprintf("%d:1 %d:2 %d:3", say, restart, backup); got != want {
		t.Errorf("after the move %s, want %s", got, want)
	}
	wantStatus(t, e.clientAPI(http.MethodDelete, fmt.Sprintf("%s/%d", tasks, say), nil), http.StatusNoContent)
	if got, want := seq(), fmt.Sprintf("%d:1 %d:2", restart, backup); got != want {
		t.Errorf("after the delete %s, want %s", got, want)
	}
	// A task of another schedule is a 404.
	other := num(e.clientAPI(http.MethodPost, schedulesOf(ident), nightly()).at("attributes.id"))
	wantStatus(t, e.clientAPI(http.MethodDelete, fmt.Sprintf("%s/%d/tasks/%d", schedulesOf(ident), other, restart), nil), http.StatusNotFound)

	// At most 10 tasks a schedule.
	for i := 0; i < 8; i++ {
		add(map[string]any{"action": "command", "payload": "list", "time_offset": 0})
	}
	wantError(t, e.clientAPI(http.MethodPost, tasks, map[string]any{"action": "command", "payload": "x", "time_offset": 0}),
		http.StatusBadRequest, "ServiceLimitExceededException",
		"Schedules may not have more than 10 tasks associated with them. Creating this task would put this schedule over the limit.")

	// No backup task on a server that may have no backups.
	_, none := e.backupServer("no-backups", 2, 0)
	sc2 := num(e.clientAPI(http.MethodPost, schedulesOf(none), nightly()).at("attributes.id"))
	wantError(t, e.clientAPI(http.MethodPost, fmt.Sprintf("%s/%d/tasks", schedulesOf(none), sc2), map[string]any{"action": "backup", "time_offset": 0}),
		http.StatusForbidden, "HttpForbiddenException", "A backup task cannot be created when the server's backup limit is set to 0.")
}

func TestClientScheduleExecuteAndRunOnTime(t *testing.T) {
	e := newEnv(t, backupDuration(time.Second))
	id, ident := e.backupServer("runner", 1, 1)
	sc := num(e.clientAPI(http.MethodPost, schedulesOf(ident), nightly()).at("attributes.id"))
	path := fmt.Sprintf("%s/%d", schedulesOf(ident), sc)
	wantError(t, e.clientAPI(http.MethodPost, path+"/execute", nil), http.StatusBadRequest, "DisplayException",
		"Cannot process schedule for task execution: no tasks are registered.")

	wantStatus(t, e.clientAPI(http.MethodPost, path+"/tasks", map[string]any{"action": "backup", "time_offset": 0}), http.StatusOK)
	wantStatus(t, e.clientAPI(http.MethodPost, path+"/tasks", map[string]any{"action": "power", "payload": "start", "time_offset": 60}), http.StatusOK)
	r := e.clientAPI(http.MethodPost, path+"/execute", nil)
	wantBody(t, r, http.StatusAccepted, `[]`)
	// The first task ran before the answer; the second waits for its offset.
	if bs := e.sim.Backups(id); len(bs) != 1 {
		t.Fatalf("backups after execute: %+v", bs)
	}
	r = e.clientAPI(http.MethodGet, path, nil)
	if r.at("attributes.is_processing") != true || r.at("attributes.last_run_at") != nil ||
		r.at("attributes.relationships.tasks.data.1.attributes.is_queued") != true {
		t.Errorf("while the second task waits: %s", r.raw)
	}
	e.clock.Advance(time.Minute)
	r = e.clientAPI(http.MethodGet, path, nil)
	if r.at("attributes.is_processing") != false || r.at("attributes.last_run_at") != "2024-01-02T03:05:05+00:00" {
		t.Errorf("after the last task: %s", r.raw)
	}

	// At 04:30 the schedule runs by itself; its backup task rotates the oldest unlocked backup
	// away instead of failing at the limit (RunTaskJob passes override to InitiateBackupService).
	first := e.sim.Backups(id)[0].UUID
	e.clock.Advance(90 * time.Minute)
	r = e.clientAPI(http.MethodGet, path, nil)
	if r.at("attributes.next_run_at") != "2024-01-03T04:30:00+00:00" {
		t.Errorf("next_run_at after the run: %v", r.at("attributes.next_run_at"))
	}
	bs := e.sim.Backups(id)
	if len(bs) != 1 || bs[0].UUID == first {
		t.Errorf("rotation: %+v (first was %s)", bs, first)
	}
	if list := e.sim.Schedules(id); len(list) != 1 || len(list[0].Tasks) != 2 {
		t.Errorf("Sim.Schedules %+v", list)
	}
}

func TestSimEditsSchedulesBehindTheBack(t *testing.T) {
	e := newEnv(t)
	id, ident := e.backupServer("drift", 1, 1)
	sc := num(e.clientAPI(http.MethodPost, schedulesOf(ident), nightly()).at("attributes.id"))
	path := fmt.Sprintf("%s/%d", schedulesOf(ident), sc)
	first := num(e.clientAPI(http.MethodPost, path+"/tasks", map[string]any{"action": "command", "payload": "say a", "time_offset": 0}).at("attributes.id"))
	second := num(e.clientAPI(http.MethodPost, path+"/tasks", map[string]any{"action": "command", "payload": "say b", "time_offset": 0}).at("attributes.id"))

	if !e.sim.EditTask(second, func(t *panelsim.Task) { t.Payload = "say edited" }) || e.sim.EditTask(999, func(*panelsim.Task) {}) {
		t.Fatal("EditTask")
	}
	if !e.sim.RemoveTask(first) {
		t.Fatal("RemoveTask")
	}
	r := e.clientAPI(http.MethodGet, path, nil)
	if r.at("attributes.relationships.tasks.data.0.attributes.payload") != "say edited" ||
		r.at("attributes.relationships.tasks.data.0.attributes.sequence_id") != float64(1) {
		t.Errorf("after the edits: %s", r.raw)
	}
	// An edited cron moves next_run_at, as the panel's own form does.
	if !e.sim.EditSchedule(sc, func(s *panelsim.Schedule) { s.CronHour = "5" }) {
		t.Fatal("EditSchedule")
	}
	if r := e.clientAPI(http.MethodGet, path, nil); r.at("attributes.next_run_at") != "2024-01-02T05:30:00+00:00" {
		t.Errorf("next_run_at after EditSchedule: %v", r.at("attributes.next_run_at"))
	}
	if !e.sim.RemoveSchedule(sc) || len(e.sim.Schedules(id)) != 0 {
		t.Fatal("RemoveSchedule")
	}
	wantStatus(t, e.clientAPI(http.MethodGet, path, nil), http.StatusNotFound)

	su := e.clientAPI(http.MethodPost, subusersOf(ident), map[string]any{"email": "player@example.com", "permissions": []string{"file.read"}})
	if !e.sim.RemoveSubuser(id, su.at("attributes.uuid").(string)) || len(e.sim.Subusers(id)) != 0 {
		t.Fatal("RemoveSubuser")
	}
}

func TestClientScheduleExecuteFailures(t *testing.T) {
	e := newEnv(t)
	_, ident := e.backupServer("failing", 1, 1)
	sc := num(e.clientAPI(http.MethodPost, schedulesOf(ident), nightly()).at("attributes.id"))
	path := fmt.Sprintf("%s/%d", schedulesOf(ident), sc)
	task := num(e.clientAPI(http.MethodPost, path+"/tasks", map[string]any{"action": "power", "payload": "start", "time_offset": 0}).at("attributes.id"))

	// The first task's Wings failure is execute's answer (ProcessScheduleService rethrows it after
	// RunTaskJob::failed), and the run is over.
	e.sim.SetWingsReachable(0, false)
	wantError(t, e.clientAPI(http.MethodPost, path+"/execute", nil), http.StatusGatewayTimeout, "DaemonConnectionException", "")
	r := e.clientAPI(http.MethodGet, path, nil)
	if r.at("attributes.is_processing") != false || r.at("attributes.last_run_at") == nil ||
		r.at("attributes.relationships.tasks.data.0.attributes.is_queued") != false {
		t.Errorf("after a failed execute: %s", r.raw)
	}
	// continue_on_failure covers Wings failures.
	wantStatus(t, e.clientAPI(http.MethodPost, fmt.Sprintf("%s/tasks/%d", path, task),
		map[string]any{"action": "power", "payload": "start", "time_offset": 0, "continue_on_failure": true}), http.StatusOK)
	wantStatus(t, e.clientAPI(http.MethodPost, path+"/execute", nil), http.StatusAccepted)
	e.sim.SetWingsReachable(0, true)

	// A console command needs a running server: Wings' 502 comes back.
	cmd := e.clientAPI(http.MethodPost, path+"/tasks", map[string]any{"action": "command", "payload": "say hi", "time_offset": 0, "sequence_id": 1})
	wantStatus(t, cmd, http.StatusOK)
	wantStatus(t, e.clientAPI(http.MethodPost, path+"/execute", nil), http.StatusBadGateway)

	// only_when_online with the server offline ends the run without running anything.
	b := nightly()
	b["only_when_online"] = true
	wantStatus(t, e.clientAPI(http.MethodPost, path, b), http.StatusOK)
	wantStatus(t, e.clientAPI(http.MethodPost, path+"/execute", nil), http.StatusAccepted)
	if r := e.clientAPI(http.MethodGet, path, nil); r.at("attributes.is_processing") != false {
		t.Errorf("only_when_online run: %s", r.raw)
	}
}
