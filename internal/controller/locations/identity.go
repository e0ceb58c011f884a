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

package locations

import (
	"context"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/adoption"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// find returns the panel location of pl, or nil when there is none yet. Locations have no
// external id, so after status.id and the panel-id annotation the short code (unique in the
// panel) is the identity: a create whose response was lost is found again by it, not repeated.
func (e *external) find(ctx context.Context, pl *ptero.PanelLocation) (*panel.Location, error) {
	locations := e.conn.Client.Locations
	return adoption.Find(ctx, pl, adoption.Lookup[panel.Location]{
		Noun: "location", Identity: pl.GetPanelIdentity(),
		Get:    adoption.ByNumber(e.conn.Locations.Read),
		Forget: func() { pl.Status.ID = 0 },
		ByIdentity: func(ctx context.Context) (*panel.Location, error) {
			// filter[short] is a partial, case-insensitive LIKE: compare exactly.
			all, err := locations.ListAll(ctx, &panel.ListOptions{Filters: map[string]string{"short": pl.Spec.Short}})
			if err != nil {
				return nil, err
			}
			return byShort(all, pl.Spec.Short), nil
		},
	})
}

// byShort picks the location whose short code is exactly short.
func byShort(all []panel.Location, short string) *panel.Location {
	for i := range all {
		if all[i].Short == short {
			return &all[i]
		}
	}
	return nil
}
