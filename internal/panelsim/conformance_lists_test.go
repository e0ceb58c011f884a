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
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

// panel-api.md §2: the list envelope, pagination, filters, sorts and includes.

// manyUsers seeds n extra users (ids 3..n+2) on top of the test seed.
func manyUsers(n int) option {
	return func(o *panelsim.Options) {
		for i := 0; i < n; i++ {
			id := i + 3
			o.Seed.Users = append(o.Seed.Users, panelsim.SeedUser{ID: id, Username: fmt.Sprintf("user%03d", id),
				Email: fmt.Sprintf("user%03d@example.com", id), FirstName: "Many", LastName: "Users"})
		}
	}
}

func pagination(r *response) map[string]any {
	p, _ := r.at("meta.pagination").(map[string]any)
	return p
}

func dataIDs(r *response) []int {
	var ids []int
	list, _ := r.at("data").([]any)
	for _, it := range list {
		ids = append(ids, num(at(it, "attributes.id")))
	}
	return ids
}

func TestListEnvelopeAndPagination(t *testing.T) {
	e := newEnv(t, manyUsers(260)) // 262 users
	r := e.get("/users")
	wantStatus(t, r, http.StatusOK)
	if r.at("object") != "list" {
		t.Fatalf("object %v, want list", r.at("object"))
	}
	if r.at("data.0.object") != "user" || r.at("data.0.attributes.id") != float64(1) {
		t.Errorf("first item %v", r.at("data.0"))
	}
	p := pagination(r)
	want := map[string]int{"total": 262, "count": 50, "per_page": 50, "current_page": 1, "total_pages": 6}
	for k, v := range want {
		if num(p[k]) != v {
			t.Errorf("pagination.%s = %v, want %d", k, p[k], v)
		}
	}
	links, ok := p["links"].(map[string]any)
	if !ok || links["next"] == nil || links["previous"] != nil {
		t.Errorf("links on page 1: %v, want next only", p["links"])
	}
	if next, _ := links["next"].(string); !strings.HasPrefix(next, e.srv.URL+appBase+"/users?") || !strings.Contains(next, "page=2") {
		t.Errorf("next link %q", next)
	}

	r = e.get("/users?per_page=100&page=3")
	p = pagination(r)
	for k, v := range map[string]int{"total": 262, "count": 62, "per_page": 100, "current_page": 3, "total_pages": 3} {
		if num(p[k]) != v {
			t.Errorf("page 3: pagination.%s = %v, want %d", k, p[k], v)
		}
	}
	ids := dataIDs(r)
	if len(ids) != 62 || ids[0] != 201 || ids[61] != 262 {
		t.Errorf("page 3 ids run %v…", ids[:min(3, len(ids))])
	}
	links, _ = p["links"].(map[string]any)
	if links["previous"] == nil || links["next"] != nil {
		t.Errorf("links on the last page: %v, want previous only", links)
	}

	// per_page is not capped.
	r = e.get("/users?per_page=500")
	if num(pagination(r)["count"]) != 262 || num(pagination(r)["total_pages"]) != 1 {
		t.Errorf("per_page=500: %v", pagination(r))
	}
	// Past the end: an empty page, not an error.
	r = e.get("/users?page=99")
	wantStatus(t, r, http.StatusOK)
	if list, ok := r.at("data").([]any); !ok || len(list) != 0 {
		t.Errorf("page 99 data %v, want []", r.at("data"))
	}
	// per_page is not validated: what breaks PHP's arithmetic is a 500 (conformance_pagination_test.go).
	wantError(t, e.get("/users?per_page=lots"), http.StatusInternalServerError, "TypeError",
		"An unexpected error was encountered while processing this request, please try again.")
}

func TestListEmptyLinksIsAnObject(t *testing.T) {
	e := newEnv(t)
	r := e.get("/locations")
	links, ok := r.at("meta.pagination.links").(map[string]any)
	if !ok || len(links) != 0 {
		t.Fatalf("links %#v, want {}", r.at("meta.pagination.links"))
	}
	if !strings.Contains(string(r.raw), `"links":{}`) {
		t.Errorf("body does not contain \"links\":{}: %s", r.raw)
	}
}

func TestListFilters(t *testing.T) {
	e := newEnv(t)
	wantStatus(t, e.post("/users", map[string]any{"email": "xa@b.com", "username": "xab", "first_name": "X", "last_name": "A"}), http.StatusCreated)
	wantStatus(t, e.post("/users", map[string]any{"email": "other@c.org", "username": "other", "first_name": "O", "last_name": "C",
		"external_id": "EXT-77"}), http.StatusCreated)

	cases := []struct {
		query string
		want  []int
	}{
		{"filter[email]=a@b.c", []int{3}},                     // partial: LIKE %a@b.c%
		{"filter[email]=XA@B", []int{3}},                      // case-insensitive
		{"filter[username]=admin,player", []int{1, 2}},        // comma is OR
		{"filter[username]=er", []int{2, 4}},                  // player, other
		{"filter[username]=er&filter[email]=c.org", []int{4}}, // filters AND
		{"filter[external_id]=ext-7", []int{4}},
		{"filter[email]=", []int{1, 2, 3, 4}}, // an empty filter is no filter
		{"filter[email]=nobody", nil},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			r := e.get("/users?" + tc.query)
			wantStatus(t, r, http.StatusOK)
			if got := dataIDs(r); fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("ids %v, want %v", got, tc.want)
			}
		})
	}

	r := e.get("/users?filter[name]=x&filter[email]=y")
	wantError(t, r, http.StatusBadRequest, "InvalidFilterQuery",
		"Requested filter(s) `name` are not allowed. Allowed filter(s) are `email, uuid, username, external_id`.")
	r = e.get("/locations?filter[id]=1")
	wantError(t, r, http.StatusBadRequest, "InvalidFilterQuery",
		"Requested filter(s) `id` are not allowed. Allowed filter(s) are `short, long`.")
}

