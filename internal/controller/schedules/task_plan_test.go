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
	"reflect"
	"testing"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

var spec = []ptero.ScheduleTask{
	{Action: ptero.ScheduleActionCommand, Payload: "say Restarting in 60 seconds"},
	{Action: ptero.ScheduleActionPower, Payload: "restart", TimeOffset: 60},
	{Action: ptero.ScheduleActionBackup, ContinueOnFailure: true},
}

// inPanel is spec as the panel holds it, task ids 11, 12, 13 at sequence ids 1, 2, 3.
func inPanel() []panel.ScheduleTask {
	var out []panel.ScheduleTask
	for i, t := range spec {
		out = append(out, panel.ScheduleTask{ID: 11 + i, SequenceID: i + 1, Action: panel.TaskAction(t.Action),
			Payload: t.Payload, TimeOffset: int(t.TimeOffset), ContinueOnFailure: t.ContinueOnFailure})
	}
	return out
}

func TestPlanTasks(t *testing.T) {
	req := func(i int) panel.TaskRequest { return taskRequest(spec[i], i) }
	for _, tc := range []struct {
		name string
		have func() []panel.ScheduleTask
		want []ptero.ScheduleTask
		plan taskPlan
	}{
		{name: "in line", have: inPanel, want: spec},
		{name: "listed by id, not by sequence: still in line", want: spec, have: func() []panel.ScheduleTask {
			h := inPanel()
			h[0].SequenceID, h[2].SequenceID = 3, 1
			h[0].Action, h[0].Payload, h[0].TimeOffset, h[0].ContinueOnFailure = panel.TaskBackup, "", 0, true
			h[2].Action, h[2].Payload, h[2].ContinueOnFailure = panel.TaskCommand, spec[0].Payload, false
			return h
		}},
		{name: "a new schedule: every task created, in order", have: func() []panel.ScheduleTask { return nil }, want: spec,
			plan: taskPlan{creates: []panel.TaskRequest{req(0), req(1), req(2)}}},
		{name: "a task edited in the panel is put back in place", want: spec, have: func() []panel.ScheduleTask {
			h := inPanel()
			h[1].Payload = "stop"
			return h
		}, plan: taskPlan{updates: []taskUpdate{{id: 12, req: req(1)}}}},
		{name: "a task removed from the middle: the later ones move up, the last is made again", want: spec,
			have: func() []panel.ScheduleTask {
				h := inPanel()
				h[2].SequenceID = 2
				return []panel.ScheduleTask{h[0], h[2]}
			}, plan: taskPlan{updates: []taskUpdate{{id: 13, req: req(1)}}, creates: []panel.TaskRequest{req(2)}}},
		{name: "tasks added in the panel are deleted, the last first", want: spec[:1], have: inPanel,
			plan: taskPlan{deletes: []int{13, 12}}},
		{name: "a gap in the sequence ids is closed", want: spec, have: func() []panel.ScheduleTask {
			h := inPanel()
			h[2].SequenceID = 7
			return h
		}, plan: taskPlan{updates: []taskUpdate{{id: 13, req: req(2)}}}},
		{name: "payloads compare as the panel trims them", have: inPanel, want: []ptero.ScheduleTask{
			{Action: ptero.ScheduleActionCommand, Payload: "  say Restarting in 60 seconds\n"}, spec[1], spec[2]}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := planTasks(tc.have(), tc.want)
			if !reflect.DeepEqual(got, tc.plan) {
				t.Fatalf("plan\n got %+v\nwant %+v", got, tc.plan)
			}
		})
	}
}

func TestScheduleRequest(t *testing.T) {
	on, off := true, false
	ss := &ptero.ServerSchedule{Spec: ptero.ServerScheduleSpec{Cron: "*/15 4 1-7 * MON"}}
	ss.Name = "nightly"
	got, err := scheduleRequest(ss)
	want := panel.ScheduleRequest{Name: "nightly", Minute: "*/15", Hour: "4", DayOfMonth: "1-7", Month: "*", DayOfWeek: "MON", IsActive: true}
	if err != nil || got != want {
		t.Fatalf("got %+v, %v; want %+v", got, err, want)
	}
	sc := &panel.Schedule{Name: "nightly", IsActive: true,
		Cron: panel.ScheduleCron{Minute: "*/15", Hour: "4", DayOfMonth: "1-7", Month: "*", DayOfWeek: "MON"}}
	if !scheduleMatches(sc, got) {
		t.Fatal("the same schedule does not match")
	}

	ss.Spec.Name, ss.Spec.Enabled, ss.Spec.OnlyWhenOnline = " renamed ", &off, true
	if got, _ = scheduleRequest(ss); got.Name != "renamed" || got.IsActive || !got.OnlyWhenOnline || scheduleMatches(sc, got) {
		t.Fatalf("got %+v", got)
	}
	ss.Spec.Enabled = &on
	ss.Spec.Cron = "0 4 * *"
	if _, err := scheduleRequest(ss); err == nil {
		t.Fatal("a cron of four fields was accepted")
	}
}

func TestByNameTakesTheLowestID(t *testing.T) {
	all := []panel.Schedule{{ID: 9, Name: "nightly"}, {ID: 4, Name: "nightly"}, {ID: 2, Name: "other"}}
	if got := byName(all, "nightly"); got == nil || got.ID != 4 {
		t.Fatalf("got %+v", got)
	}
	if got := byName(all, "missing"); got != nil {
		t.Fatalf("got %+v", got)
	}
}
