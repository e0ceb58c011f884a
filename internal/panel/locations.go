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
	"iter"
	"net/http"
)

const (
	routeLocations = "/api/application/locations"
	routeLocation  = "/api/application/locations/{location}"
)

// LocationsService manages locations (r_locations).
type LocationsService service

// Location is the panel's location transformer.
type Location struct {
	ID            int                   `json:"id"`
	Short         string                `json:"short"`
	Long          string                `json:"long"` // "" when null
	CreatedAt     Timestamp             `json:"created_at"`
	UpdatedAt     Timestamp             `json:"updated_at"`
	Relationships LocationRelationships `json:"relationships"`
}

// LocationRelationships holds the includes of a location ("nodes", "servers").
type LocationRelationships struct {
	Nodes   []Node   `json:"nodes,omitempty"`
	Servers []Server `json:"servers,omitempty"`
	Denied  []string `json:"denied,omitempty"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (r *LocationRelationships) UnmarshalJSON(data []byte) error {
	*r = LocationRelationships{}
	if noRelationships(data) {
		return nil
	}
	var raw struct {
		Nodes   relList[Node]   `json:"nodes"`
		Servers relList[Server] `json:"servers"`
	}
	if err := unmarshal(data, &raw); err != nil {
		return err
	}
	var denied []string
	*r = LocationRelationships{
		Nodes:   relMany(&denied, "nodes", &raw.Nodes),
		Servers: relMany(&denied, "servers", &raw.Servers),
	}
	r.Denied = denied
	return nil
}

// LocationRequest is the body of POST and PATCH. Short (1-60, unique) is required on both.
type LocationRequest struct {
	Short string `json:"short"`
	// Long is the description; "" is stored as null.
	Long string `json:"long"`
}

// List returns one page of locations. Filters: short, long; sort: id; includes: nodes, servers.
func (s *LocationsService) List(ctx context.Context, opts *ListOptions) ([]Location, *Pagination, error) {
	cl := newCall(http.MethodGet, routeLocations)
	cl.query = opts.values()
	return getList[Location](ctx, s.client, cl)
}

// All iterates over every location.
func (s *LocationsService) All(ctx context.Context, opts *ListOptions) iter.Seq2[Location, error] {
	return all(ctx, opts, s.List)
}

// ListAll collects every page.
func (s *LocationsService) ListAll(ctx context.Context, opts *ListOptions) ([]Location, error) {
	return collect(s.All(ctx, opts))
}

// Get returns a location by id.
func (s *LocationsService) Get(ctx context.Context, id int, include ...string) (*Location, error) {
	cl := newCall(http.MethodGet, routeLocation, id)
	cl.query = includeQuery(include)
	return getItem[Location](ctx, s.client, cl)
}

// Create adds a location (201).
func (s *LocationsService) Create(ctx context.Context, req LocationRequest) (*Location, error) {
	cl := newCall(http.MethodPost, routeLocations)
	cl.body = req
	return getItem[Location](ctx, s.client, cl)
}

// Update replaces a location's short and long names.
func (s *LocationsService) Update(ctx context.Context, id int, req LocationRequest) (*Location, error) {
	cl := newCall(http.MethodPatch, routeLocation, id)
	cl.body = req
	return getItem[Location](ctx, s.client, cl)
}

// Delete removes a location (204); 400 HasActiveNodesException while nodes use it.
func (s *LocationsService) Delete(ctx context.Context, id int) error {
	return s.client.do(ctx, newCall(http.MethodDelete, routeLocation, id), nil)
}
