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
	"strings"
	"testing"

	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

// panel-api.md §2: per_page as the panel's paginator reads it. The controllers pass
// `$request->query('per_page') ?? 50` to Eloquent's paginate() (Laravel 11.28), which neither
// validates nor caps it; what PHP does with the value decides the page.

// wantPagination checks meta.pagination's numbers and which links it has.
func wantPagination(t *testing.T, r *response, total, count, perPage, page, pages int, prev, next bool) {
	t.Helper()
	wantStatus(t, r, http.StatusOK)
	p := pagination(r)
	for k, v := range map[string]int{"total": total, "count": count, "per_page": perPage, "current_page": page, "total_pages": pages} {
		if num(p[k]) != v {
			t.Errorf("pagination.%s = %v, want %d (%v)", k, p[k], v, p)
		}
	}
	links, _ := p["links"].(map[string]any)
	if (links["previous"] != nil) != prev || (links["next"] != nil) != next {
		t.Errorf("links %v, want previous %v, next %v", links, prev, next)
	}
	if data, _ := r.at("data").([]any); len(data) != count {
		t.Errorf("%d items, meta count %d", len(data), count)
	}
}

// manyServers creates n servers, one per allocation of an extra node with n ports.
func manyServers(tb testing.TB, n int) *env {
	e := newEnv(tb, func(o *panelsim.Options) {
		var ranges []string
		for lo := 30000; lo < 30000+n; lo += 1000 {
			ranges = append(ranges, fmt.Sprintf("%d-%d", lo, min(lo+999, 30000+n-1)))
		}
		o.Seed.Nodes = append(o.Seed.Nodes, panelsim.SeedNode{ID: 3, Name: "many", LocationID: loc1,
			FQDN: "many.example.com", Memory: 1 << 24, Disk: 1 << 28,
			Allocations: []panelsim.SeedAllocation{{IP: "10.0.9.1", Ports: ranges}}})
	})
	for i := 0; i < n; i++ {
		body := serverBody(fmt.Sprintf("many-%05d", i), 16+i) // allocations 1-15 are the test seed's
		body["external_id"] = fmt.Sprintf("many-%05d", i)
		e.createServer(body)
	}
	return e
}

func TestListLargePages(t *testing.T) {
	n := 5000
	if testing.Short() || raceEnabled {
		n = 1500
	}
	e := manyServers(t, n)
	pages := n / 500

	t.Run("every server in one page", func(t *testing.T) {
		r := e.get(fmt.Sprintf("/servers?per_page=%d", n))
		wantPagination(t, r, n, n, n, 1, 1, false, false)
		ids := dataIDs(r)
		for i, id := range ids {
			if id != i+1 {
				t.Fatalf("item %d has id %d: not in id order", i, id)
			}
		}
		if !strings.Contains(string(r.raw), `"links":{}`) {
			t.Error("links of the only page is not {}")
		}
	})
	t.Run("past the whole table", func(t *testing.T) {
		wantPagination(t, e.get("/servers?per_page=10000"), n, n, 10000, 1, 1, false, false)
	})
	t.Run("pages of 500 with every include", func(t *testing.T) {
		seen := 0
		for page := 1; page <= pages; page++ {
			r := e.get(fmt.Sprintf("/servers?per_page=500&page=%d&include=allocations,variables,user,node,databases", page))
			wantPagination(t, r, n, 500, 500, page, pages, page > 1, page < pages)
			ids := dataIDs(r)
			if ids[0] != (page-1)*500+1 || ids[499] != page*500 {
				t.Fatalf("page %d runs %d…%d", page, ids[0], ids[499])
			}
			for _, name := range []string{"allocations", "variables", "user", "node", "databases"} {
				if r.at("data.0.attributes.relationships."+name+".object") == nil {
					t.Errorf("page %d: no %s include", page, name)
				}
			}
			// Every server is on node 3.
			if got := num(r.at("data.0.attributes.relationships.node.attributes.allocated_resources.memory")); got != 1024*n {
				t.Errorf("node include's allocated memory %d, want %d", got, 1024*n)
			}
			seen += len(ids)
		}
		if seen != pages*500 {
			t.Errorf("walk saw %d servers", seen)
		}
		wantPagination(t, e.get(fmt.Sprintf("/servers?per_page=500&page=%d", pages+2)), n, 0, 500, pages+2, (n+499)/500, true, false)
		wantPagination(t, e.get("/servers?per_page=700&page=2"), n, min(700, n-700), 700, 2, (n+699)/700, true, n > 1400)
	})
	t.Run("a filter among them", func(t *testing.T) {
		r := e.get("/servers?filter[external_id]=many-01021")
		wantPagination(t, r, 1, 1, 50, 1, 1, false, false)
		if r.at("data.0.attributes.external_id") != "many-01021" {
			t.Errorf("found %v", r.at("data.0.attributes.external_id"))
		}
		// Partial: many-0102 also matches many-01020…many-01029.
		wantPagination(t, e.get("/servers?filter[external_id]=many-0102&per_page=5"), 10, 5, 5, 1, 2, false, true)
	})
	t.Run("the node's allocations", func(t *testing.T) {
		r := e.get("/nodes/3?include=allocations")
		allocs, _ := r.at("attributes.relationships.allocations.data").([]any)
		if len(allocs) != n || at(allocs[n-1], "attributes.assigned") != true {
			t.Fatalf("%d allocations", len(allocs))
		}
		if got := num(r.at("attributes.allocated_resources.memory")); got != 1024*n {
			t.Errorf("allocated memory %d, want %d", got, 1024*n)
		}
	})
}