func TestListSorts(t *testing.T) {
	e := newEnv(t, manyUsers(5))
	r := e.get("/users?sort=-id")
	wantStatus(t, r, http.StatusOK)
	if got := dataIDs(r); fmt.Sprint(got) != "[7 6 5 4 3 2 1]" {
		t.Errorf("sort=-id: %v", got)
	}
	r = e.get("/users?sort=uuid")
	var uuids []string
	for _, it := range r.at("data").([]any) {
		uuids = append(uuids, at(it, "attributes.uuid").(string))
	}
	if !sort.StringsAreSorted(uuids) {
		t.Errorf("sort=uuid not sorted: %v", uuids)
	}
	r = e.get("/users?sort=email")
	wantError(t, r, http.StatusBadRequest, "InvalidSortQuery", "Requested sort(s) `email` is not allowed. Allowed sort(s) are `id, uuid`.")
	r = e.get("/nodes?sort=-memory")
	if got := dataIDs(r); fmt.Sprint(got) != "[1 2]" {
		t.Errorf("nodes sort=-memory: %v", got)
	}
	// Endpoints without allowed sorts ignore sort.
	wantStatus(t, e.get("/nodes/1/allocations?sort=-port"), http.StatusOK)
}

func TestListIncludes(t *testing.T) {
	noServers := appKeyWith("noservers", map[string]int{panelsim.ResUsers: panelsim.PermRead, panelsim.ResNodes: panelsim.PermRead})
	e := newEnv(t, withKeys(noServers))
	id := e.createServer(serverBody("included", 1))

	t.Run("users?include=servers", func(t *testing.T) {
		r := e.get("/users?include=servers")
		rel := r.at("data.0.attributes.relationships.servers")
		if at(rel, "object") != "list" || at(rel, "data.0.object") != "server" || num(at(rel, "data.0.attributes.id")) != id {
			t.Errorf("admin's servers: %v", rel)
		}
		if r.at("data.0.relationships") != nil {
			t.Error("relationships outside attributes")
		}
		if got := r.at("data.1.attributes.relationships.servers.data"); got == nil || len(got.([]any)) != 0 {
			t.Errorf("player's servers %v, want an empty list", got)
		}
	})
	t.Run("servers/{id}?include=allocations,variables", func(t *testing.T) {
		r := e.get(fmt.Sprintf("/servers/%d?include=allocations,variables", id))
		allocs := r.at("attributes.relationships.allocations")
		if at(allocs, "object") != "list" || at(allocs, "data.0.object") != "allocation" || num(at(allocs, "data.0.attributes.id")) != 1 {
			t.Errorf("allocations: %v", allocs)
		}
		vars, _ := r.at("attributes.relationships.variables.data").([]any)
		if len(vars) != 4 {
			t.Fatalf("variables: %v", r.at("attributes.relationships.variables"))
		}
		byEnv := map[string]any{}
		for _, v := range vars {
			if at(v, "object") != "server_variable" {
				t.Errorf("variable object %v", at(v, "object"))
			}
			byEnv[at(v, "attributes.env_variable").(string)] = at(v, "attributes")
		}
		if at(byEnv["SERVER_JARFILE"], "server_value") != "server.jar" || at(byEnv["SERVER_JARFILE"], "default_value") != "server.jar" {
			t.Errorf("SERVER_JARFILE %v", byEnv["SERVER_JARFILE"])
		}
		if at(byEnv["MINECRAFT_VERSION"], "server_value") != "" {
			t.Errorf("omitted MINECRAFT_VERSION server_value %#v, want \"\"", at(byEnv["MINECRAFT_VERSION"], "server_value"))
		}
		if ts, _ := at(byEnv["SERVER_JARFILE"], "created_at").(string); !strings.HasSuffix(ts, ".000000Z") {
			t.Errorf("variable timestamp %q, want the microsecond form", ts)
		}
	})
	t.Run("include as an array, two levels", func(t *testing.T) {
		r := e.get("/nodes?include[]=location&include[]=allocations.server")
		if r.at("data.0.attributes.relationships.location.object") != "location" ||
			r.at("data.0.attributes.relationships.location.attributes.short") != "eu-west" {
			t.Errorf("location include: %v", r.at("data.0.attributes.relationships.location"))
		}
		if r.at("data.0.attributes.relationships.allocations.data.0.attributes.relationships.server.object") != "server" {
			t.Errorf("allocations.server include: %v", r.at("data.0.attributes.relationships.allocations.data.0"))
		}
		if r.at("data.0.attributes.relationships.allocations.data.1.attributes.relationships.server.object") != "null_resource" {
			t.Errorf("server of a free allocation: %v", r.at("data.0.attributes.relationships.allocations.data.1"))
		}
	})
	t.Run("at most two levels", func(t *testing.T) {
		r := e.get("/nodes/1?include=allocations.server.user")
		server := r.at("attributes.relationships.allocations.data.0.attributes.relationships.server.attributes")
		if at(server, "id") == nil || has(server, "relationships") {
			t.Errorf("third level included: %v", server)
		}
	})
	t.Run("unknown includes are ignored", func(t *testing.T) {
		r := e.get("/users/1?include=bogus")
		wantStatus(t, r, http.StatusOK)
	})
	t.Run("an include the key cannot read is a null_resource", func(t *testing.T) {
		r := e.get("/users/1?include=servers", withKey(noServers.Token))
		wantStatus(t, r, http.StatusOK)
		rel, ok := r.at("attributes.relationships.servers").(map[string]any)
		if !ok || rel["object"] != "null_resource" || !has(rel, "attributes") || rel["attributes"] != nil {
			t.Errorf("servers include without r_servers: %v", r.at("attributes.relationships"))
		}
		r = e.get("/nodes/1?include=allocations,location", withKey(noServers.Token))
		if r.at("attributes.relationships.allocations.object") != "null_resource" ||
			r.at("attributes.relationships.location.object") != "null_resource" {
			t.Errorf("node includes without r_allocations/r_locations: %v", r.at("attributes.relationships"))
		}
	})
}

