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
	"context"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/adoption"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// find returns the panel schedule of ss on the server with this identifier, or nil when there is
// none yet. It looks by status.id, then the panel-id annotation, then by name, so that a create
// whose answer was lost is found rather than repeated.
func (e *external) find(ctx context.Context, ss *ptero.ServerSchedule, server string) (*panel.Schedule, error) {
	api := e.conn.Client.ClientAPI
	return adoption.Find(ctx, ss, adoption.Lookup[panel.Schedule]{
		Noun: "schedule", Identity: ss.GetPanelIdentity(),
		// A schedule of another server is a 404: a server recreated in the panel (a new
		// identifier) took its schedules with it, and this one is made again on the new one.
		Get: adoption.ByNumber(func(ctx context.Context, id int) (*panel.Schedule, error) {
			return api.GetSchedule(ctx, server, id)
		}),
		Forget: func() { forget(ss) },
		ByIdentity: func(ctx context.Context) (*panel.Schedule, error) {
			all, err := api.ListSchedules(ctx, server)
			if err != nil {
				return nil, err
			}
			return byName(all, scheduleName(ss)), nil
		},
	})
}

// byName picks the schedule called name. The name is the only thing besides its id that a
// schedule has to be known by, so it is the identity a lost create is found by, although the
// panel does not keep names unique. With two or more of the name (made by hand in the panel),
// the lowest id, the oldest, is taken, the same one every time: the others are left alone, and
// none is ever created in addition. Two ServerSchedules of one name on one server would
// therefore share a panel schedule; give them different names.
func byName(all []panel.Schedule, name string) *panel.Schedule {
	var found *panel.Schedule
	for i := range all {
		if all[i].Name == name && (found == nil || all[i].ID < found.ID) {
			found = &all[i]
		}
	}
	return found
}