func TestListPerPageEdgeCases(t *testing.T) {
	e := newEnv(t, manyUsers(38)) // 40 users
	const n = 40
	cases := []struct {
		query                                string
		count, perPage, page, pages, firstID int
		prev, next                           bool
	}{
		{"", 40, 50, 1, 1, 1, false, false},
		{"per_page=", 40, 50, 1, 1, 1, false, false},           // "" is null: the default
		{"per_page=%20%2020%20", 20, 20, 1, 2, 1, false, true}, // trimmed
		{"per_page=0", 15, 15, 1, 3, 1, false, true},           // falsy: Model::$perPage
		{"per_page=0&page=3", 10, 15, 3, 3, 31, true, false},
		{"per_page=-5", 40, -5, 1, 1, 1, false, false},         // no LIMIT
		{"per_page=-5&page=2", 40, -5, 2, 1, 1, true, false},   // OFFSET max(0, -5)
		{"per_page=1.5&page=2", 1, 1, 2, 27, 2, true, true},    // OFFSET (int)1.5, ceil(40/1.5)
		{"per_page=0.5", 0, 0, 1, 80, 0, false, true},          // LIMIT 0
		{"per_page=1e1&page=4", 10, 10, 4, 4, 31, true, false}, // a numeric string
		{"per_page=%2B7", 7, 7, 1, 6, 1, false, true},          // "+7"
		{"per_page=5&per_page=8", 8, 8, 1, 5, 1, false, true},  // PHP keeps the last
		{"per_page=10&page=0", 10, 10, 1, 4, 1, false, true},   // not ≥ 1
		{"per_page=10&page=-2", 10, 10, 1, 4, 1, false, true},
		{"per_page=10&page=abc", 10, 10, 1, 4, 1, false, true}, // not an integer
		{"per_page=10&page=2.5", 10, 10, 1, 4, 1, false, true},
		{"per_page=10&page=02", 10, 10, 1, 4, 1, false, true},   // FILTER_VALIDATE_INT refuses a leading 0
		{"per_page=10&page=%2B2", 10, 10, 2, 4, 11, true, true}, // but takes "+2"
		{"per_page=10&page=2&page=3", 10, 10, 3, 4, 21, true, true},
		{"per_page=10&page[]=3", 10, 10, 1, 4, 1, false, true},
		{"per_page=10&page=99", 0, 10, 99, 4, 0, true, false},
		{"per_page=10&page=9223372036854775808", 10, 10, 1, 4, 1, false, true}, // past PHP_INT_MAX
		{"per_page=%C2%A010%E2%80%8B&page=2", 10, 10, 2, 4, 11, true, true},    // Str::trim: NBSP, U+200B
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			r := e.get("/users?" + tc.query)
			wantPagination(t, r, n, tc.count, tc.perPage, tc.page, tc.pages, tc.prev, tc.next)
			if ids := dataIDs(r); tc.count > 0 && (len(ids) == 0 || ids[0] != tc.firstID) {
				t.Errorf("ids %v, want from %d", ids, tc.firstID)
			}
		})
	}

	for query, code := range map[string]string{
		"per_page=00":       "DivisionByZeroError", // truthy, then total / 0
		"per_page=-0":       "DivisionByZeroError",
		"per_page=0.0":      "DivisionByZeroError",
		"per_page=5abc":     "ErrorException", // "A non-numeric value encountered", made an exception
		"per_page=1e":       "ErrorException",
		"per_page=lots":     "TypeError",      // "Unsupported operand types"
		"per_page=0x10":     "ErrorException", // "0" and then more: leading-numeric
		"per_page=.":        "TypeError",
		"per_page[]=5":      "TypeError",
		"per_page[a]=5":     "TypeError",
		"per_page=-":        "TypeError",
		"per_page=abc&page": "TypeError",
	} {
		t.Run(query, func(t *testing.T) {
			wantError(t, e.get("/users?"+query), http.StatusInternalServerError, code,
				"An unexpected error was encountered while processing this request, please try again.")
		})
	}
	t.Run("the same on an empty result", func(t *testing.T) {
		wantError(t, e.get("/users?filter[email]=nobody&per_page=lots"), http.StatusInternalServerError, "TypeError", "")
		wantError(t, e.get("/users?filter[email]=nobody&per_page=00"), http.StatusInternalServerError, "DivisionByZeroError", "")
		wantPagination(t, e.get("/users?filter[email]=nobody&per_page=-5"), 0, 0, -5, 1, 1, false, false)
	})

	t.Run("links carry only the page", func(t *testing.T) {
		r := e.get("/users?per_page=10&page=2&filter[email]=example&include=servers&sort=id")
		links, _ := pagination(r)["links"].(map[string]any)
		if links["previous"] != e.srv.URL+appBase+"/users?page=1" || links["next"] != e.srv.URL+appBase+"/users?page=3" {
			t.Errorf("links %v", links)
		}
	})
	t.Run("every paginated list reads per_page alike", func(t *testing.T) {
		for _, path := range []string{"/servers", "/nodes", "/locations", "/nodes/1/allocations"} {
			total := num(e.get(path).at("meta.pagination.total"))
			wantPagination(t, e.get(path+"?per_page=0"), total, min(total, 15), 15, 1, 1, false, false)
			wantError(t, e.get(path+"?per_page=x"), http.StatusInternalServerError, "TypeError", "")
		}
	})
}