func TestListUnpaginatedLists(t *testing.T) {
	e := newEnv(t)
	r := e.get("/nests/1/eggs")
	wantStatus(t, r, http.StatusOK)
	if r.at("object") != "list" || has(r.body, "meta") {
		t.Errorf("eggs list: object %v, meta present %v", r.at("object"), has(r.body, "meta"))
	}
	r = e.get("/nodes/deployable?memory=1&disk=1")
	if r.at("object") != "list" || has(r.body, "meta") {
		t.Errorf("deployable without page: meta present %v", has(r.body, "meta"))
	}
	r = e.get("/nodes/deployable?memory=1&disk=1&page=1")
	if num(r.at("meta.pagination.total")) != 2 {
		t.Errorf("deployable with page: %s", r.raw)
	}
}

// The panel reads includes with $request->input('include', []), which for a JSON request is the
// body merged over the query string: a body with an include key decides alone, for every
// method. A string is split on commas; a list is taken element by element, each trimmed but
// not split.
func TestIncludesFromTheBody(t *testing.T) {
	e := newEnv(t)
	const rel = "attributes.relationships"
	names := func(r *response) string {
		m, _ := r.at(rel).(map[string]any)
		var out []string
		for k := range m {
			out = append(out, k)
		}
		sort.Strings(out)
		return strings.Join(out, ",")
	}

	b := serverBody("body-include", 1)
	b["include"] = "variables, user"
	r := e.post("/servers?include=allocations", b)
	wantStatus(t, r, http.StatusCreated)
	if got := names(r); got != "user,variables" {
		t.Errorf("string include over ?include=allocations: relationships %q, want user,variables", got)
	}
	id := num(r.at("attributes.id"))

	cases := []struct {
		name    string
		include any
		want    string
	}{
		{"list", []any{"allocations", " node "}, "allocations,node"},
		{"list elements are not split", []any{"allocations,node"}, ""},
		{"null includes nothing", nil, ""},
		{"empty string includes nothing", "", ""},
		{"empty list includes nothing", []any{}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			bb := buildBody(1, 1024)
			bb["include"] = tc.include
			r := e.patch(fmt.Sprintf("/servers/%d/build?include=user", id), bb)
			wantStatus(t, r, http.StatusOK)
			if got := names(r); got != tc.want {
				t.Errorf("relationships %q, want %q", got, tc.want)
			}
		})
	}

	t.Run("without an include key the query string counts", func(t *testing.T) {
		r := e.patch(fmt.Sprintf("/servers/%d/build?include=user", id), buildBody(1, 1024))
		if got := names(r); got != "user" {
			t.Errorf("relationships %q, want user", got)
		}
	})
	t.Run("a GET's JSON body too", func(t *testing.T) {
		r := e.do(http.MethodGet, appBase+"/users/1?include=bogus", map[string]any{"include": "servers"})
		wantStatus(t, r, http.StatusOK)
		if got := fmt.Sprint(relIDs(r, rel+".servers")); got != fmt.Sprint([]int{id}) {
			t.Errorf("servers include from a GET body: %s", got)
		}
	})
	t.Run("a body that is not JSON is not read", func(t *testing.T) {
		r := e.do(http.MethodGet, appBase+"/users/1?include=servers", `{"include":""}`, withHeader("Content-Type", "text/plain"))
		if got := names(r); got != "servers" {
			t.Errorf("relationships %q, want servers", got)
		}
	})
}
