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
	routeNests = "/api/application/nests"
	routeNest  = "/api/application/nests/{nest}"
)

// NestsService reads nests (r_nests); the API cannot change them.
type NestsService service

// Nest groups eggs.
type Nest struct {
	ID            int               `json:"id"`
	UUID          string            `json:"uuid"`
	Author        string            `json:"author"`
	Name          string            `json:"name"`
	Description   string            `json:"description"`
	CreatedAt     Timestamp         `json:"created_at"`
	UpdatedAt     Timestamp         `json:"updated_at"`
	Relationships NestRelationships `json:"relationships"`
}

// NestRelationships holds the includes of a nest ("eggs", "servers").
type NestRelationships struct {
	Eggs    []Egg    `json:"eggs,omitempty"`
	Servers []Server `json:"servers,omitempty"`
	Denied  []string `json:"denied,omitempty"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (r *NestRelationships) UnmarshalJSON(data []byte) error {
	*r = NestRelationships{}
	if noRelationships(data) {
		return nil
	}
	var raw struct {
		Eggs    relList[Egg]    `json:"eggs"`
		Servers relList[Server] `json:"servers"`
	}
	if err := unmarshal(data, &raw); err != nil {
		return err
	}
	var denied []string
	*r = NestRelationships{
		Eggs:    relMany(&denied, "eggs", &raw.Eggs),
		Servers: relMany(&denied, "servers", &raw.Servers),
	}
	r.Denied = denied
	return nil
}

// List returns one page of nests; includes: eggs, servers.
func (s *NestsService) List(ctx context.Context, opts *ListOptions) ([]Nest, *Pagination, error) {
	cl := newCall(http.MethodGet, routeNests)
	cl.query = opts.values()
	return getList[Nest](ctx, s.client, cl)
}

// All iterates over every nest.
func (s *NestsService) All(ctx context.Context, opts *ListOptions) iter.Seq2[Nest, error] {
	return all(ctx, opts, s.List)
}

// ListAll collects every page.
func (s *NestsService) ListAll(ctx context.Context, opts *ListOptions) ([]Nest, error) {
	return collect(s.All(ctx, opts))
}

// Get returns a nest by id.
func (s *NestsService) Get(ctx context.Context, id int, include ...string) (*Nest, error) {
	cl := newCall(http.MethodGet, routeNest, id)
	cl.query = includeQuery(include)
	return getItem[Nest](ctx, s.client, cl)
}