// TestListPerPageIntParameter: the nests list and /nodes/deployable pass per_page through an
// int parameter first (EloquentRepository::paginated(int $perPage), FindViableNodesService::
// handle(?int $perPage, ?int $page)), so a fraction is cut and 0 is Model::$perPage.
func TestListPerPageIntParameter(t *testing.T) {
	e := newEnv(t)
	nests := num(e.get("/nests").at("meta.pagination.total"))
	wantPagination(t, e.get("/nests?per_page=1.9"), nests, 1, 1, 1, nests, false, true)
	wantPagination(t, e.get("/nests?per_page=0.5"), nests, nests, 15, 1, 1, false, false)
	wantPagination(t, e.get("/nests?per_page=00"), nests, nests, 15, 1, 1, false, false)
	wantPagination(t, e.get("/nests?per_page=-1"), nests, nests, -1, 1, 1, false, false)
	wantError(t, e.get("/nests?per_page=abc"), http.StatusInternalServerError, "TypeError", "")

	deployable := "/nodes/deployable?memory=1&disk=1"
	if r := e.get(deployable + "&page="); has(r.body, "meta") {
		t.Errorf("page= (null) paginated the answer: %s", r.raw)
	}
	wantPagination(t, e.get(deployable+"&page=1&per_page=1"), 2, 1, 1, 1, 2, false, true)
	wantPagination(t, e.get(deployable+"&page=2.7&per_page=1"), 2, 1, 1, 2, 2, true, false)
	wantPagination(t, e.get(deployable+"&page=-4&per_page=1"), 2, 1, 1, 1, 2, false, true)
	wantPagination(t, e.get(deployable+"&page=1&per_page=0"), 2, 2, 15, 1, 1, false, false)
	wantError(t, e.get(deployable+"&page=3&per_page=1"), http.StatusBadRequest, "NoViableNodeException", "")
	wantError(t, e.get(deployable+"&page=x"), http.StatusInternalServerError, "TypeError", "")
	wantError(t, e.get(deployable+"&per_page=x"), http.StatusInternalServerError, "TypeError", "")
}

