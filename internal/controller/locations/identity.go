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
	"strconv"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// find returns the panel location of pl, or nil when there is none yet. Locations have no
// external id, so after status.id and the panel-id annotation the short code (unique in the
// panel) is the identity: a create whose response was lost is found again by it, not repeated.
func (e *external) find(ctx context.Context, pl *ptero.PanelLocation) (*panel.Location, error) {
	locations := e.conn.Client.Locations
	adoptID, adopting, err := annotatedID(pl)
	if err != nil {
		return nil, err
	}
	if id := int(pl.Status.ID); id != 0 {
		loc, err := locations.Get(ctx, id)
		switch {
		case err == nil:
			return loc, nil
		case !panel.IsNotFound(err):
			return nil, err
		case adopting && adoptID == id:
			return nil, notFoundInPanel(id)
		}
		// Deleted behind our back: forget it; it is looked up again and recreated.
		pl.Status.ID = 0
	}
	if adopting {
		loc, err := locations.Get(ctx, adoptID)
		if panel.IsNotFound(err) {
			return nil, notFoundInPanel(adoptID)
		}
		return loc, err
	}
	// filter[short] is a partial, case-insensitive LIKE: compare exactly.
	all, err := locations.ListAll(ctx, &panel.ListOptions{Filters: map[string]string{"short": pl.Spec.Short}})
	if err != nil {
		return nil, err
	}
	return byShort(all, pl.Spec.Short), nil
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

// annotatedID parses the panel-id annotation.
func annotatedID(pl *ptero.PanelLocation) (int, bool, error) {
	v, ok := pl.Annotations[ptero.AnnotationPanelID]
	if !ok || v == "" {
		return 0, false, nil
	}
	id, err := strconv.Atoi(v)
	if err != nil || id <= 0 {
		return 0, false, managed.Fail(managed.Failure{Reason: ptero.ReasonInvalidSpec, Terminal: true,
			Message: "annotation " + ptero.AnnotationPanelID + " must be a panel location id (a positive number), not " + strconv.Quote(v)})
	}
	return id, true, nil
}

// notFoundInPanel reports an adopted location that is gone: the user decides whether a new one
// should be created (by removing the annotation).
func notFoundInPanel(id int) error {
	return managed.Fail(managed.Failure{Reason: ptero.ReasonNotFoundInPanel, Terminal: true,
		Message: "Location " + strconv.Itoa(id) + " adopted through the " + ptero.AnnotationPanelID +
			" annotation no longer exists in the panel; remove the annotation to create a new location."})
}
