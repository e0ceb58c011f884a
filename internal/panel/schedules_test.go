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

package panel_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

func TestIntegrationSchedules(t *testing.T) {
	t.Parallel()
	e, clk, s := clientWorld(t, 1)
	ctx, api := e.ctx(), e.c.ClientAPI

	req := panel.ScheduleRequest{Name: "nightly", Minute: "0", Hour: "4", DayOfMonth: "*", Month: "*", DayOfWeek: "*", IsActive: true}
	sc := must(api.CreateSchedule(ctx, s.Identifier, req))(t)
	want := time.Date(clk.Now().Year(), clk.Now().Month(), clk.Now().Day(), 4, 0, 0, 0, time.UTC)
	if !want.After(clk.Now().UTC()) {
		want = want.AddDate(0, 0, 1)
	}
	if sc.NextRunAt == nil || !sc.NextRunAt.Equal(want) || sc.LastRunAt != nil || !sc.IsActive || sc.Cron.Hour != "4" {
		t.Fatalf("schedule %+v, want next run %s", sc, want)
	}

	bad := req
	bad.Minute = "61"
	_, err := api.CreateSchedule(ctx, s.Identifier, bad)
	wantAPIError(t, err, http.StatusBadRequest, "DisplayException")

	first := must(api.CreateTask(ctx, s.Identifier, sc.ID, panel.TaskRequest{Action: panel.TaskCommand, Payload: "say bye"}))(t)
	second := must(api.CreateTask(ctx, s.Identifier, sc.ID, panel.TaskRequest{Action: panel.TaskPower, Payload: "restart", TimeOffset: 5}))(t)
	if first.SequenceID != 1 || second.SequenceID != 2 || second.TimeOffset != 5 {
		t.Fatalf("tasks %+v %+v", first, second)
	}
	_, err = api.CreateTask(ctx, s.Identifier, sc.ID, panel.TaskRequest{Action: panel.TaskCommand})
	if fe := panel.FieldErrors(err); len(fe["payload"]) != 1 {
		t.Errorf("a command without payload: %v", err)
	}
	moved := must(api.UpdateTask(ctx, s.Identifier, sc.ID, second.ID, panel.TaskRequest{Action: panel.TaskPower, Payload: "restart", SequenceID: 1}))(t)
	if moved.SequenceID != 1 {
		t.Errorf("moved %+v", moved)
	}
	got := must(api.GetSchedule(ctx, s.Identifier, sc.ID))(t)
	if len(got.Relationships.Tasks) != 2 || got.Relationships.Tasks[0].ID != first.ID || got.Relationships.Tasks[0].SequenceID != 2 {
		t.Errorf("tasks after the move %+v", got.Relationships.Tasks)
	}

	// Executing runs the first task (the restart) at once; the command needs a running server
	// and waits for its offset.
	noErr(t, api.ExecuteSchedule(ctx, s.Identifier, sc.ID))
	req.Name, req.IsActive = "paused", false
	upd := must(api.UpdateSchedule(ctx, s.Identifier, sc.ID, req))(t)
	if upd.Name != "paused" || upd.IsActive || upd.IsProcessing {
		t.Errorf("updated %+v", upd)
	}
	list := must(api.ListSchedules(ctx, s.Identifier))(t)
	if len(list) != 1 || list[0].ID != sc.ID {
		t.Errorf("list %+v", list)
	}
	noErr(t, api.DeleteTask(ctx, s.Identifier, sc.ID, first.ID))
	noErr(t, api.DeleteSchedule(ctx, s.Identifier, sc.ID))
	_, err = api.GetSchedule(ctx, s.Identifier, sc.ID)
	if !panel.IsNotFound(err) {
		t.Errorf("deleted schedule: %v", err)
	}
}
