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
	"encoding/json"
	"net/http"
	"strconv"
	"testing"
)

// pagedServers serves total servers, perPage at a time, honouring ?page.
func pagedServers(total, perPage int) func(int, *http.Request) reply {
	return func(_ int, r *http.Request) reply {
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		if page < 1 {
			page = 1
		}
		var attrs []string
		for id := (page-1)*perPage + 1; id <= min(total, page*perPage); id++ {
			attrs = append(attrs, serverAttrs(id))
		}
		return reply{body: listJSON("server", attrs, page, perPage, total)}
	}
}

func TestListAllCollectsEveryPage(t *testing.T) {
	p := newFakePanel(t, pagedServers(7, 3))
	c, _ := newTestClient(t, p)
	got, err := c.Servers.ListAll(context.Background(), &ListOptions{PerPage: 3, Include: []string{"allocations"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 7 {
		t.Fatalf("%d servers, want 7", len(got))
	}
	for i, s := range got {
		if s.ID != i+1 {
			t.Fatalf("server %d has id %d", i, s.ID)
		}
	}
	reqs := p.requests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests, want 3", len(reqs))
	}
	for i, r := range reqs {
		q := r.Query
		if q.Get("page") != strconv.Itoa(i+1) || q.Get("per_page") != "3" || q.Get("include") != "allocations" {
			t.Fatalf("request %d query %v", i, q)
		}
	}
}

func TestIteratorStopsEarlyAndReportsErrors(t *testing.T) {
	p := newFakePanel(t, pagedServers(10, 2))
	c, _ := newTestClient(t, p)
	n := 0
	for s, err := range c.Servers.All(context.Background(), &ListOptions{PerPage: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		if s.ID == 3 {
			break
		}
	}
	if n != 3 || len(p.requests()) != 2 {
		t.Fatalf("read %d servers over %d requests; want 3 over 2", n, len(p.requests()))
	}

	fail := newFakePanel(t, func(i int, r *http.Request) reply {
		if r.URL.Query().Get("page") == "2" {
			return reply{status: 403, body: `{"errors":[{"code":"AccessDeniedHttpException","status":"403","detail":"This action is unauthorized."}]}`}
		}
		return pagedServers(4, 2)(i, r)
	})
	c, _ = newTestClient(t, fail)
	var errs []error
	for _, err := range c.Users.All(context.Background(), &ListOptions{PerPage: 2}) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) != 1 || !IsForbidden(errs[0]) {
		t.Fatalf("errors %v", errs)
	}
	if _, err := c.Users.ListAll(context.Background(), nil); !IsForbidden(err) {
		t.Fatalf("ListAll error %v", err)
	}
}

func TestListAllStopsWhenThePanelIgnoresPage(t *testing.T) {
	// A proxy that drops the query string would return page 1 forever.
	p := newFakePanel(t, always(200, listJSON("user", []string{userAttrs}, 1, 1, 5)))
	c, _ := newTestClient(t, p)
	got, err := c.Users.ListAll(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.requests()) > 2 || len(got) > 2 {
		t.Fatalf("%d requests for a panel that ignores page", len(p.requests()))
	}
}

func TestOtherListAllMethods(t *testing.T) {
	ctx := context.Background()
	check := func(name string, n int, err error) {
		t.Helper()
		if err != nil || n != 3 {
			t.Fatalf("%s: %d items, %v", name, n, err)
		}
	}
	two := func(object, attrs string) func(int, *http.Request) reply {
		return func(_ int, r *http.Request) reply {
			page, _ := strconv.Atoi(r.URL.Query().Get("page"))
			items := []string{attrs, attrs}
			if page == 2 {
				items = items[:1]
			}
			return reply{body: listJSON(object, items, page, 2, 3)}
		}
	}
	p := newFakePanel(t, two("user", userAttrs))
	c, _ := newTestClient(t, p)
	u, err := c.Users.ListAll(ctx, nil)
	check("users", len(u), err)

	p = newFakePanel(t, two("location", locationAttrs))
	c, _ = newTestClient(t, p)
	l, err := c.Locations.ListAll(ctx, nil)
	check("locations", len(l), err)

	p = newFakePanel(t, two("node", nodeAttrs))
	c, _ = newTestClient(t, p)
	n, err := c.Nodes.ListAll(ctx, nil)
	check("nodes", len(n), err)

	p = newFakePanel(t, two("allocation", allocationAttrs))
	c, _ = newTestClient(t, p)
	a, err := c.Allocations.ListAll(ctx, 2, nil)
	check("allocations", len(a), err)
	if p.requests()[1].Path != "/api/application/nodes/2/allocations" {
		t.Fatalf("allocation path %s", p.requests()[1].Path)
	}

	p = newFakePanel(t, two("nest", nestAttrs))
	c, _ = newTestClient(t, p)
	ns, err := c.Nests.ListAll(ctx, nil)
	check("nests", len(ns), err)
}

func TestLinksDecodeFromObjectOrArray(t *testing.T) {
	for _, in := range []string{`{}`, `[]`, `null`, `{"next":"https://x/?page=2"}`} {
		var p Pagination
		if err := json.Unmarshal([]byte(`{"total":1,"links":`+in+`}`), &p); err != nil {
			t.Fatalf("links %s: %v", in, err)
		}
		if in[0] == '{' && len(in) > 2 && p.Links.Next != "https://x/?page=2" {
			t.Fatalf("next = %q", p.Links.Next)
		}
	}
}
