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
	"net/http"
	"strings"
	"testing"
)

// panel-api.md §4 Locations.

func TestLocationsCRUD(t *testing.T) {
	e := newEnv(t)
	r := e.post("/locations", map[string]any{"short": "ap-south", "long": "Asia Pacific"})
	wantStatus(t, r, http.StatusCreated)
	if r.at("object") != "location" || r.at("attributes.short") != "ap-south" || r.at("attributes.long") != "Asia Pacific" {
		t.Errorf("create: %s", r.raw)
	}
	if r.at("meta.resource") != e.srv.URL+appBase+"/locations/3" {
		t.Errorf("meta.resource %v", r.at("meta.resource"))
	}
	for _, k := range []string{"id", "short", "long", "updated_at", "created_at"} {
		if !has(r.body, "attributes."+k) {
			t.Errorf("attribute %s missing", k)
		}
	}

	wantStatus(t, e.post("/locations", map[string]any{"short": "no-long", "long": nil}), http.StatusCreated)

	r = e.get("/locations/3")
	wantStatus(t, r, http.StatusOK)
	if r.at("attributes.short") != "ap-south" {
		t.Errorf("get: %s", r.raw)
	}

	// short is required on every PATCH; long left out stays.
	r = e.patch("/locations/3", map[string]any{"long": "x"})
	wantValidation(t, r, "short", "required", "The Location Identifier field is required.")
	r = e.patch("/locations/3", map[string]any{"short": "ap-south"}) // its own short is not "taken"
	wantStatus(t, r, http.StatusOK)
	if r.at("attributes.long") != "Asia Pacific" {
		t.Errorf("long after a PATCH without it: %v", r.at("attributes.long"))
	}
	r = e.patch("/locations/3", map[string]any{"short": "eu-west"})
	wantValidation(t, r, "short", "unique", "The Location Identifier has already been taken.")

	wantStatus(t, e.del("/locations/3"), http.StatusNoContent)
	wantStatus(t, e.get("/locations/3"), http.StatusNotFound)
}

func TestLocationsValidation(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		name   string
		body   map[string]any
		field  string
		rule   string
		detail string
	}{
		{"short missing", map[string]any{"long": "x"}, "short", "required", "The Location Identifier field is required."},
		{"short too long", map[string]any{"short": strings.Repeat("s", 61)}, "short", "between", "The Location Identifier must be between 1 and 60 characters."},
		{"short a number", map[string]any{"short": 12}, "short", "string", "The Location Identifier must be a string."},
		{"short taken", map[string]any{"short": "us-east"}, "short", "unique", "The Location Identifier has already been taken."},
		{"long too long", map[string]any{"short": "ok", "long": strings.Repeat("l", 192)}, "long", "between", "The Location Description must be between 1 and 191 characters."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			wantValidation(t, e.post("/locations", tc.body), tc.field, tc.rule, tc.detail)
		})
	}
}

func TestLocationsDeleteWithNodes(t *testing.T) {
	e := newEnv(t)
	r := e.del("/locations/1")
	wantError(t, r, http.StatusBadRequest, "HasActiveNodesException", "Cannot delete a location that has active nodes attached to it.")
	wantStatus(t, e.get("/locations/1"), http.StatusOK)
}

func TestLocationsIncludes(t *testing.T) {
	e := newEnv(t)
	e.createServer(serverBody("in-eu", 1))
	r := e.get("/locations/1?include=nodes,servers")
	if r.at("attributes.relationships.nodes.data.0.attributes.name") != "node-1" {
		t.Errorf("nodes include: %v", r.at("attributes.relationships.nodes"))
	}
	if r.at("attributes.relationships.servers.data.0.attributes.name") != "in-eu" {
		t.Errorf("servers include: %v", r.at("attributes.relationships.servers"))
	}
	r = e.get("/locations/2?include=servers")
	if d, ok := r.at("attributes.relationships.servers.data").([]any); !ok || len(d) != 0 {
		t.Errorf("servers of an empty location: %v", r.at("attributes.relationships.servers"))
	}
}

// A short that differs only in case is taken (utf8mb4_unicode_ci), on create and update alike.
// (The panel's message names short "Location Identifier"; the simulator keeps "short".)
func TestLocationsShortUniqueIgnoresCase(t *testing.T) {
	e := newEnv(t)
	const taken = `{"errors":[{"code":"ValidationException","status":"422","detail":"The Location Identifier has already been taken.",` +
		`"meta":{"source_field":"short","rule":"unique"}}]}`
	wantBody(t, e.post("/locations", map[string]any{"short": "EU-West"}), http.StatusUnprocessableEntity, taken)
	wantBody(t, e.patch("/locations/2", map[string]any{"short": "EU-WEST"}), http.StatusUnprocessableEntity, taken)
	// Its own short, in another case, is not taken.
	r := e.patch("/locations/1", map[string]any{"short": "EU-WEST"})
	wantStatus(t, r, http.StatusOK)
	if r.at("attributes.short") != "EU-WEST" {
		t.Errorf("short %v, want EU-WEST", r.at("attributes.short"))
	}
	if n := len(e.sim.State().Locations); n != 2 {
		t.Errorf("locations after refused writes: %d, want 2", n)
	}
}

// A create or update answers with the request's includes, read after the write.
func TestLocationsWriteIncludes(t *testing.T) {
	e := newEnv(t)
	r := e.post("/locations?include=nodes,servers", map[string]any{"short": "ap-south"})
	wantStatus(t, r, http.StatusCreated)
	for _, name := range []string{"nodes", "servers"} {
		if got := relIDs(r, "attributes.relationships."+name); got == nil || len(got) != 0 {
			t.Errorf("create: %s include %v, want an empty list", name, r.at("attributes.relationships."+name))
		}
	}
	id := e.createServer(serverBody("in-eu", 1))
	r = e.patch("/locations/1?include=nodes,servers", map[string]any{"short": "eu-central"})
	wantStatus(t, r, http.StatusOK)
	if r.at("attributes.relationships.nodes.data.0.attributes.name") != "node-1" {
		t.Errorf("update: nodes include %v", r.at("attributes.relationships.nodes"))
	}
	if got := relIDs(r, "attributes.relationships.servers"); len(got) != 1 || got[0] != id {
		t.Errorf("update: servers include %v, want [%d]", got, id)
	}
	// The servers' environment shows the short just written.
	if got := r.at("attributes.relationships.servers.data.0.attributes.container.environment.P_SERVER_LOCATION"); got != "eu-central" {
		t.Errorf("update: P_SERVER_LOCATION of the included server %v", got)
	}
}
