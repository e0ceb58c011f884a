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
	"strings"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// scheduleRequest is the panel request that makes the schedule's own fields (not its tasks)
// what the spec says. The panel trims every string it is sent (Laravel's TrimStrings), so the
// values are trimmed here too: comparing untrimmed values would update forever.
func scheduleRequest(ss *ptero.ServerSchedule) (panel.ScheduleRequest, error) {
	fields := strings.Fields(ss.Spec.Cron)
	if len(fields) != 5 {
		// The CRD refuses such a cron at apply; this guards objects that bypassed it.
		return panel.ScheduleRequest{}, managed.InvalidSpec("cron",
			"%q has %d fields, not the five minute hour day-of-month month day-of-week", ss.Spec.Cron, len(fields))
	}
	return panel.ScheduleRequest{
		Name:   scheduleName(ss),
		Minute: fields[0], Hour: fields[1], DayOfMonth: fields[2], Month: fields[3], DayOfWeek: fields[4],
		// Both flags are always sent: the panel reads a flag left out as false.
		IsActive:       enabled(ss),
		OnlyWhenOnline: ss.Spec.OnlyWhenOnline,
	}, nil
}

// scheduleName is the schedule's name in the panel: spec.name, or the object's name.
func scheduleName(ss *ptero.ServerSchedule) string {
	if name := strings.TrimSpace(ss.Spec.Name); name != "" {
		return name
	}
	return ss.Name
}

// enabled applies the API default (true) for objects built in Go rather than read from the API.
func enabled(ss *ptero.ServerSchedule) bool {
	return ss.Spec.Enabled == nil || *ss.Spec.Enabled
}

// scheduleMatches reports whether the panel's schedule has the name, cron fields and flags want
// asks for. The panel stores the cron fields as sent, so they compare as strings.
func scheduleMatches(sc *panel.Schedule, want panel.ScheduleRequest) bool {
	return sc.Name == want.Name &&
		sc.Cron == panel.ScheduleCron{Minute: want.Minute, Hour: want.Hour, DayOfMonth: want.DayOfMonth,
			Month: want.Month, DayOfWeek: want.DayOfWeek} &&
		sc.IsActive == want.IsActive && sc.OnlyWhenOnline == want.OnlyWhenOnline
}