// TestListFilterValues: spatie's filter value handling.
func TestListFilterValues(t *testing.T) {
	e := newEnv(t, manyUsers(3)) // admin, player, user003…user005
	for query, want := range map[string]string{
		"filter[username]=admin,":                        "[1]",         // empty values are dropped
		"filter[username]=,":                             "[1 2 3 4 5]", // so this is no filter
		"filter[username]=admin&filter[username]=player": "[2]",         // PHP keeps the last
		"filter[username]=USER00&filter[email]=005":      "[5]",
		"filter[username]=user003,,user004&sort=-id":     "[4 3]",
	} {
		t.Run(query, func(t *testing.T) {
			r := e.get("/users?" + query)
			wantStatus(t, r, http.StatusOK)
			if got := fmt.Sprint(dataIDs(r)); got != want {
				t.Errorf("ids %s, want %s", got, want)
			}
		})
	}
}

// TestListsFollowWrites: what lists show after each kind of write, read between writes (the
// simulator indexes the rows a GET reads; every write must show in the next read).
func TestListsFollowWrites(t *testing.T) {
	e := newEnv(t)
	const inc = "?include=allocations,user,node,databases"
	id := e.createServer(serverBody("follow", 1))
	path := fmt.Sprintf("/servers/%d", id)
	allocIDs := func(r *response, where string) string {
		var ids []int
		list, _ := r.at(where).([]any)
		for _, a := range list {
			ids = append(ids, num(at(a, "attributes.id")))
		}
		return fmt.Sprint(ids)
	}
	r := e.get("/servers" + inc)
	if got := allocIDs(r, "data.0.attributes.relationships.allocations.data"); got != "[1]" {
		t.Fatalf("allocations %s", got)
	}
	if num(e.get("/nodes/1").at("attributes.allocated_resources.memory")) != 1024 {
		t.Errorf("node 1 allocated %s", e.get("/nodes/1").raw)
	}

	build := buildBody(1, 2048)
	build["add_allocations"] = []int{2, 3}
	wantStatus(t, e.patch(path+"/build", build), http.StatusOK)
	r = e.get(path + inc)
	if got := allocIDs(r, "attributes.relationships.allocations.data"); got != "[1 2 3]" {
		t.Errorf("after add_allocations: %s", got)
	}
	if num(r.at("attributes.relationships.node.attributes.allocated_resources.memory")) != 2048 {
		t.Errorf("node include after the build: %v", r.at("attributes.relationships.node.attributes.allocated_resources"))
	}
	build = buildBody(1, 2048)
	build["remove_allocations"] = []int{2}
	wantStatus(t, e.patch(path+"/build", build), http.StatusOK)
	if got := allocIDs(e.get("/servers"+inc), "data.0.attributes.relationships.allocations.data"); got != "[1 3]" {
		t.Errorf("after remove_allocations: %s", got)
	}
	if got := e.get("/nodes/1/allocations?filter[server_id]=x"); fmt.Sprint(dataIDs(got)) != "[2 4 5 6 7 8 9 10]" {
		t.Errorf("unassigned after the removal: %v", dataIDs(got))
	}

	details := map[string]any{"name": "follow", "user": playerID}
	wantStatus(t, e.patch(path+"/details", details), http.StatusOK)
	if got := e.get("/users/2?include=servers").at("attributes.relationships.servers.data.0.attributes.id"); num(got) != id {
		t.Errorf("player's servers after the owner change: %v", got)
	}
	if got := e.get("/users/1?include=servers").at("attributes.relationships.servers.data"); len(got.([]any)) != 0 {
		t.Errorf("admin still owns %v", got)
	}

	wantStatus(t, e.post(path+"/databases", map[string]any{"database": "main", "remote": "%", "host": dbHostID}), http.StatusCreated)
	if got := e.get(path + inc).at("attributes.relationships.databases.data"); len(got.([]any)) != 1 {
		t.Errorf("databases after a create: %v", got)
	}

	wantStatus(t, e.del(path+"/force"), http.StatusNoContent)
	r = e.get("/nodes/1?include=allocations")
	for _, a := range r.at("attributes.relationships.allocations.data").([]any) {
		if at(a, "attributes.assigned") != false {
			t.Errorf("allocation %v still assigned", at(a, "attributes.id"))
		}
	}
	if num(r.at("attributes.allocated_resources.memory")) != 0 {
		t.Errorf("node 1 still allocated %v", r.at("attributes.allocated_resources"))
	}
	if got := e.get("/users/2?include=servers").at("attributes.relationships.servers.data"); len(got.([]any)) != 0 {
		t.Errorf("player still owns %v", got)
	}
}
