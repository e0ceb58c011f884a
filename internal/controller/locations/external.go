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

// Package locations reconciles PanelLocations: panel locations created from a short code and a
// description, kept in line with the spec, and found again by their short code when the panel's
// answer to a create was lost.
package locations

import (
	"context"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
)

// external is one reconcile's view of one PanelLocation's panel location.
type external struct {
	conn *connection.Conn
}

var _ managed.External[*ptero.PanelLocation] = (*external)(nil)

// Observe implements managed.External.
func (e *external) Observe(ctx context.Context, pl *ptero.PanelLocation) (managed.Observation, error) {
	loc, err := e.find(ctx, pl)
	if err != nil || loc == nil {
		return managed.Observation{}, err
	}
	pl.Status.ID = int64(loc.ID)
	return managed.Observation{Exists: true, UpToDate: upToDate(pl.Spec, loc)}, nil
}

// Create implements managed.External.
func (e *external) Create(ctx context.Context, pl *ptero.PanelLocation) error {
	loc, err := e.conn.Client.Locations.Create(ctx, request(pl.Spec))
	if err != nil {
		return err
	}
	e.conn.Locations.Wrote(loc)
	pl.Status.ID = int64(loc.ID)
	return nil
}

// Update implements managed.External. The panel's PATCH replaces the location, so the request
// carries both fields.
func (e *external) Update(ctx context.Context, pl *ptero.PanelLocation) error {
	loc, err := e.conn.Client.Locations.Update(ctx, int(pl.Status.ID), request(pl.Spec))
	e.conn.Locations.Answered(int(pl.Status.ID), loc, err)
	return err
}

// Delete implements managed.External.
func (e *external) Delete(ctx context.Context, pl *ptero.PanelLocation) error {
	defer e.conn.Locations.Forget(int(pl.Status.ID))
	// HasActiveNodesException is the 400 of a location that still has nodes.
	return connection.Deleted(e.conn.Client.Locations.Delete(ctx, int(pl.Status.ID)),
		"The panel keeps location "+pl.Spec.Short+" while nodes are still in it: delete or move its nodes (PanelNodes) first")
}
